// A page's main-thread busy time, from CDP's Performance metrics (TaskDuration): what a page
// spent working, whichever tasks and microtasks the work landed in.
import type { CDPSession } from "playwright-core";

/** The page's busy time so far, ms; the session must have `Performance.enable`d. */
export async function busyMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send("Performance.getMetrics");
  const taskDuration = metrics.find((metric) => metric.name === "TaskDuration");
  if (!taskDuration) throw new Error("No TaskDuration metric");
  return taskDuration.value * 1000;
}
