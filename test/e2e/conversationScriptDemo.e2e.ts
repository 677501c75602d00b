// Runs in the e2e project (real Chromium, the built extension, the real DevTools panel): the demo
// app's "Play scripted conversation" button on each transport. A click makes the app's real
// PipecatClient send the trigger and the text turn's send-text (demo/bot/README.md, "The
// scripted conversation"); the bot plays the whole script, and the panel logs its last message.
import type { Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLAY_CONVERSATION, SCRIPT_TEXT, spokenScript, textTurnScript } from "../../demo/bot/conversationScript";
import { switchesFrom } from "../../demo/bot/switches";
import { openPanel } from "./chromium";
import { type DemoTransport, DemoApp } from "./demoApp";
import { useDemoInChromium } from "./demoInChromium";

const env = useDemoInChromium();

describe.each<DemoTransport>(["websocket", "smallwebrtc"])("over %s", (transport) => {
  let page: Page;
  let panel: Frame;

  beforeAll(async () => {
    page = await env.chromium.ctx.newPage();
    await page.goto(`${env.server.url}/#conversation-script-${transport}`);
    panel = await openPanel(env.chromium, page);
    await new DemoApp(page).connect(transport);
  });
  afterAll(async () => page?.close());

  it("plays the scripted conversation from the app's button, to the last message in the panel", async () => {
    await page.getByRole("button", { name: "Play scripted conversation" }).click();
    // The grid renders only the rows in view: the filter brings the last message into it.
    await panel.getByRole("searchbox", { name: "Filter" }).fill("conversation-script", { force: true });
    await panel
      .getByRole("grid", { name: "Messages" })
      .getByRole("row")
      .filter({ hasText: "server-message" })
      .filter({ hasText: "conversation-script" })
      .first()
      .waitFor({ state: "attached", timeout: 20_000 });

    // The bot got the trigger and the text turn once each, and sent the whole script in order.
    const session = env.server.sessions().at(-1)!;
    const received = session.received as { type: string; data: Record<string, any> }[];
    expect(received.filter((m) => m.type === "client-message" && m.data.t === PLAY_CONVERSATION)).toHaveLength(1);
    expect(received.filter((m) => m.type === "send-text").map((m) => m.data.content)).toEqual([SCRIPT_TEXT]);
    const switches = switchesFrom(session.requestData);
    const scripted = [...textTurnScript(switches), ...spokenScript(switches)].map((e) => e.type);
    const sent = session.sent.map((m) => m.type);
    expect(sent.slice(sent.indexOf("bot-ready") + 1)).toEqual(scripted);
  });
});
