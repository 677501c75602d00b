// Routes between the relays of each tab's frames and the panels inspecting that tab.
// The tab and frame of a batch come from the Port's sender, never from its contents, so a
// page can only ever speak for itself.
import type { Browser, Runtime } from "webextension-polyfill";
import {
  PAGE_PORT_NAME,
  PANEL_PORT_NAME,
  isPanelToBackground,
  isRelayToBackground,
  type BackgroundToPanel,
  type BackgroundToRelay,
  type HookedTab,
} from "../shared/protocol";
import { TabBuffer } from "./tabBuffer";
import { BatchStore } from "./batchStore";
import { hookOrigin, siteAccess, unhookOrigin } from "./siteAccess";

interface TabState {
  buffer: TabBuffer;
  /**
   * The tab's work in order: first reloading what an earlier service worker stored, then each
   * batch and each panel subscription, so a replay never overtakes or repeats a batch.
   */
  queue: Promise<void>;
  panels: Set<Runtime.Port>;
  frames: Map<number, Runtime.Port>;
  /** URL of the top frame's relay, for panels that pick a tab by hand. */
  url: string;
  events: number;
}

export interface RouterOptions {
  /** Bytes of page events kept per tab for panels opened later. */
  bufferBytes?: number;
}

export function startRouter(browser: Browser, options: RouterOptions = {}): void {
  const tabs = new Map<number, TabState>();
  const store = new BatchStore();

  function tabState(tabId: number): TabState {
    let state = tabs.get(tabId);
    if (!state) {
      const buffer = new TabBuffer(options.bufferBytes);
      const restored = store
        .load(tabId)
        .then((batches) => {
          for (const batch of batches) buffer.append(batch);
        })
        .catch((error) => console.warn("Pipecat DevTools: reading the tab's stored batches", error));
      state = { buffer, queue: restored, panels: new Set(), frames: new Map(), url: "", events: 0 };
      tabs.set(tabId, state);
    }
    return state;
  }

  function inOrder(state: TabState, work: () => Promise<void> | void): void {
    state.queue = state.queue.then(work).catch((error) => console.warn("Pipecat DevTools:", error));
  }

  function sendToPanels(state: TabState, message: BackgroundToPanel): void {
    for (const panel of state.panels) panel.postMessage(message);
  }

  function acceptPage(port: Runtime.Port): void {
    const tabId = port.sender?.tab?.id;
    const frameId = port.sender?.frameId ?? 0;
    if (tabId === undefined) {
      port.disconnect();
      return;
    }
    const state = tabState(tabId);
    state.frames.set(frameId, port);
    if (frameId === 0) state.url = port.sender?.url ?? "";
    // Acknowledgements leave in order: the relay forgets every batch up to the acknowledged one.
    let acknowledged = Promise.resolve();
    port.onMessage.addListener((message: unknown) => {
      if (!isRelayToBackground(message)) return;
      const { relayId, seq, count, events } = message;
      const batch: BackgroundToPanel = { kind: "batch", frameId, relayId, seq, count, events };
      inOrder(state, () => {
        state.events += count;
        const evicted = state.buffer.append(batch);
        const dropped = evicted.reduce((sum, old) => sum + old.count, 0) + (message.dropped ?? 0);
        if (message.dropped) state.buffer.dropped += message.dropped;
        if (dropped > 0) sendToPanels(state, { kind: "dropped", count: dropped });
        sendToPanels(state, batch);
        // Acknowledged once durable (a service worker stopped before then gets the batch again
        // from the relay), without holding up the next batch while the disk works.
        const durable = Promise.all([store.save(tabId, batch), store.remove(tabId, evicted)]);
        acknowledged = acknowledged
          .then(() => durable)
          .then(() => port.postMessage({ kind: "ack", seq } satisfies BackgroundToRelay))
          .catch((error) => console.warn("Pipecat DevTools: storing a batch", error));
      });
    });
    port.onDisconnect.addListener(() => {
      if (state.frames.get(frameId) === port) state.frames.delete(frameId);
    });
  }

  function acceptPanel(port: Runtime.Port): void {
    // Only the extension's own pages may open a panel Port: a content script's sender URL is
    // its page's. (A panel opened as a page of its own has a tab, so the tab proves nothing.)
    if (!port.sender?.url?.startsWith(browser.runtime.getURL(""))) {
      port.disconnect();
      return;
    }
    let state: TabState | undefined;
    port.onMessage.addListener((message: unknown) => {
      if (!isPanelToBackground(message)) return;
      if (message.kind === "list-tabs") {
        const hooked: HookedTab[] = [...tabs]
          .filter(([, tab]) => tab.frames.size > 0)
          .map(([tabId, tab]) => ({ tabId, url: tab.url, frames: tab.frames.size, events: tab.events }));
        port.postMessage({ kind: "tabs", tabs: hooked } satisfies BackgroundToPanel);
        return;
      }
      if (message.kind === "site") {
        void answerSite(port, message.action, message.origin);
        return;
      }
      if (message.kind === "subscribe") {
        state?.panels.delete(port);
        const subscribed = tabState(message.tabId);
        state = subscribed;
        inOrder(subscribed, () => {
          if (subscribed.buffer.dropped > 0) {
            port.postMessage({ kind: "dropped", count: subscribed.buffer.dropped } satisfies BackgroundToPanel);
          }
          for (const batch of subscribed.buffer.batches()) port.postMessage(batch);
          subscribed.panels.add(port);
        });
        return;
      }
      const frame = state?.frames.get(message.frameId);
      if (!frame) {
        port.postMessage({
          kind: "command-failed",
          commandId: message.commandId,
          error: `The page's frame ${message.frameId} is not connected (reloaded or closed?)`,
        } satisfies BackgroundToPanel);
        return;
      }
      frame.postMessage({ kind: "command", commandId: message.commandId, command: message.command } satisfies BackgroundToRelay);
    });
    port.onDisconnect.addListener(() => state?.panels.delete(port));
  }

  async function answerSite(port: Runtime.Port, action: "status" | "hook" | "unhook", origin: string): Promise<void> {
    let error: string | undefined;
    try {
      if (action === "hook") await hookOrigin(browser, origin);
      if (action === "unhook") await unhookOrigin(browser, origin);
    } catch (failure) {
      error = String((failure as Error)?.message ?? failure);
    }
    const access = await siteAccess(browser, origin).catch(() => "off" as const);
    port.postMessage({ kind: "site", origin, access, error } satisfies BackgroundToPanel);
  }

  browser.runtime.onConnect.addListener((port) => {
    if (port.name === PAGE_PORT_NAME) acceptPage(port);
    else if (port.name === PANEL_PORT_NAME) acceptPanel(port);
    else port.disconnect();
  });

  browser.tabs.onRemoved.addListener((tabId) => {
    tabs.delete(tabId);
    void store.clearTab(tabId).catch(() => {});
  });
}
