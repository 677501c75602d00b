// Runs in vitest's e2e project, in real Chromium with the built extension and the real DevTools
// panel: client-js 1.10.0, the version Pipecat's example clients pin, with its own transports
// (websocket-transport 1.6.5, small-webrtc-transport 1.10.3), from the demo page that pins them
// (demo/client-js-1.10), against the demo bot (demo/server.ts) over each transport. The hook
// finds the client as it is built, the panel names its version, logs its traffic both ways, and
// a message sent from the composer reaches the bot and, by the bot's reply, the app.
//
// A DevTools window that is not in front keeps its panel hidden, so the panel is driven by
// events and forced fills, as in composer.e2e.ts, never by "visible" actionability.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Frame, Page } from "playwright-core";
import type { SessionRecord } from "../../demo/server";
import { openPanel } from "./chromium";
import { logRowsWith } from "./logRows";
import { useDemoInChromium } from "./demoInChromium";
import type { DemoTransport } from "./demoApp";

const env = useDemoInChromium();
const attached = { state: "attached" } as const;
const force = { force: true } as const;

type Received = { type?: string; id?: string; data?: any };

describe.each<DemoTransport>(["websocket", "smallwebrtc"])("client-js 1.10 over %s", (transport) => {
  let page: Page;
  let panel: Frame;
  let sessionsBefore: number;

  const clients = () => panel.getByRole("region", { name: "Clients" });
  const composer = () => panel.getByRole("region", { name: "Composer" });
  const rowsWith = (...texts: string[]) => logRowsWith(panel, ...texts);
  /** The one session this page started. */
  function session(): SessionRecord {
    const started = env.server.sessions().slice(sessionsBefore);
    expect(started).toHaveLength(1);
    return started[0];
  }
  const received = (match: (msg: Received) => boolean) => (session().received as Received[]).filter(match);

  beforeAll(async () => {
    page = await env.chromium.ctx.newPage();
    await page.goto(`${env.server.url}/client-js-1.10/#${transport}`);
    panel = await openPanel(env.chromium, page);
    sessionsBefore = env.server.sessions().length;
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "state: ready" }).waitFor({ timeout: 20_000 });
  });

  afterAll(async () => page?.close());

  it("is client-js 1.10.0 on the page and on the wire", async () => {
    await page.getByText(`@pipecat-ai/client-js 1.10.0 over ${transport}`).waitFor(attached);
    expect(session().transport).toBe(transport);
    const ready = received((msg) => msg.type === "client-ready");
    expect(ready).toHaveLength(1);
    expect(ready[0].data?.about).toMatchObject({ library: "@pipecat-ai/client-js", library_version: "1.10.0" });
  });

  it("is found by the hook as it is built, and the panel names client-js 1.10.0", async () => {
    const client = clients()
      .getByRole("button")
      .filter({ hasText: transport })
      .filter({ hasText: "ready" })
      .filter({ hasText: "client-js 1.10.0" });
    await client.waitFor(attached);
    await client.dispatchEvent("click");
    // DOM clicks: a pointer click into a DevTools window that is not in front is sometimes lost.
    await panel.getByRole("tab", { name: "Connection" }).dispatchEvent("click");
    const facts = panel
      .getByRole("tabpanel", { name: "Connection" })
      .getByRole("region", { name: "Client", exact: true });
    const fact = (name: string) =>
      facts
        .locator("div")
        .filter({ has: panel.locator("dt", { hasText: new RegExp(`^${name}$`) }) })
        .locator("dd");
    await fact("client-js").waitFor(attached);
    expect(await fact("Library").textContent()).toBe("@pipecat-ai/client-js 1.10.0");
    expect(await fact("client-js").textContent()).toBe("1.10.0");
    expect(await fact("Transport").textContent()).toBe(transport);
    expect(await fact("Found by").textContent()).toBe("construction");
    await panel.getByRole("tab", { name: "Messages" }).dispatchEvent("click");
  });

  it("logs its traffic both ways", async () => {
    await (await rowsWith("↑ out", "client-ready")).first().waitFor(attached);
    await (await rowsWith("↓ in", "bot-ready")).first().waitFor(attached);
  });

  it("a message sent from the composer reaches the bot once, and the bot's reply reaches the app", async () => {
    const language = `pt-BR-1.10-${transport}`;
    await composer().getByRole("tab", { name: "Custom message", exact: true }).dispatchEvent("click");
    await composer().getByRole("textbox", { name: "Message type", exact: true }).fill("set-language", force);
    await composer()
      .getByRole("textbox", { name: "Message data", exact: true })
      .fill(JSON.stringify({ language }), force);
    const send = composer().getByRole("button", { name: "Send message", exact: true });
    await send.and(panel.locator(":enabled")).waitFor(attached);
    await send.dispatchEvent("click");

    // The app shows the bot's reply, which the bot sends after it took the message.
    await page
      .locator("#last-server-message")
      .filter({ hasText: JSON.stringify({ msg: "language-updated", language }) })
      .waitFor(attached);
    const sent = received((msg) => msg.type === "client-message" && msg.data?.d?.language === language);
    expect(sent).toHaveLength(1);
    expect(sent[0].data).toEqual({ t: "set-language", d: { language } });

    await (await rowsWith("↑ out", "client-message", language))
      .filter({ has: panel.locator(".badge-devtools") })
      .first()
      .waitFor(attached);
    await (await rowsWith("↓ in", "server-message", language)).first().waitFor(attached);
    // The reply's row is the barrier: a client made up from the wire would be listed by now.
    expect(await clients().getByRole("button").allTextContents()).toEqual([
      expect.stringContaining("client-js 1.10.0"),
    ]);
    expect(await clients().textContent()).not.toContain("seen on the wire only");
  });
});
