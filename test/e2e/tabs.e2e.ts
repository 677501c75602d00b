// Tabs are isolated: two tabs, each with its own client, and each tab's panel shows only
// that tab's traffic.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startDemoServer, type DemoServer } from "../../demo/server";
import { launchChromium, openPanel, type ChromiumSession } from "./chromium";
import { DemoApp } from "./demoApp";

let server: DemoServer;
let chromium: ChromiumSession;

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  chromium = await launchChromium();
});
afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

it("shows each tab's panel only its own tab's messages", async () => {
  const tabs = await Promise.all(
    ["tab-one", "tab-two"].map(async (name) => {
      const page = await chromium.ctx.newPage();
      await page.goto(`${server.url}/#${name}`);
      const panel = await openPanel(chromium, page);
      const app = new DemoApp(page);
      await app.connect("websocket");
      return { name, page, panel, app };
    }),
  );
  for (const { name, app } of tabs) await app.sendMessage("set-language", { language: `lang-${name}` });
  for (const { name, panel } of tabs) {
    // Attached: of two DevTools windows only one is in front, the other's panel is hidden.
    await panel.getByRole("row", { includeHidden: true }).filter({ hasText: `lang-${name}` }).first().waitFor({ state: "attached" });
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  const [one, two] = tabs;
  expect(await one.panel.getByRole("row", { includeHidden: true }).filter({ hasText: "lang-tab-two" }).count()).toBe(0);
  expect(await two.panel.getByRole("row", { includeHidden: true }).filter({ hasText: "lang-tab-one" }).count()).toBe(0);
  expect(await one.panel.getByLabel("Clients").getByRole("button", { includeHidden: true }).count()).toBe(1);
  expect(await two.panel.getByLabel("Clients").getByRole("button", { includeHidden: true }).count()).toBe(1);
});
