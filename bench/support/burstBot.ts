// A bot for the end-to-end row, on the real WebSocket transport's wire format: it answers
// client-ready with bot-ready and a client-message {t: "burst", d: {count, bytes}} with that
// many bot-llm-text messages, sent back to back, as fast as the socket takes them.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type RawData } from "ws";
import { decodeFrame, encodeMessageFrame } from "../../demo/bot/frames";
import { asRtviMessage, parseInbound, rtviMessage } from "../../demo/bot/rtvi";
import { BURST_BOT_PATH } from "../page/api";
import { botLlmTextJson } from "../page/messages";

export class BurstBot {
  private readonly server = new WebSocketServer({ noServer: true });

  /** Takes the upgrade when it is for the bot's path; returns false otherwise. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    if (new URL(request.url ?? "/", "http://localhost").pathname !== BURST_BOT_PATH) return false;
    this.server.handleUpgrade(request, socket, head, (ws) => {
      ws.on("message", (data: RawData, isBinary: boolean) => {
        if (!isBinary) return;
        const frame = decodeFrame(
          Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? new Uint8Array(data) : data,
        );
        if (frame.kind !== "message") return;
        const message = asRtviMessage(parseInbound(frame.data));
        if (message?.type === "client-ready") {
          const reply = rtviMessage("bot-ready", { version: message.data?.version, about: {} }, message.id);
          ws.send(encodeMessageFrame(JSON.stringify(reply)));
        } else if (message?.type === "client-message" && message.data?.t === "burst") {
          const { count, bytes } = message.data.d as { count: number; bytes: number };
          // Encoded up front, so the page gets them as fast as the socket carries them.
          const frames = Array.from({ length: count }, (_, i) => encodeMessageFrame(botLlmTextJson(i, bytes)));
          for (const frame of frames) ws.send(frame);
        }
      });
    });
    return true;
  }

  close(): Promise<void> {
    for (const ws of this.server.clients) ws.terminate();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
