/**
 * The demo server: the demo app's static files, the start and offer endpoints of Pipecat's
 * development runner (`POST /start`, `/sessions/{id}/api/offer`, `/api/offer`, as
 * src/pipecat/runner/run.py in pipecat-ai/pipecat serves them) beside the demo app's own
 * (`/api/start?transport=…`), and the scripted bot (demo/bot/README.md) on both the
 * WebSocket and the SmallWebRTC transport, speaking their real wire protocols.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DailyBotTransport } from "./bot/dailyStandIn.ts";
import { BadRequestError, errorReply, readJsonBody, sendJson, sendPreflight, type JsonReply } from "./bot/http.ts";
import { isTransportKind, SessionStore, type SessionRecord } from "./bot/sessions.ts";
import { SmallWebRtcBotTransport } from "./bot/smallWebRtcTransport.ts";
import { serveStaticFile } from "./bot/staticFiles.ts";
import { WebSocketBotTransport } from "./bot/websocketTransport.ts";
import { demoPages, pageForPath, type ServedPage } from "./pages.ts";

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
  /** Folder of static files served at / instead of the demo's pages (demo/pages.ts). */
  appDir?: string;
}

/** `/sessions/{sessionId}/{path}`, the runner's session routes. */
const SESSION_PATH = /^\/sessions\/([^/]+)\/(.*)$/;

/** What the runner answers `enableDefaultIceServers: true` with (without it, no `iceConfig` at all). */
const DEFAULT_ICE_CONFIG = { iceServers: [{ urls: ["stun:stun.l.google.com:19302"] }] };

