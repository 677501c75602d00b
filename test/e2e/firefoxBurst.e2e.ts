// Firefox: the same bridge as in Chromium, under a burst. The bench's app page (the demo
// app's real PipecatClient on the real WebSocket transport) asks the bench's burst bot for
// 5 000 × 1 KB bot-llm-text, which the bot sends as fast as the socket takes them; the panel
// page the extension opened on install, following the app's tab, must end up with every
// message once and nothing dropped.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser } from "puppeteer-core";
import { KB } from "../../bench/page/api";
import { botLlmTextJson } from "../../bench/page/messages";
import { buildPages } from "../../bench/support/buildPages";
import { startBenchServer, type BenchServer } from "../../bench/support/server";
import { extensionPage, launchFirefox } from "./firefox";

const BURST = { count: 5000, bytes: KB };
/** client-ready and bot-ready: logged when the app connects, before the burst. */
const HANDSHAKE_MESSAGES = 2;
/** The app's request for the burst, a client-message. */
const REQUEST_MESSAGES = 1;
/** Marks the app's tab among the ones the panel page lists. */
const APP_HASH = "#firefox-burst";

let browser: Browser;
let server: BenchServer;
let pagesDir: string;

beforeAll(async () => {
  [pagesDir, browser] = await Promise.all([buildPages(), launchFirefox()]);
  server = await startBenchServer(pagesDir);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (pagesDir) rmSync(pagesDir, { recursive: true, force: true });
});

it("carries a burst of 5 000 inbound messages from a real client to the panel with none lost", async () => {
  const panel = await extensionPage(browser, "panel/index.html");
  const app = await browser.newPage();
  await app.goto(`${server.url}/app.html${APP_HASH}`);
  await app.evaluate(() => window.burstApp.ready);

  // The background lists the tab once its hook has sent something; following it replays the
  // tab's buffer (the handshake), after which the burst arrives live.
  await panel.waitForFunction(
    (hash) => [...document.querySelectorAll("button")].some((button) => button.textContent?.includes(hash)),
    { timeout: 15_000 },
    APP_HASH,
  );
  await panel.evaluate((hash) => {
    const follow = [...document.querySelectorAll("button")].find((button) => button.textContent?.includes(hash));
    (follow as HTMLButtonElement).click();
  }, APP_HASH);
  const statusIs = (expected: string) =>
    panel.waitForFunction(
      // The status's count, without the selected client's state beside it.
      (text) => document.querySelector("[role=status] > span")?.textContent?.trim() === text,
      { timeout: 20_000 },
      expected,
    );
  await statusIs(`${HANDSHAKE_MESSAGES} messages`);

  await app.evaluate((burst) => window.burstApp.burst(burst), BURST);

  // Exactly this text: a dropped, truncated or hook-error count would follow the number.
  await statusIs(`${HANDSHAKE_MESSAGES + REQUEST_MESSAGES + BURST.count} messages`);
  // The rows shown (the newest few hundred) are burst messages, each once. Not in the bot's
  // order: the WebSocket transport reads each message's Blob asynchronously, so the client
  // may handle neighbours swapped, and the panel shows the client's order.
  const shownIds = await panel.evaluate(() => {
    const idColumn = [...document.querySelectorAll("[role=columnheader]")].findIndex(
      (header) => header.textContent === "Id",
    );
    return [...document.querySelectorAll("[role=row]")]
      .map((row) => row.querySelectorAll("[role=gridcell]"))
      .filter((cells) => cells.length > 0)
      .map((cells) => cells[idColumn].textContent ?? "");
  });
  const burstIds = new Set(
    Array.from({ length: BURST.count }, (_, i) => JSON.parse(botLlmTextJson(i, BURST.bytes)).id as string),
  );
  expect(shownIds.length).toBeGreaterThan(0);
  expect(shownIds.filter((id) => !burstIds.has(id))).toEqual([]);
  expect(new Set(shownIds).size).toBe(shownIds.length);
});
