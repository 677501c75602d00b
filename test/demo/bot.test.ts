// @vitest-environment node
/**
 * Runs in vitest's node project: the demo server and its scripted bot (demo/bot/README.md), end
 * to end from Node: static files, the start endpoint, raw wire clients for each transport
 * (test/demo/wireClients.ts), then the real PipecatClient on both transports. Longer than 300
 * lines because all of these share one running server; the turn's messages are checked in
 * test/demo/turn.test.ts and the scripted conversation in test/demo/conversationScript.test.ts.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { get as httpGet } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { LogLevel, PipecatClient } from "@pipecat-ai/client-js";
import { SmallWebRTCTransport } from "@pipecat-ai/small-webrtc-transport";
import { WebSocketTransport } from "@pipecat-ai/websocket-transport";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createEmptyRegister, installPolyfill } from "werift/polyfill";
import WebSocket from "ws";
import { rtviMessage } from "../../demo/bot/rtvi.ts";
import { ScriptedBot } from "../../demo/bot/script.ts";
import type { SessionRecord } from "../../demo/bot/sessions.ts";
import { type DemoServer, startDemoServer } from "../../demo/server.ts";
import { connectWebRtcPeer, postStart as postStartAt, WireClient } from "./wireClients.ts";

let server: DemoServer;
let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "demo-bot-test-"));
  const appDir = join(tmp, "app");
  await mkdir(join(appDir, "assets"), { recursive: true });
  await writeFile(join(appDir, "index.html"), "<!doctype html><title>demo</title>");
  await writeFile(join(appDir, "extra.html"), "<!doctype html><title>extra</title>");
  await writeFile(join(appDir, "assets", "app.js"), "console.log('app');");
  await writeFile(join(tmp, "secret.txt"), "outside the app folder");
  server = await startDemoServer({ port: 0, appDir });
});

afterAll(async () => {
  await server?.close();
  await rm(tmp, { recursive: true, force: true });
});

function postStart(transport: string, requestData: unknown = {}, headers: Record<string, string> = {}) {
  return postStartAt(server.url, transport, requestData, headers);
}

function recordOf(sessionId: string): SessionRecord {
  const record = server.sessions().find((s) => s.id === sessionId);
  if (!record) throw new Error(`no session ${sessionId}`);
  return record;
}

/** GET with the path sent exactly as given (fetch would normalise `..`). */
function rawGet(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    httpGet({ host: "localhost", port: server.port, path }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    }).on("error", reject);
  });
}

describe("static files", () => {
  it("serves the app folder with content types, including extra pages", async () => {
    const index = await fetch(`${server.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await index.text()).toContain("<title>demo</title>");
    const extra = await fetch(`${server.url}/extra.html`);
    expect(await extra.text()).toContain("<title>extra</title>");
    const script = await fetch(`${server.url}/assets/app.js`);
    expect(script.headers.get("content-type")).toMatch(/^text\/javascript/);
  });

  it("answers 404 for missing files and anything outside the folder", async () => {
    expect((await fetch(`${server.url}/missing.html`)).status).toBe(404);
    expect(await rawGet("/../secret.txt")).toBe(404);
    expect(await rawGet("/%2e%2e/secret.txt")).toBe(404);
    expect(await rawGet("/assets/..%2f..%2fsecret.txt")).toBe(404);
  });
});

describe("start endpoint", () => {
  it("records requestData and every header, and lists the session", async () => {
    const requestData = { initial_prompt: "You are a pirate captain", preferred_language: "en-US" };
    const response = await postStart("websocket", requestData, {
      Authorization: "Bearer demo-secret-token",
      "X-Demo-Header": "yes",
    });
    expect(response.status).toBe(200);
    const params = await response.json();
    const sessionId = /\/ws\/([0-9a-f]+)$/.exec(params.ws_url)![1];

    const record = recordOf(sessionId);
    expect(record).toMatchObject({ id: sessionId, transport: "websocket", requestData, received: [], sent: [] });
    expect(record.headers).toMatchObject({
      authorization: "Bearer demo-secret-token",
      "x-demo-header": "yes",
      "content-type": "application/json",
      host: `localhost:${server.port}`,
    });
    expect(Date.parse(record.startedAt)).toBeLessThanOrEqual(Date.now());

    const listed = await (await fetch(`${server.url}/api/sessions`)).json();
    expect(listed).toEqual(JSON.parse(JSON.stringify(server.sessions())));
  });

  it("returns only the keys WebSocketTransport accepts", async () => {
    const params = await (await postStart("websocket")).json();
    expect(Object.keys(params).sort()).toEqual(["token", "ws_url"]);
    expect(params.ws_url).toMatch(new RegExp(`^ws://localhost:${server.port}/ws/[0-9a-f]+$`));
    expect(params.token).toMatch(/^[0-9a-f]{32}$/);
  });

  it("returns SmallWebRTCTransport's webrtcRequestParams for smallwebrtc", async () => {
    const params = await (await postStart("smallwebrtc", { a: 1 })).json();
    expect(params).toEqual({
      webrtcRequestParams: {
        endpoint: expect.stringMatching(new RegExp(`^http://localhost:${server.port}/api/offer\\?session=[0-9a-f]+$`)),
      },
    });
  });

  it("answers 400 with a JSON error for an unknown transport", async () => {
    const response = await postStart("carrier-pigeon");
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: expect.stringContaining("carrier-pigeon") });
  });
});

