// Rows 1 and 2: what the hook adds to one call on the app's path, timed in samples of many
// calls inside one task each, so the hook's batching (a timer task) is never inside a sample.
import { formatSigned, formatValue } from "../format";
import type { Measurement } from "../row";
import type { BenchEnv } from "./env";
import { closePages, interleavedRuns, medianAndP95, openHookPages, RUNS } from "./compare";

const SAMPLES = 100;

export async function addedCallCost(
  env: BenchEnv,
  direction: "timeInbound" | "timeOutbound",
  callsPerSample: number,
): Promise<Measurement> {
  const pages = await openHookPages(env, "extension");
  try {
    const options = { direction, callsPerSample, samples: SAMPLES };
    const runs = await interleavedRuns(pages, (page) =>
      page.evaluate(async ({ direction, ...sampling }) => (await window.hookBench[direction](sampling)).perCallUs, options),
    );
    const without = medianAndP95(runs.baseline);
    const withExtension = medianAndP95(runs.measured);
    const added = withExtension.median - without.median;
    const p95Added = withExtension.p95 - without.p95;
    return {
      value: added,
      unit: "µs",
      detail:
        `p95 ${formatSigned(p95Added)} µs; per call without ${formatValue(without.median)} (p95 ${formatValue(without.p95)}), ` +
        `with ${formatValue(withExtension.median)} (p95 ${formatValue(withExtension.p95)}) µs; ` +
        `medians of ${RUNS} runs × ${SAMPLES} samples of ${callsPerSample} calls`,
      figures: {
        p95Added,
        medianWithout: without.median,
        medianWith: withExtension.median,
        p95Without: without.p95,
        p95With: withExtension.p95,
      },
    };
  } finally {
    await closePages(pages);
  }
}
