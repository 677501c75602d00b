// @vitest-environment node
/**
 * Runs in vitest's node project: raw wire clients for the demo bot's two transports, as
 * test/demo/bot.test.ts and test/demo/conversationScript.test.ts connect. The WebSocket one
 * encodes with the client's own ProtobufFrameSerializer and decodes with the bot's protobufjs
 * schema; the WebRTC one is a werift peer shaped like SmallWebRTCTransport's.
 */
import type { RTVIMessage } from "@pipecat-ai/client-js";
import { ProtobufFrameSerializer } from "@pipecat-ai/websocket-transport";
import { vi } from "vitest";
import { type RTCDataChannel, RTCPeerConnection } from "werift";
import WebSocket from "ws";
import { type AudioFrame, decodeFrame } from "../../demo/bot/frames.ts";
import { type BotMessage, rtviMessage } from "../../demo/bot/rtvi.ts";

/** POSTs the start endpoint with `requestData` as its JSON body. */
export function postStart(
  serverUrl: string,
  transport: string,
  requestData: unknown = {},
  headers: Record<string, string> = {},
) {
  return fetch(`${serverUrl}/api/start?transport=${transport}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(requestData),
  });
}

/** What the tests' client answers get_weather with. */
export const WEATHER = { conditions: "sunny", temperature: 72 };

/** Every message received from now on, with its arrival time (`performance.now()`). */
export interface Arrival {
  message: BotMessage;
  t: number;
}

/**
 * A WebSocket client that speaks the transport's wire format, frame by frame: it
 * encodes with the client's own serializer and decodes with the bot's protobufjs
 * schema (which, unlike the client's, knows the interruption frame).
 */
export class WireClient {
  readonly messages: BotMessage[] = [];
  readonly arrivals: Arrival[] = [];
  readonly audio: AudioFrame[] = [];
  /** Every binary frame the bot sent, as received. */
  readonly frames: Uint8Array<ArrayBuffer>[] = [];
  interruptions = 0;
  readonly closed: Promise<number>;
  private readonly serializer = new ProtobufFrameSerializer();

  private constructor(private readonly ws: WebSocket) {
    ws.on("message", (data: Buffer) => {
      const bytes = new Uint8Array(data);
      this.frames.push(bytes);
      const frame = decodeFrame(bytes);
      if (frame.kind === "message") {
        const message = JSON.parse(frame.data);
        this.messages.push(message);
        this.arrivals.push({ message, t: performance.now() });
      } else if (frame.kind === "audio") this.audio.push(frame.audio);
      else if (frame.kind === "interruption") this.interruptions++;
    });
    this.closed = new Promise((resolve) => ws.on("close", (code) => resolve(code)));
  }

  static async start(serverUrl: string, requestData: unknown = {}): Promise<{ client: WireClient; sessionId: string }> {
    const params = await (await postStart(serverUrl, "websocket", requestData)).json();
    const ws = new WebSocket(`${params.ws_url}?token=${params.token}`);
    await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
    return { client: new WireClient(ws), sessionId: /\/ws\/([0-9a-f]+)$/.exec(params.ws_url)![1] };
  }

  /** Sends an RTVI message the way client-js does; returns its id. */
  send(type: string, data: unknown = {}): string {
    const message = rtviMessage(type, data);
    this.sendRaw(message);
    return message.id;
  }

  sendRaw(value: unknown): void {
    this.ws.send(this.serializer.serializeMessage(value as RTVIMessage));
  }

  sendMicrophoneAudio(): void {
    this.ws.send(this.serializer.serializeAudio(new Int16Array(320).buffer, 16_000, 1));
  }

  async waitFor(predicate: (m: BotMessage) => boolean, timeout = 5_000): Promise<BotMessage> {
    return vi.waitFor(
      () => {
        const found = this.messages.find(predicate);
        if (!found) throw new Error("message not received yet");
        return found;
      },
      { timeout, interval: 10 },
    );
  }

  /** Answers the get_weather call of the turn that began at message `from` with WEATHER, waits for `endType`; returns the turn's messages. */
  async finishTurn(from: number, endType = "bot-stopped-speaking"): Promise<BotMessage[]> {
    const after = (type: string) => this.waitFor((m) => m.type === type && this.messages.indexOf(m) >= from);
    const call = await after("llm-function-call-in-progress");
    const { tool_call_id } = call.data as Record<string, unknown>;
    const args = { location: "San Francisco" };
    this.send("llm-function-call-result", {
      function_name: "get_weather",
      tool_call_id,
      arguments: args,
      result: WEATHER,
    });
    await after(endType);
    return this.messages.slice(from);
  }

  close(): void {
    this.ws.close();
  }
}

/**
 * A client peer like SmallWebRTCTransport's: audio and video transceivers and the data channel `chat`.
 * `extra` joins the offer's body (e.g. its `request_data`).
 */
export async function connectWebRtcPeer(
  endpoint: string,
  pcId: string | null = null,
  extra: Record<string, unknown> = {},
) {
  const pc = new RTCPeerConnection({ iceServers: [] });
  pc.addTransceiver("audio", { direction: "sendrecv" });
  pc.addTransceiver("video", { direction: "sendrecv" });
  const channel = pc.createDataChannel("chat", { ordered: true });
  const received: any[] = [];
  const arrivals: Arrival[] = [];
  channel.onMessage.subscribe((data) => {
    const message = JSON.parse(data.toString());
    received.push(message);
    arrivals.push({ message, t: performance.now() });
  });
  await pc.setLocalDescription(await pc.createOffer());
  const response = await fetch(endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      sdp: pc.localDescription!.sdp,
      type: "offer",
      pc_id: pcId,
      restart_pc: pcId !== null,
      ...extra,
    }),
  });
  const answer = await response.json();
  if (!response.ok) throw Object.assign(new Error(`offer refused: ${response.status}`), { status: response.status });
  await pc.setRemoteDescription(answer);
  await waitForOpen(channel);
  return { pc, channel, answer, received, arrivals };
}

function waitForOpen(channel: RTCDataChannel): Promise<void> {
  return new Promise((resolve) => {
    if (channel.readyState === "open") resolve();
    channel.stateChanged.subscribe((state) => state === "open" && resolve());
  });
}
