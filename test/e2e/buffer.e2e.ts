// The per-tab buffer's byte budget, set in the panel: the background keeps the newest of a
// tab's traffic within it, a panel that is open all along loses nothing, and a panel opened
// later shows what is left, still knows the clients, and says how much went.
import { expect, it } from "vitest";
import { BUFFER_MEGABYTES_KEY } from "../../src/shared/settings";
import { openPanel } from "./chromium";
import { useDemoInChromium } from "./demoInChromium";
import { DemoApp } from "./demoApp";
import { panelStatus } from "./panelStatus";

const env = useDemoInChromium();
const force = { force: true } as const;

function storedSetting(): Promise<unknown> {
  return env.chromium.serviceWorker!.evaluate(
    async (key) => (await (globalThis as any).chrome.storage.local.get(key))[key],
    BUFFER_MEGABYTES_KEY,
  );
}

it("keeps the newest within the budget set in the panel; a panel opened later says how many went", async () => {
  const page = await env.chromium.ctx.newPage();
  await page.goto(`${env.server.url}/#buffer-budget`);
  const panel = await openPanel(env.chromium, page);
  const setting = panel.getByRole("spinbutton", { name: "Buffer per tab (MB)" });
  await expect.poll(() => setting.inputValue()).toBe("64");

  // Refused next to the field, and not saved.
  await setting.fill("0", force);
  await setting.dispatchEvent("change");
  await panel.getByRole("alert").filter({ hasText: "From 1 to 1024 MB" }).waitFor({ state: "attached" });
  expect(await storedSetting()).toBeUndefined();

  await setting.fill("1", force);
  await setting.dispatchEvent("change");
  await expect.poll(storedSetting).toBe(1);
  expect(await panel.getByRole("alert").count()).toBe(0);

  const app = new DemoApp(page);
  await app.connect("websocket");
  await panel.getByRole("row").filter({ hasText: "bot-ready" }).first().waitFor({ state: "attached" });
  const before = (await panelStatus(panel)).messages;
  // About 4 MB of server-messages: four times the budget.
  const burst = 4_000;
  await app.sendMessage("burst", { count: burst, bytes: 1024 });
  const total = before + burst + 1;
  await expect.poll(async () => (await panelStatus(panel)).messages, { timeout: 30_000 }).toBe(total);
  // Open all along, this panel has everything: the buffer's evictions are no loss to it.
  expect((await panelStatus(panel)).text).not.toContain("dropped");

  // Opened later, a panel gets what the buffer kept: the newest, and how many went.
  await panel.page().reload();
  const late = await openPanel(env.chromium, page);
  await late
    .getByRole("row")
    .filter({ hasText: `"n":${burst},` })
    .first()
    .waitFor({ state: "attached" });
  const seen = await panelStatus(late);
  expect(seen.dropped).toBeGreaterThan(0);
  expect(seen.messages).toBeLessThan(total - seen.dropped / 2);
  // Every event is either shown or counted (the dropped count includes the client and hook events).
  expect(seen.messages + seen.dropped).toBeGreaterThanOrEqual(total);
  // The page's state is kept apart from its messages: the late panel still knows the client.
  await late
    .getByLabel("Clients")
    .filter({ hasText: "websocket" })
    .filter({ hasText: "ready" })
    .waitFor({ state: "attached" });
  // The oldest went first: the handshake is gone.
  await late.getByRole("searchbox", { name: "Filter" }).fill("client-ready", force);
  await late
    .getByRole("status")
    .filter({ hasText: /\b0 shown/ })
    .waitFor({ state: "attached" });
});
