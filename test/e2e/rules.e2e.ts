// Rules acting on messages in flight, made in the real DevTools panel's Rules view and run by the
// page hook, over each real transport: Respond and Respond with error answer the app's request
// in the bot's place; Break holds an outbound message (Continue edited, or Drop) and an inbound
// one before the app's callback; Delay holds a message for its time; Inject after delivers a
// message to the app; closing the panel lets a paused message go; a rule turned off no longer
// acts. Each effect is checked where it lands: in what the demo bot received (its session record,
// demo/bot/sessions.ts) and in what the demo app showed. An absence is asserted only after a
// barrier: a request sent later that the bot answered (one ordered channel per transport), or
// the panel's listing of a message the hook holds.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Frame, Page } from "playwright-core";
import type { SessionRecord } from "../../demo/server";
import { openPanel } from "./chromium";
import { useDemoInChromium } from "./demoInChromium";
import { DemoApp, type DemoTransport } from "./demoApp";
import { RulesPanel } from "./rulesPanel";

const env = useDemoInChromium();
const attached = { state: "attached" } as const;
/** Longer than any test: a Break rule's message goes on by itself only when a test says so. */
const NO_TIMEOUT_S = 600;

type Received = { type?: string; id?: string; data?: any };

const isClientMessage =
  (t: string, check: (d: any) => boolean = () => true) =>
  (msg: Received) =>
    msg.type === "client-message" && msg.data?.t === t && check(msg.data?.d);

/** The demo app on a page of its own, its bot's session, and the Rules view of its own panel. */
interface AppUnderTest {
  page: Page;
  app: DemoApp;
  panel: Frame;
  rules: RulesPanel;
  session: SessionRecord;
}

async function openApp(url: string, transport: DemoTransport): Promise<AppUnderTest> {
  const page = await env.chromium.ctx.newPage();
  await page.goto(url);
  const panel = await openPanel(env.chromium, page);
  const app = new DemoApp(page);
  const before = new Set(env.server.sessions());
  await app.connect(transport);
  const session = env.server.sessions().find((record) => !before.has(record))!;
  expect(session.transport).toBe(transport);
  await panel.getByLabel("Clients").filter({ hasText: "ready" }).waitFor(attached);
  return { page, app, panel, rules: new RulesPanel(panel), session };
}

function received(session: SessionRecord, match: (msg: Received) => boolean): Received[] {
  return (session.received as Received[]).filter(match);
}

/** Everything the app sent before it has reached the bot once a request it awaits is answered by the bot. */
async function barrier(app: DemoApp): Promise<void> {
  expect(await app.sendRequest("no-such-type", {})).toBe("error: Unknown request type");
}

