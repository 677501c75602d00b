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
import { hookOrigin, siteAccess, unhookOrigin } from "./siteAccess";

interface TabState {
  buffer: TabBuffer;
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

  function tabState(tabId: number): TabState {
    let state = tabs.get(tabId);
    if (!state) {
      state = { buffer: new TabBuffer(options.bufferBytes), panels: new Set(), frames: new Map(), url: "", events: 0 };
      tabs.set(tabId, state);
    }
    return state;
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
    port.onMessage.addListener((message: unknown) => {
      if (!isRelayToBackground(message)) return;
      const { relayId, seq, count, events } = message;
      const batch: BackgroundToPanel = { kind: "batch", frameId, relayId, seq, count, events };
      state.events += message.count;
      const dropped = state.buffer.append(batch) + (message.dropped ?? 0);
      if (message.dropped) state.buffer.dropped += message.dropped;
      if (dropped > 0) sendToPanels(state, { kind: "dropped", count: dropped });
      sendToPanels(state, batch);
      const ack: BackgroundToRelay = { kind: "ack", seq: message.seq };
      port.postMessage(ack);
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
        state = tabState(message.tabId);
        state.panels.add(port);
        if (state.buffer.dropped > 0) port.postMessage({ kind: "dropped", count: state.buffer.dropped } satisfies BackgroundToPanel);
        for (const batch of state.buffer.batches()) port.postMessage(batch);
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

  browser.tabs.onRemoved.addListener((tabId) => tabs.delete(tabId));
}