describe("WebSocket transport", () => {
  it("refuses a connection without the right token, and a token twice", async () => {
    const params = await (await postStart("websocket")).json();
    const status = (url: string) =>
      new Promise<number | "open">((resolve) => {
        const ws = new WebSocket(url);
        ws.on("unexpected-response", (_request, response) => resolve(response.statusCode ?? 0));
        ws.on("open", () => {
          resolve("open");
          ws.close();
        });
      });
    expect(await status(params.ws_url)).toBe(401);
    expect(await status(`${params.ws_url}?token=wrong`)).toBe(401);
    expect(await status(`${params.ws_url}?token=${params.token}`)).toBe("open");
    expect(await status(`${params.ws_url}?token=${params.token}`)).toBe(401);
  });

  it("answers client-ready with bot-ready under the same id", async () => {
    const { client, sessionId } = await WireClient.start(server.url);
    const id = client.send("client-ready", { version: "2.1.0", about: { library: "test" } });
    const ready = await client.waitFor((m) => m.type === "bot-ready");
    // Pipecat's first metrics message lists every service with zeros, before bot-ready.
    expect(client.messages[0]).toEqual({
      label: "rtvi-ai",
      type: "metrics",
      data: {
        ttfb: [
          { processor: "DeepgramSTTService#0", value: 0 },
          { processor: "OpenAILLMService#0", value: 0 },
          { processor: "CartesiaTTSService#0", value: 0 },
        ],
        processing: [
          { processor: "DeepgramSTTService#0", value: 0 },
          { processor: "OpenAILLMService#0", value: 0 },
          { processor: "CartesiaTTSService#0", value: 0 },
        ],
      },
    });
    expect(ready).toEqual({
      label: "rtvi-ai",
      type: "bot-ready",
      id,
      data: { version: "2.1.0", about: { library: "pipecat-devtools-demo-bot", library_version: "1.0.0" } },
    });
    expect(recordOf(sessionId).received).toEqual([
      { label: "rtvi-ai", type: "client-ready", id, data: { version: "2.1.0", about: { library: "test" } } },
    ]);
    client.close();
  });

  it("answers get-language, and set-language with a server-message only", async () => {
    const { client, sessionId } = await WireClient.start(server.url);
    const first = client.send("client-message", { t: "get-language", d: {} });
    expect((await client.waitFor((m) => m.id === first)).data).toEqual({
      t: "get-language",
      d: { language: "en-US" },
    });
    expect(client.messages[0].type).toBe("server-response");

    const set = client.send("client-message", { t: "set-language", d: { language: "fr-FR" } });
    const update = await client.waitFor((m) => m.type === "server-message");
    expect(update.data).toEqual({ msg: "language-updated", language: "fr-FR" });
    // Only answers carry an id (the request's); a server-message has none.
    expect(update).not.toHaveProperty("id");

    const second = client.send("client-message", { t: "get-language" });
    expect((await client.waitFor((m) => m.id === second)).data).toEqual({
      t: "get-language",
      d: { language: "fr-FR" },
    });
    expect(client.messages.filter((m) => m.id === set)).toEqual([]);
    const record = recordOf(sessionId);
    expect(record.sent).toEqual(client.messages);
    // Each message's time, in order: a request arrives before its answer goes.
    expect(record.receivedAt).toHaveLength(record.received.length);
    expect(record.sentAt).toHaveLength(record.sent.length);
    const times = [...record.receivedAt, ...record.sentAt];
    expect(times.every((t) => Number.isFinite(t) && t > 0)).toBe(true);
    expect(record.sentAt).toEqual([...record.sentAt].sort((a, b) => a - b));
    for (const id of [first, second]) {
      const asked = record.received.findIndex((m) => (m as { id?: string }).id === id);
      const answered = record.sent.findIndex((m) => m.id === id);
      expect(record.receivedAt[asked]).toBeLessThanOrEqual(record.sentAt[answered]);
    }
    client.close();
  });

  it("answers unknown requests and types with error-response, malformed messages with error", async () => {
    const { client, sessionId } = await WireClient.start(server.url);
    const unknown = client.send("client-message", { t: "make-coffee", d: {} });
    expect(await client.waitFor((m) => m.id === unknown)).toMatchObject({
      type: "error-response",
      data: { error: "Unknown request type" },
    });
    const unsupported = client.send("append-to-context", { role: "user", content: "hi" });
    expect(await client.waitFor((m) => m.id === unsupported)).toMatchObject({
      type: "error-response",
      data: { error: "Unsupported type append-to-context" },
    });

    client.sendRaw({ label: "rtvi-ai", type: "client-ready", data: {} });
    client.sendRaw({ type: "client-ready", id: "abcd1234", data: {} });
    await vi.waitFor(() => expect(client.messages.filter((m) => m.type === "error")).toHaveLength(2));
    for (const error of client.messages.filter((m) => m.type === "error")) {
      expect(error.data).toEqual({ error: "Invalid RTVI transport message", fatal: false });
    }
    expect(recordOf(sessionId).received).toHaveLength(4);
    client.close();
  });

  it("never answers never-answered, and ignores the microphone's audio frames", async () => {
    const { client, sessionId } = await WireClient.start(server.url);
    client.send("client-message", { t: "never-answered", d: {} });
    for (let i = 0; i < 5; i++) client.sendMicrophoneAudio();
    await sleep(300);
    expect(client.messages).toEqual([]);
    expect(recordOf(sessionId).received).toEqual([expect.objectContaining({ type: "client-message" })]);
    client.close();
  });

  it("closes the socket on disconnect-bot", async () => {
    const { client } = await WireClient.start(server.url);
    client.send("disconnect-bot", {});
    expect(await client.closed).toBe(1000);
  });
});

