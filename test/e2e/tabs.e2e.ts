// Runs in vitest's e2e project: real Chromium with the built extension and the real panel.
// Tabs are isolated: two tabs, each with its own client, and each tab's panel shows only
// that tab's traffic.
import { expect, it } from "vitest";
import { openPanel } from "./chromium";
import { useDemoInChromium } from "./demoInChromium";
import { DemoApp } from "./demoApp";

const env = useDemoInChromium();

it("shows each tab's panel only its own tab's messages", async () => {
  const tabs = await Promise.all(
    ["tab-one", "tab-two"].map(async (name) => {
      const page = await env.chromium.ctx.newPage();
      await page.goto(`${env.server.url}/#${name}`);
      const panel = await openPanel(env.chromium, page);
      const app = new DemoApp(page);
      await app.connect("websocket");
      return { name, page, panel, app };
    }),
  );
  for (const { name, app } of tabs) await app.sendMessage("set-language", { language: `lang-${name}` });
  for (const { name, panel } of tabs) {
    // Attached: of two DevTools windows only one is in front, the other's panel is hidden.
    await panel
      .getByRole("row", { includeHidden: true })
      .filter({ hasText: `lang-${name}` })
      .first()
      .waitFor({ state: "attached" });
  }
  // A barrier: a second message in each tab, sent once both tabs' first ones were shown. The
  // background forwards a batch to panels as it takes it, so anything it had wrongly sent a
  // panel with the first messages was posted on that panel's Port before the second.
  for (const { name, app } of tabs) await app.sendMessage("set-language", { language: `barrier-${name}` });
  for (const { name, panel } of tabs) {
    await panel
      .getByRole("row", { includeHidden: true })
      .filter({ hasText: `barrier-${name}` })
      .first()
      .waitFor({ state: "attached" });
  }
  const [one, two] = tabs;
  expect(await one.panel.getByRole("row", { includeHidden: true }).filter({ hasText: "lang-tab-two" }).count()).toBe(0);
  expect(await two.panel.getByRole("row", { includeHidden: true }).filter({ hasText: "lang-tab-one" }).count()).toBe(0);
  expect(await one.panel.getByLabel("Clients").getByRole("button", { includeHidden: true }).count()).toBe(1);
  expect(await two.panel.getByLabel("Clients").getByRole("button", { includeHidden: true }).count()).toBe(1);
});