function isApiPath(pathname: string): boolean {
  return pathname.startsWith("/api/") || pathname === "/start" || pathname.startsWith("/sessions/");
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An offer's own request data, as the runner reads it: `request_data`, else `requestData`; undefined when neither is set. */
function offerRequestData(body: unknown): unknown {
  if (!isObject(body)) return undefined;
  return body.request_data || body.requestData || undefined;
}

export async function startDemoServer(opts: DemoServerOptions = {}): Promise<DemoServer> {
  const pages: ServedPage[] = opts.appDir ? [{ urlPath: "/", distDir: opts.appDir }] : demoPages();
  const sessions = new SessionStore();
  const websocket = new WebSocketBotTransport(sessions);
  const smallWebRtc = new SmallWebRtcBotTransport();
  const daily = new DailyBotTransport(sessions);

  const server = createServer((request, response) => {
    handleRequest(request, response).catch((error: unknown) => {
      console.error("demo server:", error);
      if (!response.headersSent) sendJson(response, errorReply(500, "Internal server error"));
      else response.destroy();
    });
  });
  server.on("upgrade", (request, socket, head) => {
    if (websocket.handleUpgrade(request, socket, head) || daily.handleUpgrade(request, socket, head)) return;
    socket.destroy();
  });

  async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (isApiPath(url.pathname)) {
      if (request.method === "OPTIONS") sendPreflight(request, response);
      else sendJson(response, await apiReply(request, url));
    } else if (request.method === "GET" || request.method === "HEAD") {
      const found = pageForPath(pages, url.pathname);
      if (found) await serveStaticFile(found.page.distDir, found.path, request, response);
      else response.writeHead(404).end();
    } else {
      response.writeHead(405, { Allow: "GET, HEAD" }).end();
    }
  }

  async function apiReply(request: IncomingMessage, url: URL): Promise<JsonReply> {
    try {
      const sessionPath = SESSION_PATH.exec(url.pathname);
      if (sessionPath) return await sessionRoute(request, decodeURIComponent(sessionPath[1]), sessionPath[2]);
      switch (`${request.method} ${url.pathname}`) {
        case "POST /start":
          return await runnerStart(request);
        case "POST /api/start":
          return await start(request, url.searchParams.get("transport"));
        case "GET /api/sessions":
          return { status: 200, body: sessions.list() };
        case "POST /api/offer":
        case "PATCH /api/offer": {
          const session = url.searchParams.get("session");
          if (session === null) return await plainOffer(request);
          const record = sessions.get(session);
          if (record?.transport !== "smallwebrtc") return errorReply(404, "Unknown smallwebrtc session");
          return await offer(request, record, await readJsonBody(request));
        }
        default:
          return errorReply(404, "No such endpoint");
      }
    } catch (error) {
      if (error instanceof BadRequestError) return errorReply(400, error.message);
      throw error;
    }
  }

  /** POST answers an offer, PATCH takes trickled candidates, for a smallwebrtc session. */
  async function offer(request: IncomingMessage, record: SessionRecord, body: unknown): Promise<JsonReply> {
    return request.method === "POST"
      ? await smallWebRtc.answerOffer(record, body)
      : smallWebRtc.addCandidates(record, body);
  }

  /**
   * `/sessions/{sessionId}/…`: the runner's stand-in for Pipecat Cloud's session proxy. Only
   * `…/api/offer` means anything; the offer's own `request_data` / `requestData`, when given,
   * replaces the start request's `body` as the bot's request data, as in the runner.
   */
  async function sessionRoute(request: IncomingMessage, sessionId: string, path: string): Promise<JsonReply> {
    const record = sessions.get(sessionId);
    if (record?.transport !== "smallwebrtc") return errorReply(404, "Invalid or not-yet-ready session_id");
    if (!path.endsWith("api/offer") || (request.method !== "POST" && request.method !== "PATCH")) {
      return errorReply(404, "No such endpoint");
    }
    const body = await readJsonBody(request);
    const ownData = offerRequestData(body);
    if (request.method === "POST" && ownData !== undefined && !smallWebRtc.hasBot(record.id)) {
      record.requestData = ownData;
    }
    return await offer(request, record, body);
  }

  /**
   * `/api/offer` without `?session=`, as a voice-ui-kit app or the runner's prebuilt client
   * posts it: an offer with the `pc_id` of a live peer connection (or a PATCH) goes to that
   * connection's session; any other offer starts a new session, its request data the offer's
   * `request_data` / `requestData`, as the runner mints a session for a direct offer.
   */
  async function plainOffer(request: IncomingMessage): Promise<JsonReply> {
    const body = await readJsonBody(request);
    const pcId = isObject(body) ? body.pc_id : undefined;
    const existing = sessions.get(smallWebRtc.sessionOfPeer(pcId) ?? "");
    if (existing) return await offer(request, existing, body);
    if (request.method === "PATCH") return errorReply(404, "Peer connection not found");
    const record = sessions.create("smallwebrtc", offerRequestData(body) ?? null, request.headers);
    return await smallWebRtc.answerOffer(record, body);
  }

  /**
   * `POST /start` as Pipecat's development runner answers it: the body is
   * `{transport?, body?, enableDefaultIceServers?, createDailyRoom?, …}` (not JSON counts as `{}`);
   * `body` becomes the session's request data. `transport` defaults to "webrtc", or "daily" when
   * `createDailyRoom` is set and no transport is named; Daily's room is the demo bot's stand-in
   * (demo/bot/dailyStandIn.ts), which only the Daily demo page's call machine joins.
   */
  async function runnerStart(request: IncomingMessage): Promise<JsonReply> {
    let startBody: unknown;
    try {
      startBody = await readJsonBody(request);
    } catch (error) {
      if (!(error instanceof BadRequestError)) throw error;
    }
    const params = isObject(startBody) ? startBody : {};
    const transport = params.transport ?? (params.createDailyRoom ? "daily" : "webrtc");
    if (transport !== "websocket" && transport !== "webrtc" && transport !== "daily") {
      return errorReply(
        400,
        `Transport ${JSON.stringify(transport)} is not available in the demo bot: use "websocket", "webrtc" or "daily"`,
      );
    }
    const requestData = params.body ?? {};
    const host = hostOf(request);
    if (transport === "daily") {
      return { status: 200, body: daily.startAnswer(sessions.create("daily", requestData, request.headers), host) };
    }
    if (transport === "websocket") {
      const record = sessions.create("websocket", requestData, request.headers);
      const { ws_url, token } = websocket.connectionParams(record, host);
      // No `sessionId` beside them (the runner adds one): websocket-transport's connect() refuses
      // any key but wsUrl and token ("Unrecognized connection parameter"), and the answer is for it.
      return { status: 200, body: { wsUrl: ws_url, token } };
    }
    const record = sessions.create("smallwebrtc", requestData, request.headers);
    const body: Record<string, unknown> = { sessionId: record.id };
    if (params.enableDefaultIceServers) body.iceConfig = DEFAULT_ICE_CONFIG;
    return { status: 200, body };
  }

  /** The client reaches the bot the way it reached this endpoint. */
  function hostOf(request: IncomingMessage): string {
    return request.headers.host ?? `localhost:${(server.address() as AddressInfo).port}`;
  }

  /** The start endpoint: records the session and returns the transport's connection params. */
  async function start(request: IncomingMessage, transport: string | null): Promise<JsonReply> {
    if (!isTransportKind(transport)) {
      return errorReply(400, `Unknown transport ${JSON.stringify(transport)}: expected websocket or smallwebrtc`);
    }
    const record = sessions.create(transport, await readJsonBody(request), request.headers);
    const host = hostOf(request);
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
      await Promise.all([websocket.close(), smallWebRtc.close(), daily.close()]);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
