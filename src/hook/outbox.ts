// The hook's only way out of the page: events are queued with a timestamp on the app's
// path and serialized later, in batches, handed to the relay on a DOM node both worlds hold;
// the relay's commands come over a private MessagePort.
import {
  BATCH_EVENT,
  HOOK_HANDSHAKE,
  HOOK_NODE_EVENT,
  KEEP_BATCH_EVENT,
  type CaptureLevel,
  type Direction,
  type PageToPanel,
  type HookCommand,
  type RelayToHook,
} from "../shared/protocol";
import { mapDelete, mapKeys, mapSet, mapSize } from "./builtins";
import { MESSAGE_SIZE_CAP, toSafeJson, utf8Length } from "./serialize";

// Taken at document_start, before page scripts run, and called only through the saved
// Reflect.apply: a page replacing any of these later (dispatchEvent, the data setter,
// JSON.stringify, Array.prototype.join, MessageChannel…) can neither see the hook's traffic
// nor break it. Past load, this file calls nothing else a page can replace, nor do
// serialize.ts, clients.ts and the wire taps (./builtins); a failure serializing is still
// caught per event.
const { apply } = Reflect;
const performanceNow = performance.now.bind(performance);
const timeOrigin = performance.timeOrigin;
const setTimer = setTimeout.bind(globalThis);
const postToWindow = window.postMessage.bind(window);
const dispatchOnWindow = window.dispatchEvent.bind(window);
const createTextNode = Document.prototype.createTextNode;
const setNodeData = Object.getOwnPropertyDescriptor(CharacterData.prototype, "data")!.set!;
// From a node, as the port's methods below: where tests run the hook, the window is no EventTarget of the DOM's.
const dispatch = apply(createTextNode, document, [""]).dispatchEvent;
const MouseEventAtLoad = MouseEvent;
const UIEventAtLoad = UIEvent;
const stringify = JSON.stringify;
const join = Array.prototype.join;
const sliceText = String.prototype.slice;
const toText = String;
const MessageChannelAtLoad = MessageChannel;
const channelPort1 = Object.getOwnPropertyDescriptor(MessageChannel.prototype, "port1")?.get;
const channelPort2 = Object.getOwnPropertyDescriptor(MessageChannel.prototype, "port2")?.get;
// From a port the engine made: where tests run the hook, the global MessagePort is another class.
const probe = new MessageChannelAtLoad().port1;
const portPrototype: MessagePort = Object.getPrototypeOf(probe);
const closePort = portPrototype.close;
const setOnMessage = Object.getOwnPropertyDescriptor(portPrototype, "onmessage")!.set!;
apply(closePort, probe, []);

/** Batches are flushed this long after their first event: long enough to batch a burst
 * across tasks (one post per message costs ~10× more), short enough for live viewing. */
const FLUSH_DELAY_MS = 10;
/** A flush posts batches of about this many characters: the relay forwards them as they are,
 * where a batch over its port cap (1 MB) would have to be parsed to be split. */
const BATCH_CHARS = 128 * 1024;

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
  /** The timeout of a request the client awaits an answer to. */
  requestTimeoutMs?: number;
  /** Where the message is kept by its id once flushed, for replay. */
  replayMemory?: ReplayMemory;
}

/** Recent outbound messages of one client by log id: what a replay names. */
export type ReplayMemory = Map<number, unknown>;
/** Messages a replay memory holds at least; it trims to this in bulk at twice as many. */
const REPLAY_MEMORY = 500;

type Queued = CapturedMessage | Exclude<PageToPanel, { kind: "message" }>;

/**
 * Messages the queue keeps while no relay takes batches (the first milliseconds of a page, or
 * for good when the extension was turned off while the page stayed open): past this the
 * oldest go, and the next relay hears how many. The page's state events are always kept.
 */
const MAX_MESSAGES_WITHOUT_RELAY = 10_000;
let droppedWithoutRelay = 0;

