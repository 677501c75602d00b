// Runs in vitest's e2e project, in real Chromium with the built extension and the real DevTools
// panel: Pipecat Cloud's default transport. The Daily demo page (demo/daily/) runs the real
// PipecatClient with the real DailyTransport and the real daily-js; only Daily's servers are
// stood in for: daily-js loads the page's stand-in call machine (demo/daily/src/callMachine.ts),
// which joins the demo bot's room (demo/bot/dailyStandIn.ts), so the RTVI exchange is the demo
// bot's, carried as daily-js's call-machine messages (`iframe-call-message` app-msg /
// app-message, read by src/hook/wire/daily.ts when the hook comes late).
//
// One browser for the file, the extension installed while it runs: a page that built its
// client before the install is seen from the wire only; a page opened after it is hooked from
// the start. The panel is driven by DOM events (a DevTools window not in front keeps it hidden).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Frame, Page } from "playwright-core";
import { startDemoServer, type DemoServer, type SessionRecord } from "../../demo/server";
import { installExtensionNow, launchChromium, openPanel, reopenDevtools, type ChromiumSession } from "./chromium";
import { logRowsWith } from "./logRows";
import { panelStatus } from "./panelStatus";

const attached = { state: "attached" } as const;
const force = { force: true } as const;
const READY_TIMEOUT = 20_000;

let server: DemoServer;
let chromium: ChromiumSession;

/** The Daily demo page, driven by its labelled controls. */
class DailyPage {
  constructor(readonly page: Page) {}

  /** Connects and returns the bot's session record. */
  async connect(): Promise<SessionRecord> {
    const before = server.sessions().length;
    await this.page.getByRole("button", { name: "Connect", exact: true }).click();
    await this.page.getByRole("status").filter({ hasText: "state: ready" }).waitFor({ timeout: READY_TIMEOUT });
    const started = server.sessions().slice(before);
    expect(started).toHaveLength(1);
    return started[0];
  }

  async sendMessage(type: string, data: unknown): Promise<void> {
    await this.page.getByLabel("Type", { exact: true }).fill(type);
    await this.page.getByLabel("Data", { exact: true }).fill(JSON.stringify(data));
    await this.page.getByRole("button", { name: "Send message" }).click();
  }

  /** Sends a request and waits for the app to have its answer. */
  async request(type: string): Promise<string> {
    const result = this.page.locator("#req-result");
    await result.evaluate((element) => (element.textContent = ""));
    await this.page.getByLabel("Request type").fill(type);
    await this.page.getByRole("button", { name: "Send request" }).click();
    await result.filter({ hasText: /^(response|error): / }).waitFor();
    return (await result.textContent()) ?? "";
  }

  serverMessage(text: string) {
    return this.page.locator("#server-messages li").filter({ hasText: text });
  }
}

/** A row's level badge: rows read off the wire carry one, client-level rows none. */
const wireBadge = (panel: Frame) => panel.getByTitle("Read off the wire");

const clientMessages = (record: SessionRecord, language: string) =>
  (record.received as { type?: string; data?: { t?: string; d?: { language?: string } } }[]).filter(
    (msg) => msg.type === "client-message" && msg.data?.t === "set-language" && msg.data.d?.language === language,
  );

let latePage: DailyPage;
let lateSession: SessionRecord;

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  // The extension comes after the first page built its client and joined.
  chromium = await launchChromium({ extension: false, installLater: true });
  latePage = new DailyPage(await chromium.ctx.newPage());
  await latePage.page.goto(`${server.url}/daily/#late`);
  lateSession = await latePage.connect();
  await installExtensionNow(chromium);
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

