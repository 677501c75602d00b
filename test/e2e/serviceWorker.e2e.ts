// Chrome stops MV3 service workers when it likes. Stopped twice in the middle of a burst, the
// background loses nothing: the relay resends what was not acknowledged, the store keeps what
// was, and the panel drops what it already had. Every message arrives once, in order.
import { expect, it } from "vitest";
import type { Frame, Page } from "playwright-core";
import { openPanel } from "./chromium";
import { useDemoInChromium } from "./demoInChromium";
import { DemoApp } from "./demoApp";

const env = useDemoInChromium();

async function messageCount(panel: Frame): Promise<number> {
  const status = (await panel.getByRole("status").textContent()) ?? "";
  return Number(/(\d+) messages/.exec(status)?.[1] ?? NaN);
}

/** Stops the extension's worker, and proves it: a mark left in the old worker is gone from the new one. */
async function stopServiceWorkers(page: Page): Promise<void> {
  const worker = env.chromium.ctx.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${env.chromium.extensionId}/`))!;
  await worker.evaluate(() => ((globalThis as { stopMark?: boolean }).stopMark = true));
  const cdp = await env.chromium.ctx.newCDPSession(page);
  await cdp.send("ServiceWorker.enable");
  await cdp.send("ServiceWorker.stopAllWorkers");
  await cdp.detach();
  stops.push(worker.evaluate(() => (globalThis as { stopMark?: boolean }).stopMark === undefined));
}
const stops: Promise<boolean>[] = [];

it("loses and repeats nothing when the service worker is stopped during a burst", async () => {
  const page = await env.chromium.ctx.newPage();
  await page.goto(`${env.server.url}/#service-worker-stop`);
  const panel = await openPanel(env.chromium, page);
  const app = new DemoApp(page);
  await app.connect("websocket");
  await panel.getByRole("row").filter({ hasText: "bot-ready" }).first().waitFor();
  const before = await messageCount(panel);
  const burst = 3_000;

  await app.sendMessage("burst", { count: burst, bytes: 256 });
  await new Promise((resolve) => setTimeout(resolve, 150));
  await stopServiceWorkers(page);
  await new Promise((resolve) => setTimeout(resolve, 300));
  await stopServiceWorkers(page);

  // Every burst message plus the request that asked for it, exactly.
  await expect.poll(() => messageCount(panel), { timeout: 30_000 }).toBeGreaterThanOrEqual(before + burst + 1);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  expect(await messageCount(panel)).toBe(before + burst + 1);
  expect(await Promise.all(stops)).toEqual([true, true]);
  expect(await app.serverMessages().then((messages) => messages.length)).toBeGreaterThanOrEqual(burst);

  // The rows on screen are the newest ones, in the order the bot sent them.
  const numbers = (await panel.getByRole("row").filter({ hasText: '"msg":"burst"' }).allTextContents()).map((row) =>
    Number(/"n":(\d+)/.exec(row)?.[1]),
  );
  // The grid renders the rows in view: a screenful, following the newest.
  expect(numbers.length).toBeGreaterThan(10);
  expect(numbers).toEqual(numbers.map((_, index) => burst - numbers.length + 1 + index));

  // A panel opened now, by a new service worker, still gets the whole session from the store.
  await stopServiceWorkers(page);
  await panel.page().reload();
  const reopened = await openPanel(env.chromium, page);
  await expect.poll(() => messageCount(reopened), { timeout: 30_000 }).toBe(before + burst + 1);
});
