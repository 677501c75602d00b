// Wire taps against real bytes: frames built with protobufjs from Pipecat's frames.proto (as
// the bot writes them) and by the WebSocket transport's own serializer (as the page writes
// them). Sockets and data channels are small EventTarget stand-ins whose prototype has
// `send`, which is all the taps touch.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// The taps call the builtins the hook took when it loaded (../../src/hook/builtins), never
// what a spy put on a prototype later: the calls the tests care about are counted by
// wrappers put in place before the hook's modules load.
const nativeCalls = vi.hoisted(() => {
  const calls = { parse: 0, decode: 0, arrayBuffer: [] as Blob[], removeEventListener: [] as EventTarget[] };
  const parse = JSON.parse;
  JSON.parse = function (this: unknown, ...args: Parameters<typeof JSON.parse>) {
    calls.parse++;
    return parse.apply(JSON, args);
  };
  const decode = TextDecoder.prototype.decode;
  TextDecoder.prototype.decode = function (this: TextDecoder, ...args: Parameters<TextDecoder["decode"]>) {
    calls.decode++;
    return decode.apply(this, args);
  };
  const arrayBuffer = Blob.prototype.arrayBuffer;
  Blob.prototype.arrayBuffer = function (this: Blob) {
    calls.arrayBuffer.push(this);
    return arrayBuffer.call(this);
  };
  const removeEventListener = EventTarget.prototype.removeEventListener;
  EventTarget.prototype.removeEventListener = function (
    this: EventTarget,
    ...args: Parameters<EventTarget["removeEventListener"]>
  ) {
    calls.removeEventListener.push(this);
    return removeEventListener.apply(this, args);
  };
  return calls;
});
import protobuf from "protobufjs";
import { ProtobufFrameSerializer } from "@pipecat-ai/websocket-transport";
import type { RTVIMessage } from "@pipecat-ai/client-js";
import { installWireTaps, type WireMessage, type WireTapOptions } from "../../src/hook/wire";
import { readMessageFrame } from "../../src/hook/wire/protobuf";

const idAndName = { id: { type: "uint64", id: 1 }, name: { type: "string", id: 2 } };
const framesProto = {
  nested: {
    pipecat: {
      nested: {
        TextFrame: { fields: { ...idAndName, text: { type: "string", id: 3 } } },
        AudioRawFrame: {
          fields: {
            ...idAndName,
            audio: { type: "bytes", id: 3 },
            sample_rate: { type: "uint32", id: 4 },
            num_channels: { type: "uint32", id: 5 },
            pts: { type: "uint64", id: 6 },
          },
        },
        TranscriptionFrame: {
          fields: {
            ...idAndName,
            text: { type: "string", id: 3 },
            user_id: { type: "string", id: 4 },
            timestamp: { type: "string", id: 5 },
          },
        },
        MessageFrame: { fields: { data: { type: "string", id: 1 } } },
        InterruptionFrame: { fields: idAndName },
        Frame: {
          oneofs: { frame: { oneof: ["text", "audio", "transcription", "message", "interruption"] } },
          fields: {
            text: { type: "TextFrame", id: 1 },
            audio: { type: "AudioRawFrame", id: 2 },
            transcription: { type: "TranscriptionFrame", id: 3 },
            message: { type: "MessageFrame", id: 4 },
            interruption: { type: "InterruptionFrame", id: 5 },
          },
        },
      },
    },
  },
};
const Frame = protobuf.Root.fromJSON(framesProto).lookupType("pipecat.Frame");
const encode = (frame: object): Uint8Array<ArrayBuffer> =>
  new Uint8Array(Frame.encode(Frame.fromObject(frame)).finish());

const rtvi = (type: string, data: unknown = {}, id = "0a1b2c3d") => ({ label: "rtvi-ai", type, id, data });
const messageFrame = (msg: unknown) => encode({ message: { data: JSON.stringify(msg) } });
// Audio made of 0x22 bytes: a decoder that looked past the first byte would find "message" tags.
const audioFrame = () =>
  encode({
    audio: { id: 7, name: "audio", audio: new Uint8Array(640).fill(0x22), sample_rate: 24000, num_channels: 1 },
  });
const otherFrames = () => [
  encode({ text: { id: 1, name: "text", text: '{"label":"rtvi-ai","type":"x"}' } }),
  encode({ transcription: { id: 2, name: "t", text: "hello", user_id: "u", timestamp: "now" } }),
  encode({ interruption: { id: 3, name: "interruption" } }),
];
const clientSerializer = new ProtobufFrameSerializer();
const fromClient = (msg: ReturnType<typeof rtvi>) => clientSerializer.serializeMessage(msg as RTVIMessage);