describe("script", () => {
  it("goes on without the function result after the timeout, noting the error", async () => {
    const record: SessionRecord = {
      id: "unit",
      transport: "websocket",
      requestData: { functionCallReport: "full" },
      headers: {},
      startedAt: new Date().toISOString(),
      received: [],
      receivedAt: [],
      sent: [],
      sentAt: [],
    };
    const bot = new ScriptedBot(record, { sendMessage: () => {}, close: () => {} }, { functionCallTimeoutMs: 50 });
    bot.receive(rtviMessage("client-message", { t: "start-turn", d: {} }));
    await vi.waitFor(() => expect(record.sent.at(-1)?.type).toBe("bot-stopped-speaking"), { timeout: 5_000 });
    const data = (type: string) => record.sent.find((m) => m.type === type)?.data;
    expect(data("llm-function-call-stopped")).toMatchObject({
      cancelled: false,
      result: { error: "The client sent no result in time" },
    });
    expect(data("bot-output")).toMatchObject({ text: "Sorry, I could not get the weather in San Francisco." });
    bot.end();
  });
});

describe("SmallWebRTC transport", () => {
  it("answers the offer, talks RTVI on `chat`, and skips pings and signalling", async () => {
    const { webrtcRequestParams } = await (await postStart("smallwebrtc", { hello: "webrtc" })).json();
    const sessionId = new URL(webrtcRequestParams.endpoint).searchParams.get("session")!;
    const { pc, channel, answer, received } = await connectWebRtcPeer(webrtcRequestParams.endpoint);
    expect(answer).toEqual({ sdp: expect.stringContaining("a=candidate:"), type: "answer", pc_id: expect.any(String) });

    channel.send(`ping: ${Date.now()}`);
    channel.send(
      JSON.stringify({ type: "signalling", message: { type: "trackStatus", receiver_index: 0, enabled: false } }),
    );
    const ready = rtviMessage("client-ready", { version: "2.1.0" });
    channel.send(JSON.stringify(ready));
    await vi.waitFor(() => expect(received).toHaveLength(2));
    expect(received[0]).toMatchObject({ type: "metrics", data: { ttfb: expect.any(Array) } });
    expect(received[1]).toMatchObject({ type: "bot-ready", id: ready.id, data: { version: "2.1.0" } });

    const request = rtviMessage("client-message", { t: "get-language" });
    channel.send(JSON.stringify(request));
    await vi.waitFor(() => expect(received).toHaveLength(3));
    expect(received[2]).toMatchObject({ type: "server-response", id: request.id, data: { d: { language: "en-US" } } });

    const record = recordOf(sessionId);
    expect(record.received).toEqual([ready, request]);
    expect(record.sent).toEqual(received);

    channel.send(JSON.stringify(rtviMessage("disconnect-bot", {})));
    await vi.waitFor(() => expect(received.at(-1)).toEqual({ type: "signalling", message: { type: "peerLeft" } }));
    await pc.close();
  });

  it("answers a PATCH at once, mDNS candidates included, and 404 for an unknown pc_id", async () => {
    const { webrtcRequestParams } = await (await postStart("smallwebrtc")).json();
    const { pc, answer } = await connectWebRtcPeer(webrtcRequestParams.endpoint);
    const patch = (pc_id: string) =>
      fetch(webrtcRequestParams.endpoint, {
        method: "PATCH",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          pc_id,
          candidates: [
            {
              candidate: "candidate:1 1 udp 2122260223 0b7a3c4e-1f2d-4c5b-9a8e-123456789abc.local 54321 typ host",
              sdp_mid: "0",
              sdp_mline_index: 0,
            },
          ],
        }),
      });
    const started = Date.now();
    const response = await patch(answer.pc_id);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "success" });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect((await patch("SmallWebRTCConnection#unknown")).status).toBe(404);
    await pc.close();
  });

  it("moves the bot to a restarted peer connection; refuses a second one", async () => {
    const { webrtcRequestParams } = await (await postStart("smallwebrtc")).json();
    const first = await connectWebRtcPeer(webrtcRequestParams.endpoint);
    first.channel.send(JSON.stringify(rtviMessage("client-message", { t: "set-language", d: { language: "es-ES" } })));
    await vi.waitFor(() => expect(first.received).toHaveLength(1));

    await expect(connectWebRtcPeer(webrtcRequestParams.endpoint)).rejects.toMatchObject({ status: 409 });
    const second = await connectWebRtcPeer(webrtcRequestParams.endpoint, first.answer.pc_id);
    expect(second.answer.pc_id).toBe(first.answer.pc_id);
    const request = rtviMessage("client-message", { t: "get-language" });
    second.channel.send(JSON.stringify(request));
    await vi.waitFor(() => expect(second.received).toHaveLength(1));
    expect(second.received[0]).toMatchObject({ id: request.id, data: { d: { language: "es-ES" } } });
    await Promise.all([first.pc.close(), second.pc.close()]);
  });

  it("refuses offers for unknown sessions and offers it cannot answer", async () => {
    const offer = (endpoint: string) =>
      fetch(endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        // werift answers most text, but not a media line it cannot parse.
        body: JSON.stringify({ sdp: "m=audio", type: "offer" }),
      });
    expect((await offer(`${server.url}/api/offer?session=nope`)).status).toBe(404);
    const { webrtcRequestParams } = await (await postStart("smallwebrtc")).json();
    expect((await offer(webrtcRequestParams.endpoint)).status).toBe(400);
  });
});

