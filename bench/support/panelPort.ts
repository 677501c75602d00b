// The far end of the bridge for the page → panel rows: the extension's own panel page,
// opened in a tab, with a runtime Port of its own to the background, subscribed to a bench
// page's tab as panel/connection.ts subscribes. It counts the events of the batches that
// arrive (each batch once, by relay and sequence, as the panel does) and, when asked, each
// bench message's latency. What the panel then does with a batch (its store, its rendering)
// is left out: rows of their own measure that.
import type { Page, Worker } from "playwright-core";
import { PANEL_PORT_NAME, type BackgroundToPanel, type PanelToBackground } from "../../src/shared/protocol";
import type { BenchEnv } from "./env";

/** The little of the extension API used here, in pages and workers Playwright evaluates in. */
interface ExtensionApi {
  runtime: { connect(info: { name: string }): ExtensionPort };
  tabs: { query(query: object): Promise<{ id?: number; url?: string }[]> };
}

interface ExtensionPort {
  postMessage(message: PanelToBackground): void;
  onMessage: { addListener(listener: (message: BackgroundToPanel) => void): void };
}

/**
 * What the panel page keeps under COLLECTOR_KEY. Counts are since the last clear. (No
 * functions in it: tsx names them with a helper the page does not have.)
 */
interface Collector {
  port: ExtensionPort;
  /** Batches taken since the last subscribe. */
  batches: number;
  events: number;
  /** When the last batch arrived, epoch ms (timeOrigin + now, the clock of the hook's `t`). */
  lastArrivedAt: number;
  /** Events the background reported as dropped. */
  dropped: number;
  /**
   * Whether to parse batches for `latencies`: arrival − the hook's capture time `t` of each
   * bench message (inbound bot-llm-text). Off for throughput, where parsing on the panel's
   * thread would be measured along with the bridge.
   */
  timed: boolean;
  latencies: number[];
}

const COLLECTOR_KEY = "pipecatBenchCollector";
/** How long the background may take to answer a subscription with its first batch. */
const SUBSCRIBE_TIMEOUT_MS = 5000;
const POLL_MS = 10;

export type Arrivals = Pick<Collector, "events" | "lastArrivedAt" | "dropped">;

export class PanelPort {
  private constructor(
    private readonly panelPage: Page,
    private readonly serviceWorker: Worker,
  ) {}

  /** Opens the panel page in the extension's browser and its Port, subscribed to nothing yet. */
  static async open(env: BenchEnv): Promise<PanelPort> {
    const session = (await env.browserPair()).extension;
    const panelPage = await session.ctx.newPage();
    await panelPage.goto(`chrome-extension://${session.extensionId}/panel/index.html`);
    await panelPage.evaluate(
      ({ portName, key }) => {
        const { chrome } = globalThis as unknown as { chrome: ExtensionApi };
        const port = chrome.runtime.connect({ name: portName });
        const lastSeqByRelay = new Map<string, number>();
        const collector: Collector = {
          port,
          batches: 0,
          events: 0,
          lastArrivedAt: Number.NaN,
          dropped: 0,
          timed: false,
          latencies: [],
        };
        port.onMessage.addListener((message) => {
          if (message.kind === "dropped") collector.dropped += message.count;
          if (message.kind !== "batch") return;
          if (message.seq <= (lastSeqByRelay.get(message.relayId) ?? 0)) return;
          lastSeqByRelay.set(message.relayId, message.seq);
          const arrivedAt = performance.timeOrigin + performance.now();
          collector.batches++;
          collector.events += message.count;
          collector.lastArrivedAt = arrivedAt;
          if (!collector.timed) return;
          for (const event of JSON.parse(message.events)) {
            if (event.kind === "message" && event.dir === "in" && event.msg?.type === "bot-llm-text") {
              collector.latencies.push(arrivedAt - event.t);
            }
          }
        });
        (globalThis as unknown as Record<string, Collector>)[key] = collector;
      },
      { portName: PANEL_PORT_NAME, key: COLLECTOR_KEY },
    );
    return new PanelPort(panelPage, session.serviceWorker!);
  }

  /**
   * Subscribes to the tab of `benchPage` (a page of the extension's browser, its client ready)
   * and resolves once a batch of that tab arrived: the replay of its buffer, or a live one.
   */
  async follow(benchPage: Page): Promise<void> {
    const tabIds = await this.serviceWorker.evaluate(async (url) => {
      const { chrome } = globalThis as unknown as { chrome: ExtensionApi };
      return (await chrome.tabs.query({})).filter((tab) => tab.url === url).map((tab) => tab.id);
    }, benchPage.url());
    if (tabIds.length !== 1 || tabIds[0] === undefined) {
      throw new Error(`Expected one tab at ${benchPage.url()}, found ${tabIds.length}`);
    }
    await this.panelPage.evaluate(
      async ({ key, tabId, timeoutMs, pollMs }) => {
        const collector = (globalThis as unknown as Record<string, Collector>)[key];
        collector.batches = 0;
        collector.port.postMessage({ kind: "subscribe", tabId });
        const deadline = performance.now() + timeoutMs;
        while (collector.batches === 0) {
          if (performance.now() > deadline) throw new Error(`No batch of tab ${tabId} arrived`);
          await new Promise((resolve) => setTimeout(resolve, pollMs));
        }
      },
      { key: COLLECTOR_KEY, tabId: tabIds[0], timeoutMs: SUBSCRIBE_TIMEOUT_MS, pollMs: POLL_MS },
    );
  }

  /** Forgets what arrived so far: the next measurement counts from here; `timed` also notes latencies. */
  async clear({ timed }: { timed: boolean }): Promise<void> {
    await this.panelPage.evaluate(
      ({ key, timed }) => {
        const collector = (globalThis as unknown as Record<string, Collector>)[key];
        Object.assign(collector, { events: 0, lastArrivedAt: Number.NaN, dropped: 0, timed, latencies: [] });
      },
      { key: COLLECTOR_KEY, timed },
    );
  }

  /** Waits until `expected` events arrived since the last clear, or until `deadline` (epoch ms) passed. */
  waitForEvents(expected: number, deadline: number): Promise<Arrivals> {
    return this.panelPage.evaluate(
      async ({ key, expected, deadline, pollMs }) => {
        const collector = (globalThis as unknown as Record<string, Collector>)[key];
        while (collector.events < expected && performance.timeOrigin + performance.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, pollMs));
        }
        const { events, lastArrivedAt, dropped } = collector;
        return { events, lastArrivedAt, dropped };
      },
      { key: COLLECTOR_KEY, expected, deadline, pollMs: POLL_MS },
    );
  }

  /** The latencies noted since the last clear (with `timed`), ms. */
  latencies(): Promise<number[]> {
    return this.panelPage.evaluate(
      (key) => (globalThis as unknown as Record<string, Collector>)[key].latencies,
      COLLECTOR_KEY,
    );
  }

  async close(): Promise<void> {
    await this.panelPage.close();
  }
}
