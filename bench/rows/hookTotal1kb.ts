// Everything the hook costs the page per message, its batching, serializing and posting
// included: these run in their own timer tasks. Messages are fed back to back, a few per
// task, for about a second, so the hook's 10 ms flushes interleave with them as they would
// with a real stream. Two rows: the hook alone (target ≤ 5 µs, bench/README.md: capture, batching and the
// hook's posting to the relay), and, for reference, the whole extension, where the content
// relay also forwards each batch on a runtime Port, on the page's thread too. That post is
// the bridge's hop (whose targets are throughput and latency, bench/README.md); what it costs per
// byte is Chrome's extension messaging (the runtime Port reference row prices it alone).
import { formatValue } from "../format";
import { atMost, type Row } from "../row";
import { median } from "../stats";
import type { BenchEnv } from "../support/env";
import { closePages, interleavedRuns, openHookPages, RUNS } from "../support/compare";

const TOTAL = 50_000;
const PER_TASK = 10;

async function addedCostPerMessage(env: BenchEnv, measured: "extension" | "hookOnly") {
  const pages = await openHookPages(env, measured);
  try {
    const runs = await interleavedRuns(pages, (page) =>
      page.evaluate((feed) => window.hookBench.feedInbound1kb(feed), { total: TOTAL, perTask: PER_TASK }),
    );
    const without = median(runs.baseline);
    const withHook = median(runs.measured);
    return {
      value: ((withHook - without) * 1000) / TOTAL,
      unit: "µs",
      detail:
        `${TOTAL} messages, ${PER_TASK} per task: without ${formatValue(without)} ms, ` +
        `with ${formatValue(withHook)} ms (medians of ${RUNS} runs)`,
      figures: { elapsedMsWithout: without, elapsedMsWith: withHook },
    };
  } finally {
    await closePages(pages);
  }
}

export const hookTotal1kbRow: Row = {
  name: "hook total cost per 1 KB message (capture to handover)",
  target: atMost(5, "µs"),
  measure: (env) => addedCostPerMessage(env, "hookOnly"),
};

export const extensionTotal1kbRow: Row = {
  name: "extension total per 1 KB message, hook + relay's Port post (ref)",
  measure: (env) => addedCostPerMessage(env, "extension"),
};
