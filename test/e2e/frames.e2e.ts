// Runs in vitest's e2e project: real Chromium with the built extension and the real panel.
// Clients in frames: the demo app in the top document and again in a cross-origin iframe
// (127.0.0.1 inside localhost). The panel lists both with their frame, shows each one's
// traffic, and a command reaches exactly the frame and client it names.
import { expect, it } from "vitest";
import type { Frame } from "playwright-core";
import { openPanel } from "./chromium";
import { useDemoInChromium } from "./demoInChromium";
import { DemoApp } from "./demoApp";

const env = useDemoInChromium();
const attached = { state: "attached" } as const;
const force = { force: true } as const;

it("lists a client in a cross-origin iframe, shows its traffic, and sends to it alone", async () => {
  const page = await env.chromium.ctx.newPage();
  await page.goto(`${env.server.url}/#frames`);
  const panel = await openPanel(env.chromium, page);
  const frameUrl = `${env.server.url.replace("localhost", "127.0.0.1")}/?embedded#frames`;
  await page.evaluate((src) => {
    const iframe = document.createElement("iframe");
    iframe.src = src;
    // A cross-origin frame gets the microphone only when its embedder allows it.
    iframe.allow = "microphone";
    document.body.append(iframe);
  }, frameUrl);
  let found: Frame | undefined;
  await expect.poll(() => (found = page.frames().find((f) => f.url() === frameUrl)), { timeout: 10_000 }).toBeDefined();
  const frame = found!;
  const top = new DemoApp(page);
  const embedded = new DemoApp(frame, { dispatchClicks: true });
  await embedded.waitForState("disconnected");
  await top.connect("websocket");
  await embedded.connect("websocket");
  const sessionOf = (origin: string) =>
    env.server
      .sessions()
      .filter((s) => s.headers.origin === origin)
      .at(-1)!;
  const topSession = sessionOf(new URL(env.server.url).origin);
  const frameSession = sessionOf(new URL(frameUrl).origin);
  expect(frameSession).toBeDefined();
  expect(frameSession).not.toBe(topSession);

  // Both clients are listed, the iframe's with its frame.
  const clients = panel.getByLabel("Clients");
  const frameClient = clients.getByRole("button").filter({ hasText: `frame ${frameUrl}` });
  await frameClient.filter({ hasText: "ready" }).waitFor(attached);
  await clients.getByRole("button").filter({ hasNotText: "frame " }).filter({ hasText: "ready" }).waitFor(attached);

  // Its traffic shows under its own client id.
  const frameClientId = ((await frameClient.textContent()) ?? "").split(" · ")[0];
  await embedded.sendMessage("set-language", { language: "from-the-iframe" });
  const row = panel
    .getByRole("grid", { name: "Messages" })
    .getByRole("row")
    .filter({ hasText: "from-the-iframe" })
    .filter({ hasText: "client-message" });
  await row.first().waitFor(attached);
  expect(await row.first().locator(".cell-client").textContent()).toBe(frameClientId);

  // Selected, it is the one the composer talks to: only its bot gets the message.
  await frameClient.dispatchEvent("click");
  const composer = panel.getByRole("region", { name: "Composer" });
  await composer.getByRole("tab", { name: "Custom message", exact: true }).dispatchEvent("click");
  await composer.getByRole("textbox", { name: "Message type", exact: true }).fill("set-language", force);
  await composer
    .getByRole("textbox", { name: "Message data", exact: true })
    .fill('{"language": "panel-to-iframe"}', force);
  const topCount = topSession.received.length;
  await composer.getByRole("button", { name: "Send message", exact: true }).dispatchEvent("click");
  const landed = (msg: any) => msg.type === "client-message" && msg.data?.d?.language === "panel-to-iframe";
  await expect.poll(() => frameSession.received.filter(landed).length, { timeout: 15_000 }).toBe(1);
  // Answered in the iframe's app.
  await frame.locator("#server-messages li").filter({ hasText: "panel-to-iframe" }).waitFor(attached);
  // A barrier: the same sent to the top client afterwards. Commands to a frame travel in order
  // (panel Port, background, that frame's relay Port): once it has landed, a command wrongly
  // routed to the top frame before it would have landed too.
  await clients.getByRole("button").filter({ hasNotText: "frame " }).first().dispatchEvent("click");
  await composer.getByRole("tab", { name: "Custom message", exact: true }).dispatchEvent("click");
  await composer.getByRole("textbox", { name: "Message type", exact: true }).fill("set-language", force);
  await composer
    .getByRole("textbox", { name: "Message data", exact: true })
    .fill('{"language": "panel-to-top"}', force);
  await composer.getByRole("button", { name: "Send message", exact: true }).dispatchEvent("click");
  const barrier = (msg: any) => msg.type === "client-message" && msg.data?.d?.language === "panel-to-top";
  await expect.poll(() => topSession.received.filter(barrier).length, { timeout: 15_000 }).toBe(1);
  // Nothing else reached the top client's bot.
  expect(topSession.received.length).toBe(topCount + 1);
  expect(topSession.received.filter(landed)).toHaveLength(0);
});
