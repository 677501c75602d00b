// The panel itself at 100 000 messages: the extension's real panel page (panel/index.html,
// its store, its virtualized grid) in a tab of the extension's browser, following a bench
// page's tab as a panel opened outside DevTools does (it picks the tab by its button), while
// the page's real PipecatClient takes 100 000 inbound 1 KB messages through the hook, the
// relay and the background. Three rows from one run, made once and shared:
// - ingest: the panel's main-thread busy time (CDP Performance metrics, TaskDuration) from
//   the first message sent until its status says every message is there; the wall time is
//   in the detail (the bridge's pace sets it);
// - regex filter: typing a /regex/ into the filter searchbox until the grid is rendered and
//   laid out (input event, Preact's render, layout), median over alternating patterns;
// - memory: the panel page's JS heap after a forced garbage collection, all rows kept.
import type { Page } from "playwright-core";
import { formatValue } from "../format";
import { atMost, type Measurement, type Row } from "../row";
import { median } from "../stats";
import type { BenchEnv } from "../support/env";
import { busyMs } from "../support/busyTime";

const MESSAGES = 100_000;
/** What the bridge sustains with room to spare (the throughput row): the panel is the part measured. */
const FEED_RATE = 20_000;
const INGEST_TIMEOUT_MS = 120_000;
/** Each pattern scans every row's JSON; they alternate so each change is a real one. */
const PATTERNS = [
  '/"text":"t1\\d{3} lorem/',
  "/bot-llm-(text|started)/",
  '/ipsum dolor sit amet"\\}\\}$/',
  '/"id":"0000c3[0-9a-f]{2}"/',
];
const FILTER_REPEATS = 3;
/** What the App measures around its own filtering (panel/App.tsx): the detail splits the figure with it. */
const FILTER_MEASURE = "pipecat-devtools:filter";

/** The bridge's throughput target: the panel must take messages as fast as they can come. */
const INGEST_TARGET = atMost(Math.round((MESSAGES / 30_000) * 1000), "ms");
const FILTER_TARGET = atMost(50, "ms");
const MEMORY_TARGET = atMost(200, "MB");

interface PanelRun {
  ingest: Measurement;
  filter: Measurement;
  memory: Measurement;
}

let shared: Promise<PanelRun> | undefined;

function statusCount(panel: Page): Promise<number> {
  return panel.evaluate(() =>
    Number(/(\d+) messages/.exec(document.querySelector("[role=status]")?.textContent ?? "")?.[1] ?? Number.NaN),
  );
}

async function openFollowingPanel(env: BenchEnv, benchPage: Page): Promise<Page> {
  const session = (await env.browserPair()).extension;
  const panel = await session.ctx.newPage();
  await panel.goto(`chrome-extension://${session.extensionId}/panel/index.html`);
  const inspect = panel.getByRole("button", { name: `Inspect ${benchPage.url()}` });
  await inspect.waitFor({ timeout: 10_000 });
  await inspect.click();
  await panel.getByLabel("Clients").filter({ hasText: "ready" }).waitFor({ timeout: 10_000 });
  return panel;
}

/** Types `text` into the filter and waits until the grid shows its result, laid out: ms. */
function timeFilterChange(panel: Page, text: string): Promise<{ totalMs: number; filterMs: number; shown: number }> {
  return panel.evaluate(
    async ({ text, measureName }) => {
      const input = document.querySelector<HTMLInputElement>('input[type="search"]')!;
      const start = performance.now();
      input.value = text;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      // Preact renders in a microtask after the event; a task later it is committed.
      await new Promise((resolve) => setTimeout(resolve, 0));
      void document.body.getBoundingClientRect();
      const totalMs = performance.now() - start;
      const filterMs = performance.getEntriesByName(measureName, "measure").at(-1)?.duration ?? Number.NaN;
      const shown = Number(
        /(\d+) shown/.exec(document.querySelector("[role=status]")?.textContent ?? "")?.[1] ?? Number.NaN,
      );
      return { totalMs, filterMs, shown };
    },
    { text, measureName: FILTER_MEASURE },
  );
}

