// "Hook this site": off the local development origins the extension injects nothing until
// the user asks; then the hook runs there (after a reload), is remembered, and can be
// turned off again. The demo server also answers on 127.0.0.2, an origin not hooked by default.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Frame } from "playwright-core";
import { startDemoServer, type DemoServer } from "../../demo/server";
import { launchChromium, openPanel, type ChromiumSession } from "./chromium";
import { DemoApp } from "./demoApp";

let server: DemoServer;
let chromium: ChromiumSession;

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  chromium = await launchChromium({ preGrantedHosts: ["http://127.0.0.2/*"] });
});
afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

/**
 * A real click (permissions.request needs the user's gesture, which a DOM event is not), in a
 * DevTools window brought to the front first: one that is not in front sometimes loses it.
 */
async function clickInPanel(panel: Frame, name: string): Promise<void> {
  await chromium.ctx
    .pages()
    .find((p) => p.frames().includes(panel))
    ?.bringToFront();
  await panel.getByRole("button", { name }).click();
}

it("hooks another site only when asked, remembers it, and stops again", async () => {
  const page = await chromium.ctx.newPage();
  const siteUrl = `${server.url.replace("localhost", "127.0.0.2")}/#hook-this-site`;
  await page.goto(siteUrl);
  const probeTrap = () =>
    page.evaluate(() => Object.getOwnPropertyDescriptor(Object.prototype, "_onMessage") !== undefined);
  expect(await probeTrap()).toBe(false);

  let panel = await openPanel(chromium, page);
  const bar = panel.getByRole("note", { name: "Site access" });
  await bar.getByText("does not watch http://127.0.0.2").waitFor();
  const reloaded = page.waitForEvent("load");
  await clickInPanel(panel, "Hook this site");
  await reloaded.catch(async (error) => {
    throw new Error(`No reload; the panel says: ${await bar.textContent()}`, { cause: error });
  });
  expect(await probeTrap()).toBe(true);

  // The reload keeps the panel; the client of the reloaded page shows up in it.
  panel = await openPanel(chromium, page);
  await new DemoApp(page).connect("websocket");
  await panel.getByRole("row").filter({ hasText: "bot-ready" }).first().waitFor();
  await panel.getByRole("note", { name: "Site access" }).getByText("Hooked because you chose to").waitFor();

  // Remembered: a new tab on the same site is hooked from its first script.
  const second = await chromium.ctx.newPage();
  await second.goto(`${siteUrl}-again`);
  expect(
    await second.evaluate(() => Object.getOwnPropertyDescriptor(Object.prototype, "_onMessage") !== undefined),
  ).toBe(true);
  await second.close();

  const reloadedAgain = page.waitForEvent("load");
  await clickInPanel(panel, "Stop hooking this site");
  await reloadedAgain;
  expect(await probeTrap()).toBe(false);
});
