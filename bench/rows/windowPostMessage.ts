// Reference: how fast this machine moves 1 KB objects through window.postMessage within one
// page, in the plain browser (the extension's relay listens to window messages too).
import type { Row } from "../row";
import { medianOfRuns, RUNS } from "../support/compare";

const COUNT = 20_000;

export const windowPostMessageRow: Row = {
  name: "window.postMessage 1 KB, within one page (ref)",
  async measure(env) {
    const page = await env.openPage("hook", { browser: "plain" });
    try {
      const rate = await medianOfRuns(page, () =>
        page.evaluate((count) => window.hookBench.windowPostMessageRate({ count }), COUNT),
      );
      return {
        value: rate,
        unit: "msg/s",
        detail: `${COUNT} parsed-JSON objects posted in one task; median of ${RUNS} runs`,
      };
    } finally {
      await page.close();
    }
  },
};
