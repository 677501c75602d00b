// Content relay. Runs in the extension's isolated world of every hooked frame, at
// document_start. It takes the private MessagePort the page hook hands over and, through it,
// the DOM node the hook fires its batches on; forwards the batches to the background over a
// runtime Port (resending what the background has not acknowledged when the Port is cut), and
// hands panel commands back to the hook on the MessagePort.
// Everything the page sends is untrusted: checked, sized, bounded, and only ever forwarded as
// this page's own data. No listener here may throw.
import browser, { type Runtime } from "webextension-polyfill";
import { HOOK_HANDSHAKE, PAGE_PORT_NAME, isBackgroundToRelay, type RelayToHook } from "../shared/protocol";
import { readBatches, type FiredBatch } from "../shared/batchHandoff";
import { checkHookBatch } from "./batches";
import { PendingBatches } from "./pendingBatches";

/**
 * Dropped events ride on the next batch; when none comes, an empty batch carries them this
 * much later (so a flood of refused posts costs the background a few posts a second).
 */
const DROP_REPORT_DELAY_MS = 100;
/** After a post failed because the Port was cut mid-post, before posting on a new one. */
const REPOST_DELAY_MS = 50;

/** The hook's newest port: it listens for commands there. */
let hookPort: MessagePort | undefined;
/** The background's last word on the rules, for a hook whose port comes after it. */
let rulesInForce: Extract<RelayToHook, { kind: "rules" | "panel-closed" }> | undefined;
let backgroundPort: Runtime.Port | undefined;
let nextSeq = 1;
// Not crypto.randomUUID: it is missing on plain-http sites the user chose to hook.
const relayId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
const pending = new PendingBatches();
let dropReportScheduled = false;
let repostScheduled = false;

function connectBackground(): Runtime.Port | undefined {
  let port: Runtime.Port;
  try {
    port = browser.runtime.connect({ name: PAGE_PORT_NAME });
  } catch {
    // The extension was updated or removed: this relay is cut off for good.
    return undefined;
  }
  port.onMessage.addListener((message: unknown) => {
    if (!isBackgroundToRelay(message)) return;
    if (message.kind === "ack") {
      pending.acknowledge(message.seq);
      postPending();
    } else if (message.kind === "command") {
      postToHook({ kind: "command", commandId: message.commandId, command: message.command });
    } else {
      rulesInForce = message;
      postToHook(message);
    }
  });
  port.onDisconnect.addListener(() => {
    // The service worker was stopped or restarted: reconnect and resend what it may not have stored.
    if (backgroundPort !== port) return;
    backgroundPort = undefined;
    pending.resendAll();
    if (!pending.isEmpty) postPending();
  });
  return port;
}

function postToHook(message: RelayToHook): void {
  try {
    hookPort?.postMessage(message);
  } catch {
    // Cannot happen for the background's JSON; and a command lost here is answered by the panel's timeout.
  }
}

/** Posts as much as the window allows, on the current Port or a new one. */
function postPending(): void {
  backgroundPort ??= connectBackground();
  const port = backgroundPort;
  if (!port) return;
  for (let batch = pending.next(); batch; batch = pending.next()) {
    try {
      port.postMessage(batch);
    } catch {
      // Cut off mid-post, before its onDisconnect ran: everything in flight goes again on a
      // new Port (the old one's late onDisconnect is then ignored).
      backgroundPort = undefined;
      pending.resendAll();
      scheduleRepost();
      return;
    }
  }
}

function scheduleRepost(): void {
  if (repostScheduled) return;
  repostScheduled = true;
  setTimeout(() => {
    repostScheduled = false;
    postPending();
  }, REPOST_DELAY_MS);
}

function scheduleDropReport(): void {
  if (dropReportScheduled) return;
  dropReportScheduled = true;
  setTimeout(() => {
    dropReportScheduled = false;
    if (!pending.needsReport) return;
    pending.add({ kind: "batch", relayId, seq: nextSeq++, count: 0, events: "[]" });
    postPending();
  }, DROP_REPORT_DELAY_MS);
}

function noteDropped(count: number): void {
  pending.noteDropped(count);
  if (pending.needsReport) scheduleDropReport();
}

/** A batch fired on a node the hook (or a page imitating it) handed over: checked before anything else. */
function receiveBatch(batch: FiredBatch): void {
  const { runs, keep, dropped } = checkHookBatch(batch);
  for (const run of runs) {
    pending.add({
      kind: "batch",
      relayId,
      seq: nextSeq++,
      count: run.count,
      events: run.events,
      ...(keep && { keep }),
    });
  }
  if (dropped > 0) noteDropped(dropped);
  postPending();
}

addEventListener(
  "message",
  (event: MessageEvent) => {
    if (event.data !== HOOK_HANDSHAKE || event.ports.length !== 1) return;
    // An extension update leaves the old relay running but cut off: let the new one take the port.
    if (!browser.runtime?.id) return;
    // Registered at document_start, before any page listener: the page never sees the handshake.
    event.stopImmediatePropagation();
    // A hook hands over a new port when it is injected again (install or update while the
    // page is open) and then sends only on that one. A page imitating the handshake gains
    // nothing: whatever it sends is checked and logged as this page's own data, which it
    // could send through the hook anyway.
    hookPort = event.ports[0];
    postToHook({ kind: "relay-ready" });
    if (rulesInForce) postToHook(rulesInForce);
  },
  { capture: true },
);

readBatches(receiveBatch);
