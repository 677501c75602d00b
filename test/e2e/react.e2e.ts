// Runs in vitest's e2e project, in real Chromium with the built extension and the real DevTools
// panel: the React demo page (demo/react: client-react's PipecatClientProvider and hooks,
// voice-ui-kit's components, one minified bundle, no globals) against the demo bot, over each
// transport. The hook finds the client the bundle builds, the panel logs its traffic both ways,
// and the panel's composer reaches it: what it sends is checked in what the bot received and
// in what the React app shows of the bot's answer.
//
// A DevTools window that is not in front keeps its panel hidden, so the panel is driven by
// events and forced fills, as in composer.e2e.ts, never by "visible" actionability.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Frame, Page } from "playwright-core";
import { openPanel } from "./chromium";
import { logRowsWith } from "./logRows";
import type { DemoTransport } from "./demoApp";
import { useDemoInChromium } from "./demoInChromium";

const env = useDemoInChromium();
const attached = { state: "attached" } as const;
const force = { force: true } as const;

type Received = { type?: string; id?: string; data?: any };

describe.each<DemoTransport>(["websocket", "smallwebrtc"])("the React app over %s", (transport) => {
  let page: Page;
  let panel: Frame;
  let sessionsBefore: number;

  const lastServerMessage = () => page.getByRole("textbox", { name: "Last server message" });
  const composer = () => panel.getByRole("region", { name: "Composer" });
  const composerTextbox = (name: string) => composer().getByRole("textbox", { name, exact: true });
  const composerButton = (name: string) => composer().getByRole("button", { name, exact: true });
  const clientEntries = () => panel.getByLabel("Clients").getByRole("button");

  const rowsWith = (...texts: string[]) => logRowsWith(panel, ...texts);
  /** Waits for a row going `dir` ("in": from the bot, "out": to it) with all `texts`. */
  async function expectRow(dir: "in" | "out", ...texts: string[]): Promise<void> {
    await (await rowsWith(...texts))
      .and(panel.locator(`.dir-${dir}`))
      .first()
      .waitFor(attached);
  }

  /** This page's session: the one its connect started. */
  const session = () => {
    const started = env.server.sessions().slice(sessionsBefore);
    expect(started).toHaveLength(1);
    return started[0];
  };
  const receivedLanguages = (language: string) =>
    (session().received as Received[]).filter(
      (msg) => msg.type === "client-message" && msg.data?.t === "set-language" && msg.data?.d?.language === language,
    );

  /** Waits until the app's field shows the bot's `language-updated` for `language`, and checks it is exactly that. */
  async function expectLanguageUpdated(language: string): Promise<void> {
    await expect.poll(() => lastServerMessage().inputValue(), { timeout: 15_000 }).toContain(`"${language}"`);
    expect(JSON.parse(await lastServerMessage().inputValue())).toEqual({ msg: "language-updated", language });
  }

  beforeAll(async () => {
    page = await env.chromium.ctx.newPage();
    await page.goto(`${env.server.url}/react/#${transport}`);
    panel = await openPanel(env.chromium, page);
    sessionsBefore = env.server.sessions().length;
    // voice-ui-kit's ConnectButton; the page's own status line follows client-react's transport state.
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "state: ready" }).waitFor({ timeout: 20_000 });
  });

  afterAll(async () => page?.close());

  it("is one minified bundle that exposes no client", async () => {
    expect(await page.evaluate(() => typeof (window as any).PipecatClient)).toBe("undefined");
    // The globals the page added, against those of a blank frame.
    const added = await page.evaluate(() => {
      const blank = document.body.appendChild(document.createElement("iframe"));
      const builtin = new Set(Object.getOwnPropertyNames(blank.contentWindow));
      blank.remove();
      return Object.getOwnPropertyNames(window).filter((name) => !builtin.has(name));
    });
    expect(added.filter((name) => /pipecat|client|transport/i.test(name))).toEqual([]);
    const scripts = await page.evaluate(() => [...document.scripts].map((script) => script.src));
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toMatch(/\/react\/assets\/index-[\w-]+\.js$/);
    const bundle = await (await fetch(scripts[0])).text();
    // The page's own names are gone (an unminified build keeps them: demo/react/src/client.ts),
    // its lines are long, and React's runtime is the one in.
    for (const name of ["startAndConnect", "createClient", "TRANSPORT_KIND"]) {
      expect(bundle).not.toContain(name);
    }
    expect(bundle).toContain("react.transitional.element");
    expect(bundle).not.toContain("sourceMappingURL");
    expect(bundle.length / bundle.split("\n").length).toBeGreaterThan(1000);
  });

  it("started one session, handshake done", () => {
    expect(session().transport).toBe(transport);
    expect((session().received as Received[]).some((msg) => msg.type === "client-ready")).toBe(true);
    expect(session().sent.some((msg) => msg.type === "bot-ready")).toBe(true);
  });

  it("the panel lists the client as found at construction, ready, named by client-react, with its start call", async () => {
    const entry = clientEntries().filter({ hasText: transport }).filter({ hasText: "ready" });
    await entry.waitFor(attached);
    expect(await clientEntries().count()).toBe(1);
    const text = (await entry.textContent()) ?? "";
    expect(text).toContain("@pipecat-ai/client-react 1.8.2");
    expect(text).toContain("client-js 1.13.1");
    expect(text).not.toContain("seen on the wire only");

    await panel.getByRole("tab", { name: "Connection" }).dispatchEvent("click");
    const view = panel.getByRole("tabpanel", { name: "Connection" });
    const facts = view.getByRole("region", { name: "Client" });
    await facts.waitFor(attached);
    const found = facts.locator("div").filter({ has: panel.locator("dt", { hasText: "Found by" }) });
    expect(await found.locator("dd").textContent()).toBe("construction");
    // The bot was started the development runner's way (demo/react/src/client.ts).
    await view.getByText(`${env.server.url}/start`).first().waitFor(attached);
    await panel.getByRole("tab", { name: "Messages" }).dispatchEvent("click");
  });

  it("logs the handshake, and the app's own message and the bot's answer, both ways", async () => {
    await expectRow("out", "client-ready");
    await expectRow("in", "bot-ready");
    const language = `es-ES-${transport}`;
    await page.getByRole("textbox", { name: "Language" }).fill(language);
    await page.getByRole("button", { name: "Set language" }).click();
    await expectLanguageUpdated(language);
    await expectRow("out", "client-message", language);
    await expectRow("in", "server-message", language);
    expect(receivedLanguages(language)).toHaveLength(1);
  });

  it("the composer's message reaches the bot once, and the React app shows the bot's answer", async () => {
    const language = `de-DE-${transport}`;
    await composerButton("Send message").and(panel.locator(":enabled")).waitFor(attached);
    await composer().getByRole("tab", { name: "Custom message", exact: true }).dispatchEvent("click");
    await composerTextbox("Message type").fill("set-language", force);
    await composerTextbox("Message data").fill(JSON.stringify({ language }), force);
    await composerButton("Send message").dispatchEvent("click");
    await expectLanguageUpdated(language);
    await expectRow("out", "client-message", language);

    // A request sent after it on the same ordered channel: once answered, the bot has seen
    // the message, and the count of what it received is final.
    await composerTextbox("Message type").fill("get-language", force);
    await composerTextbox("Message data").fill("{}", force);
    await composerButton("Send request").dispatchEvent("click");
    const result = composer().getByRole("region", { name: "Request result" });
    await result.filter({ hasText: /Response to get-language in \d+ ms:/ }).waitFor(attached);
    expect(await result.textContent()).toContain(`"language": "${language}"`);
    const received = receivedLanguages(language);
    expect(received).toHaveLength(1);
    expect(received[0].data).toEqual({ t: "set-language", d: { language } });
  });

  it("voice-ui-kit's conversation shows a typed turn, the app's function result in the bot's answer", async () => {
    const text = `What's the weather over ${transport}?`;
    const conversation = page.getByRole("region", { name: "Conversation" });
    await conversation.getByPlaceholder("Type message...").fill(text);
    await conversation.getByPlaceholder("Type message...").press("Enter");
    await conversation.getByText(text).first().waitFor(attached);
    await conversation
      .getByText("It's sunny and 21 degrees in San Francisco right now.")
      .first()
      .waitFor({ ...attached, timeout: 15_000 });
    const result = (session().received as Received[]).find((msg) => msg.type === "llm-function-call-result");
    expect(result?.data).toMatchObject({
      function_name: "get_weather",
      result: { conditions: "sunny", temperature: 21 },
    });
    await expectRow("out", "send-text", text);
  });
});
