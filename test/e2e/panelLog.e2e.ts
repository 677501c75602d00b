// The panel as a Pipecat developer uses it, in the real DevTools panel against the demo bot
// and app over WebSocket: the empty state, a whole turn coloured by category, filters and
// keyboard, request pairing, pause / clear / preserve log across a reload, export and import,
// and the log in a DevTools docked beside the page (500 px wide).
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Frame, Page } from "playwright-core";
import { openPanel } from "./chromium";
import { useDemoInChromium } from "./demoInChromium";
import { DemoApp } from "./demoApp";
import { panelStatus } from "./panelStatus";
import { dockPanelAt } from "./panelWidth";

const env = useDemoInChromium();

let page: Page;
let panel: Frame;
let app: DemoApp;

const grid = () => panel.getByRole("grid", { name: "Messages" });
const rows = (...texts: (string | RegExp)[]) => {
  let found = grid().getByRole("row");
  for (const text of texts) found = found.filter({ hasText: text });
  return found;
};
const status = () => panel.getByRole("status");
/** The type cell of every row on screen (the grid is virtualized: only what is in view). */
const shownTypes = () =>
  grid()
    .locator(".log-row .cell-type")
    .evaluateAll((cells) => cells.map((cell) => cell.firstChild?.textContent ?? ""));
const attached = { state: "attached" } as const;

async function statusCount(): Promise<number> {
  return (await panelStatus(panel)).messages;
}

beforeAll(async () => {
  page = await env.chromium.ctx.newPage();
  await page.goto(`${env.server.url}/#panel-log`);
  panel = await openPanel(env.chromium, page);
  app = new DemoApp(page);
});
afterAll(async () => page?.close());

