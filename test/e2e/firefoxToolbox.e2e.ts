// Firefox ESR's real DevTools toolbox, headless: on a tab running the demo app, the toolbox is
// opened and the Pipecat panel selected in it (test/e2e/firefoxToolbox.ts); the panel must
// list the app's client as ready, log its handshake, and a message sent from its composer must
// reach the demo bot, once, over each real transport.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "puppeteer-core";
import { startDemoServer, type DemoServer } from "../../demo/server";
import type { DemoTransport } from "./demoApp";
import { launchFirefox } from "./firefox";
import { openPipecatPanel, type ToolboxPanel } from "./firefoxToolbox";

let browser: Browser;
let server: DemoServer;

beforeAll(async () => {
  [server, browser] = await Promise.all([startDemoServer({ port: 0 }), launchFirefox({ systemAccess: true })]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

type Received = { type?: string; data?: any };

/** The demo app's labelled controls, by their accessible names (as test/e2e/demoApp.ts uses them). */
const control = (role: string, name: string) => `::-p-aria([name="${name}"][role="${role}"])`;

async function waitForAppState(page: Page, state: string): Promise<void> {
  await page.waitForFunction(
    (expected) => document.querySelector("[role=status]")?.textContent === expected,
    { timeout: 20_000 },
    `state: ${state}`,
  );
}

describe.each<DemoTransport>(["websocket", "smallwebrtc"])(
  "the Pipecat panel in the real toolbox over %s",
  (transport) => {
    let page: Page;
    let panel: ToolboxPanel;

    const session = () =>
      server
        .sessions()
        .filter((record) => record.transport === transport)
        .at(-1)!;
    const received = (language: string) =>
      (session().received as Received[]).filter(
        (msg) => msg.type === "client-message" && msg.data?.t === "set-language" && msg.data?.d?.language === language,
      );

    /**
     * Everything sent before a request the app awaits has reached the bot once it is answered
     * (one ordered channel): after it, a count of what the bot received is final.
     */
    async function settle(): Promise<void> {
      await page.evaluate(() => {
        document.querySelector("#req-result")!.textContent = "";
      });
      await page.locator(control("textbox", "Request type")).fill("get-language");
      await page.locator(control("textbox", "Request data JSON")).fill("{}");
      await page.locator(control("button", "Send request")).click();
      await page.waitForFunction(() => document.querySelector("#req-result")?.textContent !== "", { timeout: 15_000 });
      expect(await page.$eval("#req-result", (result) => result.textContent)).toMatch(/^response: /);
    }

    beforeAll(async () => {
      page = await browser.newPage();
      // The hash preselects the transport (demo/app/src/main.ts) and makes the tab's URL unique.
      await page.goto(`${server.url}/?toolbox#${transport}`);
      // The panel is open before the app connects: the handshake reaches it live.
      panel = await openPipecatPanel(browser, page);
      await page.locator(control("button", "Connect")).click();
      await waitForAppState(page, "ready");
    });

    afterAll(async () => page?.close());

    it("lists the app's client as ready", async () => {
      const clients = await panel.waitFor(
        "a ready client in the panel's Clients",
        (_window, dom) => {
          const texts = dom.all("button", undefined, dom.one("region", "Clients")).map((b: any) => b.textContent);
          return texts.some((text: string) => text.split(" · ").includes("ready")) && texts;
        },
        null,
      );
      expect(clients).toHaveLength(1);
    });

    it("logs the handshake: client-ready and bot-ready", async () => {
      const rows = await panel.waitFor(
        "client-ready and bot-ready rows",
        (_window, dom) => {
          const texts: string[] = dom
            .all("row", undefined, dom.one("grid", "Messages"))
            .map((row: any) => row.textContent);
          const has = (type: string) => texts.some((text) => text.includes(type));
          return has("client-ready") && has("bot-ready") && texts;
        },
        null,
      );
      expect(rows.filter((row) => row.includes("client-ready"))).toHaveLength(1);
      expect(rows.filter((row) => row.includes("bot-ready"))).toHaveLength(1);
    });

    it("sends the composer's custom message to the bot, once", async () => {
      const language = `fr-FR-toolbox-${transport}`;
      await panel.evaluate((_window, dom, data) => {
        const composer = dom.one("region", "Composer");
        dom.click(dom.one("tab", "Custom message", composer));
        dom.fill(dom.one("textbox", "Message type", composer), "set-language");
        dom.fill(dom.one("textbox", "Message data", composer), data);
      }, JSON.stringify({ language }));
      // Enabled once the panel has seen the client ready (panel/composer/readiness.ts).
      await panel.waitFor(
        'an enabled "Send message"',
        (_window, dom) => dom.one("button", "Send message", dom.one("region", "Composer"))?.disabled === false,
        null,
      );
      await panel.evaluate(
        (_window, dom) => dom.click(dom.one("button", "Send message", dom.one("region", "Composer"))),
        null,
      );

      await expect.poll(() => received(language).length, { timeout: 15_000 }).toBeGreaterThan(0);
      await settle();
      expect(received(language)).toEqual([
        expect.objectContaining({ type: "client-message", data: { t: "set-language", d: { language } } }),
      ]);
      // The panel logs what it sent like any message of the client's.
      await panel.waitFor(
        "the composer's message in the log",
        (_window, dom, text) =>
          dom
            .all("row", undefined, dom.one("grid", "Messages"))
            .some((row: any) => row.textContent.includes("client-message") && row.textContent.includes(text)),
        language,
      );
    });
  },
);
