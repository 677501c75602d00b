// The Conversation view's timeline (panel/conversation/Timeline.tsx) over the hour-long session
// of rows/conversation.ts (1 000 turns, 300 000 messages), in the extension's real panel page:
// the session is exported with the panel's own code (panel/model/sessionFile.ts), imported
// through the toolbar's Import as a user would, and the Conversation tab opened. Then the
// timeline is zoomed in, panned and zoomed out with wheel events on its drawing, one step at a
// time. A step's frame time is from the wheel event until the timeline is rendered and laid
// out (Preact renders in a microtask after the event; a task later it is committed), as the
// filter row measures a filter change (rows/panel.ts). Figure: p95 over every step; a step
// that did not move the timeline's window does not count (the detail says how many did).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { createSessionStore } from "../../panel/model/store";
import { exportSession } from "../../panel/model/sessionFile";
import { formatValue } from "../format";
import { atMost, type Row } from "../row";
import { median, percentile } from "../stats";
import type { BenchEnv } from "../support/env";
import { hourLongSession } from "./conversation";

/** Steps of each kind: zoom in, pan, zoom out. */
const STEPS = 60;
const TARGET = atMost(16, "ms");

async function importedPanel(env: BenchEnv): Promise<Page> {
  const store = createSessionStore();
  store.ingest(0, hourLongSession());
  // A file, not a buffer: Playwright passes no buffer over 50 MB, and the session is larger.
  const dir = mkdtempSync(join(tmpdir(), "pipecat-bench-"));
  const file = join(dir, "hour-long-session.json");
  writeFileSync(file, JSON.stringify(exportSession(store, { includeSecrets: true })));
  const benchPage = await env.openPage("hook", { browser: "extension" });
  await benchPage.evaluate(() => window.hookBench.ready);
  const session = (await env.browserPair()).extension;
  const panel = await session.ctx.newPage();
  await panel.setViewportSize({ width: 1200, height: 800 });
  await panel.goto(`chrome-extension://${session.extensionId}/panel/index.html`);
  await panel.getByRole("button", { name: `Inspect ${benchPage.url()}` }).click();
  try {
    await panel.getByLabel("Import").setInputFiles(file);
    // The panel reads the file when it imports it: the file stays until the import is shown.
    await panel.getByRole("note").filter({ hasText: "offline" }).waitFor({ state: "attached", timeout: 60_000 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await panel.getByRole("tab", { name: "Conversation" }).click();
  await panel.locator('[aria-label="Timeline"] svg').waitFor({ timeout: 60_000 });
  // The hour-long session, not the bench page's own few messages, is what is timed.
  const turns = await panel.getByRole("table", { name: "Turns" }).locator("tbody tr").count();
  if (turns < 1000) throw new Error(`the imported session shows ${turns} turns, not 1 000`);
  return panel;
}

/** Frame times of every step that moved the window, in ms. */
function timeSteps(panel: Page): Promise<{ times: number[]; steps: number }> {
  return panel.evaluate(async (steps) => {
    const svg = document.querySelector<SVGSVGElement>('[aria-label="Timeline"] svg')!;
    // No named function in here: tsx would wrap it in a helper the page does not have.
    const box = svg.getBoundingClientRect();
    const at = {
      clientX: box.left + box.width / 2,
      clientY: box.top + box.height / 2,
      bubbles: true,
      cancelable: true,
    };
    const plan: WheelEventInit[] = [
      ...Array.from({ length: steps }, () => ({ ...at, deltaY: -120 })),
      ...Array.from({ length: steps }, () => ({ ...at, deltaX: 240 })),
      ...Array.from({ length: steps }, () => ({ ...at, deltaY: 120 })),
    ];
    const times: number[] = [];
    for (const init of plan) {
      const before = `${svg.dataset.windowStart}-${svg.dataset.windowEnd}`;
      const start = performance.now();
      svg.dispatchEvent(new WheelEvent("wheel", init));
      await new Promise((resolve) => setTimeout(resolve, 0));
      void svg.getBoundingClientRect();
      const elapsed = performance.now() - start;
      if (`${svg.dataset.windowStart}-${svg.dataset.windowEnd}` !== before) times.push(elapsed);
    }
    return { times, steps: plan.length };
  }, STEPS);
}

export const conversationTimelineRow: Row = {
  name: "conversation timeline frame time, 300 000 messages, pan and zoom (p95)",
  target: TARGET,
  async measure(env) {
    const panel = await importedPanel(env);
    try {
      const { times, steps } = await timeSteps(panel);
      if (times.length < steps / 2)
        return { notAvailable: `only ${times.length} of ${steps} steps moved the timeline` };
      const p95 = percentile(times, 95);
      return {
        value: p95,
        unit: "ms",
        detail: `${times.length} of ${steps} wheel steps moved the window; median ${formatValue(median(times))} ms, max ${formatValue(Math.max(...times))} ms`,
        figures: { median: median(times), max: Math.max(...times) },
      };
    } finally {
      await panel.close();
    }
  },
};
