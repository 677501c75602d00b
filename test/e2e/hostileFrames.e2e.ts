// Runs in vitest's e2e project: real Chromium with the built extension and the real panel.
// A frame forges events about another frame's client, through its own relay
// (fixtures/hostile-forger.html): a client-added with the top frame's client id, and
// client-updated patches that claim frame 0 in plain and __proto__ keys. Which frame a client
// lives in is what the browser says of the relay that reported it, never what the page says,
// so every command the panel's composer sends still reaches only the frame that reported the
// client it was sent to: the top frame's client gets exactly what was sent to it, and what
// was sent to any client the forging frame reported arrives in that frame.
//
// Where commands land: in the top frame, the client's inbound handler (`delivered`, its
// injected messages); in the forging frame, the forged port the relay now hands that frame's
// commands to (`commandsOnForgedPort`, fixtures/hostile-bridge.js).
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Frame, Locator, Page } from "playwright-core";
import { launchChromium, openPanel, type ChromiumSession } from "./chromium";
import { startFixtureServer, type FixtureServer } from "./fixtureServer";

let server: FixtureServer;
let chromium: ChromiumSession;

beforeAll(async () => {
  server = await startFixtureServer();
  chromium = await launchChromium();
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

const attached = { state: "attached" } as const;
const force = { force: true } as const;

/** The injected messages' types that reached the top frame's client, in order. */
function deliveredInTop(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (window as any).transport.delivered.map((msg: { type: string }) => msg.type).filter((type: string) => type.startsWith("to-")),
  );
}

/** The injected messages' types of the commands the relay handed the forging frame, in order. */
function commandsInForger(forger: Frame): Promise<string[]> {
  return forger.evaluate(() =>
    (window as any).commandsOnForgedPort.map((command: { msg?: { type?: string } }) => command.msg?.type ?? "").filter((type: string) => type.startsWith("to-")),
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Selects a client in the panel and injects an inbound message of type `marker` through the composer. */
async function injectThrough(panel: Frame, client: Locator, marker: string): Promise<void> {
  await client.dispatchEvent("click");
  await client.and(panel.locator("[aria-pressed=true]")).waitFor(attached);
  const composer = panel.getByRole("region", { name: "Composer" });
  await composer.getByRole("tab", { name: "Raw inbound", exact: true }).dispatchEvent("click");
  await composer.getByRole("textbox", { name: "Message type", exact: true }).fill(marker, force);
  await composer.getByRole("textbox", { name: "Message id", exact: true }).fill("", force);
  await composer.getByRole("textbox", { name: "Message data", exact: true }).fill("{}", force);
  await composer.getByRole("button", { name: "Inject message", exact: true }).dispatchEvent("click");
}

it("routes the panel's commands by the frame that reported a client, whatever another frame claims about it", async () => {
  const page = await chromium.ctx.newPage();
  await page.goto(`${server.url}/hostile-frames.html`);
  const panel = await openPanel(chromium, page);
  const forger = page.frames().find((frame) => frame.url().endsWith("/hostile-forger.html"))!;
  await forger.waitForFunction(() => (window as any).forger !== undefined);

  // Both real clients are listed before the forgery: the top frame's, and the forging frame's,
  // each once its frame has logged a message.
  await page.evaluate(() => (window as any).transport.receive("top-hello", "listed"));
  await forger.evaluate(() => (window as any).transport.receive("forger-hello", "listed"));
  const clients = panel.getByLabel("Clients").getByRole("button");
  const framed = clients.filter({ hasText: " · frame " });
  await framed.first().waitFor(attached);
  await clients.filter({ hasNotText: " · frame " }).first().waitFor(attached);
  const idOf = async (client: Locator) => ((await client.textContent()) ?? "").split(" · ")[0];
  const victimId = await idOf(clients.filter({ hasNotText: " · frame " }).first());
  const forgerId = await idOf(framed.first());
  expect(victimId).not.toBe(forgerId);

  await forger.evaluate(([victim, own]) => (window as any).forger.forge(victim, own), [victimId, forgerId] as const);
  // A barrier: the forging frame's real hook logs a message after the forged batch, on the same relay.
  await forger.evaluate(() => (window as any).transport.receive("forger-done", "after the forgery"));
  await panel.getByRole("row").filter({ hasText: "forger-done" }).first().waitFor(attached);

  const startsWith = (id: string) => new RegExp(`^${escapeRegExp(id)} · `);
  const victim = clients.filter({ hasText: startsWith(victimId) }).filter({ hasNotText: "forged" });
  const forgersOwn = clients.filter({ hasText: startsWith(forgerId) });
  expect(await victim.count()).toBe(1);
  expect(await forgersOwn.count()).toBe(1);
  // The forging frame's own client is still shown in its frame.
  expect(await forgersOwn.textContent()).toContain(" · frame ");
  // Whatever else is listed was reported by the forging frame only (the top page has one client).
  const reportedByForger: Locator[] = [];
  for (const client of await clients.all()) {
    const text = (await client.textContent()) ?? "";
    if (startsWith(forgerId).test(text) || (startsWith(victimId).test(text) && !text.includes("forged"))) continue;
    expect(text).toContain(" · frame ");
    reportedByForger.push(client);
  }

  await injectThrough(panel, victim, "to-top-1");
  await expect.poll(() => deliveredInTop(page), { timeout: 10_000 }).toContain("to-top-1");
  await injectThrough(panel, forgersOwn, "to-forger-1");
  await expect.poll(() => commandsInForger(forger), { timeout: 10_000 }).toContain("to-forger-1");
  for (const [index, client] of reportedByForger.entries()) await injectThrough(panel, client, `to-forged-${index}`);
  // Barriers: one more command to each frame, after the rest. Commands to a frame travel in
  // order (panel Port, background, that frame's relay Port), so once these arrive, nothing
  // sent before them is still on its way.
  await injectThrough(panel, victim, "to-top-2");
  await injectThrough(panel, forgersOwn, "to-forger-2");
  await expect.poll(() => deliveredInTop(page), { timeout: 10_000 }).toContain("to-top-2");
  await expect.poll(() => commandsInForger(forger), { timeout: 10_000 }).toContain("to-forger-2");

  expect(await deliveredInTop(page)).toEqual(["to-top-1", "to-top-2"]);
  const forgedMarkers = reportedByForger.map((_, index) => `to-forged-${index}`);
  expect(await commandsInForger(forger)).toEqual(["to-forger-1", ...forgedMarkers, "to-forger-2"]);
});
