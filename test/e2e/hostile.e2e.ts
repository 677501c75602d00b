// A page that attacks the bridge, in real Chromium with the real panel: it imitates the hook's
// handshake and fires garbage, malformed and oversized batches and a flood on batch nodes of
// its own, replaces what the hook uses after load, and posts imitations of the extension's
// commands on its window. Its panel must go on logging its real events and account for every
// forged one (a row or a count), the panel of the tab next to it must see none of it, and the
// service worker must still route. A batch over the per-post cap arrives whole, split.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Frame, Page } from "playwright-core";
import { launchChromium, openPanel, type ChromiumSession } from "./chromium";
import { startFixtureServer, type FixtureServer } from "./fixtureServer";
import { panelStatus } from "./panelStatus";

let server: FixtureServer;
let chromium: ChromiumSession;

beforeAll(async () => {
  server = await startFixtureServer();
  chromium = await launchChromium();
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

/** What an attack leaves: rows, events the bridge dropped, and events the panel's validators refused. */
interface Counted {
  messages: number;
  dropped: number;
  rejected: number;
}

async function openTab(path: string): Promise<{ page: Page; panel: Frame }> {
  const page = await chromium.ctx.newPage();
  await page.goto(`${server.url}/${path}`);
  return { page, panel: await openPanel(chromium, page) };
}

function accountedFor(panel: Frame): Promise<number> {
  return panelStatus(panel).then(({ messages, dropped, rejected }) => messages + dropped + rejected);
}

function rows(panel: Frame, text: string) {
  return panel.getByRole("row").filter({ hasText: text });
}

function receive(page: Page, type: string, data: unknown): Promise<void> {
  return page.evaluate(([type, data]) => (window as any).transport.receive(type, data), [type, data] as const);
}

function attack<T = Counted>(page: Page, name: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(([name, args]) => (window as any).hostile[name](...args), [name, args] as const);
}

describe("a hostile page next to a well-behaved one", () => {
  const FLOOD = 100_000;
  // The data of the hook's event after the page replaced what the hook uses (hostile.html).
  const MARKER = "only-the-hook-may-see-this";
  let neighbour: { page: Page; panel: Frame };
  let hostile: { page: Page; panel: Frame };

  beforeAll(async () => {
    neighbour = await openTab("hostile-neighbour.html");
    hostile = await openTab("hostile.html");
  });

  it("logs the forged traffic as the page's own, counts what it refused, and keeps the real events flowing", async () => {
    const { page, panel } = hostile;
    await receive(page, "real-before", "first");
    await rows(panel, "real-before").waitFor();
    await receive(neighbour.page, "neighbour-before", "next door");
    await rows(neighbour.panel, "neighbour-before").waitFor();

    const expected: Counted = { messages: 1, dropped: 0, rejected: 0 };
    const add = (counted: Counted) => {
      expected.messages += counted.messages;
      expected.dropped += counted.dropped;
      expected.rejected += counted.rejected;
    };
    add(await attack(page, "garbage"));
    add(await attack(page, "malformed"));
    add(await attack(page, "oversized"));
    await attack(page, "imitateCommands");
    // Every forged event is a row or a count: none is lost silently, none counted twice.
    await expect
      .poll(() => accountedFor(panel), { timeout: 20_000 })
      .toBe(expected.messages + expected.dropped + expected.rejected);
    // Forged but well-formed: shown as this page's data; the imitated commands did nothing.
    await rows(panel, "forged-visible").waitFor();
    // A barrier: a real event logged after the attacks, on the same relay. Once it is shown,
    // anything the attacks had made the relay post would be shown too.
    await receive(page, "real-after-attacks", "barrier");
    await rows(panel, "real-after-attacks").waitFor();
    expected.messages += 1;
    expect((await panelStatus(panel)).rejected).toBe(expected.rejected);
    const absentRows = ["forged-claiming", "forged-command", "forged-inject", "forged-window", "forged-oversized"];
    for (const absent of [...absentRows, "forged-on-port"]) {
      expect(await rows(panel, absent).count()).toBe(0);
    }
    expect(await page.evaluate(() => (window as any).transport.sent.length)).toBe(0);
    const beforeFlood = await panelStatus(panel);

    add(await attack(page, "flood", FLOOD));
    const total = expected.messages + expected.dropped + expected.rejected;
    await expect.poll(() => accountedFor(panel), { timeout: 60_000, interval: 500 }).toBe(total);
    // A barrier: a real event after the flood carries whatever drops the relay had not yet
    // reported (src/content/pendingBatches.ts); once it is shown, the counts are final.
    await receive(page, "real-after-flood", "barrier");
    await rows(panel, "real-after-flood").waitFor({ timeout: 30_000 });
    const afterFlood = await panelStatus(panel);
    expect(afterFlood.messages + afterFlood.dropped + afterFlood.rejected).toBe(total + 1);
    // The flood is more than the relay keeps waiting for the background: some of it is dropped.
    expect(afterFlood.dropped).toBeGreaterThan(beforeFlood.dropped);
    expect(afterFlood.messages).toBeGreaterThan(beforeFlood.messages);

    // The page replaces what the hook uses; its real events still arrive, and the
    // replacements never saw them.
    await attack(page, "replaceIntrinsics");
    await attack(page, "receiveMarked");
    await rows(panel, "real-after").filter({ hasText: MARKER }).waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => (window as any).leaks)).toEqual([]);
    const final = await panelStatus(panel);
    expect(final.messages).toBe(afterFlood.messages + 1);
    expect(final.text).not.toContain("hook errors");
  });

  it("shows nothing of it in the other tab, whose panel is still served", async () => {
    const { page, panel } = neighbour;
    await receive(page, "neighbour-after", "still routed");
    // A barrier: the background forwarded every batch of the hostile tab before this test
    // began (its panel showed them all), and anything it had sent this panel then was posted
    // on this panel's Port before this event.
    await rows(panel, "neighbour-after").waitFor();
    const { messages, dropped } = await panelStatus(panel);
    expect({ messages, dropped }).toEqual({ messages: 2, dropped: 0 });
    for (const foreign of ["real-before", "forged", "flood", MARKER]) {
      expect(await rows(panel, foreign).count()).toBe(0);
    }
  });
});