async function runOnce(env: BenchEnv): Promise<PanelRun> {
  const benchPage = await env.openPage("hook", { browser: "extension" });
  let panel: Page | undefined;
  try {
    await benchPage.evaluate(() => window.hookBench.ready);
    const following = await openFollowingPanel(env, benchPage);
    panel = following;
    const before = await statusCount(panel);
    const cdp = await panel.context().newCDPSession(panel);
    await cdp.send("Performance.enable", { timeDomain: "threadTicks" });

    const busyBefore = await busyMs(cdp);
    const started = Date.now();
    const feed = benchPage.evaluate((options) => window.hookBench.paceInbound1kb(options), {
      rate: FEED_RATE,
      durationMs: (MESSAGES / FEED_RATE) * 1000,
    });
    await panel
      .waitForFunction(
        (expected) =>
          Number(/(\d+) messages/.exec(document.querySelector("[role=status]")?.textContent ?? "")?.[1]) >= expected,
        before + MESSAGES,
        { timeout: INGEST_TIMEOUT_MS, polling: 50 },
      )
      .catch(async () => {
        // Say how far it got and what the panel says of the rest (dropped, evicted), not just "timeout".
        const shown = (await statusCount(following)) - before;
        const status = await following.evaluate(() => document.querySelector("[role=status]")?.textContent ?? "");
        throw new Error(
          `${INGEST_TIMEOUT_MS / 1000} s after the first was sent the panel shows ${shown} of ${MESSAGES}; its status: "${status}"`,
        );
      });
    const wallMs = Date.now() - started;
    const busy = (await busyMs(cdp)) - busyBefore;
    const { sent } = await feed;
    const count = await statusCount(panel);
    if (sent !== MESSAGES || count !== before + MESSAGES) {
      throw new Error(`The panel shows ${count - before} of ${sent} messages sent`);
    }
    const statusText = await panel.evaluate(() => document.querySelector("[role=status]")?.textContent ?? "");

    const filterRuns: { totalMs: number; filterMs: number; shown: number }[] = [];
    await timeFilterChange(panel, ""); // warm-up
    for (let repeat = 0; repeat < FILTER_REPEATS; repeat++) {
      for (const pattern of PATTERNS) filterRuns.push(await timeFilterChange(panel, pattern));
    }
    await timeFilterChange(panel, "");
    const shownRange = filterRuns.map((run) => run.shown);

    await cdp.send("HeapProfiler.collectGarbage");
    const heap = await cdp.send("Runtime.getHeapUsage");
    const dom = await cdp.send("Memory.getDOMCounters");
    await cdp.detach();

    const heapMb = heap.usedSize / (1024 * 1024);
    return {
      ingest: {
        value: busy,
        unit: "ms",
        detail:
          `panel main-thread busy ${formatValue(busy)} ms for ${MESSAGES} messages of 1 KB ` +
          `(${formatValue((busy * 1000) / MESSAGES)} µs each); all shown ${formatValue(wallMs)} ms after the first was sent ` +
          `at ${FEED_RATE} msg/s; status "${statusText}"`,
        figures: { busyMs: busy, wallMs, usPerMessage: (busy * 1000) / MESSAGES },
      },
      filter: {
        value: median(filterRuns.map((run) => run.totalMs)),
        unit: "ms",
        detail:
          `input to grid laid out, median of ${filterRuns.length} changes over ${PATTERNS.length} patterns ` +
          `(max ${formatValue(Math.max(...filterRuns.map((run) => run.totalMs)))} ms); of which filtering ` +
          `${formatValue(median(filterRuns.map((run) => run.filterMs)))} ms; ${Math.min(...shownRange)}–${Math.max(...shownRange)} rows shown`,
        figures: {
          medianMs: median(filterRuns.map((run) => run.totalMs)),
          maxMs: Math.max(...filterRuns.map((run) => run.totalMs)),
          filterOnlyMs: median(filterRuns.map((run) => run.filterMs)),
        },
      },
      memory: {
        value: heapMb,
        unit: "MB",
        detail:
          `JS heap after GC with ${MESSAGES + before} messages kept (${formatValue(heap.usedSize / (MESSAGES + before))} B each, ` +
          `1 KB of JSON in each); heap total ${formatValue(heap.totalSize / (1024 * 1024))} MB; ${dom.nodes} DOM nodes`,
        figures: { usedMb: heapMb, totalMb: heap.totalSize / (1024 * 1024), domNodes: dom.nodes },
      },
    };
  } finally {
    await panel?.close();
    await benchPage.close();
  }
}

function panelRun(env: BenchEnv): Promise<PanelRun> {
  shared ??= runOnce(env);
  return shared;
}

export const panelIngestRow: Row = {
  name: `panel ingest ${MESSAGES} messages 1 KB (main-thread time)`,
  target: INGEST_TARGET,
  measure: async (env) => (await panelRun(env)).ingest,
};

export const panelFilterRow: Row = {
  name: `panel regex filter over ${MESSAGES} (per change)`,
  target: FILTER_TARGET,
  measure: async (env) => (await panelRun(env)).filter,
};

export const panelMemoryRow: Row = {
  name: `panel memory at ${MESSAGES}`,
  target: MEMORY_TARGET,
  measure: async (env) => (await panelRun(env)).memory,
};
