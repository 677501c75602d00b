// What the WebSocket and RTCDataChannel taps share. Outbound: the prototype's `send` is
// wrapped, so every channel is seen, whoever built it and whenever. Inbound: the first send
// through a channel adds our own `message` listener to it (a transport always sends before it
// expects anything back). Both stop for good once the lead reports the channel covered.
import type { WireKind, WireMessage, WireTapOptions } from "./index";
import { asRtvi } from "./rtvi";

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
  const listening = new WeakSet<EventTarget>();
  const left = new WeakSet<EventTarget>();
  let installed = true;

  const leave = (channel: EventTarget) => {
    left.add(channel);
    channel.removeEventListener("message", onMessageEvent);
  };
  const sink: ChannelSink = {
    report(channel, dir, json) {
      const msg = asRtvi(JSON.parse(json));
      // An asynchronous read may finish after the channel was left.
      if (msg && !left.has(channel)) options.onMessage({ kind, channel, dir, msg });
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
      if (left.has(channel)) return;
      if (!installed || options.isCovered(channel)) return leave(channel);
      if (!listening.has(channel)) {
        listening.add(channel);
        channel.addEventListener("message", onMessageEvent, { passive: true });
      }
      read(channel, dir, data, sink);
    } catch (error) {
      sink.fail(channel, error);
    }
  };
  // One function for every channel, so that `leave` can remove it.
  function onMessageEvent(event: Event) {
    observe(event.currentTarget!, "in", (event as MessageEvent).data);
  }

  const restoreSend = wrapSend(proto, (channel, data) => observe(channel, "out", data));
  return () => {
    installed = false; // listeners still attached remove themselves on their next event
    restoreSend();
  };
}

// Taken now: a page may replace Function.prototype.apply or .toString later.
const apply = Reflect.apply;
const toSource = Function.prototype.toString;

/** Replaces `proto.send` by a wrapper that calls the original exactly as the page did, then `after`. */
function wrapSend(proto: object, after: (channel: EventTarget, data: unknown) => void): () => void {
  const descriptor = Object.getOwnPropertyDescriptor(proto, "send");
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
  Object.defineProperty(send, "toString", {
    configurable: true,
    writable: true,
    value: () => apply(toSource, original, []),
  });
  Object.defineProperty(proto, "send", { ...descriptor, value: send });
  return () => {
    // Someone wrapped ours since: keep their wrapper; ours has become a pass-through.
    if (Object.getOwnPropertyDescriptor(proto, "send")?.value === send) {
      Object.defineProperty(proto, "send", descriptor!);
    }
  };
}
