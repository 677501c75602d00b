// @vitest-environment node
/**
 * Runs in vitest's node project: the demo server as a drop-in for Pipecat's development runner
 * (src/pipecat/runner/run.py in pipecat-ai/pipecat): `POST /start` with the runner's body and
 * answers, the offer at `/sessions/{sessionId}/api/offer` and at a plain `/api/offer`, CORS for
 * the headers clients send, and the demo app's own routes beside them. Raw wire clients from
 * test/demo/wireClients.ts carry the handshake to bot-ready on both transports.
 */
import { ProtobufFrameSerializer } from "@pipecat-ai/websocket-transport";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import WebSocket from "ws";
import { decodeFrame } from "../../demo/bot/frames.ts";
import { rtviMessage } from "../../demo/bot/rtvi.ts";
import type { SessionRecord } from "../../demo/bot/sessions.ts";
import { type DemoServer, startDemoServer } from "../../demo/server.ts";
import { connectWebRtcPeer } from "./wireClients.ts";

let server: DemoServer;

beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
});

afterAll(async () => {
  await server?.close();
});

function post(path: string, body: unknown, headers: Record<string, string> = {}, method = "POST") {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { "Content-Type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function startJson(body: unknown, headers: Record<string, string> = {}) {
  const response = await post("/start", body, headers);
  expect(response.status).toBe(200);
  return response.json();
}

function recordOf(sessionId: string): SessionRecord {
  const record = server.sessions().find((s) => s.id === sessionId);
  if (!record) throw new Error(`no session ${sessionId}`);
  return record;
}

/** Opens `url` as websocket-transport does (`?token=` appended), sends client-ready, resolves with the bot-ready. */
async function handshakeOverWebSocket(url: string): Promise<{ ws: WebSocket; botReady: any; id: string }> {
  const ws = new WebSocket(url);
  const messages: any[] = [];
  ws.on("message", (data: Buffer) => {
    const frame = decodeFrame(new Uint8Array(data));
    if (frame.kind === "message") messages.push(JSON.parse(frame.data));
  });
  await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
  const ready = rtviMessage("client-ready", { version: "2.1.0", about: { library: "runner-test" } });
  ws.send(new ProtobufFrameSerializer().serializeMessage(ready as never));
  const botReady = await vi.waitFor(() => {
    const found = messages.find((m) => m.type === "bot-ready");
    if (!found) throw new Error("no bot-ready yet");
    return found;
  });
  return { ws, botReady, id: ready.id };
}

describe("POST /start over websocket", () => {
  it("answers {wsUrl, token}, what websocket-transport's connect() takes; the wsUrl with ?token= reaches the bot", async () => {
    const params = await startJson(
      { transport: "websocket", createDailyRoom: false, body: { audioLevels: true } },
      { Authorization: "Bearer test" },
    );
    expect(params).toEqual({
      wsUrl: expect.stringMatching(new RegExp(`^ws://localhost:${server.port}/ws/[0-9a-f]+$`)),
      token: expect.stringMatching(/^[0-9a-f]+$/),
    });
    const record = recordOf(params.wsUrl.split("/").at(-1));
    expect(record.transport).toBe("websocket");
    expect(record.requestData).toEqual({ audioLevels: true });
    expect(record.headers.authorization).toBe("Bearer test");

    const { ws, botReady, id } = await handshakeOverWebSocket(`${params.wsUrl}?token=${params.token}`);
    expect(botReady).toMatchObject({ id, data: { version: "2.1.0" } });
    ws.close();
  });

  it("refuses the wsUrl without its token", async () => {
    const params = await startJson({ transport: "websocket" });
    const ws = new WebSocket(params.wsUrl);
    const status = await new Promise<number>((resolve) =>
      ws.once("unexpected-response", (_request, response) => resolve(response.statusCode ?? 0)),
    );
    expect(status).toBe(401);
  });
});

describe("POST /start over webrtc", () => {
  it("answers {sessionId} without iceConfig unless default ICE servers are asked for, as the runner does", async () => {
    const plain = await startJson({ transport: "webrtc", body: { vad: true } });
    expect(plain).toEqual({ sessionId: expect.stringMatching(/^[0-9a-f]+$/) });
    expect(recordOf(plain.sessionId)).toMatchObject({ transport: "smallwebrtc", requestData: { vad: true } });

    const withIce = await startJson({ transport: "webrtc", enableDefaultIceServers: true });
    expect(withIce).toEqual({
      sessionId: expect.any(String),
      iceConfig: { iceServers: [{ urls: ["stun:stun.l.google.com:19302"] }] },
    });
    expect(recordOf(withIce.sessionId).requestData).toEqual({});
  });

  it("defaults to webrtc without a transport or with a body that is not JSON", async () => {
    const none = await startJson({});
    expect(recordOf(none.sessionId).transport).toBe("smallwebrtc");
    const notJson = await startJson("not json");
    expect(recordOf(notJson.sessionId).transport).toBe("smallwebrtc");
  });

  it("ignores createDailyRoom beside a named transport, and refuses telephony with a detail", async () => {
    const params = await startJson({ transport: "webrtc", createDailyRoom: true });
    expect(params.sessionId).toEqual(expect.any(String));
    const response = await post("/start", { transport: "twilio" });
    expect(response.status).toBe(400);
    expect((await response.json()).detail).toMatch(/not available in the demo bot/);
  });

  it("answers a Daily start as the runner does: the room, its token and the session", async () => {
    for (const body of [{ createDailyRoom: true }, { transport: "daily" }]) {
      const answer = await startJson({ ...body, body: { audioLevels: true } });
      expect(answer).toEqual({
        dailyRoom: `${server.url}/daily-room/${answer.sessionId}`,
        dailyToken: expect.stringMatching(/^[0-9a-f]{32}$/),
        sessionId: expect.any(String),
      });
      expect(recordOf(answer.sessionId)).toMatchObject({ transport: "daily", requestData: { audioLevels: true } });
    }
  });

  it("carries the handshake in the Daily room as app messages, admits one call machine per token, and leaves on disconnect-bot", async () => {
    const { dailyRoom, dailyToken, sessionId } = await startJson({ createDailyRoom: true });
    const url = `${dailyRoom.replace(/^http/, "ws")}?token=${dailyToken}`;
    const ws = new WebSocket(url);
    const frames: any[] = [];
    ws.on("message", (data: Buffer) => frames.push(JSON.parse(data.toString())));
    await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
    const ready = rtviMessage("client-ready", { version: "2.1.0" });
    ws.send(JSON.stringify({ action: "app-msg", data: ready, to: "*" }));
    await vi.waitFor(() => expect(frames.find((f) => f.data?.type === "bot-ready")).toBeDefined());
    const [joined] = frames;
    expect(joined).toEqual({
      action: "participant-joined",
      participant: { session_id: expect.any(String), user_name: "Pipecat Bot" },
    });
    expect(frames.find((f) => f.data?.type === "bot-ready")).toMatchObject({
      action: "app-message",
      data: { type: "bot-ready", id: ready.id },
      fromId: joined.participant.session_id,
    });
    expect(recordOf(sessionId).received).toEqual([ready]);

    const again = new WebSocket(url);
    await expect(new Promise((resolve, reject) => again.once("open", resolve).once("error", reject))).rejects.toThrow(
      /401/,
    );

    ws.send(JSON.stringify({ action: "app-msg", data: rtviMessage("disconnect-bot", {}), to: "*" }));
    expect(await new Promise((resolve) => ws.once("close", resolve))).toBe(1000);
    expect(frames.at(-1)).toEqual({ action: "participant-left", participant: joined.participant });
  });
});

describe("offers at /sessions/{sessionId}/api/offer", () => {
  it("answers the offer, reaches bot-ready on the data channel, and acknowledges PATCHed candidates", async () => {
    const { sessionId } = await startJson({ transport: "webrtc", body: { functionCallReport: "full" } });
    const path = `/sessions/${sessionId}/api/offer`;
    const { pc, channel, answer, received } = await connectWebRtcPeer(`${server.url}${path}`);
    expect(answer).toEqual({ sdp: expect.stringContaining("a=candidate:"), type: "answer", pc_id: expect.any(String) });
    const ready = rtviMessage("client-ready", { version: "2.1.0" });
    channel.send(JSON.stringify(ready));
    await vi.waitFor(() => expect(received.find((m) => m.type === "bot-ready")).toMatchObject({ id: ready.id }));
    expect(recordOf(sessionId).received).toEqual([ready]);

    const candidate = { candidate: "candidate:1 1 udp 1 192.0.2.1 9 typ host", sdp_mid: "0", sdp_mline_index: 0 };
    const patch = await post(path, { pc_id: answer.pc_id, candidates: [candidate] }, {}, "PATCH");
    expect(await patch.json()).toEqual({ status: "success" });
    await pc.close();
  });

  it("takes the offer's own request_data over the start body, as the runner does", async () => {
    const { sessionId } = await startJson({ transport: "webrtc", body: { vad: true } });
    const { pc } = await connectWebRtcPeer(`${server.url}/sessions/${sessionId}/api/offer`, null, {
      request_data: { audioLevels: true },
    });
    expect(recordOf(sessionId).requestData).toEqual({ audioLevels: true });
    await pc.close();
  });

  it("answers 404 for an unknown or websocket session and for other paths", async () => {
    const offer = { sdp: "v=0", type: "offer" };
    expect((await post("/sessions/nope/api/offer", offer)).status).toBe(404);
    const ws = await startJson({ transport: "websocket" });
    expect((await post(`/sessions/${ws.wsUrl.split("/").at(-1)}/api/offer`, offer)).status).toBe(404);
    const rtc = await startJson({ transport: "webrtc" });
    const other = await post(`/sessions/${rtc.sessionId}/api/other`, {});
    expect(other.status).toBe(404);
  });
});

describe("offers at a plain /api/offer", () => {
  it("starts a new session for an offer, as the runner mints one, with the offer's request data and headers", async () => {
    const before = server.sessions().length;
    const { pc, channel, answer, received } = await connectWebRtcPeer(`${server.url}/api/offer`, null, {
      requestData: { vad: true },
    });
    expect(server.sessions()).toHaveLength(before + 1);
    const record = server.sessions().at(-1)!;
    expect(record).toMatchObject({ transport: "smallwebrtc", requestData: { vad: true } });
    const ready = rtviMessage("client-ready", { version: "2.1.0" });
    channel.send(JSON.stringify(ready));
    await vi.waitFor(() => expect(received.find((m) => m.type === "bot-ready")).toMatchObject({ id: ready.id }));

    // Candidates and a restart find the session by pc_id.
    const patch = await post("/api/offer", { pc_id: answer.pc_id, candidates: [] }, {}, "PATCH");
    expect(await patch.json()).toEqual({ status: "success" });
    const restarted = await connectWebRtcPeer(`${server.url}/api/offer`, answer.pc_id);
    expect(restarted.answer.pc_id).toBe(answer.pc_id);
    expect(server.sessions()).toHaveLength(before + 1);
    await pc.close();
    await restarted.pc.close();
  });

  it("answers a PATCH for an unknown pc_id with 404", async () => {
    const response = await post("/api/offer", { pc_id: "nope", candidates: [] }, {}, "PATCH");
    expect(response.status).toBe(404);
  });
});

describe("CORS", () => {
  it("answers a preflight with an Authorization header on every runner route", async () => {
    for (const [path, method] of [
      ["/start", "POST"],
      ["/sessions/any/api/offer", "PATCH"],
      ["/api/offer", "POST"],
    ]) {
      const response = await fetch(`${server.url}${path}`, {
        method: "OPTIONS",
        headers: {
          Origin: "http://localhost:5173",
          "Access-Control-Request-Method": method,
          "Access-Control-Request-Headers": "authorization,content-type",
        },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      expect(response.headers.get("access-control-allow-methods")).toContain(method);
      const allowed = response.headers.get("access-control-allow-headers")!.toLowerCase().split(/,\s*/);
      expect(allowed).toEqual(expect.arrayContaining(["authorization", "content-type"]));
    }
  });

  it("names Authorization and Content-Type on every answer, since a wildcard does not cover Authorization", async () => {
    const response = await post("/start", { transport: "webrtc" }, { Origin: "http://localhost:5173" });
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-headers")).toMatch(/^Authorization, Content-Type/);
  });
});

describe("the demo app's own routes", () => {
  it("still answer their own shapes", async () => {
    const ws = await (await post("/api/start?transport=websocket", {})).json();
    expect(ws).toEqual({ ws_url: expect.stringMatching(/\/ws\/[0-9a-f]+$/), token: expect.any(String) });
    const rtc = await (await post("/api/start?transport=smallwebrtc", {})).json();
    expect(rtc.webrtcRequestParams.endpoint).toMatch(/\/api\/offer\?session=[0-9a-f]+$/);
    const { pc } = await connectWebRtcPeer(rtc.webrtcRequestParams.endpoint);
    await pc.close();
  });
});