/** How many messages the panel's filter shows for `text` (the status says "N shown"). */
async function shownBy(panel: Frame, text: string): Promise<number> {
  const filter = panel.getByRole("searchbox", { name: "Filter" });
  // From no filter, so the status read is this filter's and not the last one's.
  await filter.fill("", { force: true });
  await panel.getByRole("status").filter({ hasNotText: " shown" }).waitFor({ state: "attached" });
  await filter.fill(text, { force: true });
  const shown = panel.getByRole("status").filter({ hasText: /\d+ shown/ });
  await shown.waitFor({ state: "attached" });
  return Number(/(\d+) shown/.exec((await shown.textContent()) ?? "")?.[1]);
}

describe("a batch larger than one post may carry", () => {
  it("arrives whole, split into several posts, from a forged node and from the hook itself", async () => {
    const { page, panel } = await openTab("hostile.html#split");
    // 45 events of 120 000 quotes on a batch node of the page's own: 240 000 characters of JSON
    // each once escaped (under PAGE_LIMITS.messageChars), 10.8 MB in one batch, which the relay
    // posts in runs of at most 1 MB (src/content/batches.ts); and 2 events of 300 000 characters,
    // over the limit, which the panel refuses and counts.
    await attack(page, "large", 45, 120_000, '"');
    await attack(page, "large", 2, 300_000, "x");
    // 12 × 200 KB (under the hook's 256 KB cut) in one task: one hook batch of ~2.4 MB.
    await page.evaluate(() => {
      for (let n = 0; n < 12; n++) (window as any).transport.receive("hook-large", "h".repeat(200_000));
    });
    await expect.poll(async () => (await panelStatus(panel)).messages, { timeout: 30_000 }).toBe(57);
    // A barrier: a real event after both, on the same relay; once it is shown, nothing of the
    // split batches is still on its way.
    await receive(page, "split-done", "barrier");
    await rows(panel, "split-done").waitFor();
    const { text, messages, rejected } = await panelStatus(panel);
    expect(messages).toBe(58);
    expect(rejected).toBe(2);
    expect(text).not.toMatch(/dropped|truncated|hook errors/);
    // Counted by the filter: the grid renders only the rows in view.
    expect(await shownBy(panel, "forged-large")).toBe(45);
    expect(await shownBy(panel, "hook-large")).toBe(12);
  });
});
