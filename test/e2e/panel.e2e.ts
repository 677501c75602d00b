// The whole path in real Chromium: the demo app's real PipecatClient talks to the demo bot
// over each real transport, and what it sends and receives shows in the real DevTools panel.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Frame, Page } from "playwright-core";
import { openPanel } from "./chromium";
import { useDemoInChromium } from "./demoInChromium";
import { DemoApp, type DemoTransport } from "./demoApp";

const env = useDemoInChromium();

function logRow(panel: Frame, ...texts: string[]) {
  let rows = panel.getByRole("row");
  for (const text of texts) rows = rows.filter({ hasText: text });
  return rows;
}

describe.each<DemoTransport>(["websocket", "smallwebrtc"])("over %s", (transport) => {
  let page: Page;
  let panel: Frame;
  let app: DemoApp;

  beforeAll(async () => {
    page = await env.chromium.ctx.newPage();
    await page.goto(`${env.server.url}/#${transport}`);
    panel = await openPanel(env.chromium, page);
    app = new DemoApp(page);
    await app.connect(transport);
  });

  afterAll(async () => page?.close());

  it("lists the client with its transport and state", async () => {
    await panel.getByLabel("Clients").filter({ hasText: transport }).filter({ hasText: "ready" }).waitFor();
  });

  it("shows a message the app sends, and the bot received exactly that one", async () => {
    const language = `fr-FR-${transport}`;
    await app.sendMessage("set-language", { language });
    await logRow(panel, "client-message", language).first().waitFor();
    await logRow(panel, "server-message", "language-updated", language).first().waitFor();
    expect(await logRow(panel, "client-message", language).count()).toBe(1);
    const session = env.server.sessions().at(-1)!;
    const received = session.received.filter(
      (m: any) => m.type === "client-message" && m.data?.t === "set-language" && m.data?.d?.language === language,
    );
    expect(received).toHaveLength(1);
    // The handshake happened through the hook's eyes too.
    await logRow(panel, "client-ready").first().waitFor();
    await logRow(panel, "bot-ready").first().waitFor();
  });

  it("shows the startBotAndConnect call under Connection, secrets masked until clicked", async () => {
    // DOM clicks: a pointer click into a DevTools window that is not in front is sometimes lost.
    await panel.getByRole("tab", { name: "Connection" }).dispatchEvent("click");
    const view = panel.getByRole("tabpanel", { name: "Connection" });
    await view.getByText(`/api/start?transport=${transport}`).waitFor();
    await view.getByText("You are a pirate captain").waitFor();
    const authorization = view.getByRole("button", { name: "Bearer ••••••••" });
    await authorization.waitFor();
    expect(await view.textContent()).not.toContain("demo-secret-token");
    await authorization.dispatchEvent("click");
    await view.getByText("Bearer demo-secret-token").waitFor();
    await panel.getByRole("tab", { name: "Messages" }).dispatchEvent("click");
  });

  it("counts every message in its status", async () => {
    const status = await panel.getByRole("status").textContent();
    const count = Number(/(\d+) messages/.exec(status ?? "")?.[1]);
    expect(count).toBeGreaterThanOrEqual(4);
  });
});
