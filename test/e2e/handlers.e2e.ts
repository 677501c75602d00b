// Runs in vitest's e2e project, in real Chromium with the built extension and the real DevTools
// panel: "why did my handler not fire", answered for the demo app (demo/app/src/callbacks.ts
// registers onServerMessage) on both transports. The Connection view's Handlers section lists
// the app's callback; a server-message's detail names the callback that ran; a bot-interrupted's
// detail says why nothing ran (client-js 1.13 drops the type without an event or callback).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Frame, Page } from "playwright-core";
import { openPanel } from "./chromium";
import { logRowsWith } from "./logRows";
import { useDemoInChromium } from "./demoInChromium";
import { DemoApp, type DemoTransport } from "./demoApp";

const env = useDemoInChromium();
const attached = { state: "attached" } as const;

describe.each<DemoTransport>(["websocket", "smallwebrtc"])("handlers over %s", (transport) => {
  let page: Page;
  let panel: Frame;
  const language = `handlers-${transport}`;

  /** Opens the first row with all `texts` in the detail and returns its Handlers section. */
  async function handlersOf(...texts: string[]) {
    const found = (await logRowsWith(panel, ...texts)).first();
    await found.waitFor(attached);
    await found.dispatchEvent("click");
    await panel.getByRole("grid", { name: "Messages" }).press("Enter");
    const detail = panel.getByRole("complementary", { name: "Message detail" });
    await detail.waitFor(attached);
    return detail.getByRole("region", { name: "Handlers" });
  }

  beforeAll(async () => {
    page = await env.chromium.ctx.newPage();
    await page.goto(`${env.server.url}/#handlers-${transport}`);
    panel = await openPanel(env.chromium, page);
    const app = new DemoApp(page);
    await app.connect(transport);
    await app.sendMessage("set-language", { language });
    await page.getByRole("button", { name: "Send text" }).click();
  });
  afterAll(async () => page?.close());

  it("lists the app's callback in the Connection view", async () => {
    await panel.getByRole("tab", { name: "Connection" }).dispatchEvent("click");
    const handlers = panel.getByRole("tabpanel", { name: "Connection" }).getByRole("region", { name: "Handlers" });
    await handlers.filter({ hasText: "onServerMessage" }).waitFor(attached);
    await panel.getByRole("tab", { name: "Messages" }).dispatchEvent("click");
  });

  it("names the callback that ran for a server-message", async () => {
    const handlers = await handlersOf("server-message", language);
    await handlers.filter({ hasText: "Ran:" }).waitFor(attached);
    expect(await handlers.textContent()).toContain("onServerMessage");
  });

  it("says why nothing ran for a bot-interrupted", async () => {
    const handlers = await handlersOf("bot-interrupted");
    await handlers.filter({ hasText: "Nothing ran" }).waitFor(attached);
    expect(await handlers.textContent()).toContain("drops bot-interrupted without an event or callback");
  });
});
