/**
 * Runs in the demo bot (Node): a WebSocket per session, admitted by a one-use token, as the
 * WebSocket transport (`/ws/<session>`) and the Daily stand-in's room (`/daily-room/<session>`)
 * both take them: a wrong or used token gets HTTP 401, the right one opens the session's socket.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { type WebSocket, WebSocketServer } from "ws";
import type { SessionRecord, SessionStore } from "./sessions.ts";

export class SessionSockets {
  private readonly server = new WebSocketServer({ noServer: true });
  /** Tokens not used yet, by session id: each admits one connection. */
  private readonly tokens = new Map<string, string>();

  /** `path` matches the socket's URL path, its first group the session id. */
  constructor(
    private readonly sessions: SessionStore,
    private readonly path: RegExp,
    private readonly onSocket: (ws: WebSocket, record: SessionRecord) => void,
  ) {}

  /** A new token for the session's one connection. */
  issueToken(record: SessionRecord): string {
    const token = randomBytes(16).toString("hex");
    this.tokens.set(record.id, token);
    return token;
  }

  /** Takes an HTTP upgrade on this path; returns false when the path is not one of its. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(request.url ?? "/", "http://localhost");
    const sessionId = this.path.exec(url.pathname)?.[1];
    if (sessionId === undefined) return false;
    const record = this.sessions.get(sessionId);
    const token = url.searchParams.get("token");
    if (!record || token === null || this.tokens.get(sessionId) !== token) {
      socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return true;
    }
    this.tokens.delete(sessionId);
    this.server.handleUpgrade(request, socket, head, (ws) => this.onSocket(ws, record));
    return true;
  }

  async close(): Promise<void> {
    for (const ws of this.server.clients) ws.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
