/**
 * The bot's side of @pipecat-ai/websocket-transport: one WebSocket per session
 * at /ws/<session id>?token=<token>, binary protobuf `pipecat.Frame`s both ways.
 * RTVI messages travel in MessageFrames; the client's microphone audio arrives
 * in AudioRawFrames and is ignored; the bot sends audio while it speaks.
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocket, type RawData } from "ws";
import { SessionSockets } from "./sessionSockets.ts";
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
  private readonly sockets: SessionSockets;

  constructor(sessions: SessionStore) {
    this.sockets = new SessionSockets(sessions, PATH, (ws, record) => this.runBot(ws, record));
  }

  /** `host` is the start request's Host header, so the URL works from wherever the page was loaded. */
  connectionParams(record: SessionRecord, host: string): WebSocketConnectionParams {
    const token = this.sockets.issueToken(record);
    return { ws_url: `ws://${host}/ws/${record.id}`, token };
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    return this.sockets.handleUpgrade(request, socket, head);
  }

  close(): Promise<void> {
    return this.sockets.close();
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
