// The frames a hooked client's WebSocket transport drops, against the real PipecatClient and the
// real @pipecat-ai/websocket-transport (its ReconnectingWebSocket, its protobuf serializer), on a
// socket stand-in that plays the bot with protobuf bytes written by the demo bot's own encoder
// (demo/bot/frames.ts, Pipecat's frames.proto). The page hook is installed with its wire taps:
// the socket the client writes to is covered, so what the client handles is logged once, and a
// frame it cannot decode is logged once, at wire level, as not delivered.
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import protobuf from "protobufjs";
import { LogLevel, PipecatClient } from "@pipecat-ai/client-js";
import { WebSocketTransport } from "@pipecat-ai/websocket-transport";
import type { PageToPanel } from "../../src/shared/protocol";
import { decodeFrame, encodeAudioFrame, encodeInterruptionFrame, encodeMessageFrame } from "../../demo/bot/frames";
import { installHookForTest, type HookHarness } from "../support/hookHarness";

/** A frame as the browser hands it over: a Blob, Pipecat's binaryType. */
const blobOf = (bytes: Uint8Array) => new Blob([new Uint8Array(bytes)]);

/** What the transport's ReconnectingWebSocket needs of a WebSocket: it opens, sends, receives Blobs. */
class BotSocket extends EventTarget {
  static readonly OPEN = 1;
  static latest: BotSocket | undefined;
  readonly OPEN = 1;
  binaryType = "blob";
  readyState = 0;
  sent: Uint8Array[] = [];
  constructor(readonly url: string) {
    super();
    BotSocket.latest = this;
  }
  send(data: Uint8Array): void {
    this.sent.push(data);
  }
  close(): void {
    this.readyState = 3;
  }
  open(): void {
    this.readyState = 1;
    this.dispatchEvent(new Event("open"));
  }
  receive(bytes: Uint8Array): void {
    this.dispatchEvent(new MessageEvent("message", { data: blobOf(bytes) }));
  }
}

/** The transport's audio side, which has no part here: it only counts the bot audio it is given. */
class SilentMediaManager {
  botAudio = 0;
  setUserAudioCallback(): void {}
  setClientOptions(): void {}
  async initialize(): Promise<void> {}
  async connect(): Promise<void> {}
  async disconnect(): Promise<void> {}
  bufferBotAudio(): void {
    this.botAudio++;
  }
  enableMic(): void {}
  get isMicEnabled(): boolean {
    return false;
  }
  tracks() {
    return { local: {}, bot: {} };
  }
  async getAllMics() {
    return [];
  }
  async getAllCams() {
    return [];
  }
  async getAllSpeakers() {
    return [];
  }
}

// A frame of every other kind, with the fields set (frames.proto, as in demo/bot/frames.ts).
const Frame = protobuf
  .parse(`syntax = "proto3"; package pipecat;
    message TextFrame { uint64 id = 1; string name = 2; string text = 3; }
    message TranscriptionFrame { uint64 id = 1; string name = 2; string text = 3; string user_id = 4; string timestamp = 5; }
    message InterruptionFrame { uint64 id = 1; string name = 2; }
    message Later { string what = 1; }
    message Frame { oneof frame { TextFrame text = 1; TranscriptionFrame transcription = 3; InterruptionFrame interruption = 5; Later later = 7; } }`)
  .root.lookupType("pipecat.Frame");
const encode = (fields: object) => Frame.encode(Frame.create(fields)).finish();

const rtvi = (type: string, data: unknown = {}, id?: string) => ({ label: "rtvi-ai", type, id, data });
const audio = () => encodeAudioFrame({ audio: new Uint8Array(960).fill(0x22), sampleRate: 24_000, numChannels: 1 });

let hook: HookHarness;
beforeAll(async () => {
  vi.stubGlobal("WebSocket", BotSocket);
  hook = await installHookForTest();
});
afterAll(() => {
  hook.close();
  vi.unstubAllGlobals();
});

type MessageEvent = Extract<PageToPanel, { kind: "message" }>;
const messages = (events: PageToPanel[]) => events.filter((e): e is MessageEvent => e.kind === "message");

/** Drains until `done` holds for what arrived, then returns all of it. */
async function drainUntil(done: (events: PageToPanel[]) => boolean): Promise<PageToPanel[]> {
  const events: PageToPanel[] = [];
  await vi.waitFor(async () => {
    events.push(...(await hook.drain()));
    expect(done(events)).toBe(true);
  });
  return events;
}

async function connectedClient() {
  const media = new SilentMediaManager();
  const transport = new WebSocketTransport({ mediaManager: media as never });
  const serverMessages: unknown[] = [];
  const client = new PipecatClient({
    transport,
    enableMic: false,
    callbacks: { onServerMessage: (data) => serverMessages.push(data) },
  });
  client.setLogLevel(LogLevel.NONE);
  BotSocket.latest = undefined;
  const connected = client.connect({ wsUrl: "ws://bot.test/ws" });
  await vi.waitFor(() => expect(BotSocket.latest).toBeDefined());
  const socket = BotSocket.latest!;
  socket.open();
  await vi.waitFor(() => expect(socket.sent).toHaveLength(1));
  const ready = decodeFrame(socket.sent[0]);
  const readyId = ready.kind === "message" ? (JSON.parse(ready.data) as { id: string }).id : "";
  socket.receive(encodeMessageFrame(JSON.stringify(rtvi("bot-ready", { version: "2.1.0", about: {} }, readyId))));
  await connected;
  const added = (await hook.drain()).find((e) => e.kind === "client-added");
  const clientId = added?.kind === "client-added" ? added.client.clientId : "";
  return { client, socket, media, serverMessages, clientId };
}

