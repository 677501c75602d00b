// Firefox: the hook is in place before the page's first script, and what a real client
// sends over the WebSocket transport reaches the background and the panel, here through the
// panel as the page the extension opens on install, following the app's tab (the panel in
// Firefox's real DevTools toolbox is test/e2e/firefoxToolbox.e2e.ts).
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Page } from "puppeteer-core";
import { startDemoServer, type DemoServer } from "../../demo/server";
import { extensionPage, launchFirefox } from "./firefox";
import { startFixtureServer, type FixtureServer } from "./fixtureServer";

let browser: Browser;
let server: DemoServer;
let fixtures: FixtureServer;

beforeAll(async () => {
  [server, fixtures, browser] = await Promise.all([
    startDemoServer({ port: 0 }),
    startFixtureServer(),
    launchFirefox(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await fixtures?.close();
});

async function waitForText(page: Page, selector: string, text: string, timeout = 20_000): Promise<void> {
  await page.waitForFunction(
    (sel, expected) => [...document.querySelectorAll(sel)].some((el) => el.textContent?.includes(expected)),
    { timeout },
    selector,
    text,
  );
}

it("installs the hook before the page's first script runs", async () => {
  const page = await browser.newPage();
  await page.goto(`${fixtures.url}/early.html`);
  const probe = await page.evaluate(() => ({ ...document.documentElement.dataset }));
  expect(probe).toEqual({ trapAtFirstScript: "true", readyStateAtFirstScript: "loading" });
  await page.close();
});

it("carries a real client's messages from the page to the background and the panel", async () => {
  const panel = await extensionPage(browser, "panel/index.html");
  const app = await browser.newPage();
  await app.goto(`${server.url}/#firefox`);
  await app.select("#transport", "websocket");
  await app.click("#connect");
  await waitForText(app, "[role=status]", "state: ready");
  await app.evaluate(() => {
    (document.querySelector("#msg-type") as HTMLInputElement).value = "set-language";
    (document.querySelector("#msg-data") as HTMLInputElement).value = '{"language":"de-DE"}';
  });
  await app.click("#send-message");

  // The background lists the tab; following it replays its buffer into the panel.
  await waitForText(panel, "button", "#firefox");
  await panel.evaluate(() => {
    const pick = [...document.querySelectorAll("button")].find((b) => b.textContent?.includes("#firefox"));
    (pick as HTMLButtonElement).click();
  });
  await waitForText(panel, "[role=row]", "de-DE");
  const rows = await panel.evaluate(() => [...document.querySelectorAll("[role=row]")].map((r) => r.textContent ?? ""));
  expect(rows.some((row) => row.includes("client-ready"))).toBe(true);
  expect(rows.some((row) => row.includes("bot-ready"))).toBe(true);
  expect(rows.filter((row) => row.includes("client-message") && row.includes("de-DE"))).toHaveLength(1);
  const received = server
    .sessions()
    .at(-1)!
    .received.filter((m: any) => m.data?.d?.language === "de-DE");
  expect(received).toHaveLength(1);
});
