// Routes between the relays of each tab's frames and the panels inspecting that tab.
// The tab and frame of a batch come from the Port's sender, never from its contents, so a
// page can only ever speak for itself.
import type { Browser, Runtime } from "webextension-polyfill";
import {
  PAGE_PORT_NAME,
  PANEL_PORT_NAME,
  isRelayToBackground,
  type BackgroundToRelay,
  type Rule,
} from "../shared/protocol";
import {
  PANEL_METHODS,
  type BackgroundToPanel,
  type HookedTab,
  type PanelBatch,
  isPanelToBackground,
} from "../shared/protocol/panelBackground";
import { serveRpc } from "../shared/rpc";
import { TabBuffer } from "./tabBuffer";
import { BatchStore } from "./batchStore";
import { FrameCommands } from "./frameCommands";
import { answerSite } from "./siteAccess";
import {
  DEFAULT_BUFFER_MEGABYTES,
  megabytesToBytes,
  onBufferMegabytesChanged,
  readBufferMegabytes,
} from "../shared/settings";

interface TabState {
  buffer: TabBuffer;
  /**
   * The tab's work in order: first reloading what an earlier service worker stored, then each
   * batch and each panel subscription, so a replay never overtakes or repeats a batch.
   */
  queue: Promise<void>;
  panels: Set<Runtime.Port>;
  /** Each frame's current relay, by the frameId its Port's sender has. */
  frames: Map<number, FrameCommands>;
  /** URL of the top frame's relay, for panels that pick a tab by hand. */
  url: string;
  events: number;
  /** The rules the last panel set, given to every frame (and each new one) while a panel inspects the tab. */
  rules: Rule[];
}

/**
 * `controlsScript`: the built file of the panel's controls (src/controls/attach.ts), run in a
 * frame's MAIN world the first time a panel's command or rules go there.
 */
export function startRouter(browser: Browser, controlsScript: string): void {
  const tabs = new Map<number, TabState>();
  const store = new BatchStore();
  // Read before any tab's work, which waits for it: a buffer never runs under a stale budget.
  let bufferBytes = readBufferMegabytes(browser.storage.local)
    .catch(() => DEFAULT_BUFFER_MEGABYTES)
    .then(megabytesToBytes);
  onBufferMegabytesChanged(browser.storage, (megabytes) => {
    bufferBytes = Promise.resolve(megabytesToBytes(megabytes));
    for (const [tabId, state] of tabs) {
      inOrder(state, async () => {
        const evicted = state.buffer.setBudget(await bufferBytes);
        await store.remove(tabId, evicted);
      });
    }
  });

  function tabState(tabId: number): TabState {
    let state = tabs.get(tabId);
    if (!state) {
      const buffer = new TabBuffer();
      const restored = bufferBytes
        .then(async (budget) => {
          buffer.setBudget(budget);
          const evicted = (await store.load(tabId)).flatMap((batch) => buffer.append(batch));
          await store.remove(tabId, evicted);
        })
        .catch((error) => console.warn("Pipecat DevTools: reading the tab's stored batches", error));
      state = { buffer, queue: restored, panels: new Set(), frames: new Map(), url: "", events: 0, rules: [] };
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

  function sendToFrames(state: TabState, message: BackgroundToRelay): void {
    for (const frame of state.frames.values()) frame.post(message);
  }

  /** A panel stops inspecting a tab (it closed, or moved to another tab). */
  function leaveTab(state: TabState, panel: Runtime.Port): void {
    state.panels.delete(panel);
    // The last panel left: nobody can continue a paused message or see a rule act (a paused
    // message may outlive its rule, so this goes out even with no rules left).
    if (state.panels.size === 0) {
      state.rules = [];
      sendToFrames(state, { kind: "panel-closed" });
    }
  }

  function acceptPage(port: Runtime.Port): void {
    const tabId = port.sender?.tab?.id;
    const frameId = port.sender?.frameId ?? 0;
    if (tabId === undefined) {
      port.disconnect();
      return;
    }
    const state = tabState(tabId);
    const commands = new FrameCommands(port, frameId, () =>
      browser.scripting.executeScript({
        target: { tabId, frameIds: [frameId] },
        files: [controlsScript],
        world: "MAIN",
        injectImmediately: true,
      } as Parameters<Browser["scripting"]["executeScript"]>[0]),
    );
    state.frames.set(frameId, commands);
    if (frameId === 0) state.url = port.sender?.url ?? "";
    // A new document (a reload, a navigation, a frame added) starts with the rules in force.
    if (state.rules.length > 0) commands.post({ kind: "rules", rules: state.rules });
    // Acknowledgements leave in order: the relay forgets every batch up to the acknowledged one.
    let acknowledged = Promise.resolve();
    port.onMessage.addListener((message: unknown) => {
      if (!isRelayToBackground(message)) return;
      const { relayId, seq, count, events, keep, resent } = message;
      const batch: PanelBatch = {
        kind: "batch",
        frameId,
        relayId,
        seq,
        count,
        events,
        ...(keep && { keep }),
        ...(resent && { resent }),
      };
      inOrder(state, () => {
        state.events += count;
        const evicted = state.buffer.append(batch);
        // What the buffer evicts, the open panels already have: only panels opened later
        // learn of it, on subscribing. What the relay could not deliver, nobody has.
        if (message.dropped) {
          state.buffer.dropped += message.dropped;
          sendToPanels(state, { kind: "dropped", count: message.dropped });
        }
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
      // A navigation may have connected the frame's next relay already: that one stays.
      if (state.frames.get(frameId) === commands) state.frames.delete(frameId);
      commands.relayGone();
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
      if (!isPanelToBackground(message) || message.kind !== "subscribe") return;
      if (state) leaveTab(state, port);
      const subscribed = tabState(message.tabId);
      state = subscribed;
      inOrder(subscribed, () => {
        for (const batch of subscribed.buffer.batches()) port.postMessage(batch);
        // After the replay: its page loads start sessions, and a new session's count starts at 0.
        if (subscribed.buffer.dropped > 0) {
          port.postMessage({ kind: "dropped", count: subscribed.buffer.dropped } satisfies BackgroundToPanel);
        }
        subscribed.panels.add(port);
      });
    });
    serveRpc(port, PANEL_METHODS, {
      "list-tabs": () =>
        [...tabs]
          .filter(([, tab]) => tab.frames.size > 0)
          .map(([tabId, tab]): HookedTab => ({ tabId, url: tab.url, frames: tab.frames.size, events: tab.events })),
      site: ({ action, origin }) => answerSite(browser, action, origin),
      // Only to a frame of the tab this panel subscribed to: a command never reaches another tab.
      command: ({ frameId, command }, { id, signal }) => {
        const frame = state?.frames.get(frameId);
        if (!frame) throw new Error(`The page's frame ${frameId} is not connected (reloaded or closed?)`);
        return frame.send(id, command, signal);
      },
      "set-rules": ({ rules }) => {
        if (!state) throw new Error("The panel has not picked a tab");
        state.rules = rules;
        sendToFrames(state, { kind: "rules", rules });
        return null;
      },
    });
    port.onDisconnect.addListener(() => {
      if (state) leaveTab(state, port);
    });
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
