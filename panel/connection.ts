// Runs in the panel: its one connection to the background (PanelConnection, declared in
// ./connectionContext.ts). The composition root (./main.tsx) creates it before the first
// render, so the batches the background replays on subscribing are never missed; no Port is
// opened at import. Batches go to the store (a batch already taken, resent after a
// service-worker restart, is dropped); the tab list, site access and commands are calls of
// the request/response layer (src/shared/rpc.ts), each with its timeout and its reason when
// the background restarts first. A command's answer is the hook's `command-result` event,
// which arrives inside a batch of the frame the command went to.
import type { PageToPanel } from "../src/shared/protocol";
import {
  PANEL_METHODS,
  type PanelBatch,
  type PanelMethods,
  type PanelToBackground,
  isBackgroundToPanel,
} from "../src/shared/protocol/panelBackground";
import { RpcClient, type RpcCallPolicy, type RpcPort } from "../src/shared/rpc";
import type { Rule } from "../src/shared/protocol";
import type { PanelConnection } from "./connectionContext";
import type { SessionStore } from "./model/store";

/** How long the panel waits for the page to answer a command, unless the call says otherwise. */
export const COMMAND_TIMEOUT_MS = 10_000;
/** A Port that closes again this soon after it opened is reopened only after this long. */
const RECONNECT_PAUSE_MS = 1000;

const seconds = (ms: number) => Math.round(ms / 1000);

const POLICIES: { readonly [K in keyof PanelMethods]: RpcCallPolicy } = {
  "list-tabs": {
    timeoutMs: 5000,
    timeoutMessage: (ms) => `The extension's background did not list the tabs within ${seconds(ms)} s.`,
    disconnectMessage: "The extension's background restarted before listing the tabs.",
  },
  site: {
    timeoutMs: 10_000,
    timeoutMessage: (ms) => `The extension's background did not answer within ${seconds(ms)} s: try again.`,
    disconnectMessage: "The extension's background restarted before answering: try again.",
  },
  command: {
    timeoutMs: COMMAND_TIMEOUT_MS,
    timeoutMessage: (ms) => `No answer from the page within ${seconds(ms)} s (did it reload or navigate?)`,
    disconnectMessage: "The extension's background restarted before answering: the command may or may not have run.",
  },
  "set-rules": {
    timeoutMs: 5000,
    timeoutMessage: (ms) => `The extension's background did not take the rules within ${seconds(ms)} s.`,
    disconnectMessage: "The extension's background restarted: the rules are given to it again as it comes back.",
  },
};

/** What the connection does with the store: batches in, drops counted, emptied for another tab. */
export type BatchSink = Pick<SessionStore, "ingestBatch" | "noteDropped" | "reset">;

export interface PanelConnectionOptions {
  /** Opens a Port to the background: `browser.runtime.connect({ name: PANEL_PORT_NAME })` in the panel. */
  openPort(): RpcPort;
  /** In DevTools, the inspected tab; undefined when the panel is a page of its own. */
  devtoolsTabId: number | undefined;
}

interface Link {
  port: RpcPort;
  rpc: RpcClient<PanelMethods>;
  openedAt: number;
}

export function createPanelConnection(store: BatchSink, options: PanelConnectionOptions): PanelConnection {
  let subscribedTabId = options.devtoolsTabId;
  /** The rules in force for the followed tab: given again to each new background and each tab followed. */
  let rules: Rule[] = [];
  /** The last batch taken from each relay: a resend after a service-worker restart is dropped. */
  const lastSeqByRelay = new Map<string, number>();
  let link = open();

  function open(): Link {
    const port = options.openPort();
    const opened: Link = { port, rpc: new RpcClient(port, PANEL_METHODS, POLICIES), openedAt: Date.now() };
    port.onMessage.addListener((message) => {
      if (!isBackgroundToPanel(message)) return;
      if (message.kind === "batch") takeBatch(opened, message);
      else if (message.kind === "dropped") store.noteDropped(message.count);
    });
    // The service worker was stopped (Chrome stops an idle one): a new one has the tab's
    // buffer from IndexedDB and the relays' resends. The Port's calls were rejected by then.
    port.onDisconnect.addListener(() => reconnect(opened));
    subscribe(port);
    if (rules.length > 0) pushRules(opened);
    return opened;
  }

  function reconnect(closed: Link): void {
    // A background that keeps closing at once (the extension was reloaded and this page can no
    // longer reach it) is retried now and then, not in a busy loop.
    const pause = Date.now() - closed.openedAt < RECONNECT_PAUSE_MS ? RECONNECT_PAUSE_MS : 0;
    const retry = () => {
      try {
        link = open();
      } catch (error) {
        console.warn("Pipecat DevTools: reconnecting to the background", error);
        setTimeout(retry, RECONNECT_PAUSE_MS);
      }
    };
    if (pause === 0) retry();
    else setTimeout(retry, pause);
  }

  function subscribe(port: RpcPort): void {
    if (subscribedTabId === undefined) return;
    try {
      port.postMessage({ kind: "subscribe", tabId: subscribedTabId } satisfies PanelToBackground);
    } catch {
      // The Port has just closed: the next one subscribes when it opens.
    }
  }

  /** After a subscription on the same Port, so the background knows which tab they are for. */
  function pushRules(to: Link): Promise<null> {
    if (subscribedTabId === undefined) return Promise.resolve(null);
    const call = to.rpc.call("set-rules", { rules });
    call.catch((error) => console.warn("Pipecat DevTools: giving the background the rules", error));
    return call;
  }

  function takeBatch(from: Link, batch: PanelBatch): void {
    if (batch.seq <= (lastSeqByRelay.get(batch.relayId) ?? 0)) return;
    lastSeqByRelay.set(batch.relayId, batch.seq);
    for (const event of store.ingestBatch(batch.frameId, batch.events)) settleCommand(from, batch.frameId, event);
  }

  /** Only the frame the command went to may answer it: a frame cannot settle another frame's command. */
  function settleCommand(from: Link, frameId: number, event: PageToPanel): void {
    if (event.kind !== "command-result") return;
    const outcome = event.ok
      ? { ok: true as const, result: event.value }
      : { ok: false as const, error: event.error ?? "The command failed (the page gave no reason)." };
    from.rpc.settle(
      event.commandId,
      outcome,
      (request) => request.method === "command" && request.params.frameId === frameId,
    );
  }

  return {
    get tabId() {
      return subscribedTabId;
    },
    inDevtools: options.devtoolsTabId !== undefined,
    inspectTab(tabId) {
      if (tabId !== subscribedTabId) store.reset();
      subscribedTabId = tabId;
      subscribe(link.port);
      if (rules.length > 0) void pushRules(link);
    },
    setRules(next) {
      rules = next;
      return pushRules(link).then(() => undefined);
    },
    sendCommand: (frameId, command, callOptions) => link.rpc.call("command", { frameId, command }, callOptions),
    listTabs: (callOptions) => link.rpc.call("list-tabs", {}, callOptions),
    siteRequest: (action, origin, callOptions) => link.rpc.call("site", { action, origin }, callOptions),
  };
}
