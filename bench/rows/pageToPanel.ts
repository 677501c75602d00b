// The bridge, end to end: 1 KB messages delivered to a real PipecatClient's
// `transport._onMessage` in a bench page, captured by the hook, and carried by the relay and
// the background to a panel's Port (support/panelPort.ts). Two rows: the highest rate that
// goes through with nothing lost, and the latency at a steady 1 000 msg/s.
import type { Page } from "playwright-core";
import { formatValue } from "../format";
import type { PacedFeed } from "../page/api";
import { atLeast, atMost, type Row } from "../row";
import { median, percentile } from "../stats";
import { RUNS } from "../support/compare";
import type { BenchEnv } from "../support/env";
import { PanelPort, type Arrivals } from "../support/panelPort";

/** Offered rates, msg/s, stepped up until one is not sustained: finer around the target. */
const STEP_RATES = [10_000, 20_000, 25_000, 30_000, 35_000, 40_000, 50_000, 60_000, 80_000, 100_000];
const STEP_MS = 3000;
/** A step is sustained only if its last message arrives this soon after it was sent. */
const CATCH_UP_MS = 500;
/** A step counts as offered only if the page delivered at this share of its rate or more. */
const PACE_TOLERANCE = 0.95;
/** How long what arrives late may take before it counts as lost. */
const DRAIN_MS = 30_000;
/** Stepping is long (up to half a minute): fewer repetitions than other rows. */
const THROUGHPUT_REPETITIONS = 3;

const LATENCY_RATE = 1000;
const LATENCY_MS = 3000;

interface Step {
  rate: number;
  /** What the page achieved: (sent − 1) over the time from first to last. */
  offeredRate: number;
  sent: number;
  /** From the last send to the last arrival, ms. */
  lagMs: number;
  /** Within CATCH_UP_MS of the last send. */
  inTime: Arrivals;
  /** Once everything late had DRAIN_MS to arrive. */
  drained: Arrivals;
  sustained: boolean;
}

/** Opens a bench page with its client ready in the extension's browser, followed by `panel`. */
async function openFollowedPage(env: BenchEnv, panel: PanelPort): Promise<Page> {
  const page = await env.openPage("hook", { browser: "extension" });
  await page.evaluate(() => window.hookBench.ready);
  await panel.follow(page);
  return page;
}

function pace(page: Page, rate: number, durationMs: number): Promise<PacedFeed> {
  return page.evaluate((options) => window.hookBench.paceInbound1kb(options), { rate, durationMs });
}

/** Everything the step sent must arrive before the next step starts, so a late step never counts toward the next. */
async function runStep(page: Page, panel: PanelPort, rate: number): Promise<Step> {
  await panel.clear({ timed: false });
  const feed = await pace(page, rate, STEP_MS);
  const inTime = await panel.waitForEvents(feed.sent, feed.lastSentAt + CATCH_UP_MS);
  const drained = inTime.events < feed.sent ? await panel.waitForEvents(feed.sent, feed.lastSentAt + DRAIN_MS) : inTime;
  // The page does nothing else during a step: any other event would be counted as a bench message.
  if (drained.events > feed.sent) throw new Error(`${drained.events} events arrived for ${feed.sent} messages sent`);
  const offeredRate = (feed.sent - 1) / ((feed.lastSentAt - feed.firstSentAt) / 1000);
  return {
    rate,
    offeredRate,
    sent: feed.sent,
    lagMs: drained.lastArrivedAt - feed.lastSentAt,
    inTime,
    drained,
    sustained: offeredRate >= PACE_TOLERANCE * rate && inTime.events === feed.sent,
  };
}