/** What the taps need of a WebSocket: an EventTarget whose prototype has a native-like `send`. */
class FakeWebSocket extends EventTarget {
  binaryType = "blob";
  closed = false;
  calls: { self: unknown; args: unknown[] }[] = [];
  send(_data: unknown): unknown {
    if (this.closed) throw new DOMException("closed", "InvalidStateError");
    // biome-ignore lint/complexity/noArguments: every argument the wrapper passed, with send's length kept at 1 as the native one's
    this.calls.push({ self: this, args: [...arguments] });
    return `result ${this.calls.length}`;
  }
}
class FakeDataChannel extends EventTarget {
  label = "chat";
  sent: unknown[] = [];
  send(data: unknown): void {
    this.sent.push(data);
  }
}
const originalSocketSend = Object.getOwnPropertyDescriptor(FakeWebSocket.prototype, "send")!;
const originalChannelSend = Object.getOwnPropertyDescriptor(FakeDataChannel.prototype, "send")!;

let messages: WireMessage[];
let errors: [string, unknown][];
let covered: Set<object>;
let isCovered: ReturnType<typeof vi.fn<(channel: object) => boolean>>;
let uninstall: () => void;

function install(options: Partial<WireTapOptions> = {}): () => void {
  uninstall = installWireTaps({
    onMessage: (message) => messages.push(message),
    onError: (where, error) => errors.push([where, error]),
    isCovered,
    ...options,
  });
  return uninstall;
}

beforeEach(() => {
  vi.stubGlobal("WebSocket", FakeWebSocket);
  vi.stubGlobal("RTCDataChannel", FakeDataChannel);
  messages = [];
  errors = [];
  covered = new Set();
  isCovered = vi.fn((channel: object) => covered.has(channel));
});