/** Appended by index, never by push: the page may have replaced Array.prototype.push. */
let queue: Queued[] = [];
let flushScheduled = false;
let nextMessageId = 1;
let port: MessagePort | undefined;
/** What the current relay reads batches from; until it listens, the queue keeps them. */
let batchNode: Text | undefined;

/**
 * Opens a private channel to the relay, replacing any earlier one (a relay of an updated
 * extension takes over from one that was cut off). Batches wait in the queue until the relay
 * says on the channel that it listens, and the hook hands it a batch node.
 */
export function openOutbox(onCommand: (command: HookCommand) => void): void {
  const channel = new MessageChannelAtLoad();
  // Where the engine defines the ports as own fields (Node, in tests) there is no getter to save.
  const ours: MessagePort = channelPort1 ? apply(channelPort1, channel, []) : channel.port1;
  const relays: MessagePort = channelPort2 ? apply(channelPort2, channel, []) : channel.port2;
  if (port) apply(closePort, port, []);
  port = ours;
  batchNode = undefined;
  apply(setOnMessage, ours, [
    (event: MessageEvent) => {
      const data = event.data as RelayToHook;
      if (data.kind === "relay-ready") handOverBatchNode();
      else onCommand(data);
    },
  ]);
  postToWindow(HOOK_HANDSHAKE, "*", [relays]);
}

/** A fresh node per relay: one the page might have seen handed over before is never reused. */
function handOverBatchNode(): void {
  const node: Text = apply(createTextNode, document, [""]);
  // Synchronous: the relay's window listener has taken the node when this returns.
  dispatchOnWindow(new MouseEventAtLoad(HOOK_NODE_EVENT, { relatedTarget: node }));
  batchNode = node;
  if (droppedWithoutRelay > 0) {
    emit({ kind: "dropped", t: timestamp(), count: droppedWithoutRelay });
    droppedWithoutRelay = 0;
  }
  scheduleFlush();
}

