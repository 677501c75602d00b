// Runs in the e2e project (real Chromium, the built extension, the real DevTools panel): what
// the client could not read. A Pipecat bot sends a protobuf `interruption` frame on every
// interruption over the WebSocket transport; @pipecat-ai/websocket-transport cannot decode that
// kind and drops it with a console error. The demo bot does the same (demo/bot/README.md: every
// send-text interrupts at once), and the panel's log shows the frame at wire level, marked not
// delivered, beside the bot-interrupted message the client did get. SmallWebRTC carries no
// such frame: no such row there.
import type { Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPanel } from "./chromium";
import { type DemoTransport, DemoApp } from "./demoApp";
import { useDemoInChromium } from "./demoInChromium";

const env = useDemoInChromium();
const attached = { state: "attached" } as const;
const REASON = "websocket-transport could not decode this frame and dropped it: Unknown frame kind";

describe.each<DemoTransport>(["websocket", "smallwebrtc"])("over %s", (transport) => {
  let page: Page;
  let panel: Frame;
  const consoleErrors: string[] = [];

  const grid = () => panel.getByRole("grid", { name: "Messages" });
  const rows = (...texts: (string | RegExp)[]) => {
    let found = grid().getByRole("row");
    for (const text of texts) found = found.filter({ hasText: text });
    return found;
  };
  /** The grid renders only the rows in view: the filter brings the ones asked for into it. */
  const filter = (text: string) => panel.getByRole("searchbox", { name: "Filter" }).fill(text, { force: true });

  beforeAll(async () => {
    page = await env.chromium.ctx.newPage();
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    await page.goto(`${env.server.url}/#undecodable-frame-${transport}`);
    panel = await openPanel(env.chromium, page);
    await new DemoApp(page).connect(transport);
    // A typed turn: the bot interrupts at once (bot-interrupted, and over WebSocket the frame).
    await page.getByLabel("Send text", { exact: true }).fill("Hello there");
    await page.getByRole("button", { name: "Send text" }).click();
    // The turn's end, long after the interruption: every row of it has been logged by then.
    await filter('"type":"bot-stopped-speaking"');
    await rows("bot-stopped-speaking")
      .first()
      .waitFor({ ...attached, timeout: 20_000 });
    await filter("interrupt");
  });
  afterAll(async () => page?.close());

  if (transport === "websocket") {
    it("shows the interruption frame at wire level, not delivered, next to the bot-interrupted row", async () => {
      const dropped = rows("interruption", "not delivered");
      await dropped.first().waitFor(attached);
      expect(await rows("bot-interrupted").count()).toBe(1);
      expect(await dropped.count()).toBe(1);
      const row = dropped.first();
      expect(await row.locator(".cell-type").textContent()).toBe("interruptionwirenot delivered");
      expect(await row.locator(".cell-type .badge", { hasText: "not delivered" }).getAttribute("title")).toBe(REASON);
      // The client really dropped it: websocket-transport says so in the page's console.
      expect(consoleErrors.some((text) => text.includes("Failed to deserialize incoming message"))).toBe(true);
      expect(consoleErrors.some((text) => text.includes("Unknown frame kind"))).toBe(true);

      await row.dispatchEvent("click");
      const detail = panel.getByRole("complementary", { name: "Message detail" });
      await detail.getByRole("heading", { name: "interruption" }).waitFor(attached);
      const text = (await detail.textContent()) ?? "";
      expect(text).toContain(`Not delivered to the client: ${REASON}`);
      expect(text).toContain("wire (read off the WebSocket or data channel)");
      expect(text).toContain("InterruptionFrame");
    });
  } else {
    it("shows no undelivered row: the transport has no such frame", async () => {
      await rows("bot-interrupted").first().waitFor(attached);
      expect(await rows("not delivered").count()).toBe(0);
      expect(await rows("interruption").count()).toBe(0);
    });
  }
});
