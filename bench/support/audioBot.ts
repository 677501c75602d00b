// The wire-tap row's far end, on the real WebSocket transport's wire format: it drops the
// audio frames the page sends (after checking the first one decodes as `audio`), and answers
// a text message `send <count>` with that many 20 ms audio frames, back to back.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type RawData } from "ws";
import { decodeFrame } from "../../demo/bot/frames";
import { AUDIO_BOT_PATH, AUDIO_FRAME, audioFrame } from "../page/audioFrame";

/** Distinct frames, cycled through. */
const POOL_SIZE = 50;

export class AudioBot {
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly frames = Array.from({ length: POOL_SIZE }, (_, i) => audioFrame(i));

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    if (new URL(request.url ?? "/", "http://localhost").pathname !== AUDIO_BOT_PATH) return false;
    this.server.handleUpgrade(request, socket, head, (ws) => {
      let checked = false;
      ws.on("message", (data: RawData, isBinary: boolean) => {
        if (isBinary) {
          if (checked) return;
          checked = true;
          const bytes = Array.isArray(data)
            ? Buffer.concat(data)
            : data instanceof ArrayBuffer
              ? new Uint8Array(data)
              : data;
          const frame = decodeFrame(bytes);
          if (frame.kind !== "audio" || frame.audio.audio.length !== AUDIO_FRAME.pcmBytes) {
            ws.close(1003, "the page's frame is not a 20 ms audio frame");
          }
          return;
        }
        const count = Number(/^send (\d+)$/.exec(String(data))?.[1] ?? 0);
        for (let i = 0; i < count; i++) ws.send(this.frames[i % POOL_SIZE]);
      });
    });
    return true;
  }

  close(): Promise<void> {
    for (const ws of this.server.clients) ws.terminate();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