describe("the panel in DevTools", () => {
  it("helps while no client is there: what the hook looks for, a reload button, how to register", async () => {
    await panel.getByRole("button", { name: "Reload page" }).waitFor(attached);
    const help = (await panel.locator("body").textContent()) ?? "";
    expect(help).toContain('Symbol.for("pipecat.devtools")');
    await app.connect("websocket");
    await panel.getByLabel("Clients").filter({ hasText: "ready" }).waitFor(attached);
    expect(await panel.getByRole("button", { name: "Reload page" }).count()).toBe(0);
  });

  it("shows the client's versions and follows the DevTools theme", async () => {
    const clients = panel.getByLabel("Clients");
    await clients.filter({ hasText: "client-js 1.13.1" }).filter({ hasText: "bot 2.1.0" }).waitFor(attached);
    const theme = await panel.evaluate(() => document.documentElement.dataset.theme);
    const devtoolsTheme = await panel.evaluate(() => (globalThis as any).chrome.devtools.panels.themeName as string);
    expect(theme).toBe(devtoolsTheme === "dark" ? "dark" : "light");
  });

  it("logs a whole turn coloured by category, with audio levels hidden and counted", async () => {
    await app.startTurn();
    await rows("bot-tts-stopped").first().waitFor(attached);
    // Each found through the filter: the grid renders only the rows in view.
    const filter = panel.getByRole("searchbox", { name: "Filter" });
    const classOf = async (type: string) => {
      await filter.fill(`"type":"${type}"`, { force: true });
      const found = await rows(type).first().getAttribute("class");
      await filter.fill("", { force: true });
      return found;
    };
    expect(await classOf("user-transcription")).toContain("cat-transcript");
    expect(await classOf("llm-function-call-in-progress")).toContain("cat-function-call");
    expect(await classOf("metrics")).toContain("cat-metrics");
    expect(await status().textContent()).toMatch(/\d+ noisy hidden/);
    const noisyChip = panel.getByRole("button", { name: /^Audio levels and logs/ });
    await filter.fill("user-audio-level", { force: true });
    await panel
      .getByRole("status")
      .filter({ hasText: /\b0 shown/ })
      .waitFor(attached);
    expect(await rows("user-audio-level").count()).toBe(0);
    await noisyChip.dispatchEvent("click");
    await rows("user-audio-level").first().waitFor(attached);
    await noisyChip.dispatchEvent("click");
    await rows("user-audio-level").first().waitFor({ state: "detached" });
    await filter.fill("", { force: true });
  });

  it("filters by /regex/, text, direction and type; / focuses the filter and Esc clears it", async () => {
    await grid().focus();
    await grid().press("/");
    const filter = panel.getByRole("searchbox", { name: "Filter" });
    expect(await filter.evaluate((element) => element === document.activeElement)).toBe(true);
    await filter.fill('/^\\{[^}]*"type":"bot-tts-(started|stopped)"/');
    await panel.waitForFunction(() => document.querySelectorAll(".log-row").length === 2);
    expect((await shownTypes()).sort()).toEqual(["bot-tts-started", "bot-tts-stopped"]);
    expect(await status().textContent()).toContain("2 shown");

    await filter.fill("SAN FRANCISCO");
    await panel.waitForFunction(
      () => !document.querySelector(".log-row .cell-type")?.textContent?.startsWith("bot-tts-started"),
    );
    expect(await shownTypes()).toContain("user-transcription");

    await filter.press("Escape");
    expect(await filter.inputValue()).toBe("");
    await panel.getByRole("button", { name: "↓ In" }).dispatchEvent("click");
    await panel.waitForFunction(() =>
      [...document.querySelectorAll(".log-row")].every((row) => row.classList.contains("dir-out")),
    );
    expect(await shownTypes()).toContain("client-ready");
    await panel.getByRole("button", { name: "↓ In" }).dispatchEvent("click");

    const chips = panel.getByRole("group", { name: "Message types" });
    await chips.getByRole("button", { name: /^bot-tts-text/ }).dispatchEvent("click");
    await rows("bot-tts-text").first().waitFor({ state: "detached" });
    await chips.getByRole("button", { name: /^bot-tts-text/ }).dispatchEvent("click");
    await rows("bot-tts-text").first().waitFor(attached);
  });

  it("pairs a request with its answer, jumps between them, and shows pending then timed out", async () => {
    expect(await app.sendRequest("get-language", {})).toContain("en-US");
    const request = rows("client-message", "get-language").last();
    await request.filter({ hasText: / · \d+ ms/ }).waitFor(attached);
    await request.dispatchEvent("click");
    const detail = panel.getByRole("complementary", { name: "Message detail" });
    await detail.getByRole("button", { name: "Go to response" }).dispatchEvent("click");
    await rows("server-response").last().and(panel.locator("[aria-selected=true]")).waitFor(attached);
    await detail.getByRole("button", { name: "Go to request" }).waitFor(attached);

    const answer = app.sendRequest("never-answered", {}, 1_000);
    await rows("client-message", "never-answered", "pending").first().waitFor(attached);
    await answer;
    await rows("client-message", "never-answered", "timed out").first().waitFor(attached);
  });

  it("moves through rows with the keyboard and opens the detail with Enter", async () => {
    await panel
      .getByRole("button", { name: "Close" })
      .first()
      .dispatchEvent("click")
      .catch(() => {});
    await grid().focus();
    await grid().press("End");
    await grid().press("ArrowUp");
    const selected = grid().locator("[aria-selected=true]");
    const selectedType = await selected.locator(".cell-type").evaluate((cell) => cell.firstChild?.textContent ?? "");
    await grid().press("Enter");
    const detail = panel.getByRole("complementary", { name: "Message detail" });
    await detail.waitFor(attached);
    expect(await detail.textContent()).toContain(selectedType);
  });

  it("pauses without losing anything, and clears", async () => {
    const pause = panel.getByRole("button", { name: "Pause" });
    await pause.dispatchEvent("click");
    await app.sendMessage("set-language", { language: "paused-FR" });
    await status()
      .filter({ hasText: /paused, [1-9]\d* new/ })
      .waitFor(attached);
    expect(await rows("paused-FR").count()).toBe(0);
    await panel.getByRole("button", { name: "Resume" }).dispatchEvent("click");
    await rows("client-message", "paused-FR").first().waitFor(attached);

    await panel.getByRole("button", { name: "Clear" }).dispatchEvent("click");
    await status()
      .filter({ hasText: /^0 messages/ })
      .waitFor(attached);
    expect(await grid().locator(".log-row").count()).toBe(0);
  });

  it("starts a new session on reload, and keeps the old one with a marker when Preserve log is on", async () => {
    await app.sendMessage("set-language", { language: "before-reload" });
    // The message and the bot's language-updated, both naming it.
    await rows("language-updated", "before-reload").first().waitFor(attached);
    await panel.getByRole("checkbox", { name: "Preserve log" }).check({ force: true });
    await page.reload();
    await app.connect("websocket");
    await rows("bot-ready").last().waitFor(attached);
    expect(await rows("before-reload").count()).toBe(2);
    expect(await rows("Page loaded").count()).toBeGreaterThanOrEqual(1);

    await panel.getByRole("checkbox", { name: "Preserve log" }).uncheck({ force: true });
    await page.reload();
    await app.connect("websocket");
    await rows("bot-ready").first().waitFor(attached);
    expect(await rows("before-reload").count()).toBe(0);
    expect(await rows("Page loaded").count()).toBe(1);
  });

  it("exports the session as JSON and imports it back to view offline", async () => {
    await app.sendMessage("set-language", { language: "exported-DE" });
    // The bot's answer is the last message: counted after it, the count is final.
    await rows("language-updated", "exported-DE").first().waitFor(attached);
    const count = await statusCount();
    const devtools = env.chromium.ctx.pages().find((p) => p.frames().includes(panel))!;
    const [download] = await Promise.all([
      devtools.waitForEvent("download"),
      panel.getByRole("button", { name: "Export" }).dispatchEvent("click"),
    ]);
    const path = await download.path();
    const file = JSON.parse(readFileSync(path, "utf8"));
    expect(file).toMatchObject({ format: "pipecat-devtools-session", version: 2 });
    expect(file.rows.filter((row: { kind: string }) => row.kind === "message")).toHaveLength(count);

    await panel.getByLabel("Import").setInputFiles(path);
    await panel.getByRole("note").filter({ hasText: "offline" }).waitFor(attached);
    await rows("exported-DE").first().waitFor(attached);
    expect(await statusCount()).toBe(count);
    expect(await panel.getByRole("textbox", { name: "Message type" }).count()).toBe(0);
  });

  it("fits a panel 500 px wide: no Client column with one client, each row's summary in view", async () => {
    await panel.getByRole("button", { name: "Back to live" }).dispatchEvent("click");
    await panel.getByLabel("Clients").getByRole("button").first().waitFor(attached);
    expect(await panel.getByLabel("Clients").getByRole("button").count()).toBe(1);
    // Docked beside the page (test/e2e/panelWidth.ts).
    const devtools = env.chromium.ctx.pages().find((p) => p.frames().includes(panel))!;
    const docked = await dockPanelAt(devtools, panel, 500, 700);
    expect(docked.width, JSON.stringify(docked.tried)).toBeGreaterThanOrEqual(495);
    expect(docked.width).toBeLessThanOrEqual(500);
    await rows("bot-ready").first().waitFor(attached);

    const headers = await grid().getByRole("columnheader").allTextContents();
    expect(headers).toEqual(["Time", "Dir", "Type", "Id", "Size", "Data"]);
    const fit = await rows("bot-ready")
      .first()
      .locator(".cell-data")
      .evaluate((cell) => {
        const box = cell.getBoundingClientRect();
        return { left: box.left, right: box.right, panelWidth: document.documentElement.clientWidth };
      });
    expect(fit.right).toBeLessThanOrEqual(fit.panelWidth);
    // Not squeezed to nothing: a good part of the payload reads at this width.
    expect(fit.right - fit.left).toBeGreaterThanOrEqual(80);
    // Nothing to scroll sideways to.
    const body = await grid()
      .locator(".log-body")
      .evaluate((element) => ({ scroll: element.scrollWidth, client: element.clientWidth }));
    expect(body.scroll).toBeLessThanOrEqual(body.client);
  });
});