describe.each<DemoTransport>(["websocket", "smallwebrtc"])("rules over %s", (transport) => {
  let subject: AppUnderTest;
  let app: DemoApp;
  let rules: RulesPanel;
  let barriers = 0;
  /** Waits until the rules saved so far are in force in the page (RulesPanel.inForce), with a fresh marker. */
  const inForce = () => rules.inForce(app, `in-force-${transport}-${++barriers}`);
  const got = (match: (msg: Received) => boolean) => received(subject.session, match);

  beforeAll(async () => {
    subject = await openApp(`${env.server.url}/?rules#${transport}`, transport);
    ({ app, rules } = subject);
  });
  afterEach(async () => {
    await rules.deleteAll();
  });
  afterAll(async () => subject?.page.close());

  it("Respond answers the app's request with exactly the given JSON; the bot never gets it; the log marks both", async () => {
    await rules.add({
      name: "Respond to outbound client-message get-language",
      action: "Respond",
      direction: "Outbound",
      type: "client-message",
      requestType: "get-language",
      response: '{"language":"xx-MOCK"}',
    });
    await inForce();
    const before = got(isClientMessage("get-language")).length;
    expect(await app.sendRequest("get-language", {})).toBe('response: {"language":"xx-MOCK"}');
    await barrier(app);
    expect(got(isClientMessage("get-language"))).toHaveLength(before);
    await rules.markedRow("client-message", "get-language", "answered by rule");
    await rules.markedRow("server-response", "xx-MOCK", "mocked");
  });

  it("Respond with error rejects the app's request with the error text; the bot never gets it", async () => {
    await rules.add({
      name: "Respond with error to outbound client-message get-language",
      action: "Respond with error",
      direction: "Outbound",
      type: "client-message",
      requestType: "get-language",
      response: `mocked failure over ${transport}`,
    });
    await inForce();
    const before = got(isClientMessage("get-language")).length;
    expect(await app.sendRequest("get-language", {})).toBe(`error: mocked failure over ${transport}`);
    await barrier(app);
    expect(got(isClientMessage("get-language"))).toHaveLength(before);
  });

  it("Break holds an outbound message: Continue sends it once, as edited; Drop sends nothing", async () => {
    await rules.add({
      name: "Break outbound client-message set-language",
      action: "Break",
      direction: "Outbound",
      type: "client-message",
      requestType: "set-language",
      timeoutS: NO_TIMEOUT_S,
    });
    await inForce();
    const held = `held-${transport}`;
    const edited = `edited-${transport}`;
    const isLanguage = (language: string) => isClientMessage("set-language", (d) => d?.language === language);

    await app.sendMessage("set-language", { language: held });
    const paused = await rules.paused(held);
    expect(paused.msg).toMatchObject({ type: "client-message", data: { t: "set-language", d: { language: held } } });
    await barrier(app);
    expect(got(isLanguage(held))).toHaveLength(0);

    await paused.continueWith({ ...paused.msg, data: { t: "set-language", d: { language: edited } } });
    await expect.poll(() => got(isLanguage(edited)).length, { timeout: 15_000 }).toBe(1);
    await barrier(app);
    expect(got(isLanguage(edited))).toHaveLength(1);
    expect(got(isLanguage(held))).toHaveLength(0);
    // The bot acted on the edited message: it answers get-language with the edited language.
    await app.page
      .locator("#server-messages li")
      .filter({ hasText: `"language":"${edited}"` })
      .waitFor(attached);

    const dropped = `dropped-${transport}`;
    await app.sendMessage("set-language", { language: dropped });
    await (await rules.paused(dropped)).drop();
    await barrier(app);
    expect(got(isLanguage(dropped))).toHaveLength(0);
    // The log says how each wait ended.
    await rules.markedRow("client-message", held, "edited");
    await rules.markedRow("client-message", dropped, "dropped");
  });

  it("Break holds an inbound server-message before the app's callback runs, until Continue", async () => {
    const language = `inbound-held-${transport}`;
    await rules.add({
      name: `Break inbound server-message matching ${language}`,
      action: "Break",
      direction: "Inbound",
      type: "server-message",
      data: language,
      timeoutS: NO_TIMEOUT_S,
    });
    await inForce();
    // The bot answers set-language with a server-message {msg: "language-updated", language}.
    await app.sendMessage("set-language", { language });
    const paused = await rules.paused(language);
    expect(paused.msg).toMatchObject({ type: "server-message", data: { msg: "language-updated", language } });
    // Listed as held, it reached the hook, which is the first to see it: the app has not.
    const shown = `{"msg":"language-updated","language":"${language}"}`;
    expect(await app.serverMessages()).not.toContain(shown);
    await paused.continueWith();
    await app.page.locator("#server-messages li").filter({ hasText: shown }).waitFor(attached);
    expect((await app.serverMessages()).filter((text) => text === shown)).toHaveLength(1);
  });

  it("Delay holds an outbound message for its time: the bot gets it about 1500 ms after the send", async () => {
    const language = `delayed-${transport}`;
    await rules.add({
      name: `Delay outbound client-message matching ${language}`,
      action: "Delay",
      direction: "Outbound",
      type: "client-message",
      data: language,
      delayMs: 1500,
    });
    await inForce();
    const isDelayed = isClientMessage("set-language", (d) => d?.language === language);
    // The app sends while the click is handled: after the first reading, before the second.
    // Held for its time, it reaches the bot no sooner than 1500 ms after the first, and soon
    // after 1500 ms after the second. (Whether a message sent meanwhile overtakes it depends on
    // how fast the test can send one on a loaded machine: the bounds say it without a race.)
    await app.fillMessage("set-language", { language });
    const notSentBefore = Date.now();
    await app.pressSendMessage();
    const sentBy = Date.now();
    await expect.poll(() => got(isDelayed).length, { timeout: 15_000 }).toBe(1);
    const receivedAt = subject.session.receivedAt[(subject.session.received as Received[]).findIndex(isDelayed)];
    // Both clocks are this machine's Date.now(), read in whole milliseconds by two processes.
    expect(receivedAt - notSentBefore).toBeGreaterThanOrEqual(1500 - 2);
    expect(receivedAt - sentBy).toBeLessThan(1500 + 2000);
    await rules.markedRow("client-message", language, "delayed 1500 ms");
  });

  it("Inject after delivers the given server-message to the app after a matching outbound message", async () => {
    const language = `inject-trigger-${transport}`;
    const injected = `injected-after-${transport}`;
    await rules.add({
      name: `Inject after outbound client-message matching ${language}`,
      action: "Inject after",
      direction: "Outbound",
      type: "client-message",
      data: language,
      response: JSON.stringify({ type: "server-message", data: { msg: injected } }),
    });
    await inForce();
    await app.sendMessage("set-language", { language });
    await app.page
      .locator("#server-messages li")
      .filter({ hasText: JSON.stringify({ msg: injected }) })
      .waitFor(attached);
    // The matching message itself went on to the bot, once.
    await barrier(app);
    expect(got(isClientMessage("set-language", (d) => d?.language === language))).toHaveLength(1);
    await rules.markedRow("client-message", language, "rule matched");
    await rules.markedRow("server-message", injected, "injected");
  });

  it("a rule whose checkbox is off no longer acts", async () => {
    const name = "Respond to outbound client-message get-language";
    await rules.add({
      name,
      action: "Respond",
      direction: "Outbound",
      type: "client-message",
      requestType: "get-language",
      response: '{"language":"xx-OFF"}',
    });
    await inForce();
    expect(await app.sendRequest("get-language", {})).toBe('response: {"language":"xx-OFF"}');
    await rules.setEnabled(name, false);
    await inForce();
    const before = got(isClientMessage("get-language")).length;
    const answer = await app.sendRequest("get-language", {});
    expect(answer).toMatch(/^response: \{"language":"/);
    expect(answer).not.toContain("xx-OFF");
    expect(got(isClientMessage("get-language"))).toHaveLength(before + 1);
  });

  it("closing the panel lets a paused message go on", async () => {
    // A page of its own, with its own DevTools window, on another origin: its rules are its own.
    const other = await openApp(
      `${env.server.url.replace("localhost", "127.0.0.1")}/?rules-close#${transport}`,
      transport,
    );
    try {
      const name = "Break outbound client-message set-language";
      await other.rules.add({
        name,
        action: "Break",
        direction: "Outbound",
        type: "client-message",
        requestType: "set-language",
        timeoutS: NO_TIMEOUT_S,
      });
      await other.rules.inForce(other.app, `in-force-close-${transport}`);
      const language = `held-until-close-${transport}`;
      const isHeld = isClientMessage("set-language", (d) => d?.language === language);
      await other.app.sendMessage("set-language", { language });
      await other.rules.paused(language);
      // Deleting the rule leaves what it paused waiting (and nothing of it stored for the next test).
      await other.rules.delete(name);
      await barrier(other.app);
      expect(received(other.session, isHeld)).toHaveLength(0);

      await other.panel.page().close();
      await expect.poll(() => received(other.session, isHeld).length, { timeout: 15_000 }).toBe(1);
      await barrier(other.app);
      expect(received(other.session, isHeld)).toHaveLength(1);
    } finally {
      await other.page.close();
    }
  });
});
