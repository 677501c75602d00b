// What the WebSocket and RTCDataChannel taps share. Outbound: the prototype's `send` is
// wrapped, so every channel is seen, whoever built it and whenever. Inbound: the first send
// through a channel adds our own `message` listener to it (a transport always sends before it
// expects anything back). Both stop for good once the lead reports the channel covered.
import type { WireKind, WireMessage, WireTapOptions } from "./index";
import { asRtvi } from "./rtvi";
// Every frame passes here: only what was taken at load is called (see ../builtins).
import {
  WeakMapAtLoad,
  addListener,
  apply,
  defineProperty,
  eventCurrentTarget,
  functionSource,
  getOwnPropertyDescriptor,
  messageEventData,
  parseJson,
  removeListener,
  weakMapGet,
  weakMapSet,
} from "../builtins";

type Direction = WireMessage["dir"];

export interface ChannelSink {
  /** Reports `json` if it is an RTVI message; throws if it is not JSON. */
  report(channel: EventTarget, dir: Direction, json: string): void;
  /** For failures the reader catches itself (asynchronous reads). */
  fail(channel: EventTarget, error: unknown): void;
}

/** Looks at one frame's data, reporting what is RTVI; throws on what it cannot read. */
export type ReadFrame = (channel: EventTarget, dir: Direction, data: unknown, sink: ChannelSink) => void;

export function tapChannels(kind: WireKind, proto: object, options: WireTapOptions, read: ReadFrame): () => void {
  // One lookup per frame: a channel is listened to from its first send, and left for good.
  const states = new WeakMapAtLoad<EventTarget, "listening" | "left">();
  let installed = true;

  const leave = (channel: EventTarget) => {
    weakMapSet(states, channel, "left");
    removeListener(channel, "message", onMessageEvent);
  };
  const sink: ChannelSink = {
    report(channel, dir, json) {
      const msg = asRtvi(parseJson(json));
      // An asynchronous read may finish after the channel was left.
      if (msg && weakMapGet(states, channel) !== "left") options.onMessage({ kind, channel, dir, msg });
    },
    fail(channel, error) {
      // Pipecat's transports never send what we cannot read: a channel that does is someone
      // else's protocol, so it is reported once and then left alone rather than every frame.
      leave(channel);
      options.onError(`${kind} wire tap`, error);
    },
  };
  const observe = (channel: EventTarget, dir: Direction, data: unknown) => {
    try {
      const state = weakMapGet(states, channel);
      if (state === "left") return;
      if (!installed || options.isCovered(channel)) return leave(channel);
      if (state === undefined) {
        weakMapSet(states, channel, "listening");
        addListener(channel, "message", onMessageEvent, { passive: true });
      }
      read(channel, dir, data, sink);
    } catch (error) {
      sink.fail(channel, error);
    }
  };
  // One function for every channel, so that `leave` can remove it.
  function onMessageEvent(event: Event) {
    observe(eventCurrentTarget(event)!, "in", messageEventData(event as MessageEvent));
  }

  const restoreSend = wrapSend(proto, (channel, data) => observe(channel, "out", data));
  return () => {
    installed = false; // listeners still attached remove themselves on their next event
    restoreSend();
  };
}

/** Replaces `proto.send` by a wrapper that calls the original exactly as the page did, then `after`. */
function wrapSend(proto: object, after: (channel: EventTarget, data: unknown) => void): () => void {
  const descriptor = getOwnPropertyDescriptor(proto, "send");
  const original = descriptor?.value as ((...args: unknown[]) => unknown) | undefined;
  if (typeof original !== "function") return () => {};
  // A method, like the native one: named `send`, length 1, not a constructor.
  const { send } = {
    send(this: EventTarget, data: unknown) {
      // Same `this`, same arguments however many, same result; a throw (closed socket) passes through.
      const result = apply(original, this, arguments);
      after(this, data);
      return result;
    },
  };
  defineProperty(send, "toString", {
    configurable: true,
    writable: true,
    value: () => functionSource(original),
  });
  defineProperty(proto, "send", {
    configurable: descriptor!.configurable,
    enumerable: descriptor!.enumerable,
    writable: descriptor!.writable,
    value: send,
  });
  return () => {
    // Someone wrapped ours since: keep their wrapper; ours has become a pass-through.
    if (getOwnPropertyDescriptor(proto, "send")?.value === send) {
      defineProperty(proto, "send", descriptor!);
    }
  };
}
