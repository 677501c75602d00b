// The hook's only way out of the page: events are queued with a timestamp on the app's
// path and serialized and posted later, in batches, over a private MessagePort.
import { HOOK_HANDSHAKE, type CaptureLevel, type Direction, type HookToRelay, type PageToPanel, type RelayToHook } from "../shared/protocol";
import { MESSAGE_SIZE_CAP, toSafeJson, utf8Length } from "./serialize";

// Taken at document_start, before page scripts run, so that a page replacing these later
// can neither break the hook nor see its traffic.
const performanceNow = performance.now.bind(performance);
const timeOrigin = performance.timeOrigin;
const setTimer = setTimeout.bind(globalThis);
const postToWindow = window.postMessage.bind(window);

/** Batches are flushed this long after their first event: long enough to batch a burst
 * across tasks (one post per message costs ~10× more), short enough for live viewing. */
const FLUSH_DELAY_MS = 10;

export function timestamp(): number {
  return timeOrigin + performanceNow();
}

/** A message as captured on the app's path: the raw object, serialized only at flush. */
interface CapturedMessage {
  kind: "message";
  messageId: number;
  t: number;
  clientId: string;
  dir: Direction;
  level: CaptureLevel;
  msg: unknown;
  /** Inbound messages come from JSON.parse: plain JSON.stringify is enough and cheaper. */
  plain: boolean;
  origin?: "devtools";
}

type Queued = CapturedMessage | Exclude<PageToPanel, { kind: "message" }>;

const queue: Queued[] = [];
let flushScheduled = false;
let nextMessageId = 1;
let port: MessagePort | undefined;

/**
 * Opens a private channel to the relay, replacing any earlier one (a relay of an updated
 * extension takes over from one that was cut off). Messages posted before the relay listens
 * are kept by the port.
 */
export function openOutbox(onCommand: (command: RelayToHook) => void): void {
  const channel = new MessageChannel();
  port?.close();
  port = channel.port1;
  port.onmessage = (event) => onCommand(event.data as RelayToHook);
  postToWindow(HOOK_HANDSHAKE, "*", [channel.port2]);
}

/** Whatever is still queued when the document goes away is sent then, not lost. */
export function flushOnPageHide(): void {
  addEventListener("pagehide", flush, { capture: true });
}

function scheduleFlush(): void {
  if (flushScheduled) return;
  flushScheduled = true;
  setTimer(flush, FLUSH_DELAY_MS);
}

/** The app's per-message cost: an id, a timestamp and a push. */
export function captureMessage(
  clientId: string,
  dir: Direction,
  level: CaptureLevel,
  msg: unknown,
  origin?: "devtools",
): number {
  const messageId = nextMessageId++;
  queue.push({ kind: "message", messageId, t: timestamp(), clientId, dir, level, msg, plain: dir === "in", origin });
  scheduleFlush();
  return messageId;
}

export function emit(event: Exclude<PageToPanel, { kind: "message" }>): void {
  queue.push(event);
  scheduleFlush();
}

export function reportError(where: string, error: unknown): void {
  emit({ kind: "hook-error", t: timestamp(), where, message: String((error as Error)?.message ?? error) });
}

function serializeMessage(captured: CapturedMessage): string {
  let json: string;
  if (captured.plain) {
    try {
      json = JSON.stringify(captured.msg);
    } catch {
      json = toSafeJson(captured.msg);
    }
  } else {
    json = toSafeJson(captured.msg);
  }
  const size = utf8Length(json);
  let truncated = "";
  if (size > MESSAGE_SIZE_CAP) {
    const source = captured.msg as { type?: unknown; id?: unknown; label?: unknown };
    json = toSafeJson({
      label: source?.label,
      type: typeof source?.type === "string" ? source.type : "(unknown)",
      id: source?.id,
      data: json.slice(0, MESSAGE_SIZE_CAP),
    });
    truncated = ',"truncated":true';
  }
  const origin = captured.origin ? ',"origin":"devtools"' : "";
  // clientId is made by the hook from [a-z0-9-] only, so it needs no escaping.
  return (
    `{"kind":"message","messageId":${captured.messageId},"t":${captured.t},"clientId":"${captured.clientId}",` +
    `"dir":"${captured.dir}","level":"${captured.level}","size":${size}${truncated}${origin},"msg":${json}}`
  );
}

/** Serializes everything queued and posts it as one batch. */
export function flush(): void {
  flushScheduled = false;
  if (queue.length === 0 || !port) return;
  const items = queue.splice(0, queue.length);
  const parts = new Array<string>(items.length);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    parts[i] = item.kind === "message" ? serializeMessage(item) : toSafeJson(item);
  }
  const batch: HookToRelay = { kind: "batch", count: parts.length, events: `[${parts.join(",")}]` };
  port.postMessage(batch);
}
