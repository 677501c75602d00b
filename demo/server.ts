/**
 * The demo server: the demo app's static files, a start endpoint like Pipecat's
 * development runner, and the scripted bot (demo/bot/README.md) on both the
 * WebSocket and the SmallWebRTC transport, speaking their real wire protocols.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { BadRequestError, errorReply, readJsonBody, sendJson, sendPreflight, type JsonReply } from "./bot/http.ts";
import { isTransportKind, SessionStore, type SessionRecord } from "./bot/sessions.ts";
import { SmallWebRtcBotTransport } from "./bot/smallWebRtcTransport.ts";
import { serveStaticFile } from "./bot/staticFiles.ts";
import { WebSocketBotTransport } from "./bot/websocketTransport.ts";

export type { SessionRecord } from "./bot/sessions.ts";

export interface DemoServer {
  /** http://localhost:<port> */
  url: string;
  port: number;
  close(): Promise<void>;
  /** The live session records, oldest first (the same as GET /api/sessions). */
  sessions(): SessionRecord[];
}

export interface DemoServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to every interface: WebRTC needs a non-loopback address. */
  host?: string;
  /** Folder of static files served at /; defaults to demo/app/dist. */
  appDir?: string;
}

const DEFAULT_APP_DIR = fileURLToPath(new URL("./app/dist", import.meta.url));

export async function startDemoServer(opts: DemoServerOptions = {}): Promise<DemoServer> {
  const appDir = opts.appDir ?? DEFAULT_APP_DIR;
  const sessions = new SessionStore();
  const websocket = new WebSocketBotTransport(sessions);
  const smallWebRtc = new SmallWebRtcBotTransport();

  const server = createServer((request, response) => {
    handleRequest(request, response).catch((error: unknown) => {
      console.error("demo server:", error);
      if (!response.headersSent) sendJson(response, errorReply(500, "Internal server error"));
      else response.destroy();
    });
  });
  server.on("upgrade", (request, socket, head) => {
    if (!websocket.handleUpgrade(request, socket, head)) socket.destroy();
  });

  async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (url.pathname.startsWith("/api/")) {
      if (request.method === "OPTIONS") sendPreflight(response);
      else sendJson(response, await apiReply(request, url));
    } else if (request.method === "GET" || request.method === "HEAD") {
      await serveStaticFile(appDir, request, response);
    } else {
      response.writeHead(405, { Allow: "GET, HEAD" }).end();
    }
  }

  async function apiReply(request: IncomingMessage, url: URL): Promise<JsonReply> {
    try {
      switch (`${request.method} ${url.pathname}`) {
        case "POST /api/start":
          return await start(request, url.searchParams.get("transport"));
        case "GET /api/sessions":
          return { status: 200, body: sessions.list() };
        case "POST /api/offer":
        case "PATCH /api/offer": {
          const record = sessions.get(url.searchParams.get("session") ?? "");
          if (record?.transport !== "smallwebrtc") return errorReply(404, "Unknown smallwebrtc session");
          const body = await readJsonBody(request);
          return request.method === "POST"
            ? await smallWebRtc.answerOffer(record, body)
            : smallWebRtc.addCandidates(record, body);
        }
        default:
          return errorReply(404, "No such endpoint");
      }
    } catch (error) {
      if (error instanceof BadRequestError) return errorReply(400, error.message);
      throw error;
    }
  }

  /** The start endpoint: records the session and returns the transport's connection params. */
  async function start(request: IncomingMessage, transport: string | null): Promise<JsonReply> {
    if (!isTransportKind(transport)) {
      return errorReply(400, `Unknown transport ${JSON.stringify(transport)}: expected websocket or smallwebrtc`);
    }
    const record = sessions.create(transport, await readJsonBody(request), request.headers);
    // The client reaches the bot the way it reached this endpoint.
    const host = request.headers.host ?? `localhost:${(server.address() as AddressInfo).port}`;
    const params =
      transport === "websocket"
        ? websocket.connectionParams(record, host)
        : smallWebRtc.connectionParams(record, `http://${host}`);
    return { status: 200, body: params };
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "0.0.0.0", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://localhost:${port}`,
    port,
    sessions: () => sessions.list(),
    async close() {
      await Promise.all([websocket.close(), smallWebRtc.close()]);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
