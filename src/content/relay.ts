// Content relay. Runs in the extension's isolated world of every hooked frame, at
// document_start. It takes the private MessagePort the page hook hands over, forwards the
// hook's batches to the background over a runtime Port (resending what the background has
// not acknowledged when the Port is cut), and hands panel commands back to the hook.
// Everything the page sends is untrusted and only ever forwarded as data.
import browser, { type Runtime } from "webextension-polyfill";
import {
  HOOK_HANDSHAKE,
  PAGE_PORT_NAME,
  isBackgroundToRelay,
  isHookToRelay,
  type RelayToBackground,
  type RelayToHook,
} from "../shared/protocol";

/** The hook's newest port: it listens for commands there. */
let hookPort: MessagePort | undefined;
let backgroundPort: Runtime.Port | undefined;
let nextSeq = 1;
// Not crypto.randomUUID: it is missing on plain-http sites the user chose to hook.
const relayId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
/** Batches sent but not yet acknowledged, oldest first: resent on a new Port. */
const unacknowledged: RelayToBackground[] = [];

function connectBackground(): Runtime.Port {
  const port = browser.runtime.connect({ name: PAGE_PORT_NAME });
  port.onMessage.addListener((message: unknown) => {
    if (!isBackgroundToRelay(message)) return;
    if (message.kind === "ack") {
      while (unacknowledged.length > 0 && unacknowledged[0].seq <= message.seq) unacknowledged.shift();
    } else {
      const command: RelayToHook = { kind: "command", commandId: message.commandId, command: message.command };
      hookPort?.postMessage(command);
    }
  });
  port.onDisconnect.addListener(() => {
    // The service worker was stopped or restarted: reconnect and resend what it may not have stored.
    if (backgroundPort === port) backgroundPort = undefined;
    if (unacknowledged.length > 0) ensureBackground();
  });
  for (const batch of unacknowledged) port.postMessage(batch);
  return port;
}

function ensureBackground(): Runtime.Port {
  backgroundPort ??= connectBackground();
  return backgroundPort;
}

function forwardBatch(data: unknown): void {
  if (!isHookToRelay(data)) return;
  const batch: RelayToBackground = { kind: "batch", relayId, seq: nextSeq++, count: data.count, events: data.events };
  unacknowledged.push(batch);
  const port = backgroundPort;
  if (port) port.postMessage(batch);
  else ensureBackground(); // a new Port sends everything unacknowledged, this batch included
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
    // page is open) and then sends only on that one; earlier ports stay read, so nothing in
    // flight is lost. A page imitating the handshake gains nothing: whatever it posts is
    // logged as this page's own data, which it could post through the hook's channel anyway.
    hookPort = event.ports[0];
    hookPort.onmessage = (message) => forwardBatch(message.data);
  },
  { capture: true },
);
