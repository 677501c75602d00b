// The panel's Port to the background. Opened at module load, not in a component effect,
// so that the first batches the background replays are never missed (toolchain.md).
import browser from "webextension-polyfill";
import {
  PANEL_PORT_NAME,
  isBackgroundToPanel,
  parsePageBatch,
  type BackgroundToPanel,
  type HookedTab,
  type PageToPanel,
  type PanelToBackground,
  type PanelToPage,
} from "../src/shared/protocol";
import { store } from "./model/store";

/** In DevTools, the inspected tab. Opened as a page of its own, the panel lets the user pick one. */
const devtoolsTabId: number | undefined = browser.devtools?.inspectedWindow?.tabId;
let subscribedTabId: number | undefined = devtoolsTabId;
const tabListeners = new Set<(tabs: HookedTab[]) => void>();
const siteListeners = new Set<(answer: SiteAnswer) => void>();

export type SiteAnswer = Extract<BackgroundToPanel, { kind: "site" }>;

interface PendingCommand {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}
const pending = new Map<string, PendingCommand>();
let port = connect();

/** The last batch taken from each relay: a resend after a service-worker restart is dropped. */
const lastSeqByRelay = new Map<string, number>();

function onBatch(message: Extract<BackgroundToPanel, { kind: "batch" }>): void {
  if (message.seq <= (lastSeqByRelay.get(message.relayId) ?? 0)) return;
  lastSeqByRelay.set(message.relayId, message.seq);
  const { events, rejected } = parsePageBatch(message.events);
  if (rejected > 0) store.noteRejected(rejected);
  for (const event of events) settleCommand(event);
  store.ingest(message.frameId, events);
}

function settleCommand(event: PageToPanel): void {
  if (event.kind !== "command-result") return;
  const waiting = pending.get(event.commandId);
  if (!waiting) return;
  pending.delete(event.commandId);
  if (event.ok) waiting.resolve(event.value);
  else waiting.reject(new Error(event.error ?? "Command failed"));
}

function connect() {
  const next = browser.runtime.connect({ name: PANEL_PORT_NAME });
  next.onMessage.addListener((message: unknown) => {
    if (!isBackgroundToPanel(message)) return;
    switch (message.kind) {
      case "batch":
        onBatch(message);
        break;
      case "dropped":
        store.noteDropped(message.count);
        break;
      case "tabs":
        for (const listener of tabListeners) listener(message.tabs);
        break;
      case "site":
        for (const listener of siteListeners) listener(message);
        break;
      case "command-failed": {
        const waiting = pending.get(message.commandId);
        pending.delete(message.commandId);
        waiting?.reject(new Error(message.error));
        break;
      }
    }
  });
  next.onDisconnect.addListener(() => {
    // The service worker was stopped: a new one has the tab's buffer from the relays' resends.
    port = connect();
  });
  if (subscribedTabId !== undefined) {
    next.postMessage({ kind: "subscribe", tabId: subscribedTabId } satisfies PanelToBackground);
  }
  return next;
}

export function isInDevtools(): boolean {
  return devtoolsTabId !== undefined;
}

export function currentTabId(): number | undefined {
  return subscribedTabId;
}

/** Starts following a tab (when the panel is a page of its own). */
export function inspectTab(tabId: number): void {
  if (tabId !== subscribedTabId) store.reset();
  subscribedTabId = tabId;
  port.postMessage({ kind: "subscribe", tabId } satisfies PanelToBackground);
}

/** Asks the background for the tabs whose hooks are connected. */
export function listTabs(): Promise<HookedTab[]> {
  return new Promise((resolve) => {
    const listener = (tabs: HookedTab[]) => {
      tabListeners.delete(listener);
      resolve(tabs);
    };
    tabListeners.add(listener);
    port.postMessage({ kind: "list-tabs" } satisfies PanelToBackground);
  });
}

let nextCommandId = 1;

/** Sends a command to one client in one frame; resolves with the hook's result. */
export function sendCommand(frameId: number, command: PanelToPage): Promise<unknown> {
  const commandId = `cmd-${Date.now().toString(36)}-${nextCommandId++}`;
  return new Promise((resolve, reject) => {
    pending.set(commandId, { resolve, reject });
    port.postMessage({ kind: "command", commandId, frameId, command } satisfies PanelToBackground);
  });
}

/** Asks whether the hook runs on `origin`, or turns it on or off there. */
export function siteRequest(action: "status" | "hook" | "unhook", origin: string): Promise<SiteAnswer> {
  return new Promise((resolve) => {
    const listener = (answer: SiteAnswer) => {
      if (answer.origin !== origin) return;
      siteListeners.delete(listener);
      resolve(answer);
    };
    siteListeners.add(listener);
    port.postMessage({ kind: "site", action, origin } satisfies PanelToBackground);
  });
}