it("logs a frame the transport cannot decode once, at wire level, as not delivered to the hooked client", async () => {
  const { socket, media, serverMessages, clientId } = await connectedClient();
  expect(clientId).not.toBe("");
  socket.receive(audio());
  socket.receive(encodeMessageFrame(JSON.stringify(rtvi("server-message", { n: 1 }))));
  socket.receive(audio());
  socket.receive(encodeInterruptionFrame());
  socket.receive(encode({ interruption: { id: 7, name: "InterruptionFrame" } }));
  socket.receive(encodeMessageFrame(JSON.stringify(rtvi("bot-llm-text", { text: "after" }))));
  // A barrier for the wire tap: a socket no client covers, read after the others. Once its
  // message is logged, anything the tap had read of the client's socket would have been too.
  const sentinel = new BotSocket("ws://sentinel.test/ws");
  sentinel.send(encodeMessageFrame(JSON.stringify(rtvi("client-ready", {}, "s-1"))));
  sentinel.receive(encodeMessageFrame(JSON.stringify(rtvi("bot-ready", {}, "s-1"))));
  const events = await drainUntil(
    (all) =>
      messages(all).filter((m) => m.undelivered).length === 2 &&
      messages(all).some((m) => m.msg.type === "bot-llm-text") &&
      messages(all).some((m) => m.msg.type === "bot-ready"),
  );
  const sentinelClient = events.find((e) => e.kind === "client-added");
  const sentinelId = sentinelClient?.kind === "client-added" ? sentinelClient.client.clientId : "";
  expect(sentinelClient).toMatchObject({ client: { foundBy: "wire" } });
  const ofClient = messages(events).filter((m) => m.clientId !== sentinelId);
  expect(
    messages(events)
      .filter((m) => m.clientId === sentinelId)
      .map((m) => m.msg.type),
  ).toEqual(["client-ready", "bot-ready"]);

  const rows = (level: string) =>
    ofClient
      .filter((m) => m.level === level)
      .map((m) => ({ clientId: m.clientId, dir: m.dir, type: m.msg.type, undelivered: m.undelivered !== undefined }));
  // The message frames once each, as the client got them; the audio not at all. A dropped frame
  // is read once the transport has failed on it, so it may come after later messages.
  expect(rows("client")).toEqual([
    { clientId, dir: "in", type: "server-message", undelivered: false },
    { clientId, dir: "in", type: "bot-llm-text", undelivered: false },
  ]);
  expect(rows("wire")).toEqual([
    { clientId, dir: "in", type: "interruption", undelivered: true },
    { clientId, dir: "in", type: "interruption", undelivered: true },
  ]);
  expect(ofClient).toHaveLength(4);
  const [bare, withId] = ofClient.filter((m) => m.undelivered);
  expect(bare.msg).toEqual({ type: "interruption", data: { name: "InterruptionFrame" } });
  expect(withId.msg).toEqual({ type: "interruption", data: { id: 7, name: "InterruptionFrame" } });
  expect(bare.undelivered).toBe("websocket-transport could not decode this frame and dropped it: Unknown frame kind");
  // No client made up from the socket's traffic, but the sentinel's: the hooked client covers it.
  expect(events.filter((e) => e.kind === "client-added")).toHaveLength(1);
  // The client went on as before: it handled the messages and played the audio.
  expect(serverMessages).toEqual([{ n: 1 }]);
  expect(media.botAudio).toBe(2);
});

it("names every kind the transport drops, with what the frame carries", async () => {
  const { socket, clientId } = await connectedClient();
  socket.receive(encode({ text: { id: 1, name: "TextFrame", text: "hello" } }));
  socket.receive(encode({ transcription: { id: 2, name: "t", text: "hi", userId: "u1", timestamp: "now" } }));
  socket.receive(encode({ later: { what: "a kind newer than the hook" } }));
  socket.receive(new Uint8Array([0x2a, 0x05, 0x0a])); // an interruption frame cut short
  const events = await drainUntil((all) => messages(all).length === 4);
  expect(messages(events).map((m) => [m.clientId, m.level, m.msg])).toEqual([
    [clientId, "wire", { type: "text", data: { id: 1, name: "TextFrame", text: "hello" } }],
    [
      clientId,
      "wire",
      { type: "transcription", data: { id: 2, name: "t", text: "hi", user_id: "u1", timestamp: "now" } },
    ],
    [clientId, "wire", { type: "unknown frame kind 7", data: {} }],
    [clientId, "wire", { type: "unreadable frame", data: {} }],
  ]);
  // The transport's own reason, whatever it was.
  expect(messages(events)[3].undelivered).toMatch(/^websocket-transport could not decode this frame and dropped it: ./);
  expect(events.filter((e) => e.kind === "hook-error")).toEqual([]);
});

it("hands the transport its own deserializer's result, rejection included", async () => {
  const { client } = await connectedClient();
  const serializer = (
    client as unknown as { _transport: { _serializer: { deserialize(data: Blob): Promise<unknown> } } }
  )._transport._serializer;
  await expect(serializer.deserialize(blobOf(encodeInterruptionFrame()))).rejects.toThrow("Unknown frame kind");
  await expect(serializer.deserialize(blobOf(audio()))).resolves.toMatchObject({ type: "audio" });
  await drainUntil((all) => messages(all).length === 1);
});
