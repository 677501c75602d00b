// Runs in the e2e project (real Chromium, the built extension, the real DevTools panel): the
// Conversation view (panel/conversation/) on each transport while the demo app plays its
// scripted conversation (demo/bot/README.md, "The scripted conversation"). It reads the view
// only through its accessible contract (the Conversation tab and panel, the "Turns" and
// "Function calls" tables, the "Latency summary", "Timeline" and "Transcript" regions) and
// checks its figures against what the bot actually did: the times the bot's session record
// noted for each message it sent and received (demo/bot/sessions.ts), since the bot's timers
// run late on a loaded machine; and against the script (EXPECTED_TURNS) more loosely. Then a
// turn's button selects its first row in Messages, and an exported session imported again
// shows the same view. Screenshots of the view at 1200 and 500 px wide go to /tmp.
import { readFileSync } from "node:fs";
import type { Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { EXPECTED_TURNS, SCRIPT_DONE, SCRIPT_TEXT } from "../../demo/bot/conversationScript";
import type { SessionRecord } from "../../demo/server";
import { openPanel } from "./chromium";
import { type DemoTransport, DemoApp } from "./demoApp";
import { useDemoInChromium } from "./demoInChromium";
import { dockPanelAt, resizeDevtools } from "./panelWidth";

const env = useDemoInChromium();
const attached = { state: "attached" } as const;
/** The panel against the bot's own clock: transport and capture delays, both ends. */
const BOT_TOLERANCE_MS = 100;
/** The panel against the script: the bot's timers may run this late on a loaded machine. */
const SCRIPT_TOLERANCE_MS = 300;

/** "650 ms" or "1.20 s" (panel/conversation/format.ts) in milliseconds. */
function parseMs(text: string): number {
  const match = /(-?[\d.]+) (ms|s)\b/.exec(text);
  if (!match) throw new Error(`No duration in ${JSON.stringify(text)}`);
  return Number(match[1]) * (match[2] === "s" ? 1000 : 1);
}

/** What the bot did, on its own clock, from its session record. */
interface BotTimings {
  /** Per turn, in the script's order: its voice-to-voice latency, or null when the bot never spoke. */
  latencies: (number | null)[];
  /** The barge-in: user-started-speaking → bot-stopped-speaking. */
  yieldMs: number;
  /** Each function call, started → stopped. */
  callDurations: number[];
}

function botTimings(record: SessionRecord): BotTimings {
  const sent = record.sent.map((message, i) => ({ type: message.type, at: record.sentAt[i] }));
  const sendText = record.received.findIndex((m) => (m as { type?: string }).type === "send-text");
  expect(sendText).toBeGreaterThanOrEqual(0);
  const textAt = record.receivedAt[sendText];
  const after = (type: string, from: number) => sent.findIndex((m, i) => i > from && m.type === type);
  const indexes = (type: string) => sent.flatMap((m, i) => (m.type === type ? [i] : []));

  // The text turn: the send-text's arrival → the first bot-started-speaking after it.
  const textSpoke = sent.find((m) => m.type === "bot-started-speaking" && m.at >= textAt)!;
  const latencies: (number | null)[] = [textSpoke.at - textAt];
  // Each spoken turn: its user-stopped-speaking → a bot-started-speaking before the user speaks again.
  for (const stopped of indexes("user-stopped-speaking")) {
    const spoke = after("bot-started-speaking", stopped);
    const nextUser = after("user-started-speaking", stopped);
    latencies.push(spoke >= 0 && (nextUser < 0 || spoke < nextUser) ? sent[spoke].at - sent[stopped].at : null);
  }
  const bargeIn = indexes("user-started-speaking").at(-1)!;
  const yielded = after("bot-stopped-speaking", bargeIn);
  const starts = indexes("llm-function-call-started");
  const stops = indexes("llm-function-call-stopped");
  return {
    latencies,
    yieldMs: sent[yielded].at - sent[bargeIn].at,
    callDurations: starts.map((start, i) => sent[stops[i]].at - sent[start].at),
  };
}

/** The view's text, region by region, to compare a live session with its export imported again. */
async function viewText(panel: Frame) {
  const view = panel.getByRole("tabpanel", { name: "Conversation" });
  const text = (name: string, role: "table" | "region") => view.getByRole(role, { name }).textContent();
  const rects = await view
    .getByRole("region", { name: "Timeline" })
    .locator("rect title")
    .evaluateAll((titles) => titles.map((title) => title.textContent).sort());
  return {
    turns: await text("Turns", "table"),
    summary: await text("Latency summary", "region"),
    calls: await text("Function calls", "table"),
    transcript: await text("Transcript", "region"),
    timeline: rects,
  };
}

describe.each<DemoTransport>(["websocket", "smallwebrtc"])("the Conversation view over %s", (transport) => {
  let page: Page;
  let panel: Frame;
  let devtools: Page;
  let record: SessionRecord;

  const tab = (name: string) => panel.getByRole("tab", { name, exact: true });
  const view = () => panel.getByRole("tabpanel", { name: "Conversation" });
  const turnsTable = () => view().getByRole("table", { name: "Turns" });
  const turnRows = () => turnsTable().locator("tbody").getByRole("row");
  const grid = () => panel.getByRole("grid", { name: "Messages" });
  const showConversation = async () => {
    await tab("Conversation").dispatchEvent("click");
    await turnsTable().waitFor(attached);
  };

  beforeAll(async () => {
    page = await env.chromium.ctx.newPage();
    await page.goto(`${env.server.url}/#conversation-view-${transport}`);
    panel = await openPanel(env.chromium, page);
    devtools = env.chromium.ctx.pages().find((p) => p.frames().includes(panel))!;
    await new DemoApp(page).connect(transport);
    record = env.server.sessions().at(-1)!;
    expect(record.transport).toBe(transport);

    await page.getByRole("button", { name: "Play scripted conversation" }).click();
    // The bot's last message, then the panel's: every message before it is in the store by then.
    await vi.waitFor(
      () => expect(record.sent.some((m) => JSON.stringify(m.data) === JSON.stringify(SCRIPT_DONE))).toBe(true),
      { timeout: 30_000, interval: 100 },
    );
    const filter = panel.getByRole("searchbox", { name: "Filter" });
    await filter.fill("conversation-script", { force: true });
    await grid()
      .getByRole("row")
      .filter({ hasText: "server-message" })
      .filter({ hasText: "conversation-script" })
      .first()
      .waitFor({ state: "attached", timeout: 20_000 });
    await filter.fill("", { force: true });
    await showConversation();
  });
  afterAll(async () => page?.close());

  it("shows each turn's latency as the bot timed it, and the summary's p50, p95 and worst", async () => {
    const bot = botTimings(record);
    expect(bot.latencies).toHaveLength(EXPECTED_TURNS.length);
    expect(await tab("Conversation").getAttribute("aria-selected")).toBe("true");
    await expect.poll(() => turnRows().count()).toBe(EXPECTED_TURNS.length);

    const headers = await turnsTable().getByRole("columnheader").allTextContents();
    const latencyColumn = headers.indexOf("Latency");
    expect(latencyColumn).toBeGreaterThanOrEqual(0);
    const shown: (number | null)[] = [];
    for (const [i, expected] of EXPECTED_TURNS.entries()) {
      const cell = (await turnRows().nth(i).getByRole("cell").nth(latencyColumn).textContent()) ?? "";
      const actual = bot.latencies[i];
      const context = `turn ${i + 1}: panel "${cell}", bot ${actual} ms, script ${expected.latencyMs} ms`;
      if (expected.latencyMs === null) {
        expect(actual, context).toBeNull();
        expect(cell, context).toContain("bot never spoke");
        shown.push(null);
        continue;
      }
      const ms = parseMs(cell);
      shown.push(ms);
      expect(Math.abs(ms - actual!), context).toBeLessThanOrEqual(BOT_TOLERANCE_MS);
      expect(Math.abs(ms - expected.latencyMs), context).toBeLessThanOrEqual(SCRIPT_TOLERANCE_MS);
      // Which definition the figure uses: the send for the typed turn, the end of turn otherwise
      // (the demo app does not switch VAD events on).
      expect(cell, context).toContain(expected.kind === "text" ? "(text)" : "(turn end)");
    }

    // p50 / p95 / worst by nearest rank over the turns the bot answered (panel/conversation/summary.ts).
    const measured = shown.filter((ms): ms is number => ms !== null).sort((a, b) => a - b);
    const rank = (p: number) => measured[Math.max(1, Math.ceil((p / 100) * measured.length)) - 1];
    // The summary's figures: each a term and its definition.
    const region = view().getByRole("region", { name: "Latency summary" });
    const summary = (await region.textContent()) ?? "";
    const terms = await region.getByRole("term").allTextContents();
    const definitions = await region.getByRole("definition").allTextContents();
    expect(terms.length, summary).toBe(definitions.length);
    const text = (label: string) => definitions[terms.indexOf(label)] ?? `no ${label} in ${summary}`;
    const figure = (label: string) => parseMs(text(label));
    expect(figure("p50"), summary).toBe(rank(50));
    expect(figure("p95"), summary).toBe(rank(95));
    expect(figure("Worst"), summary).toBe(measured.at(-1));
    const botMeasured = bot.latencies.filter((ms): ms is number => ms !== null).sort((a, b) => a - b);
    expect(Math.abs(figure("Worst") - botMeasured.at(-1)!), summary).toBeLessThanOrEqual(BOT_TOLERANCE_MS);
    expect(text("Turns")).toBe(String(EXPECTED_TURNS.length));
    expect(text("Interruptions")).toBe("1");
  });

  it("marks the interrupted turn, and only it, with how fast the bot yielded", async () => {
    const bot = botTimings(record);
    const headers = await turnsTable().getByRole("columnheader").allTextContents();
    const column = headers.indexOf("Interrupted");
    for (const [i, expected] of EXPECTED_TURNS.entries()) {
      const cell = (await turnRows().nth(i).getByRole("cell").nth(column).textContent()) ?? "";
      if (!expected.interrupted) {
        expect(cell, `turn ${i + 1}`).not.toMatch(/interrupted/i);
        continue;
      }
      expect(cell).toMatch(/^Interrupted by user, yielded in /);
      const ms = parseMs(cell.replace(/^.*yielded in /, ""));
      expect(Math.abs(ms - bot.yieldMs), `${cell}; bot ${bot.yieldMs} ms`).toBeLessThanOrEqual(BOT_TOLERANCE_MS);
      expect(Math.abs(ms - expected.yieldMs!), cell).toBeLessThanOrEqual(SCRIPT_TOLERANCE_MS);
    }

    // The timeline, the whole session shown: one interruption mark, on the interrupted turn's speech.
    const timeline = view().getByRole("region", { name: "Timeline" });
    await timeline.getByRole("button", { name: "Show all" }).dispatchEvent("click");
    const titles = () => timeline.locator("title").evaluateAll((all) => all.map((title) => title.textContent ?? ""));
    const interrupted = EXPECTED_TURNS.findIndex((turn) => turn.interrupted) + 1;
    await expect.poll(titles).toContain(`Turn ${interrupted} interrupted`);
    const all = await titles();
    expect(all.filter((title) => /interrupted/.test(title))).toEqual([
      `Turn ${interrupted}: bot speaking (interrupted)`,
      `Turn ${interrupted} interrupted`,
    ]);
    // Every turn the bot answered has its speech on the timeline.
    for (const [i, turn] of EXPECTED_TURNS.entries()) {
      const speech = all.filter((title) => title.startsWith(`Turn ${i + 1}: bot speaking`));
      expect(speech, `turn ${i + 1}`).toHaveLength(turn.botText ? 1 : 0);
    }
  });

  it("lists each function call with its duration, and its name where the server reported it", async () => {
    const bot = botTimings(record);
    const expected = EXPECTED_TURNS.flatMap((turn) => turn.functionCalls);
    expect(bot.callDurations).toHaveLength(expected.length);
    const table = view().getByRole("table", { name: "Function calls" });
    const rows = table.locator("tbody").getByRole("row");
    expect(await rows.count()).toBe(expected.length);
    const headers = await table.getByRole("columnheader").allTextContents();
    const cell = async (row: number, name: string) =>
      (await rows.nth(row).getByRole("cell").nth(headers.indexOf(name)).textContent()) ?? "";
    for (const [i, call] of expected.entries()) {
      const duration = parseMs(await cell(i, "Duration"));
      const context = `call ${i + 1} (${call.name}): panel ${duration} ms, bot ${bot.callDurations[i]} ms`;
      expect(Math.abs(duration - bot.callDurations[i]), context).toBeLessThanOrEqual(BOT_TOLERANCE_MS);
      expect(Math.abs(duration - call.durationMs), context).toBeLessThanOrEqual(SCRIPT_TOLERANCE_MS);
      expect(await cell(i, "Status"), context).toMatch(/^Finished/);
      // The script's calls run on the server, so at report level "none" nothing names the call:
      // no deprecated llm-function-call either (demo/bot/README.md, "The scripted conversation").
      if (call.report === "none") {
        expect(await cell(i, "Name"), context).toBe("(not reported)");
        expect(await cell(i, "Arguments"), context).toBe("");
      } else {
        expect(await cell(i, "Name"), context).toBe(call.name);
        expect(await cell(i, "Arguments"), context).toBe(JSON.stringify(call.arguments));
        expect(await cell(i, "Result"), context).toBe(JSON.stringify(call.result));
      }
    }
    // An anonymous call: the view says why, and how a server reveals names.
    expect(await table.locator("..").textContent()).toContain("function_call_report_level");
  });

  it("shows each utterance once in the transcript, the interrupted sentence's unspoken rest marked", async () => {
    const transcript = view().getByRole("region", { name: "Transcript" });
    // The text as read, without the words said only to screen readers ("not spoken: ") and tags.
    const lines = await transcript.getByRole("listitem").evaluateAll((items) =>
      items.map((item) => {
        const copy = item.cloneNode(true) as HTMLElement;
        for (const hidden of copy.querySelectorAll(".visually-hidden, .tag")) hidden.remove();
        return (copy.textContent ?? "").replace(/\s+/g, " ").trim();
      }),
    );
    const expectedLines = EXPECTED_TURNS.flatMap((turn) => [
      `${turn.kind === "text" ? "User (typed):" : "User:"} ${turn.userText}`,
      ...(turn.botText ? [`Bot: ${turn.botText}`] : []),
    ]);
    expect(lines).toEqual(expectedLines);
    expect(lines[0]).toBe(`User (typed): ${SCRIPT_TEXT}`);

    const cut = EXPECTED_TURNS.find((turn) => turn.unspoken)!;
    const notSpoken = transcript.locator("s");
    expect(await notSpoken.count()).toBe(1);
    expect((await notSpoken.textContent())?.replace(/\s+/g, " ").trim()).toBe(`not spoken: ${cut.unspoken}`);
    const interruptedLine = transcript.getByRole("listitem").filter({ hasText: cut.spoken });
    expect(await interruptedLine.textContent()).toMatch(/interrupted/);
    expect(await transcript.getByRole("listitem").filter({ hasText: "interrupted" }).count()).toBe(1);
  });

  it("shows every part of the view at 500 and 1200 px wide, and takes screenshots of it", async () => {
    const frame = await panel.frameElement();
    const check = async (width: number) => {
      await showConversation();
      const path = `/tmp/conversation-${transport}-${width}.png`;
      await frame.screenshot({ path });
      // Each part takes room on screen (a table that scrolls must not shrink to nothing) and
      // nothing but the tables' own scrollers scrolls sideways.
      for (const part of [
        turnsTable(),
        view().getByRole("table", { name: "Function calls" }),
        view().getByRole("region", { name: "Latency summary" }),
        view().getByRole("region", { name: "Timeline" }),
        view().getByRole("region", { name: "Transcript" }),
      ]) {
        const box = await part.evaluate((element) => element.getBoundingClientRect().height);
        expect(box, `${path}: ${part}`).toBeGreaterThan(20);
      }
      for (const row of await turnRows().all()) {
        expect(await row.evaluate((element) => element.getBoundingClientRect().height), path).toBeGreaterThan(10);
      }
      const overflow = await view().evaluate((element) => element.scrollWidth - element.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    };

    // Docked beside the page (test/e2e/panelWidth.ts).
    const narrow = await dockPanelAt(devtools, panel, 500, 1200);
    expect(narrow.width, JSON.stringify(narrow.tried)).toBeGreaterThanOrEqual(495);
    expect(narrow.width).toBeLessThanOrEqual(500);
    await check(500);

    // Wide: docked DevTools keep their own width as the window grows, so the split between page
    // and DevTools is dragged (its resizer sits at the panel frame's left edge) to 1200 px.
    await resizeDevtools(devtools, panel, 1600, 1200);
    const box = (await frame.boundingBox())!;
    await devtools.mouse.move(box.x - 2, 400);
    await devtools.mouse.down();
    await devtools.mouse.move(box.x - 2 - (1200 - box.width), 400, { steps: 5 });
    await devtools.mouse.up();
    await expect.poll(() => panel.evaluate(() => document.documentElement.clientWidth)).toBe(1200);
    await check(1200);
  });

  const clickTurn = async (number: number) => {
    await showConversation();
    await turnsTable()
      .getByRole("button", { name: `Turn ${number}: select its messages` })
      .dispatchEvent("click");
    await panel.getByRole("tabpanel", { name: "Messages" }).waitFor(attached);
    expect(await tab("Messages").getAttribute("aria-selected")).toBe("true");
  };

  it("selects a turn's first row in Messages, scrolled into view, when the turn is clicked", async () => {
    for (const [number, firstType] of [
      [2, "user-started-speaking"],
      [1, "send-text"],
    ] as const) {
      await clickTurn(number);
      // The grid renders only the rows in view: the selected row is there once it was scrolled to.
      const selected = grid().getByRole("row", { selected: true });
      await expect.poll(() => selected.count(), { timeout: 10_000 }).toBe(1);
      expect(await selected.textContent(), `turn ${number}`).toContain(firstType);
    }
  });

  it("shows the same view for the session exported and imported again", async () => {
    await showConversation();
    const timeline = () => view().getByRole("region", { name: "Timeline" });
    await timeline().getByRole("button", { name: "Show all" }).dispatchEvent("click");
    const live = await viewText(panel);
    expect(live.turns).toContain(EXPECTED_TURNS[1].userText);
    const [download] = await Promise.all([
      devtools.waitForEvent("download"),
      panel.getByRole("button", { name: "Export" }).dispatchEvent("click"),
    ]);
    const path = await download.path();
    expect(JSON.parse(readFileSync(path, "utf8"))).toMatchObject({ format: "pipecat-devtools-session" });

    await panel.getByLabel("Import").setInputFiles(path);
    await panel.getByRole("note").filter({ hasText: "offline" }).waitFor(attached);
    await showConversation();
    await expect.poll(() => turnRows().count()).toBe(EXPECTED_TURNS.length);
    await timeline().getByRole("button", { name: "Show all" }).dispatchEvent("click");
    expect(await viewText(panel)).toEqual(live);
  });
});
