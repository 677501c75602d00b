/**
 * The bot's side of @pipecat-ai/websocket-transport: one WebSocket per session
 * at /ws/<session id>?token=<token>, binary protobuf `pipecat.Frame`s both ways.
 * RTVI messages travel in MessageFrames; the client's microphone audio arrives
 * in AudioRawFrames and is ignored; the bot sends audio while it speaks.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocket, WebSocketServer, type RawData } from "ws";
import { BotAudio } from "./botAudio.ts";
import { decodeFrame, encodeAudioFrame, encodeInterruptionFrame, encodeMessageFrame } from "./frames.ts";
import { parseInbound } from "./rtvi.ts";
import { ScriptedBot } from "./script.ts";
import type { SessionRecord, SessionStore } from "./sessions.ts";

/**
 * What the start endpoint returns. WebSocketTransport accepts only these keys
 * (wsUrl/ws_url and token) and throws on any other; it appends the token to the
 * URL as `?token=`.
 */
export interface WebSocketConnectionParams {
  ws_url: string;
  token: string;
}

const PATH = /^\/ws\/([0-9a-f]+)$/;

export class WebSocketBotTransport {
  private readonly server = new WebSocketServer({ noServer: true });
  /** Tokens not used yet, by session id: each admits one connection. */
  private readonly tokens = new Map<string, string>();

  constructor(private readonly sessions: SessionStore) {}

  /** `host` is the start request's Host header, so the URL works from wherever the page was loaded. */
  connectionParams(record: SessionRecord, host: string): WebSocketConnectionParams {
    const token = randomBytes(16).toString("hex");
    this.tokens.set(record.id, token);
    return { ws_url: `ws://${host}/ws/${record.id}`, token };
  }

  /** Takes an HTTP upgrade for /ws/<session id>; returns false when the path is not one. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(request.url ?? "/", "http://localhost");
    const sessionId = PATH.exec(url.pathname)?.[1];
    if (sessionId === undefined) return false;
    const record = this.sessions.get(sessionId);
    const token = url.searchParams.get("token");
    if (!record || token === null || this.tokens.get(sessionId) !== token) {
      socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return true;
    }
    this.tokens.delete(sessionId);
    this.server.handleUpgrade(request, socket, head, (ws) => this.runBot(ws, record));
    return true;
  }

  async close(): Promise<void> {
    for (const ws of this.server.clients) ws.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private runBot(ws: WebSocket, record: SessionRecord): void {
    const send = (bytes: Uint8Array) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(bytes);
    };
    const audio = new BotAudio((frame) => send(encodeAudioFrame(frame)));
    const bot = new ScriptedBot(record, {
      sendMessage: (message) => send(encodeMessageFrame(JSON.stringify(message))),
      speechChanged: (state) => {
        if (state === "started") audio.start();
        else audio.stop();
        // A real Pipecat bot tells the client to drop the audio it has buffered.
        if (state === "interrupted") send(encodeInterruptionFrame());
      },
      close: () => ws.close(1000, "Bot disconnected"),
    });
    ws.on("message", (data: RawData, isBinary: boolean) => {
      // The protobuf serializer only sends binary frames; anything else is not for the bot.
      if (!isBinary) return;
      let frame: ReturnType<typeof decodeFrame>;
      try {
        frame = decodeFrame(toBytes(data));
      } catch {
        return;
      }
      if (frame.kind === "message") bot.receive(parseInbound(frame.data));
    });
    ws.on("close", () => {
      audio.stop();
      bot.end();
    });
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}
