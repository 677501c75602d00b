// Rows 1 and 2: what the hook adds to one call on the app's path, timed in samples of many
// calls inside one task each, so the hook's batching (a timer task) is never inside a sample.
import { formatSigned, formatValue } from "../format";
import type { Measurement } from "../row";
import type { BenchEnv } from "./env";
import { median, percentile } from "../stats";
import { closePages, interleavedRuns, medianAndP95, openHookPages } from "./compare";

const SAMPLES = 100;
/**
 * More runs than other rows: a run's own median moves by ±1 µs from one run to the next on
 * this 2-core machine (the outbound baseline alternates between ~3.5 and ~5 µs per call), on
 * both sides alike, which is more than the effect measured. Each run is paired with the
 * baseline run next to it in time, and the figure is the median of those paired differences.
 */
const RUNS = 15;

export async function addedCallCost(
  env: BenchEnv,
  direction: "timeInbound" | "timeOutbound",
  callsPerSample: number,
): Promise<Measurement> {
  const pages = await openHookPages(env, "extension");
  try {
    const options = { direction, callsPerSample, samples: SAMPLES };
    const runs = await interleavedRuns(
      pages,
      (page) =>
        page.evaluate(
          async ({ direction, ...sampling }) => (await window.hookBench[direction](sampling)).perCallUs,
          options,
        ),
      RUNS,
    );
    const without = medianAndP95(runs.baseline);
    const withExtension = medianAndP95(runs.measured);
    const pairedAdded = runs.measured.map((samples, run) => median(samples) - median(runs.baseline[run]));
    const added = median(pairedAdded);
    const [firstQuartile, thirdQuartile] = [percentile(pairedAdded, 25), percentile(pairedAdded, 75)];
    const p95Added = withExtension.p95 - without.p95;
    return {
      value: added,
      unit: "µs",
      detail:
        `paired runs' added cost: quartiles ${formatSigned(firstQuartile)} … ${formatSigned(thirdQuartile)} µs; ` +
        `p95 ${formatSigned(p95Added)} µs; per call without ${formatValue(without.median)} (p95 ${formatValue(without.p95)}), ` +
        `with ${formatValue(withExtension.median)} (p95 ${formatValue(withExtension.p95)}) µs; ` +
        `medians of ${RUNS} runs × ${SAMPLES} samples of ${callsPerSample} calls`,
      figures: {
        p95Added,
        addedFirstQuartile: firstQuartile,
        addedThirdQuartile: thirdQuartile,
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