/** Why a step was not sustained, for people. */
function shortfall(step: Step): string {
  const at = `at ${formatValue(step.rate)} msg/s`;
  if (step.offeredRate < PACE_TOLERANCE * step.rate)
    return `${at} the page offered only ${formatValue(step.offeredRate)}`;
  const lost = step.sent - step.drained.events;
  if (lost > 0) return `${at} ${lost} of ${step.sent} never arrived`;
  return `${at} ${step.sent - step.inTime.events} arrived late, the last ${formatValue(step.lagMs)} ms after the last was sent`;
}

/** One repetition on a fresh page: steps up the rate until one is not sustained. */
async function stepUp(env: BenchEnv, panel: PanelPort, rates: readonly number[]): Promise<Step[]> {
  const page = await openFollowedPage(env, panel);
  try {
    const steps: Step[] = [];
    for (const rate of rates) {
      const step = await runStep(page, panel, rate);
      steps.push(step);
      if (!step.sustained) break;
    }
    return steps;
  } finally {
    await page.close();
  }
}

export const pageToPanelThroughputRow: Row = {
  name: "page → panel throughput 1 KB, none lost",
  target: atLeast(30_000, "msg/s"),
  async measure(env) {
    const panel = await PanelPort.open(env);
    try {
      await stepUp(env, panel, STEP_RATES.slice(0, 1)); // warm-up
      const repetitions: Step[][] = [];
      for (let i = 0; i < THROUGHPUT_REPETITIONS; i++) repetitions.push(await stepUp(env, panel, STEP_RATES));
      const sustained = repetitions.map((steps) => steps.filter((step) => step.sustained).at(-1));
      const best = sustained.map((step) => step?.rate ?? 0);
      const outcomes = repetitions.map((steps, i) => {
        const last = steps.at(-1)!;
        const reached = sustained[i]
          ? `${formatValue(sustained[i].rate)} (last arrival ${formatValue(sustained[i].lagMs)} ms after the last send)`
          : "none";
        return `${reached}, ${last.sustained ? "the highest step" : shortfall(last)}`;
      });
      const evicted = Math.max(...repetitions.flat().map((step) => step.drained.dropped));
      return {
        value: median(best),
        unit: "msg/s",
        detail:
          `median of ${THROUGHPUT_REPETITIONS} repetitions, steps of ${STEP_MS / 1000} s: ${outcomes.join("; ")}` +
          (evicted > 0
            ? `; the background reported up to ${evicted} events of a step dropped from its tab buffer (evicted, after being delivered to this Port)`
            : ""),
        figures: Object.fromEntries(best.map((rate, i) => [`repetition${i + 1}`, rate])),
      };
    } finally {
      await panel.close();
    }
  },
};

export const pageToPanelLatencyRow: Row = {
  name: "page → panel latency p95 at 1000 msg/s",
  target: atMost(50, "ms"),
  async measure(env) {
    const panel = await PanelPort.open(env);
    try {
      const page = await openFollowedPage(env, panel);
      try {
        const runs: { p50: number; p95: number }[] = [];
        for (let run = 0; run <= RUNS; run++) {
          await panel.clear({ timed: true });
          const feed = await pace(page, LATENCY_RATE, LATENCY_MS);
          const arrivals = await panel.waitForEvents(feed.sent, feed.lastSentAt + DRAIN_MS);
          if (arrivals.events !== feed.sent) throw new Error(`${arrivals.events} of ${feed.sent} messages arrived`);
          const latencies = await panel.latencies();
          if (run > 0) runs.push({ p50: percentile(latencies, 50), p95: percentile(latencies, 95) });
        }
        const p50 = median(runs.map((run) => run.p50));
        const p95 = median(runs.map((run) => run.p95));
        return {
          value: p95,
          unit: "ms",
          detail:
            `p50 ${formatValue(p50)} ms; from the hook's capture (its \`t\`) to the batch's arrival at the panel's Port; ` +
            `${(LATENCY_RATE * LATENCY_MS) / 1000} messages per run, medians of ${RUNS} runs`,
          figures: { p50 },
        };
      } finally {
        await page.close();
      }
    } finally {
      await panel.close();
    }
  },
};
