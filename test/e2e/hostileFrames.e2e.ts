// Runs in vitest's e2e project: real Chromium with the built extension, the real panel and the
// demo bot. The demo app runs in the top document and again in a cross-origin iframe (as in
// test/e2e/frames.e2e.ts), each with a real @pipecat-ai/client-js client; a third frame
// (fixtures/hostile-forger.html, no client of its own) forges events about both clients
// through its own relay, as the hostile tests forge the hook's handover and batches: a
// client-added with each one's client id, and client-added and client-updated events that name
// each one's frame (as the browser numbers it) in plain keys and in own `__proto__` keys.
//
// Which frame a client lives in is what the browser says of the relay that reported it, never
// what the page says. So the panel refuses the events that carry a frame (strict schemas,
// src/shared/protocol/pageToPanel.ts) and counts them ("N rejected"), lists the well-formed
// claims as clients of the forging frame, and every command its composer sends reaches only
// the frame that reported the client it was sent to: each real client's bot gets exactly what
// was sent to that client, and the forging frame gets exactly what was sent to the clients it
// reported (on the port it handed its relay, `commandsOnForgedPort` in
// fixtures/hostile-bridge.js).
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Frame, Locator, Page } from "playwright-core";
import { openPanel } from "./chromium";
import { DemoApp } from "./demoApp";
import { useDemoInChromium } from "./demoInChromium";
import { startFixtureServer, type FixtureServer } from "./fixtureServer";
import { panelStatus } from "./panelStatus";

const env = useDemoInChromium();
let fixtures: FixtureServer;

beforeAll(async () => {
  fixtures = await startFixtureServer();
});

afterAll(async () => {
  await fixtures?.close();
});

const attached = { state: "attached" } as const;
const force = { force: true } as const;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Adds an iframe of `src` to the top document and returns its frame once loaded. */
async function embed(page: Page, src: string, allow?: string): Promise<Frame> {
  await page.evaluate(
    ([src, allow]) => {
      const iframe = document.createElement("iframe");
      iframe.src = src;
      if (allow) iframe.allow = allow;
      document.body.append(iframe);
    },
    [src, allow] as const,
  );
  let found: Frame | undefined;
  await expect.poll(() => (found = page.frames().find((f) => f.url() === src)), { timeout: 10_000 }).toBeDefined();
  await found!.waitForLoadState("load");
  return found!;
}

/** The browser's tab id of the page at `url`, and the frame id of each of its frames by URL. */
function browserIds(url: string): Promise<{ tabId: number; frames: Record<string, number> }> {
  return env.chromium.serviceWorker!.evaluate(async (url) => {
    const chrome = (globalThis as any).chrome;
    const tabs: { id: number; url?: string }[] = await chrome.tabs.query({});
    const tabId = tabs.find((tab) => tab.url === url)!.id;
    const results: { frameId: number; result: string }[] = await chrome.scripting.executeScript({
      target: { tabId, allFrames: true },
      func: () => location.href,
    });
    return { tabId, frames: Object.fromEntries(results.map(({ frameId, result }) => [result, frameId])) };
  }, url);
}

/** What the relay handed the forging frame: `kind clientId language`, oldest first. */
function commandsInForger(forger: Frame): Promise<string[]> {
  return forger.evaluate(() =>
    (window as any).commandsOnForgedPort.map(
      (command: { kind: string; clientId: string; data?: { language?: string } }) =>
        `${command.kind} ${command.clientId} ${command.data?.language}`,
    ),
  );
}

