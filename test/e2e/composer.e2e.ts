// Talking back from the real DevTools panel, over each real transport: every composer and row
// action is performed in the panel, and its effect is checked where it lands: in what the
// demo bot received (exactly once), in what the demo app's callbacks showed, or in the app's
// own pending request, resolved by a faked answer. Everything the extension sent or injected
// carries the "devtools" mark in the log.
//
// A DevTools window that is not in front keeps its panel hidden, so the panel is driven by
// events and forced fills, as in panelLog.e2e.ts, never by "visible" actionability.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Frame, Page } from "playwright-core";
import { openPanel } from "./chromium";
import { logRowsWith } from "./logRows";
import { useDemoInChromium } from "./demoInChromium";
import { DemoApp, type DemoTransport } from "./demoApp";

const env = useDemoInChromium();
const attached = { state: "attached" } as const;
const force = { force: true } as const;

type Received = { type?: string; id?: string; data?: any };

describe.each<DemoTransport>(["websocket", "smallwebrtc"])("the composer over %s", (transport) => {
  let page: Page;
  let panel: Frame;
  let app: DemoApp;

  const composer = () => panel.getByRole("region", { name: "Composer" });
  const textbox = (name: string) => composer().getByRole("textbox", { name, exact: true });
  const button = (name: string) => composer().getByRole("button", { name, exact: true });
  const tab = (name: string) => composer().getByRole("tab", { name, exact: true });
  const detail = () => panel.getByRole("complementary", { name: "Message detail" });
  const rowsWith = (...texts: string[]) => logRowsWith(panel, ...texts);
  /** Waits for a row with all `texts` that carries the extension's mark. */
  async function expectMarkedRow(...texts: string[]): Promise<void> {
    await (await rowsWith(...texts))
      .filter({ has: panel.locator(".badge-devtools") })
      .first()
      .waitFor(attached);
  }

  const session = () =>
    env.server
      .sessions()
      .filter((record) => record.transport === transport)
      .at(-1)!;
  const received = (match: (msg: Received) => boolean) => (session().received as Received[]).filter(match);
  const isClientMessage =
    (t: string, check: (d: any) => boolean = () => true) =>
    (msg: Received) =>
      msg.type === "client-message" && msg.data?.t === t && check(msg.data?.d);

  /**
   * Everything sent before a request the app awaits has reached the bot once it is answered
   * (one ordered channel): after it, a count of what the bot received is final.
   */
  async function settle(): Promise<void> {
    expect(await app.sendRequest("get-language", {})).toMatch(/^response: /);
  }

  async function receivedOnce(match: (msg: Received) => boolean): Promise<Received> {
    await expect.poll(() => received(match).length, { timeout: 15_000 }).toBeGreaterThan(0);
    await settle();
    const found = received(match);
    expect(found).toHaveLength(1);
    return found[0];
  }

  async function fillCustom(type: string, data: string): Promise<void> {
    await tab("Custom message").dispatchEvent("click");
    await textbox("Message type").fill(type, force);
    await textbox("Message data").fill(data, force);
  }

  beforeAll(async () => {
    page = await env.chromium.ctx.newPage();
    await page.goto(`${env.server.url}/?composer#${transport}`);
    panel = await openPanel(env.chromium, page);
    app = new DemoApp(page);
    await app.connect(transport);
    await panel.getByLabel("Clients").filter({ hasText: "ready" }).waitFor(attached);
    await button("Send message").and(panel.locator(":enabled")).waitFor(attached);
  });

  afterAll(async () => page?.close());

  it("Send message: the bot receives one client-message with the type and data, and the app sees the bot's reply", async () => {
    const language = `de-DE-${transport}`;
    await fillCustom("set-language", JSON.stringify({ language }));
    await button("Send message").dispatchEvent("click");
    const msg = await receivedOnce(isClientMessage("set-language", (d) => d?.language === language));
    expect(msg.data).toEqual({ t: "set-language", d: { language } });
    await page
      .locator("#server-messages li")
      .filter({ hasText: `"language":"${language}"` })
      .waitFor(attached);
    await expectMarkedRow("client-message", language);
  });

  it("Send request: the answer shows inline with its latency; the bot received the request once", async () => {
    await fillCustom("get-language", "{}");
    const before = received(isClientMessage("get-language")).length;
    await button("Send request").dispatchEvent("click");
    const result = composer().getByRole("region", { name: "Request result" });
    await result.filter({ hasText: /Response to get-language in \d+ ms:/ }).waitFor(attached);
    expect(await result.textContent()).toContain(`"language": "de-DE-${transport}"`);
    expect(received(isClientMessage("get-language")).length).toBe(before + 1);
    await expectMarkedRow("client-message", "get-language");
  });

  it("Bad input: invalid JSON is reported under the field with its position and nothing is sent", async () => {
    const countBefore = session().received.length;
    await fillCustom("set-language", '{"language": not-json}');
    await button("Send message").dispatchEvent("click");
    const error = composer().getByRole("alert").filter({ hasText: "Invalid JSON at line 1, column 14" });
    await error.waitFor(attached);
    expect(await textbox("Message data").getAttribute("aria-describedby")).toBe(await error.getAttribute("id"));
    // Then a valid one: had the invalid one gone out, it would have reached the bot first.
    const language = `after-invalid-${transport}`;
    await textbox("Message data").fill(JSON.stringify({ language }), force);
    await button("Send message").dispatchEvent("click");
    await receivedOnce(isClientMessage("set-language", (d) => d?.language === language));
    // The valid message, and settle()'s request.
    expect(session().received.length).toBe(countBefore + 2);
  });

  it("Inject server message: the app's onServerMessage runs with the data", async () => {
    const marker = `injected-${transport}`;
    await fillCustom("ignored-type", JSON.stringify({ msg: marker, n: 1 }));
    await button("Inject server message").dispatchEvent("click");
    await page
      .locator("#server-messages li")
      .filter({ hasText: `{"msg":"${marker}","n":1}` })
      .waitFor(attached);
    await page
      .locator("#events li")
      .filter({ hasText: `onServerMessage {"msg":"${marker}","n":1}` })
      .waitFor(attached);
    await expectMarkedRow("server-message", marker);
    // After settle(): anything sent before it has reached the bot.
    await settle();
    expect(received((msg) => JSON.stringify(msg).includes(marker))).toHaveLength(0);
  });

  it("Raw outbound: the bot receives one message of the given type", async () => {
    await tab("Raw outbound").dispatchEvent("click");
    await textbox("Message type").fill("dtmf", force);
    await textbox("Message data").fill('{"buttons": ["4", "2", "#"]}', force);
    await button("Send raw message").dispatchEvent("click");
    const msg = await receivedOnce((m) => m.type === "dtmf" && m.data?.buttons?.join("") === "42#");
    expect(msg).toMatchObject({ type: "dtmf", data: { buttons: ["4", "2", "#"] } });
    expect(msg.id).toMatch(/^[0-9a-f]{8}$/);
    await expectMarkedRow("dtmf", `"buttons":["4","2","#"]`);
  });

  it("Raw inbound: an injected error reaches the app's onError", async () => {
    await tab("Raw inbound").dispatchEvent("click");
    await textbox("Message type").fill("error", force);
    await textbox("Message id").fill("", force);
    await textbox("Message data").fill(`{"error": "faked failure ${transport}", "fatal": false}`, force);
    await button("Inject message").dispatchEvent("click");
    await page
      .locator("#events li")
      .filter({ hasText: "onError" })
      .filter({ hasText: `faked failure ${transport}` })
      .waitFor(attached);
    await expectMarkedRow("error", `faked failure ${transport}`);
    expect(await app.events()).toContain('onTransportStateChanged "ready"');
  });

  it("Send text: the bot receives one send-text with the content", async () => {
    const content = `Hello from DevTools over ${transport}`;
    await tab("Text").dispatchEvent("click");
    await textbox("Text").fill(content, force);
    await button("Send text").dispatchEvent("click");
    const msg = await receivedOnce((m) => m.type === "send-text" && m.data?.content === content);
    expect(msg.data).toEqual({ content, options: {} });
    await expectMarkedRow("send-text", content);
    // The turn it starts plays to its end before the next test.
    await (await rowsWith("bot-tts-stopped")).last().waitFor(attached);
  });

  it("Respond…: a request the bot never answers resolves in the app with the faked server-response", async () => {
    await page.locator("#req-result").evaluate((element) => (element.textContent = ""));
    await page.getByLabel("Request type").fill("never-answered");
    await page.getByLabel("Request data JSON").fill("{}");
    await page.getByLabel("Timeout ms").fill("60000");
    await page.getByRole("button", { name: "Send request" }).click();
    const request = (await rowsWith("client-message", "pending", "never-answered")).last();
    await request.waitFor(attached);
    await request.dispatchEvent("click");
    await detail().getByRole("button", { name: "Respond…" }).dispatchEvent("click");
    expect(await textbox("Message type").inputValue()).toBe("server-response");
    const pendingId = received(isClientMessage("never-answered")).at(-1)!.id!;
    expect(await textbox("Message id").inputValue()).toBe(pendingId);
    expect(JSON.parse(await textbox("Message data").inputValue())).toEqual({ t: "never-answered", d: {} });
    await textbox("Message data").fill(JSON.stringify({ t: "never-answered", d: { faked: transport } }), force);
    await button("Inject message").dispatchEvent("click");
    await page
      .locator("#req-result")
      .filter({ hasText: `response: {"faked":"${transport}"}` })
      .waitFor(attached);
    await expectMarkedRow("server-response", pendingId);
  });

  it("Respond… as error-response: the app's request fails with the faked error", async () => {
    await page.locator("#req-result").evaluate((element) => (element.textContent = ""));
    await page.getByLabel("Request type").fill("never-answered");
    await page.getByRole("button", { name: "Send request" }).click();
    const request = (await rowsWith("client-message", "pending", "never-answered")).last();
    await request.waitFor(attached);
    await request.dispatchEvent("click");
    await detail().getByRole("button", { name: "Respond…" }).dispatchEvent("click");
    await composer().getByRole("radio", { name: "error-response" }).dispatchEvent("click");
    expect(await textbox("Message type").inputValue()).toBe("error-response");
    await textbox("Message data").fill(`{"error": "faked refusal ${transport}"}`, force);
    await button("Inject message").dispatchEvent("click");
    await page
      .locator("#req-result")
      .filter({ hasText: `error: faked refusal ${transport}` })
      .waitFor(attached);
  });

  it("Replay: the bot receives the app's message a second time, once, with a new id", async () => {
    const language = `replayed-${transport}`;
    await app.sendMessage("set-language", { language });
    const original = await receivedOnce(isClientMessage("set-language", (d) => d?.language === language));
    const row = (await rowsWith("client-message", language)).first();
    await row.waitFor(attached);
    await row.dispatchEvent("click");
    await detail().getByRole("button", { name: "Replay", exact: true }).dispatchEvent("click");
    await expect
      .poll(() => received(isClientMessage("set-language", (d) => d?.language === language)).length, {
        timeout: 15_000,
      })
      .toBe(2);
    await settle();
    const both = received(isClientMessage("set-language", (d) => d?.language === language));
    expect(both).toHaveLength(2);
    expect(both[1].data).toEqual(original.data);
    expect(both[1].id).not.toBe(original.id);
    await expectMarkedRow("client-message", language);
  });

  it("Edit and resend: the message lands in Raw outbound; the edited one reaches the bot once", async () => {
    const language = `replayed-${transport}`;
    const edited = `edited-${transport}`;
    // The app's own row (the replay is the marked one).
    const row = (await rowsWith("client-message", language))
      .filter({ hasNot: panel.locator(".badge-devtools") })
      .first();
    await row.dispatchEvent("click");
    await detail().getByRole("button", { name: "Edit and resend" }).dispatchEvent("click");
    expect(await tab("Raw outbound").getAttribute("aria-selected")).toBe("true");
    expect(await textbox("Message type").inputValue()).toBe("client-message");
    const data = JSON.parse(await textbox("Message data").inputValue());
    expect(data).toEqual({ t: "set-language", d: { language } });
    await textbox("Message data").fill(JSON.stringify({ ...data, d: { language: edited } }), force);
    await button("Send raw message").dispatchEvent("click");
    await receivedOnce(isClientMessage("set-language", (d) => d?.language === edited));
    await expectMarkedRow("client-message", edited);
  });

  it("History and snippets: what was sent can be recalled, and a snippet saved for this origin", async () => {
    const history = composer().getByRole("combobox", { name: "History" });
    const entries = await history.locator("option").allTextContents();
    expect(entries).toContain(`custom · set-language · {"language":"de-DE-${transport}"}`);
    const index = entries.indexOf(`custom · set-language · {"language":"de-DE-${transport}"}`) - 1;
    await history.selectOption(String(index), force);
    expect(await tab("Custom message").getAttribute("aria-selected")).toBe("true");
    expect(await textbox("Message data").inputValue()).toBe(`{"language":"de-DE-${transport}"}`);
    // A recalled message puts the cursor in its data after the render (an effect): typing the
    // snippet's name before then would lose the name's focus, and its text, to that field.
    await expect
      .poll(() => textbox("Message data").evaluate((field) => field === field.ownerDocument.activeElement))
      .toBe(true);

    await composer().getByRole("textbox", { name: "Snippet name" }).fill(`german ${transport}`, force);
    // Enabled once the panel knows the inspected page's origin (a click on a disabled button does nothing).
    await expect.poll(() => button("Save snippet").isEnabled()).toBe(true);
    await button("Save snippet").dispatchEvent("click");
    const saved = composer()
      .getByRole("combobox", { name: "Snippets" })
      .locator("option")
      .filter({ hasText: `german ${transport}` });
    // A save that failed says why next to the button: the poll's failure then names it.
    const problem = composer().locator(".composer-helpers-problem");
    await expect
      .poll(async () => ((await problem.count()) ? await problem.textContent() : await saved.count()))
      .toBe(1);
    const stored = await panel.evaluate(() => (globalThis as any).chrome.storage.local.get(null));
    const key = `composer.snippets:${new URL(env.server.url).origin}`;
    expect(stored[key]).toContainEqual({
      name: `german ${transport}`,
      mode: "custom",
      values: { type: "set-language", data: `{"language":"de-DE-${transport}"}`, timeoutMs: "10000" },
    });
  });

  it("A client that is not ready: sending is disabled with the reason; injecting still works", async () => {
    await page.getByRole("button", { name: "Disconnect" }).click();
    await app.waitForState("disconnected");
    await tab("Custom message").dispatchEvent("click");
    const send = button("Send message");
    await send.and(panel.locator(":disabled")).waitFor(attached);
    expect(await button("Send request").isDisabled()).toBe(true);
    const reasonId = await send.getAttribute("aria-describedby");
    expect(await panel.locator(`[id="${reasonId}"]`).textContent()).toMatch(
      /Sending needs a ready client; .* is disconnected/,
    );
    expect(await button("Inject server message").isDisabled()).toBe(false);
    const countBefore = session().received.length;
    await fillCustom("x", JSON.stringify({ msg: `while-disconnected-${transport}` }));
    await button("Inject server message").dispatchEvent("click");
    // The demo app drops its event listeners on disconnect; its callbacks still run.
    await page
      .locator("#events li")
      .filter({ hasText: `onServerMessage {"msg":"while-disconnected-${transport}"}` })
      .waitFor(attached);
    expect(session().received.length).toBe(countBefore);
  });
});