afterEach(() => {
  uninstall?.();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const inbound = (target: EventTarget, data: unknown) => target.dispatchEvent(new MessageEvent("message", { data }));
const types = () => messages.map((m) => `${m.dir} ${m.msg.type}`);

describe("readMessageFrame", () => {
  it("reads the RTVI JSON of a frame written by protobufjs (as the bot writes it)", () => {
    const msg = rtvi("bot-output", { text: 'héllo 👋 "quoted" \n', spoken: true });
    expect(readMessageFrame(messageFrame(msg))).toBe(JSON.stringify(msg));
  });

  it("reads frames written by the WebSocket transport's own serializer, at every length prefix size", () => {
    for (const size of [0, 100, 20_000, 3_000_000]) {
      const msg = rtvi("client-message", { t: "blob", d: "x".repeat(size) });
      expect(readMessageFrame(fromClient(msg))).toBe(JSON.stringify(msg));
    }
  });

  it("skips fields it does not know inside the MessageFrame", () => {
    const extended = structuredClone(framesProto);
    extended.nested.pipecat.nested.MessageFrame.fields = {
      data: { type: "string", id: 1 },
      big: { type: "uint64", id: 2 },
      bytes: { type: "bytes", id: 3 },
      fixed: { type: "fixed32", id: 4 },
      real: { type: "double", id: 5 },
    } as typeof extended.nested.pipecat.nested.MessageFrame.fields;
    const ExtendedFrame = protobuf.Root.fromJSON(extended).lookupType("pipecat.Frame");
    const message = {
      data: '{"label":"rtvi-ai","type":"x"}',
      big: "18446744073709551615",
      bytes: [1, 2],
      fixed: 9,
      real: 1.5,
    };
    const bytes = ExtendedFrame.encode(ExtendedFrame.fromObject({ message })).finish();
    expect(readMessageFrame(bytes)).toBe(message.data);
  });

  it("throws on malformed bytes and on frames that are not message frames", () => {
    const good = messageFrame(rtvi("bot-ready"));
    expect(() => readMessageFrame(good.subarray(0, good.length - 1))).toThrow(RangeError);
    expect(() => readMessageFrame(new Uint8Array([0x22, 0x05, 0x0a, 0x10, 0x7b]))).toThrow(RangeError);
    expect(() => readMessageFrame(new Uint8Array([0x22, 0xff, 0xff]))).toThrow(RangeError);
    expect(() => readMessageFrame(new Uint8Array([0x22, 0x02, 0x0b, 0x00]))).toThrow(/wire type/);
    expect(() => readMessageFrame(new Uint8Array([0x22, ...new Array(11).fill(0xff)]))).toThrow(RangeError);
    expect(() => readMessageFrame(audioFrame())).toThrow(/not a message frame/);
  });
});

describe("WebSocket", () => {
  it("calls the original send with the same this and arguments and returns its result", () => {
    install();
    const socket = new FakeWebSocket();
    const bytes = audioFrame();
    expect(socket.send(bytes)).toBe("result 1");
    expect((socket.send as (...args: unknown[]) => unknown)("text", "extra", 3)).toBe("result 2");
    expect(socket.calls).toEqual([
      { self: socket, args: [bytes] },
      { self: socket, args: ["text", "extra", 3] },
    ]);
    expect(socket.calls[0].args[0]).toBe(bytes);
  });

  it("looks like the method it replaced", () => {
    install();
    const send = FakeWebSocket.prototype.send;
    expect(send).not.toBe(originalSocketSend.value);
    expect(send.name).toBe("send");
    expect(send.length).toBe(1);
    expect(String(send)).toBe(String(originalSocketSend.value));
    expect(() => new (send as unknown as new () => unknown)()).toThrow(TypeError);
    const { value: _value, ...attributes } = Object.getOwnPropertyDescriptor(FakeWebSocket.prototype, "send")!;
    const { value: _original, ...originalAttributes } = originalSocketSend;
    expect(attributes).toEqual(originalAttributes);
  });

  it("lets a throwing send throw, and reports nothing for it", () => {
    install();
    const socket = new FakeWebSocket();
    socket.closed = true;
    expect(() => socket.send(fromClient(rtvi("client-ready")))).toThrow(/closed/);
    expect(messages).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("reports outbound message frames from any binary form", async () => {
    install();
    const socket = new FakeWebSocket();
    const ready = rtvi("client-ready", { version: "2.1.0" });
    socket.send(fromClient(ready));
    socket.send(messageFrame(rtvi("send-text")).buffer);
    const frame = messageFrame(rtvi("dtmf"));
    const padded = new Uint8Array(frame.length + 4);
    padded.set(frame, 2);
    socket.send(new DataView(padded.buffer, 2, frame.length));
    socket.send(new Blob([messageFrame(rtvi("disconnect-bot"))]));
    await vi.waitFor(() => expect(messages).toHaveLength(4));
    expect(messages[0]).toEqual({ kind: "websocket", channel: socket, dir: "out", msg: ready });
    expect(messages[0].channel).toBe(socket);
    expect(types()).toEqual(["out client-ready", "out send-text", "out dtmf", "out disconnect-bot"]);
    expect(errors).toEqual([]);
  });

  it("skips audio, text, transcription and interruption frames and strings without decoding them", () => {
    install();
    const socket = new FakeWebSocket();
    socket.send(fromClient(rtvi("client-ready"))); // the socket is tapped and listened to
    const { parse, decode } = nativeCalls;
    const fromTransport = clientSerializer.serializeAudio(new Int16Array(320).fill(0x2222).buffer, 16000, 1);
    // An audio tag followed by lengths that would overrun: decoding it would throw.
    const garbageAudio = new Uint8Array([0x12, 0xff, 0xff, 0xff, 0xff, 0xff, 0x22, 0x22]);
    for (const frame of [fromTransport, audioFrame(), garbageAudio, ...otherFrames()]) {
      socket.send(frame);
      inbound(socket, frame.buffer);
    }
    socket.send('{"label":"rtvi-ai","type":"twilio-json"}');
    inbound(socket, '{"label":"rtvi-ai","type":"twilio-json"}');
    expect(nativeCalls.decode).toBe(decode);
    expect(nativeCalls.parse).toBe(parse);
    expect(types()).toEqual(["out client-ready"]);
    expect(errors).toEqual([]);
  });

  it("reads a task's inbound blobs in one read, decodes only message frames, and reports them in order", async () => {
    install();
    const socket = new FakeWebSocket();
    const pageSaw: unknown[] = [];
    socket.addEventListener("message", (event) => pageSaw.push((event as MessageEvent).data));
    inbound(socket, new Blob([messageFrame(rtvi("before-first-send"))])); // not listening yet
    socket.send(audioFrame());

    const audio = new Blob([audioFrame()]);
    const readsBefore = nativeCalls.arrayBuffer.length;
    const blobs = [
      audio,
      new Blob([messageFrame(rtvi("bot-ready", { version: "2.1.0" }))]),
      new Blob([messageFrame(rtvi("bot-llm-text", { text: "a" }))]),
      new Blob([otherFrames()[0]]),
      new Blob([messageFrame({ label: "other", type: "not-rtvi" })]),
      new Blob([messageFrame(rtvi("bot-llm-text", { text: "b" }))]),
    ];
    for (const blob of blobs) inbound(socket, blob);
    await vi.waitFor(() => expect(messages).toHaveLength(3));
    expect(types()).toEqual(["in bot-ready", "in bot-llm-text", "in bot-llm-text"]);
    expect(messages.map((m) => (m.msg.data as { text?: string }).text)).toEqual([undefined, "a", "b"]);
    expect(messages.every((m) => m.kind === "websocket" && m.channel === socket)).toBe(true);
    // One read for the six (a read costs the page far more than the bytes do), none of its own for the audio.
    const reads = nativeCalls.arrayBuffer.slice(readsBefore);
    expect(reads).toHaveLength(1);
    expect(reads[0].size).toBe(blobs.reduce((sum, blob) => sum + blob.size, 0));
    expect(reads).not.toContain(audio);
    // The page got every event, the very same Blobs, still readable by the transport itself.
    expect(pageSaw).toHaveLength(blobs.length + 1);
    expect(pageSaw.slice(1)).toEqual(blobs);
    expect(await clientSerializer.deserialize(blobs[1])).toEqual({
      type: "message",
      message: rtvi("bot-ready", { version: "2.1.0" }),
    });
    expect(socket.binaryType).toBe("blob");
    expect(errors).toEqual([]);
  });

  it("reads inbound ArrayBuffers (binaryType arraybuffer) at once", () => {
    install();
    const socket = new FakeWebSocket();
    socket.binaryType = "arraybuffer";
    socket.send(audioFrame());
    inbound(socket, messageFrame(rtvi("bot-ready")).buffer);
    expect(types()).toEqual(["in bot-ready"]);
  });

  it("reports malformed frames through onError, never to the page, then leaves that socket alone", async () => {
    install();
    const socket = new FakeWebSocket();
    const truncated = messageFrame(rtvi("client-ready")).subarray(0, 10);
    expect(socket.send(truncated)).toBe("result 1");
    expect(errors).toEqual([["websocket wire tap", expect.any(RangeError)]]);
    socket.send(fromClient(rtvi("after-error")));
    inbound(socket, messageFrame(rtvi("after-error")).buffer);

    const other = new FakeWebSocket();
    other.send(new Blob([new Uint8Array([0x22, 0x03, 0x0a, 0x01, 0x7b])])); // data "{": not JSON
    await vi.waitFor(() => expect(errors).toHaveLength(2));
    expect(errors[1]).toEqual(["websocket wire tap", expect.any(SyntaxError)]);

    const third = new FakeWebSocket();
    third.send(fromClient(rtvi("client-ready")));
    expect(types()).toEqual(["out client-ready"]);
    expect(messages[0].channel).toBe(third);
  });

  it("reports an onMessage that throws as an error, not to the page", () => {
    install({
      onMessage: () => {
        throw new Error("lead failed");
      },
    });
    expect(new FakeWebSocket().send(fromClient(rtvi("client-ready")))).toBe("result 1");
    expect(errors).toEqual([["websocket wire tap", new Error("lead failed")]]);
  });

  it("stops all work on a socket once it is covered", async () => {
    install();
    const socket = new FakeWebSocket();
    const pageSaw: unknown[] = [];
    socket.addEventListener("message", (event) => pageSaw.push((event as MessageEvent).data));
    socket.send(fromClient(rtvi("client-ready")));
    inbound(socket, new Blob([messageFrame(rtvi("bot-ready"))]));
    await vi.waitFor(() => expect(messages).toHaveLength(2));

    covered.add(socket);
    const asked = isCovered.mock.calls.length;
    socket.send(fromClient(rtvi("client-message")));
    const { parse } = nativeCalls;
    for (let i = 0; i < 5; i++) {
      socket.send(fromClient(rtvi("client-message")));
      inbound(socket, new Blob([messageFrame(rtvi("server-response"))]));
      inbound(socket, messageFrame(rtvi("server-response")).buffer);
    }
    expect(nativeCalls.parse).toBe(parse);
    // A sentinel blob on another socket, received after those: once it is read, any blob of the
    // covered socket that had been queued would have been read before it.
    const sentinel = new FakeWebSocket();
    sentinel.send(fromClient(rtvi("client-ready")));
    inbound(sentinel, new Blob([messageFrame(rtvi("bot-ready"))]));
    await vi.waitFor(() => expect(messages).toHaveLength(4));
    expect(messages.slice(2).map((m) => m.channel)).toEqual([sentinel, sentinel]);
    expect(isCovered.mock.calls.filter(([channel]) => channel === socket)).toHaveLength(asked + 1); // asked once more, then never again
    expect(types()).toEqual(["out client-ready", "in bot-ready", "out client-ready", "in bot-ready"]);
    expect(pageSaw).toHaveLength(11);
  });
});

describe("RTCDataChannel (SmallWebRTC)", () => {
  it("reports RTVI both ways and skips pings, signalling and binary data", () => {
    install();
    const channel = new FakeDataChannel();
    const pageSaw: unknown[] = [];
    channel.addEventListener("message", (event) => pageSaw.push((event as MessageEvent).data));
    const { parse } = nativeCalls;
    channel.send(`ping: ${Date.now()}`);
    inbound(channel, `ping: ${Date.now()}`);
    expect(nativeCalls.parse).toBe(parse);

    const signalling = JSON.stringify({
      type: "signalling",
      message: { type: "trackStatus", receiver_index: 0, enabled: true },
    });
    channel.send(signalling);
    inbound(channel, JSON.stringify({ type: "signalling", message: { type: "renegotiate" } }));
    channel.send(JSON.stringify(rtvi("client-ready")));
    inbound(channel, JSON.stringify(rtvi("bot-ready")));
    inbound(channel, new ArrayBuffer(8));
    channel.send(new Blob(["{}"]));

    expect(types()).toEqual(["out client-ready", "in bot-ready"]);
    expect(messages[1]).toEqual({ kind: "smallwebrtc", channel, dir: "in", msg: rtvi("bot-ready") });
    expect(channel.sent).toHaveLength(4);
    expect(channel.sent[2]).toBe(JSON.stringify(rtvi("client-ready")));
    expect(pageSaw).toHaveLength(4);
    expect(errors).toEqual([]);
  });

  it("reports text that opens like JSON but is not, without throwing", () => {
    install();
    const channel = new FakeDataChannel();
    expect(() => channel.send("{not json")).not.toThrow();
    expect(errors).toEqual([["smallwebrtc wire tap", expect.any(SyntaxError)]]);
  });

  it("stops once covered", () => {
    install();
    const channel = new FakeDataChannel();
    channel.send(JSON.stringify(rtvi("client-ready")));
    covered.add(channel);
    channel.send(JSON.stringify(rtvi("client-message")));
    inbound(channel, JSON.stringify(rtvi("server-response")));
    expect(types()).toEqual(["out client-ready"]);
    expect(isCovered).toHaveBeenCalledTimes(2);
  });
});

describe("Daily", () => {
  const callMachine = (from: string, action: string, data: unknown) => ({
    what: "iframe-call-message",
    from,
    action,
    data,
    callClientId: "c1",
  });

  it("reports app messages both ways; the page's own listeners still get every message", async () => {
    const pageSaw: unknown[] = [];
    const pageListener = (event: MessageEvent) => pageSaw.push(event.data);
    window.addEventListener("message", pageListener);
    try {
      install();
      const outbound = { ...callMachine("module", "app-msg", rtvi("client-message", { t: "x", d: 1 })), to: "*" };
      const inboundMessage = { ...callMachine("embedded", "app-message", rtvi("bot-ready")), fromId: "bot" };
      const others = [
        callMachine("module", "app-msg", { label: "not-rtvi", type: "x" }),
        callMachine("embedded", "participant-joined", rtvi("bot-ready")),
        callMachine("module", "app-msg", "string data"),
        { what: "something-else", action: "app-msg", data: rtvi("x") },
        rtvi("posted-directly"),
        null,
        "text",
        42,
      ];
      for (const data of [outbound, ...others, inboundMessage]) {
        window.dispatchEvent(new MessageEvent("message", { data }));
      }
      expect(types()).toEqual(["out client-message", "in bot-ready"]);
      expect(messages[0]).toEqual({ kind: "daily", channel: window, dir: "out", msg: outbound.data });
      expect(messages[1].channel).toBe(window);
      expect(pageSaw).toHaveLength(others.length + 2);

      // Through the real postMessage too.
      window.postMessage(inboundMessage, "*");
      await vi.waitFor(() => expect(messages).toHaveLength(3));
      await vi.waitFor(() => expect(pageSaw).toHaveLength(others.length + 3));
      expect(errors).toEqual([]);
    } finally {
      window.removeEventListener("message", pageListener);
    }
  });

  it("stops listening once the window is covered", () => {
    install();
    const send = () =>
      window.dispatchEvent(
        new MessageEvent("message", { data: callMachine("module", "app-msg", rtvi("client-message")) }),
      );
    send();
    covered.add(window);
    send();
    send();
    expect(types()).toEqual(["out client-message"]);
    expect(isCovered).toHaveBeenCalledTimes(2);
  });
});

describe("install and uninstall", () => {
  it("installs once: a second install changes nothing and its uninstall does nothing", () => {
    const first = install();
    const wrapped = FakeWebSocket.prototype.send;
    const second = installWireTaps({ onMessage: () => {}, onError: () => {}, isCovered: () => false });
    expect(FakeWebSocket.prototype.send).toBe(wrapped);
    second();
    expect(FakeWebSocket.prototype.send).toBe(wrapped);
    new FakeWebSocket().send(fromClient(rtvi("client-ready")));
    window.dispatchEvent(
      new MessageEvent("message", { data: { what: "iframe-call-message", action: "app-msg", data: rtvi("daily") } }),
    );
    expect(types()).toEqual(["out client-ready", "out daily"]);
    first();
  });

  it("restores the prototypes, stops Daily, and leaves tapped channels as they were", () => {
    install();
    const socket = new FakeWebSocket();
    const channel = new FakeDataChannel();
    const pageSaw: unknown[] = [];
    socket.addEventListener("message", (event) => pageSaw.push((event as MessageEvent).data));
    socket.send(fromClient(rtvi("client-ready")));
    channel.send(JSON.stringify(rtvi("client-ready")));
    uninstall();

    expect(Object.getOwnPropertyDescriptor(FakeWebSocket.prototype, "send")).toEqual(originalSocketSend);
    expect(Object.getOwnPropertyDescriptor(FakeDataChannel.prototype, "send")).toEqual(originalChannelSend);
    const removedBefore = nativeCalls.removeEventListener.length;
    inbound(socket, messageFrame(rtvi("bot-ready")).buffer);
    expect(nativeCalls.removeEventListener.slice(removedBefore)).toEqual([socket]); // our listener took itself off
    inbound(socket, messageFrame(rtvi("bot-ready")).buffer);
    inbound(channel, JSON.stringify(rtvi("bot-ready")));
    window.dispatchEvent(
      new MessageEvent("message", { data: { what: "iframe-call-message", action: "app-msg", data: rtvi("daily") } }),
    );
    expect(types()).toEqual(["out client-ready", "out client-ready"]);
    expect(pageSaw).toHaveLength(2);
  });

  it("keeps a wrapper the page added over ours, which then passes through", () => {
    install();
    const ours = FakeWebSocket.prototype.send;
    const pageWrapper = function (this: FakeWebSocket, data: unknown) {
      return ours.call(this, data);
    };
    FakeWebSocket.prototype.send = pageWrapper;
    uninstall();
    expect(FakeWebSocket.prototype.send).toBe(pageWrapper);
    const socket = new FakeWebSocket();
    expect(socket.send(fromClient(rtvi("client-ready")))).toBe("result 1");
    expect(messages).toEqual([]);
    FakeWebSocket.prototype.send = originalSocketSend.value;
  });

  it("installs again after an uninstall", () => {
    install()();
    install();
    new FakeWebSocket().send(fromClient(rtvi("client-ready")));
    expect(types()).toEqual(["out client-ready"]);
  });

  it("skips what the page lacks or cannot be patched, and taps the rest", () => {
    vi.stubGlobal("RTCDataChannel", undefined);
    class FrozenSocket extends EventTarget {
      send(): void {}
    }
    Object.defineProperty(FrozenSocket.prototype, "send", { writable: false, configurable: false });
    vi.stubGlobal("WebSocket", FrozenSocket);
    install();
    expect(errors).toEqual([["websocket wire tap", expect.any(TypeError)]]);
    window.dispatchEvent(
      new MessageEvent("message", {
        data: { what: "iframe-call-message", action: "app-message", data: rtvi("bot-ready") },
      }),
    );
    expect(types()).toEqual(["in bot-ready"]);
  });
});
