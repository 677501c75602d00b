// Runs in vitest's e2e project, in real Chromium with the built extension: the demo app's real
// PipecatClient starts the bot the way Pipecat's example clients call the development runner
// (`?runner`, demo/app/src/client.ts): startBot on `/start` → `wsUrl` over WebSocket, and
// startBotAndConnect({endpoint: ".../start", requestData: {transport: "webrtc"}, headers}) →
// `sessionId` → `/sessions/{sessionId}/api/offer` over SmallWebRTC, against the demo server
// (demo/server.ts). The panel logs the traffic and shows the call, its Authorization masked.
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

describe.each<DemoTransport>(["websocket", "smallwebrtc"])("the runner's way over %s", (transport) => {
  let page: Page;
  let panel: Frame;
  let sessionsBefore: number;

  beforeAll(async () => {
    page = await env.chromium.ctx.newPage();
    await page.goto(`${env.server.url}/?runner#${transport}`);
    panel = await openPanel(env.chromium, page);
    sessionsBefore = env.server.sessions().length;
    await new DemoApp(page).connect(transport);
  });

  afterAll(async () => page?.close());

  it("started one session through POST /start, with the runner's body and the Authorization header", () => {
    const started = env.server.sessions().slice(sessionsBefore);
    expect(started).toHaveLength(1);
    expect(started[0].transport).toBe(transport);
    expect(started[0].headers.authorization).toBe("Bearer test");
    // The runner's `body` became the bot's request data; the handshake went through the bot.
    expect(started[0].requestData).toMatchObject({ audioLevels: true });
    expect(started[0].sent.some((m) => m.type === "bot-ready")).toBe(true);
  });

  it("logs the client's traffic in the panel", async () => {
    await logRow(panel, "client-ready").first().waitFor();
    await logRow(panel, "bot-ready").first().waitFor();
    await panel.getByLabel("Clients").filter({ hasText: transport }).filter({ hasText: "ready" }).waitFor();
  });

  it("shows the start call under Connection, its Authorization masked", async () => {
    // DOM clicks: a pointer click into a DevTools window that is not in front is sometimes lost.
    await panel.getByRole("tab", { name: "Connection" }).dispatchEvent("click");
    const view = panel.getByRole("tabpanel", { name: "Connection" });
    await view.getByText(`${env.server.url}/start`).first().waitFor();
    await view.getByRole("button", { name: "Bearer ••••••••" }).first().waitFor();
    expect(await view.textContent()).not.toContain("Bearer test");
    await panel.getByRole("tab", { name: "Messages" }).dispatchEvent("click");
  });
});
