// Runs in vitest's e2e project: real Chromium with the built extension and the real panel.
// Chrome stops MV3 service workers when it likes. Stopped twice in the middle of a burst, the
// background loses nothing: the relay resends what was not acknowledged, the store keeps what
// was, and the panel drops what it already had. Every message arrives once, in order.
//
// That each stop fell mid-burst is proved, not assumed: the panel had fewer messages than the
// burst's end just after it. That the relay resent is seen by a probe, a second panel Port of
// the test's own in the panel's frame, subscribed like the panel's: a batch the relay posts
// again after its Port was cut is marked `resent` (src/content/pendingBatches.ts), and the
// background forwards the mark (src/background/router.ts).
import { expect, it } from "vitest";
import type { Frame, Page } from "playwright-core";
import { PANEL_PORT_NAME } from "../../src/shared/protocol";
import { openPanel } from "./chromium";
import { useDemoInChromium } from "./demoInChromium";
import { DemoApp } from "./demoApp";

const env = useDemoInChromium();
const BURST = 3_000;
const SENTINEL = "after-the-burst";

async function messageCount(panel: Frame): Promise<number> {
  const status = (await panel.getByRole("status").textContent()) ?? "";
  return Number(/(\d+) messages/.exec(status)?.[1] ?? NaN);
}

const stops: Promise<boolean>[] = [];

/** Stops the extension's worker, and proves it: a mark left in the old worker is gone from the new one. */
async function stopServiceWorkers(page: Page): Promise<void> {
  const worker = env.chromium.ctx
    .serviceWorkers()
    .find((w) => w.url().startsWith(`chrome-extension://${env.chromium.extensionId}/`))!;
  await worker.evaluate(() => ((globalThis as { stopMark?: boolean }).stopMark = true));
  const cdp = await env.chromium.ctx.newCDPSession(page);
  await cdp.send("ServiceWorker.enable");
  await cdp.send("ServiceWorker.stopAllWorkers");
  await cdp.detach();
  stops.push(worker.evaluate(() => (globalThis as { stopMark?: boolean }).stopMark === undefined));
}

interface ProbedBatch {
  sentinel: boolean;
  resent: boolean;
}

interface ProbedPort {
  batches: ProbedBatch[];
}

/**
 * Opens the probe's Port in the panel's frame, subscribed to the inspected tab like the panel's
 * own, and reconnects it whenever the worker stops: one record per worker.
 */
function installProbe(panel: Frame): Promise<void> {
  return panel.evaluate(
    ([portName, sentinel]) => {
      const chrome = (globalThis as any).chrome;
      const tabId: number = chrome.devtools.inspectedWindow.tabId;
      const ports: ProbedPort[] = [];
      const probe = { ports, port: undefined as any };
      (globalThis as any).probe = probe;
      const connect = () => {
        const record: ProbedPort = { batches: [] };
        ports.push(record);
        const port = chrome.runtime.connect({ name: portName });
        port.onMessage.addListener((message: any) => {
          if (message?.kind === "batch") {
            record.batches.push({ sentinel: message.events.includes(sentinel), resent: message.resent === true });
          }
        });
        port.onDisconnect.addListener(connect);
        port.postMessage({ kind: "subscribe", tabId });
        probe.port = port;
      };
      connect();
    },
    [PANEL_PORT_NAME, SENTINEL] as const,
  );
}

function probedPorts(panel: Frame): Promise<ProbedPort[]> {
  return panel.evaluate(() => (globalThis as any).probe.ports);
}

it("loses and repeats nothing when the service worker is stopped during a burst", async () => {
  const page = await env.chromium.ctx.newPage();
  await page.goto(`${env.server.url}/#service-worker-stop`);
  const panel = await openPanel(env.chromium, page);
  const app = new DemoApp(page);
  await app.connect("websocket");
  await panel.getByRole("row").filter({ hasText: "bot-ready" }).first().waitFor();
  const before = await messageCount(panel);
  // Every burst message plus the request that asked for it.
  const total = before + BURST + 1;
  await installProbe(panel);
  await expect.poll(async () => (await probedPorts(panel))[0].batches.length).toBeGreaterThan(0);

  await app.sendMessage("burst", { count: BURST, bytes: 256 });
  // Each stop once the burst is flowing (more arrived since the last look), and while it is:
  // read after the stop, the count is at least what had arrived at it.
  let arrived = before + 1;
  for (let stop = 0; stop < 2; stop++) {
    await expect.poll(() => messageCount(panel), { timeout: 30_000, interval: 20 }).toBeGreaterThan(arrived);
    await stopServiceWorkers(page);
    arrived = await messageCount(panel);
    expect(arrived).toBeLessThan(total);
  }

  await expect.poll(() => messageCount(panel), { timeout: 30_000 }).toBeGreaterThanOrEqual(total);
  // A barrier: a message sent after the burst, and the bot's answer to it, are the last two.
  // Once the answer is shown, every resend of the burst (posted before it) has been dropped.
  await app.sendMessage("set-language", { language: SENTINEL });
  await panel.getByRole("row").filter({ hasText: "language-updated" }).filter({ hasText: SENTINEL }).first().waitFor();
  expect(await messageCount(panel)).toBe(total + 2);
  expect(await Promise.all(stops)).toEqual([true, true]);
  expect(await app.serverMessages().then((messages) => messages.length)).toBeGreaterThanOrEqual(BURST);

  // The relay resent: a worker after a stop forwarded a batch marked as posted again. The last
  // worker is read once it forwarded the sentinel, so after everything before it.
  await expect.poll(async () => (await probedPorts(panel)).at(-1)!.batches.some((batch) => batch.sentinel)).toBe(true);
  const ports = await probedPorts(panel);
  // One Port per worker: the first, and one after each stop.
  expect(ports.length).toBe(3);
  expect(ports.slice(1).some((port) => port.batches.some((batch) => batch.resent))).toBe(true);

  // The rows on screen are the newest ones, in the order the bot sent them.
  const numbers = (await panel.getByRole("row").filter({ hasText: '"msg":"burst"' }).allTextContents()).map((row) =>
    Number(/"n":(\d+)/.exec(row)?.[1]),
  );
  // The grid renders the rows in view: a screenful, following the newest.
  expect(numbers.length).toBeGreaterThan(10);
  expect(numbers).toEqual(numbers.map((_, index) => BURST - numbers.length + 1 + index));

  // A panel opened now, by a new service worker, still gets the whole session from the store.
  await stopServiceWorkers(page);
  await panel.page().reload();
  const reopened = await openPanel(env.chromium, page);
  await expect.poll(() => messageCount(reopened), { timeout: 30_000 }).toBe(total + 2);
});