it("routes the panel's commands by the frame that reported a client, whatever another frame claims about it", async () => {
  const page = await env.chromium.ctx.newPage();
  await page.goto(`${env.server.url}/#hostile-frames`);
  const panel = await openPanel(env.chromium, page);
  const embeddedUrl = `${env.server.url.replace("localhost", "127.0.0.1")}/?embedded#hostile-frames`;
  // A cross-origin frame gets the microphone only when its embedder allows it.
  const embeddedFrame = await embed(page, embeddedUrl, "microphone");
  const forgerUrl = `${fixtures.url}/hostile-forger.html`;
  const forger = await embed(page, forgerUrl);
  await forger.waitForFunction(() => (window as any).forger !== undefined);

  const top = new DemoApp(page);
  const embedded = new DemoApp(embeddedFrame, { dispatchClicks: true });
  await embedded.waitForState("disconnected");
  await top.connect("websocket");
  await embedded.connect("websocket");
  const sessionOf = (origin: string) =>
    env.server
      .sessions()
      .filter((s) => s.headers.origin === origin)
      .at(-1)!;
  const topSession = sessionOf(new URL(env.server.url).origin);
  const embeddedSession = sessionOf(new URL(embeddedUrl).origin);
  expect(embeddedSession).toBeDefined();
  expect(embeddedSession).not.toBe(topSession);

  // Both real clients are listed, ready: the top document's without a frame, the iframe's with it.
  const clients = panel.getByLabel("Clients").getByRole("button");
  const inFrame = (url: string) => clients.filter({ hasText: ` · frame ${url}` });
  const topClient = clients.filter({ hasNotText: " · frame " });
  await topClient.filter({ hasText: " · ready" }).waitFor(attached);
  await inFrame(embeddedUrl).filter({ hasText: " · ready" }).waitFor(attached);
  expect(await clients.count()).toBe(2);
  const idOf = async (client: Locator) => ((await client.textContent()) ?? "").split(" · ")[0];
  const topId = await idOf(topClient);
  const embeddedId = await idOf(inFrame(embeddedUrl));
  expect(topId).not.toBe(embeddedId);
  expect((await panelStatus(panel)).text).not.toContain("rejected");

  // The forgery, naming each client's real frame and tab.
  const ids = await browserIds(page.url());
  const embeddedFrameId = ids.frames[embeddedUrl];
  expect(embeddedFrameId).toBeGreaterThan(0);
  const forged: { rejected: number; listed: string[] } = await forger.evaluate(
    ([victims, tabId]) => (window as any).forger.forge(victims, tabId),
    [
      [
        { clientId: topId, frameId: 0 },
        { clientId: embeddedId, frameId: embeddedFrameId },
      ],
      ids.tabId,
    ] as const,
  );
  expect(forged.rejected).toBeGreaterThan(0);
  // A barrier: a message the forging frame fires on the same node after the forgery, through
  // the same relay. Once it is shown, the panel has taken in (or refused) every forged event.
  await forger.evaluate(() => (window as any).forger.done("forger-done"));
  await panel.getByRole("row").filter({ hasText: "forger-done" }).first().waitFor(attached);

  // Every event that named a frame was refused, and counted.
  expect(/(\d+) rejected/.exec((await panelStatus(panel)).text)?.[1]).toBe(String(forged.rejected));
  // The real clients are still listed once each, in their own frames and states.
  const startsWith = (id: string) => new RegExp(`^${escapeRegExp(id)} · `);
  const topReal = topClient.filter({ hasText: startsWith(topId) });
  const embeddedReal = inFrame(embeddedUrl).filter({ hasText: startsWith(embeddedId) });
  expect(await topReal.count()).toBe(1);
  expect(await embeddedReal.count()).toBe(1);
  for (const real of [topReal, embeddedReal]) {
    const text = (await real.textContent()) ?? "";
    expect(text).toContain(" · ready");
    expect(text).not.toContain("forged");
  }
  // The well-formed claims are listed as the forging frame's own clients, and nothing else is.
  const forgedTop = inFrame(forgerUrl).filter({ hasText: startsWith(topId) });
  const forgedEmbedded = inFrame(forgerUrl).filter({ hasText: startsWith(embeddedId) });
  expect(forged.listed).toEqual([topId, embeddedId]);
  expect(await forgedTop.count()).toBe(1);
  expect(await forgedEmbedded.count()).toBe(1);
  expect(await clients.count()).toBe(4);

  const composer = panel.getByRole("region", { name: "Composer" });
  const sendTo = async (client: Locator, language: string) => {
    await client.dispatchEvent("click");
    await client.and(panel.locator("[aria-pressed=true]")).waitFor(attached);
    await composer.getByRole("tab", { name: "Custom message", exact: true }).dispatchEvent("click");
    await composer.getByRole("textbox", { name: "Message type", exact: true }).fill("set-language", force);
    await composer
      .getByRole("textbox", { name: "Message data", exact: true })
      .fill(JSON.stringify({ language }), force);
    await composer.getByRole("button", { name: "Send message", exact: true }).dispatchEvent("click");
  };
  const languagesAt = (session: typeof topSession) =>
    session.received
      .filter((msg: any) => msg.type === "client-message" && msg.data?.t === "set-language")
      .map((msg: any) => msg.data?.d?.language);

  await sendTo(topReal, "to-top-1");
  await expect.poll(() => languagesAt(topSession), { timeout: 15_000 }).toContain("to-top-1");
  await sendTo(embeddedReal, "to-embedded-1");
  await expect.poll(() => languagesAt(embeddedSession), { timeout: 15_000 }).toContain("to-embedded-1");
  await sendTo(forgedTop, "to-forged-top");
  await sendTo(forgedEmbedded, "to-forged-embedded");
  // Barriers: one more command to each frame, after the rest. Commands to a frame travel in
  // order (panel Port, background, that frame's relay Port), so once these have arrived,
  // nothing sent before them is still on its way to any of the three frames.
  await sendTo(topReal, "to-top-2");
  await sendTo(embeddedReal, "to-embedded-2");
  await sendTo(forgedTop, "to-forger-2");
  await expect.poll(() => languagesAt(topSession), { timeout: 15_000 }).toContain("to-top-2");
  await expect.poll(() => languagesAt(embeddedSession), { timeout: 15_000 }).toContain("to-embedded-2");
  await expect.poll(() => commandsInForger(forger), { timeout: 15_000 }).toContain(`send-message ${topId} to-forger-2`);

  expect(languagesAt(topSession)).toEqual(["to-top-1", "to-top-2"]);
  expect(languagesAt(embeddedSession)).toEqual(["to-embedded-1", "to-embedded-2"]);
  expect(await commandsInForger(forger)).toEqual([
    `send-message ${topId} to-forged-top`,
    `send-message ${embeddedId} to-forged-embedded`,
    `send-message ${topId} to-forger-2`,
  ]);
  // Each app answered only what was sent to its own client.
  await embeddedFrame.locator("#server-messages li").filter({ hasText: "to-embedded-2" }).waitFor(attached);
  expect((await embedded.serverMessages()).join("\n")).not.toMatch(/to-top|to-forge/);
  await top.page.locator("#server-messages li").filter({ hasText: "to-top-2" }).waitFor(attached);
  expect((await top.serverMessages()).join("\n")).not.toMatch(/to-embedded|to-forge/);
});