/** Duck-typed media manager for Node: no devices; counts the bot audio the transport hands it. */
class NoDeviceMediaManager {
  botAudioFrames = 0;
  readonly supportsScreenShare = false;
  readonly isMicEnabled = false;
  readonly isCamEnabled = false;
  readonly isSharingScreen = false;
  readonly selectedMic = {};
  readonly selectedCam = {};
  readonly selectedSpeaker = {};
  setUserAudioCallback(): void {}
  setClientOptions(): void {}
  async initialize(): Promise<void> {}
  async connect(): Promise<void> {}
  async disconnect(): Promise<void> {}
  async userStartedSpeaking(): Promise<void> {}
  bufferBotAudio(): undefined {
    this.botAudioFrames++;
    return undefined;
  }
  async getAllMics(): Promise<MediaDeviceInfo[]> {
    return [];
  }
  async getAllCams(): Promise<MediaDeviceInfo[]> {
    return [];
  }
  async getAllSpeakers(): Promise<MediaDeviceInfo[]> {
    return [];
  }
  updateMic(): void {}
  updateCam(): void {}
  updateSpeaker(): void {}
  enableMic(): void {}
  enableCam(): void {}
  enableScreenShare(): void {}
  tracks() {
    return { local: {} };
  }
}

/** The same scenario through a real PipecatClient: ready, requests, a turn with a registered function handler. */
async function runClientScenario(
  transport: WebSocketTransport | SmallWebRTCTransport,
  kind: "websocket" | "smallwebrtc",
) {
  const handlerCalls: unknown[] = [];
  const outputs: unknown[] = [];
  const serverMessages: unknown[] = [];
  const client = new PipecatClient({
    transport,
    enableMic: false,
    enableCam: false,
    callbacks: {
      onServerMessage: (data) => serverMessages.push(data),
      onBotOutput: (data) => outputs.push(data),
    },
  });
  client.setLogLevel(LogLevel.ERROR);
  client.registerFunctionCallHandler("get_weather", async (params) => {
    handlerCalls.push(params);
    return { conditions: "foggy", temperature: 58 };
  });

  const ready = await client.startBotAndConnect({
    endpoint: `${server.url}/api/start?transport=${kind}`,
    requestData: { scenario: "real client" },
  });
  expect(ready).toMatchObject({ version: "2.1.0" });
  expect(await client.sendClientRequest("get-language", {})).toEqual({ language: "en-US" });
  await expect(client.sendClientRequest("make-coffee", {})).rejects.toMatchObject({
    type: "error-response",
    data: { error: "Unknown request type" },
  });
  client.sendClientMessage("set-language", { language: "de-DE" });
  await vi.waitFor(() => expect(serverMessages).toEqual([{ msg: "language-updated", language: "de-DE" }]));

  await client.sendText("What's the weather?");
  // bot-output comes when the sentence is made, then once per spoken word, the last "completed".
  await vi.waitFor(() => expect(outputs.at(-1)).toMatchObject({ spoken_status: "completed" }), { timeout: 5_000 });
  expect(handlerCalls).toEqual([{ functionName: "get_weather", arguments: { location: "San Francisco" } }]);
  expect(outputs.map((o: any) => o.spoken_status)).toEqual(["new", ...Array(9).fill("in-progress"), "completed"]);
  expect(outputs[0]).toMatchObject({ text: "It's foggy and 58 degrees in San Francisco right now." });
  await client.disconnect();

  const record = server.sessions().at(-1)!;
  expect(record).toMatchObject({ transport: kind, requestData: { scenario: "real client" } });
  expect(record.received.map((m: any) => m.type)).toEqual([
    "client-ready",
    "client-message",
    "client-message",
    "client-message",
    "send-text",
    "llm-function-call-result",
  ]);
}

