// The bench's end-to-end figure: a real app's time to handle a burst of inbound messages
// with the extension loaded and the Pipecat panel open, divided by its time with no
// extension, DevTools open in both. The app is the demo app's client on the real WebSocket
// transport; the bot sends the burst as fast as the socket takes it.
import type { Frame, Page } from "playwright-core";
import { openPanel } from "../../test/e2e/chromium";
import { formatValue } from "../format";
import { KB } from "../page/api";
import { atMost, type Row } from "../row";
import { median } from "../stats";
import { closePages, interleavedRuns, type Compared } from "../support/compare";

const BURST = { count: 1000, bytes: KB };
// A burst's time depends on the browser process (each WebSocket message is a Blob), which
// every process on the 2 cores competes for: runs vary by ±20 %, so take more of them.
const RUNS = 9;
/** client-ready and bot-ready, logged before the first burst. */
const HANDSHAKE_MESSAGES = 2;
const PANEL_CATCH_UP_MS = 30_000;

async function panelMessageCount(panel: Frame): Promise<number> {
  const status = (await panel.getByRole("status").textContent()) ?? "";
  return Number(/(\d+) messages/.exec(status)?.[1] ?? 0);
}

export const endToEndRatioRow: Row = {
  name: "app burst time, extension + panel / no extension (DevTools open)",
  target: atMost(1.1, "×"),
  async measure(env) {
    const browsers = await env.browserPair(true);
    const pages: Compared<Page> = {
      baseline: await env.openPage("app", { browser: "plain", devtools: true }),
      measured: await env.openPage("app", { browser: "extension", devtools: true }),
    };
    try {
      for (const page of [pages.baseline, pages.measured]) await page.evaluate(() => window.burstApp.ready);
      const panel = await openPanel(browsers.extension, pages.measured);
      let expectedInPanel = HANDSHAKE_MESSAGES;
      let missed = 0;
      const runs = await interleavedRuns(
        pages,
        async (page, side) => {
          const elapsed = await page.evaluate((burst) => window.burstApp.burst(burst), BURST);
          if (side === "measured") {
            // The app's request and the bot's burst. The next run starts only once the panel
            // has them all, so its catching up never lands in the baseline's time.
            expectedInPanel += BURST.count + 1;
            const deadline = Date.now() + PANEL_CATCH_UP_MS;
            while ((await panelMessageCount(panel)) < expectedInPanel && Date.now() < deadline)
              await page.waitForTimeout(100);
            missed = expectedInPanel - (await panelMessageCount(panel));
          }
          return elapsed;
        },
        RUNS,
      );
      const without = median(runs.baseline);
      const withPanel = median(runs.measured);
      return {
        value: withPanel / without,
        unit: "×",
        detail:
          `${BURST.count} × 1 KB bot-llm-text over WebSocket: without ${formatValue(without)} ms, ` +
          `with ${formatValue(withPanel)} ms (medians of ${RUNS} runs); panel ${missed > 0 ? `missed ${missed}` : "got every message"}`,
        figures: { burstMsWithout: without, burstMsWith: withPanel, missedInPanel: missed },
      };
    } finally {
      await closePages(pages);
    }
  },
};