describe("a Daily client built before the hook", () => {
  let panel: Frame;

  beforeAll(async () => {
    // The extension injects itself into the open tab...
    await latePage.page.waitForFunction(
      () => Object.getOwnPropertyDescriptor(Object.prototype, "_onMessage") !== undefined,
    );
    // ...and the user reopens DevTools to get the new panel.
    await reopenDevtools(chromium);
    panel = await openPanel(chromium, latePage.page);
    await panel
      .getByRole("note", { name: "Site access" })
      .getByText("The hook arrived after this page started")
      .waitFor();
  });

  it("is seen on the wire: daily-js's app messages both ways, under a client found by the wire tap", async () => {
    const language = "late-daily";
    await latePage.sendMessage("set-language", { language });
    await latePage.serverMessage(language).waitFor();
    const sent = await logRowsWith(panel, "client-message", language);
    await sent
      .filter({ has: wireBadge(panel) })
      .first()
      .waitFor(attached);
    const answer = await logRowsWith(panel, "server-message", language);
    await answer
      .filter({ has: wireBadge(panel) })
      .first()
      .waitFor(attached);
    await panel
      .getByLabel("Clients")
      .getByRole("button")
      .filter({ hasText: " · daily · " })
      .filter({ hasText: "seen on the wire only" })
      .waitFor(attached);

    // Barrier: a request answered after them; whatever the tap would log twice is in by now.
    expect(await latePage.request("get-language")).toBe(`response: {"language":"${language}"}`);
    await (await logRowsWith(panel, "server-response", language)).first().waitFor(attached);
    expect(await (await logRowsWith(panel, "client-message", language)).count()).toBe(1);
    expect(clientMessages(lateSession, language)).toHaveLength(1);
  });
});

describe("a Daily client hooked from the start", () => {
  let app: DailyPage;
  let panel: Frame;
  let session: SessionRecord;

  const composer = () => panel.getByRole("region", { name: "Composer" });
  const clients = () => panel.getByLabel("Clients").getByRole("button");

  beforeAll(async () => {
    // Opened after the install: the hook is in before the page's scripts run.
    app = new DailyPage(await chromium.ctx.newPage());
    await app.page.goto(`${server.url}/daily/#hooked`);
    panel = await openPanel(chromium, app.page);
    session = await app.connect();
  });

  it("is found with its DailyTransport, ready, and the handshake is logged at client level", async () => {
    await clients().filter({ hasText: " · daily · ready" }).filter({ hasNotText: "wire only" }).waitFor(attached);
    for (const type of ["client-ready", "bot-ready"]) {
      await (await logRowsWith(panel, type))
        .filter({ hasNot: wireBadge(panel) })
        .first()
        .waitFor(attached);
    }
  });

  it("logs the app's message and the bot's answer at client level", async () => {
    const language = "hooked-daily";
    await app.sendMessage("set-language", { language });
    await app.serverMessage(language).waitFor();
    await (await logRowsWith(panel, "client-message", language))
      .filter({ hasNot: wireBadge(panel) })
      .first()
      .waitFor(attached);
    await (await logRowsWith(panel, "server-message", language))
      .filter({ hasNot: wireBadge(panel) })
      .first()
      .waitFor(attached);
  });

  it("sends from the composer: the bot receives it once and the app sees the answer", async () => {
    const language = "composer-daily";
    await composer().getByRole("tab", { name: "Custom message", exact: true }).dispatchEvent("click");
    await composer().getByRole("textbox", { name: "Message type", exact: true }).fill("set-language", force);
    await composer()
      .getByRole("textbox", { name: "Message data", exact: true })
      .fill(JSON.stringify({ language }), force);
    await composer().getByRole("button", { name: "Send message", exact: true }).dispatchEvent("click");
    await app.serverMessage(language).waitFor();
    // Sent through the hooked client: a client-level row with the extension's mark.
    await (await logRowsWith(panel, "client-message", language))
      .filter({ has: panel.locator(".badge-devtools") })
      .filter({ hasNot: wireBadge(panel) })
      .first()
      .waitFor(attached);
    await (await logRowsWith(panel, "server-message", language)).first().waitFor(attached);
    expect(clientMessages(session, language)).toHaveLength(1);
    expect(clientMessages(session, language)[0].data).toEqual({ t: "set-language", d: { language } });
  });

  it("shows every message once: nothing logged a second time off the wire", async () => {
    // Barrier: a request answered after everything above.
    expect(await app.request("get-language")).toBe('response: {"language":"composer-daily"}');
    await (await logRowsWith(panel, "server-response", "composer-daily")).first().waitFor(attached);
    const exchanged = session.received.length + session.sent.length;
    await expect.poll(async () => (await panelStatus(panel)).messages).toBe(exchanged);
    expect(await clients().filter({ hasText: "wire only" }).count()).toBe(0);
    expect(await clients().count()).toBe(1);
  });
});