describe("real PipecatClient in Node", () => {
  // The transports look for browser globals: `window`, a WebSocket that yields Blobs, RTCPeerConnection.
  const globals = globalThis as Record<string, unknown>;
  let uninstallWebRtc: () => void;
  const saved = { window: globals.window, WebSocket: globals.WebSocket };

  beforeAll(() => {
    globals.window = globalThis;
    globals.WebSocket = class BlobWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols);
        // Browsers deliver binary messages as Blobs, which the serializer requires. ws supports
        // "blob" since 8.18; its types do not list it yet.
        this.binaryType = "blob" as WebSocket["binaryType"];
      }
    };
    uninstallWebRtc = installPolyfill({
      mediaRegister: [createEmptyRegister()],
      peerConnectionConfig: { iceServers: [] },
    });
  });

  afterAll(() => {
    uninstallWebRtc();
    Object.assign(globals, saved);
  });

  it("runs a session over the WebSocket transport, bot audio included", async () => {
    const mediaManager = new NoDeviceMediaManager();
    const transport = new WebSocketTransport({ mediaManager: mediaManager as never });
    await runClientScenario(transport, "websocket");
    expect(mediaManager.botAudioFrames).toBeGreaterThan(10);
  });

  it("runs a session over the SmallWebRTC transport", async () => {
    const transport = new SmallWebRTCTransport({ mediaManager: new NoDeviceMediaManager() as never });
    await runClientScenario(transport, "smallwebrtc");
  });
});
