// What the hook's WebSocket wire tap (src/hook/wire/websocket.ts) costs the page per 20 ms
// audio frame, on a real WebSocket (page/wireBench.ts and support/audioBot.ts), against the
// same page in a browser without the extension. The socket is one no hooked client covers,
// so the tap stays on it: the case it exists for (a client the hook could not reach). Once a
// hooked client's socket is covered the tap leaves it: inbound frames then cost nothing and
// outbound ones only the call through the wrapper.
//
// Outbound, the tap runs inside `send`: timed in samples of calls inside one task, as the
// hook rows are. Inbound, it reads the frames' Blobs (the binaryType of Pipecat's WebSocket
// transport) together every 10 ms, asynchronously, so part of its work runs in later tasks and
// microtasks: there the figure is the page's main-thread busy time (CDP Performance metrics,
// TaskDuration) from asking the bot for a burst of frames until the page is idle again,
// with − without, per frame.
import type { CDPSession, Page } from "playwright-core";
import { formatSigned, formatValue } from "../format";
import { atMost, type Row } from "../row";
import { median } from "../stats";
import { closePages, interleavedRuns, medianAndP95, RUNS, type Compared } from "../support/compare";
import type { BenchEnv } from "../support/env";
import { busyMs } from "../support/busyTime";

const SEND = { callsPerSample: 100, samples: 100 };
/** 40 s of a real stream's inbound audio, delivered as fast as the socket carries it. */
const RECEIVE_FRAMES = 2000;
/** The page counts as idle once its busy time grew by less than this over IDLE_POLL_MS. */
const IDLE_GROWTH_MS = 0.5;
const IDLE_POLL_MS = 100;
const IDLE_TIMEOUT_MS = 5000;

/** 1 µs per frame is 100 µs a second for a conversation's 50 frames each way: 0.01 % of a core. */
const TARGET = atMost(1, "µs");

async function openWirePages(env: BenchEnv): Promise<Compared<Page>> {
  const pages: Compared<Page> = {
    baseline: await env.openPage("wire", { browser: "plain" }),
    measured: await env.openPage("wire", { browser: "extension" }),
  };
  for (const [side, page] of Object.entries(pages)) {
    await page.evaluate(() => window.wireBench.ready);
    const tapped = await page.evaluate(() => window.wireBench.sendTapped());
    if (tapped !== (side === "measured"))
      throw new Error(`The wire tap is ${tapped ? "" : "not "}installed in the ${side} page`);
  }
  return pages;
}

export const wireTapOutboundRow: Row = {
  name: "wire-tap cost per outbound WebSocket audio frame (added, median)",
  target: TARGET,
  async measure(env) {
    const pages = await openWirePages(env);
    try {
      const runs = await interleavedRuns(
        pages,
        async (page) => (await page.evaluate((options) => window.wireBench.timeSend(options), SEND)).perCallUs,
      );
      const without = medianAndP95(runs.baseline);
      const withTap = medianAndP95(runs.measured);
      return {
        value: withTap.median - without.median,
        unit: "µs",
        detail:
          `p95 ${formatSigned(withTap.p95 - without.p95)} µs; socket.send(frame) without ${formatValue(without.median)}, ` +
          `with ${formatValue(withTap.median)} µs; medians of ${RUNS} runs × ${SEND.samples} samples of ${SEND.callsPerSample} frames`,
        figures: {
          medianWithout: without.median,
          medianWith: withTap.median,
          p95Without: without.p95,
          p95With: withTap.p95,
        },
      };
    } finally {
      await closePages(pages);
    }
  },
};

async function busyUntilIdle(page: Page, cdp: CDPSession): Promise<number> {
  const deadline = Date.now() + IDLE_TIMEOUT_MS;
  let last = await busyMs(cdp);
  for (;;) {
    await page.waitForTimeout(IDLE_POLL_MS);
    const now = await busyMs(cdp);
    if (now - last < IDLE_GROWTH_MS) return now;
    if (Date.now() > deadline) throw new Error("The page never became idle after a burst of audio frames");
    last = now;
  }
}

export const wireTapInboundRow: Row = {
  name: "wire-tap cost per inbound WebSocket audio frame (added)",
  target: TARGET,
  async measure(env) {
    const pages = await openWirePages(env);
    const cdps = new Map<Page, CDPSession>();
    try {
      for (const page of [pages.baseline, pages.measured]) {
        const cdp = await page.context().newCDPSession(page);
        await cdp.send("Performance.enable", { timeDomain: "threadTicks" });
        cdps.set(page, cdp);
      }
      const runs = await interleavedRuns(pages, async (page) => {
        const cdp = cdps.get(page)!;
        const before = await busyUntilIdle(page, cdp);
        const elapsedMs = await page.evaluate((count) => window.wireBench.receive({ count }), RECEIVE_FRAMES);
        const after = await busyUntilIdle(page, cdp);
        return { busyUs: ((after - before) * 1000) / RECEIVE_FRAMES, elapsedMs };
      });
      const busy = (side: "baseline" | "measured") => median(runs[side].map((run) => run.busyUs));
      const elapsed = (side: "baseline" | "measured") => median(runs[side].map((run) => run.elapsedMs));
      const without = busy("baseline");
      const withTap = busy("measured");
      return {
        value: withTap - without,
        unit: "µs",
        detail:
          `main-thread busy time per frame without ${formatValue(without)}, with ${formatValue(withTap)} µs; ` +
          `${RECEIVE_FRAMES} frames per burst (arrived in ${formatValue(elapsed("baseline"))} ms without, ${formatValue(elapsed("measured"))} ms with); ` +
          `medians of ${RUNS} runs`,
        figures: {
          busyUsWithout: without,
          busyUsWith: withTap,
          burstMsWithout: elapsed("baseline"),
          burstMsWith: elapsed("measured"),
        },
      };
    } finally {
      for (const cdp of cdps.values()) await cdp.detach().catch(() => {});
      await closePages(pages);
    }
  },
};
