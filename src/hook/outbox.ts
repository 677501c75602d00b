// The hook's only way out of the page: events are queued with a timestamp on the app's
// path and encoded later, in batches, handed to the relay on a DOM node both worlds hold;
// the relay's commands come over a private MessagePort.
import type { CaptureLevel, Direction, RelayToHook, RuleMark } from "../shared/protocol";

/** What the relay says besides that it listens: a command, or the rules in force. */
export type FromRelay = Exclude<RelayToHook, { kind: "relay-ready" }>;
import { HOOK_HANDSHAKE } from "../shared/protocol/constants";
import { fireBatch, handOverBatchNode } from "../shared/batchHandoff";
import { encodePageEvent, type CapturedMessage, type StateEvent } from "../shared/protocol/pageEventEncoder";
import { describeError, shortText } from "./bounds";
// Taken at document_start, before page scripts run, and called only through the saved
// Reflect.apply: a page replacing any of these later (dispatchEvent, the data setter,
// JSON.stringify, Array.prototype.join, MessageChannel…) can neither see the hook's traffic
// nor break it. A failure encoding is still caught per event.
import {
  MessageChannelAtLoad,
  addWindowListener,
  channelPorts,
  closePort,
  join,
  mapDelete,
  mapForEach,
  mapSet,
  mapSize,
  messageEventData,
  performanceNow,
  postToWindow,
  setPortOnMessage,
  setTimer,
  timeOrigin,
} from "./builtins";

/** Batches are flushed this long after their first event: long enough to batch a burst
 * across tasks (one post per message costs ~10× more), short enough for live viewing. */
const FLUSH_DELAY_MS = 10;
/** A flush posts batches of about this many characters: the relay forwards them as they are,
 * where a batch over its port cap (1 MB) would have to be parsed to be split. */
const BATCH_CHARS = 128 * 1024;

export function timestamp(): number {
  return timeOrigin + performanceNow();
}

/** A message as captured on the app's path: the raw object, encoded only at flush. */
interface QueuedMessage extends CapturedMessage {
  /** Where the message is kept by its id once flushed, for replay. */
  replayMemory?: ReplayMemory;
}

/** Recent outbound messages of one client by log id: what a replay names. */
export type ReplayMemory = Map<number, unknown>;
/** Messages a replay memory holds at least; it trims to this in bulk at twice as many. */
const REPLAY_MEMORY = 500;

type Queued = QueuedMessage | StateEvent;

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
export function openOutbox(onMessage: (message: FromRelay) => void): void {
  const { port1: ours, port2: relays } = channelPorts(new MessageChannelAtLoad());
  if (port) closePort(port);
  port = ours;
  batchNode = undefined;
  setPortOnMessage(ours, (event: MessageEvent) => {
    const data = messageEventData(event) as RelayToHook;
    if (data.kind === "relay-ready") startBatches();
    else onMessage(data);
  });
  postToWindow(HOOK_HANDSHAKE, [relays]);
}

/** The relay listens: it gets a node, and everything queued meanwhile. */
function startBatches(): void {
  batchNode = handOverBatchNode();
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
  addWindowListener("pagehide", flush, true);
}

function scheduleFlush(): void {
  if (flushScheduled) return;
  flushScheduled = true;
  setTimer(flush, FLUSH_DELAY_MS);
}

/**
 * The app's per-message cost: an id, a timestamp and an append. Returns what was queued, which
 * the tap may still add to before the flush (the events an inbound message set off).
 */
export function captureMessage(
  clientId: string,
  dir: Direction,
  level: CaptureLevel,
  msg: unknown,
  origin?: "devtools",
  requestTimeoutMs?: number,
  replayMemory?: ReplayMemory,
  undelivered?: string,
  rule?: RuleMark,
): CapturedMessage {
  const captured: QueuedMessage = {
    kind: "message",
    messageId: nextMessageId++,
    t: timestamp(),
    clientId,
    dir,
    level,
    msg,
    plain: dir === "in",
    origin,
    requestTimeoutMs,
    replayMemory,
    undelivered,
    rule,
  };
  queue[queue.length] = captured;
  scheduleFlush();
  return captured;
}

export function emit(event: StateEvent): void {
  queue[queue.length] = event;
  scheduleFlush();
}

export function reportError(where: string, error: unknown): void {
  emit({ kind: "hook-error", t: timestamp(), where: shortText(where), message: describeError(error) });
}

/** At flush, not on the app's path: a Map insertion per send cost the send ~0.5 µs. */
function remember(captured: QueuedMessage, memory: ReplayMemory): void {
  mapSet(memory, captured.messageId, captured.msg);
  let excess = mapSize(memory) - REPLAY_MEMORY;
  if (excess <= REPLAY_MEMORY) return;
  // Oldest first: a Map visits in insertion order, and deleting the entry being visited is allowed.
  mapForEach(memory, (_msg, id) => {
    if (excess-- > 0) mapDelete(memory, id);
  });
}

/**
 * Encodes everything queued and posts it, in order, in batches of about BATCH_CHARS that
 * hold either messages only or state events only (HookToRelay's `keep`).
 */
export function flush(): void {
  flushScheduled = false;
  if (!batchNode) {
    trimUnsent();
    return;
  }
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
    const item = items[i];
    if (item.kind === "message" && item.replayMemory) remember(item, item.replayMemory);
    const part = encodePageEvent(item);
    parts[parts.length] = part;
    chars += part.length + 1;
  }
  if (parts.length > 0) post(parts, keep);
}

/** Hands one batch (HookToRelay) to the relay, whose listener has read it when this returns. */
function post(parts: string[], keep: boolean): void {
  try {
    fireBatch(batchNode!, `[${join(parts, ",")}]`, parts.length, keep);
  } catch (error) {
    // Only a batch too long for one string (hundreds of MB) gets here: say what was lost.
    reportError("flush", `${parts.length} events lost: ${describeError(error)}`);
  }
}