/** Lets the oldest messages go once more are waiting than MAX_MESSAGES_WITHOUT_RELAY, counting them. */
function trimUnsent(): void {
  let messages = 0;
  for (let i = 0; i < queue.length; i++) if (queue[i].kind === "message") messages++;
  let excess = messages - MAX_MESSAGES_WITHOUT_RELAY;
  if (excess <= 0) return;
  droppedWithoutRelay += excess;
  const kept: Queued[] = [];
  for (let i = 0; i < queue.length; i++) {
    if (excess > 0 && queue[i].kind === "message") excess--;
    else kept[kept.length] = queue[i];
  }
  queue = kept;
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

/** The app's per-message cost: an id, a timestamp and an append. */
export function captureMessage(
  clientId: string,
  dir: Direction,
  level: CaptureLevel,
  msg: unknown,
  origin?: "devtools",
  requestTimeoutMs?: number,
  replayMemory?: ReplayMemory,
): void {
  const messageId = nextMessageId++;
  queue[queue.length] = { kind: "message", messageId, t: timestamp(), clientId, dir, level, msg, plain: dir === "in", origin, requestTimeoutMs, replayMemory };
  scheduleFlush();
}

export function emit(event: Exclude<PageToPanel, { kind: "message" }>): void {
  queue[queue.length] = event;
  scheduleFlush();
}

export function reportError(where: string, error: unknown): void {
  emit({ kind: "hook-error", t: timestamp(), where, message: describeError(error) });
}

/** Errors come from page code: reading or printing one may throw too. */
function describeError(error: unknown): string {
  try {
    return toText((error as Error)?.message ?? error);
  } catch {
    return "(an error that cannot be printed)";
  }
}

/** At flush, not on the app's path: a Map insertion per send cost the send ~0.5 µs. */
function remember(captured: CapturedMessage, memory: ReplayMemory): void {
  mapSet(memory, captured.messageId, captured.msg);
  if (mapSize(memory) <= REPLAY_MEMORY * 2) return;
  const ids = mapKeys(memory);
  const excess = ids.length - REPLAY_MEMORY;
  for (let i = 0; i < excess; i++) mapDelete(memory, ids[i]);
}

function serializeMessage(captured: CapturedMessage): string {
  if (captured.replayMemory) remember(captured, captured.replayMemory);
  let json: string;
  if (captured.plain) {
    try {
      json = stringify(captured.msg);
    } catch {
      json = toSafeJson(captured.msg);
    }
  } else {
    json = toSafeJson(captured.msg);
  }
  let truncated = "";
  // A UTF-16 unit is 1 to 3 UTF-8 bytes: only JSON this long can be over the cap, and only
  // then is it measured here (the panel measures the rest: PageToPanel's `size`).
  const size = json.length * 3 > MESSAGE_SIZE_CAP ? utf8Length(json) : 0;
  if (size > MESSAGE_SIZE_CAP) {
    const source = captured.msg as { type?: unknown; id?: unknown; label?: unknown };
    json = toSafeJson({
      label: source?.label,
      type: typeof source?.type === "string" ? source.type : "(unknown)",
      id: source?.id,
      data: apply(sliceText, json, [0, MESSAGE_SIZE_CAP]),
    });
    truncated = `,"size":${size},"truncated":true`;
  }
  const origin = captured.origin ? ',"origin":"devtools"' : "";
  // A number the hook itself checked: printed as digits, nothing to escape.
  const request = captured.requestTimeoutMs === undefined ? "" : `,"request":{"timeoutMs":${captured.requestTimeoutMs}}`;
  // clientId is made by the hook from [a-z0-9-] only, so it needs no escaping.
  return (
    `{"kind":"message","messageId":${captured.messageId},"t":${captured.t},"clientId":"${captured.clientId}",` +
    `"dir":"${captured.dir}","level":"${captured.level}"${truncated}${origin}${request},"msg":${json}}`
  );
}

/**
 * Serializes everything queued and posts it, in order, in batches of about BATCH_CHARS that
 * hold either messages only or state events only (HookToRelay's `keep`).
 */
export function flush(): void {
  flushScheduled = false;
  if (!batchNode) return trimUnsent();
  if (queue.length === 0) return;
  const items = queue;
  queue = [];
  let parts: string[] = [];
  let chars = 0;
  let keep = items[0].kind !== "message";
  for (let i = 0; i < items.length; i++) {
    const isState = items[i].kind !== "message";
    if (parts.length > 0 && (chars >= BATCH_CHARS || isState !== keep)) {
      post(parts, keep);
      parts = [];
      chars = 0;
    }
    keep = isState;
    const part = serializeEvent(items[i]);
    parts[parts.length] = part;
    chars += part.length + 1;
  }
  if (parts.length > 0) post(parts, keep);
}

/** Hands one batch (HookToRelay) to the relay, whose listener has read it when dispatch returns. */
function post(parts: string[], keep: boolean): void {
  const node = batchNode!;
  try {
    apply(setNodeData, node, [`[${apply(join, parts, [","])}]`]);
    apply(dispatch, node, [new UIEventAtLoad(keep ? KEEP_BATCH_EVENT : BATCH_EVENT, { detail: parts.length })]);
    // The relay keeps its own reference until the background has stored the batch.
    apply(setNodeData, node, [""]);
  } catch (error) {
    // Only a batch too long for one string (hundreds of MB) gets here: say what was lost.
    reportError("flush", `${parts.length} events lost: ${describeError(error)}`);
  }
}

function serializeEvent(item: Queued): string {
  try {
    return item.kind === "message" ? serializeMessage(item) : toSafeJson(item);
  } catch (error) {
    // A message that defies serializing, or a page that replaced what toSafeJson relies on:
    // this event becomes a report instead of taking the whole batch down.
    return stringify({ kind: "hook-error", t: item.t, where: `serializing ${item.kind}`, message: describeError(error) });
  }
}
