// Runs the same measurement on a baseline page and on the page being measured.
import type { Page } from "playwright-core";
import { median, percentile } from "../stats";
import type { BenchEnv } from "./env";

/** The same thing twice: on the baseline page (no hook) and on the measured one. */
export interface Compared<T> {
  baseline: T;
  measured: T;
}

export type Side = keyof Compared<unknown>;
const SIDES: readonly Side[] = ["baseline", "measured"];

/** Runs per side whose medians are reported, after one warm-up run each. */
export const RUNS = 5;

/** How long the hook's last batch and the relay need after a run, at most (the hook flushes 10 ms after a message). */
const PAGE_SETTLE_MS = 50;

/**
 * Waits until a run's traffic has gone through: the hook's last batch and the relay in the
 * page, then what the extension's service worker has queued, which would otherwise take
 * CPU from the next run (the machine has 2 cores).
 */
async function settle(page: Page): Promise<void> {
  await page.evaluate((ms) => new Promise((resolve) => setTimeout(resolve, ms)), PAGE_SETTLE_MS);
  await page
    .context()
    .serviceWorkers()[0]
    ?.evaluate(() => 0);
}

/** One warm-up run each, then `runs` runs alternating between the two, so drift hits both alike. */
export async function interleavedRuns<T>(
  pages: Compared<Page>,
  runOnce: (page: Page, side: Side) => Promise<T>,
  runs = RUNS,
): Promise<Compared<T[]>> {
  const results: Compared<T[]> = { baseline: [], measured: [] };
  for (let run = 0; run <= runs; run++) {
    for (const side of SIDES) {
      const result = await runOnce(pages[side], side);
      await settle(pages[side]);
      if (run > 0) results[side].push(result);
    }
  }
  return results;
}

/** One warm-up run, then the median of RUNS runs. */
export async function medianOfRuns(page: Page, runOnce: (page: Page) => Promise<number>): Promise<number> {
  const runs: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const result = await runOnce(page);
    await settle(page);
    if (run > 0) runs.push(result);
  }
  return median(runs);
}

/**
 * The hook bench page twice, DevTools closed, clients ready: baseline in the plain browser;
 * measured with the whole extension, or with the hook alone (see PageSetup.hookOnly).
 */
export async function openHookPages(env: BenchEnv, measured: "extension" | "hookOnly"): Promise<Compared<Page>> {
  const pages: Compared<Page> = {
    baseline: await env.openPage("hook", { browser: "plain" }),
    measured: await env.openPage(
      "hook",
      measured === "extension" ? { browser: "extension" } : { browser: "plain", hookOnly: true },
    ),
  };
  for (const side of SIDES) {
    await pages[side].evaluate(() => window.hookBench.ready);
    const adopted = await pages[side].evaluate(() => window.hookBench.transportAdopted());
    if (adopted !== (side === "measured")) {
      throw new Error(`The hook ${adopted ? "adopted" : "did not adopt"} the transport of the ${side} page`);
    }
  }
  return pages;
}

export async function closePages(pages: Compared<Page>): Promise<void> {
  await Promise.all(SIDES.map((side) => pages[side].close()));
}

/** Per-sample figures of each run, reduced to the median over runs of each run's median and p95. */
export function medianAndP95(runs: number[][]): { median: number; p95: number } {
  return {
    median: median(runs.map((samples) => median(samples))),
    p95: median(runs.map((samples) => percentile(samples, 95))),
  };
}
