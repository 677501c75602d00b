/**
 * Runs in the demo bot (Node): the bot's side of a Daily room, for the Daily demo page
 * (demo/daily/). With Daily, a Pipecat bot (pipecat's DailyTransport, on daily-python) and the
 * page's daily-js meet in a room on Daily's servers, and RTVI messages travel between them as
 * Daily app messages. Here the room is one WebSocket per session, at
 * `/daily-room/<session id>?token=<token>`, opened by the page's stand-in call machine
 * (demo/daily/src/callMachine.ts), which daily-js loads in place of Daily's own. Each frame is
 * one JSON text, named after the call-machine messages daily-js exchanges (src/hook/wire/daily.ts):
 *
 * - to the page: `{"action": "participant-joined", "participant": {session_id, user_name}}` as the
 *   bot enters the room, `{"action": "app-message", "data": <RTVI>, "fromId": <bot session id>}`,
 *   and `{"action": "participant-left", "participant": …}` when the bot leaves (after
 *   `disconnect-bot`), just before the socket closes;
 * - from the page: `{"action": "app-msg", "data": <RTVI>, "to": "*"}`, what daily-js's
 *   `sendAppMessage` hands its call machine. Anything else is not for the bot.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocket, type RawData } from "ws";
import { SessionSockets } from "./sessionSockets.ts";
import { isObject, parseInbound } from "./rtvi.ts";
import { ScriptedBot } from "./script.ts";
import type { SessionRecord, SessionStore } from "./sessions.ts";

/**
 * What Pipecat's development runner and Pipecat Cloud answer a Daily start with
 * (`POST /start` with `{createDailyRoom: true, body}`, src/pipecat/runner/run.py in
 * pipecat-ai/pipecat): DailyTransport turns `dailyRoom` and `dailyToken` into daily-js's `url`
 * and `token`, and daily-js drops `sessionId` with a warning.
 */
export interface DailyStartAnswer {
  dailyRoom: string;
  dailyToken: string;
  sessionId: string;
}

/** The room's WebSocket path; the room URL is this path over http. */
const PATH = /^\/daily-room\/([0-9a-f]+)$/;
const BOT_NAME = "Pipecat Bot";

export class DailyBotTransport {
  private readonly sockets: SessionSockets;

  constructor(sessions: SessionStore) {
    this.sockets = new SessionSockets(sessions, PATH, (ws, record) => this.runBot(ws, record));
  }

  /** `host` is the start request's Host header, so the room works from wherever the page was loaded. */
  startAnswer(record: SessionRecord, host: string): DailyStartAnswer {
    const token = this.sockets.issueToken(record);
    return { dailyRoom: `http://${host}/daily-room/${record.id}`, dailyToken: token, sessionId: record.id };
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    return this.sockets.handleUpgrade(request, socket, head);
  }

  close(): Promise<void> {
    return this.sockets.close();
  }

  private runBot(ws: WebSocket, record: SessionRecord): void {
    const participant = { session_id: randomUUID(), user_name: BOT_NAME };
    const send = (frame: object) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
    };
    const bot = new ScriptedBot(record, {
      sendMessage: (message) => send({ action: "app-message", data: message, fromId: participant.session_id }),
      close: () => {
        send({ action: "participant-left", participant });
        ws.close(1000, "Bot left the room");
      },
    });
    send({ action: "participant-joined", participant });
    ws.on("message", (data: RawData, isBinary: boolean) => {
      if (isBinary) return;
      const frame = parseInbound(data.toString());
      if (isObject(frame) && frame.action === "app-msg") bot.receive(frame.data);
    });
    ws.on("close", () => bot.end());
  }
}
