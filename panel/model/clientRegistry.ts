// Runs in the panel. The inspected tab's frames and clients, and what went wrong on the way:
// the errors the hook caught in itself and the events the panel refused.
//
// A client's identity is the frame the browser says its batch came from (the background takes
// it from the Port's sender) and the id the page gave it within that frame: a frame can name
// any id, but only within its own frame. Views are built field by field from validated events,
// never by copying a page object onto them (a `__proto__` key would replace their prototype).
import type { ClientInfo, ConnectionCall, PageToPanel, RtviMessage } from "../../src/shared/protocol";

export interface ClientView extends ClientInfo {
  key: string;
  frameId: number;
  url?: string;
  addedAt: number;
  removedAt?: number;
  /** startBot / startBotAndConnect calls, oldest first. */
  connections: (ConnectionCall & { t: number })[];
  /**
   * The library client-ready's `about` names, with its version ("@pipecat-ai/client-react 1.8.2"):
   * a wrapper may name itself there (client-js's setAboutClient), so it is not client-js's
   * version, which is `clientVersion` (docs/client-js-internals.md, "Which client-js a client is").
   */
  library?: string;
  /** bot-ready's `capabilities` (newer servers), as the bot sent them. */
  botCapabilities?: unknown;
  /** The bot's error-response to client-ready (same id) before bot-ready: it refused the client's protocol version. */
  protocolRefusal?: string;
}

/** The two protocol versions when they differ (a server answers in its own within a major, echoes a 1.x client's). */
export function protocolMismatch(client: ClientView): string | undefined {
  const { rtviVersion, botVersion } = client;
  if (rtviVersion === undefined || botVersion === undefined || rtviVersion === botVersion) return undefined;
  const major = (version: string) => version.split(".")[0];
  const kind = major(rtviVersion) === major(botVersion) ? "minor versions differ" : "major versions differ";
  return `client ${rtviVersion}, bot ${botVersion} (${kind})`;
}

export interface HookProblem {
  frameId: number;
  t: number;
  where: string;
  message: string;
}

/** An event the panel refused: the frame it came from and why. */
export interface Rejection {
  frameId: number;
  t: number;
  /** The event's kind, when it had a readable one. */
  kind?: string;
  reason: string;
}

export interface FrameInfo {
  url: string;
  isTop: boolean;
  late: boolean;
}

/** Rejections listed (the count goes on): a page that forges events by the million must not fill the panel's memory. */
export const REJECTIONS_LISTED = 1000;
/** A reason is the validator's text, which may quote page keys: cut to what a line shows. */
const REASON_CHARS = 1024;
/** What the panel shows of a page's text about a client (a library's name, a refusal). */
const FACT_CHARS = 1024;
/** The library client-js names in client-ready when no wrapper replaced `about`. */
const CLIENT_JS = "@pipecat-ai/client-js";

type ConnectionEvent = Extract<PageToPanel, { kind: "connection" }>;

export function clientKey(frameId: number, clientId: string): string {
  return `${frameId}:${clientId}`;
}

/** The optional fields of ClientInfo a view takes from `client-added`. */
function copyOptionalInfo(view: ClientView, info: ClientInfo): void {
  if (info.state !== undefined) view.state = info.state;
  if (info.clientVersion !== undefined) view.clientVersion = info.clientVersion;
  if (info.rtviVersion !== undefined) view.rtviVersion = info.rtviVersion;
  if (info.botVersion !== undefined) view.botVersion = info.botVersion;
  if (info.botAbout !== undefined) view.botAbout = info.botAbout;
}

function connectionRecord(event: ConnectionEvent): ClientView["connections"][number] {
  const call: ClientView["connections"][number] = {
    t: event.t,
    endpoint: event.endpoint,
    headers: event.headers.map(([name, value]): [string, string] => [name, value]),
  };
  if (event.method !== undefined) call.method = event.method;
  if (event.requestData !== undefined) call.requestData = event.requestData;
  if (event.durationMs !== undefined) call.durationMs = event.durationMs;
  if (event.response !== undefined) call.response = event.response;
  if (event.error !== undefined) call.error = event.error;
  return call;
}

export class ClientRegistry {
  clients = new Map<string, ClientView>();
  readonly frames = new Map<number, FrameInfo>();
  problems: HookProblem[] = [];
  /** The newest REJECTIONS_LISTED rejections. */
  rejections: Rejection[] = [];
  /** Per client, the id of its client-ready while no bot-ready came: an error-response of that id is a refusal. */
  private readonly awaitingBotReady = new Map<string, string>();

  hookReady(frameId: number, frame: FrameInfo): void {
    this.frames.set(frameId, { url: frame.url, isTop: frame.isTop, late: frame.late });
  }

  add(frameId: number, info: ClientInfo, t: number): void {
    const key = clientKey(frameId, info.clientId);
    const known = this.clients.get(key);
    if (known) {
      // Announced again when the hook reconnects (extension updated): keep what we learnt.
      known.transport = info.transport;
      known.foundBy = info.foundBy;
      copyOptionalInfo(known, info);
      return;
    }
    const view: ClientView = {
      key,
      frameId,
      clientId: info.clientId,
      transport: info.transport,
      foundBy: info.foundBy,
      url: this.frames.get(frameId)?.url,
      addedAt: t,
      connections: [],
    };
    copyOptionalInfo(view, info);
    this.clients.set(key, view);
  }

  /** The hook sends only `state` (src/hook/clients.ts): any other field is refused, with the event. */
  update(frameId: number, clientId: string, patch: Partial<ClientInfo>): void {
    for (const field of Object.keys(patch)) {
      if (field !== "state")
        throw new Error(`client-updated may only change state, not ${JSON.stringify(field.slice(0, 64))}`);
    }
    const client = this.clients.get(clientKey(frameId, clientId));
    if (client && typeof patch.state === "string") client.state = patch.state;
  }

  remove(frameId: number, clientId: string, t: number): void {
    const client = this.clients.get(clientKey(frameId, clientId));
    if (client) client.removedAt = t;
  }

  addConnection(frameId: number, event: ConnectionEvent): void {
    this.clients.get(clientKey(frameId, event.clientId))?.connections.push(connectionRecord(event));
  }

  /**
   * client-ready and bot-ready carry the versions the client and the bot announce; an
   * error-response to client-ready before bot-ready is the bot refusing the client's protocol.
   */
  learnFromMessage(key: string, msg: RtviMessage): void {
    if (msg.type !== "client-ready" && msg.type !== "bot-ready" && msg.type !== "error-response") return;
    const client = this.clients.get(key);
    if (!client) return;
    const data = (typeof msg.data === "object" && msg.data !== null ? msg.data : {}) as {
      version?: unknown;
      about?: { library?: unknown; library_version?: unknown };
      capabilities?: unknown;
      error?: unknown;
    };
    if (msg.type === "client-ready") {
      this.learnFromClientReady(client, data);
      if (typeof msg.id === "string") this.awaitingBotReady.set(key, msg.id);
    } else if (msg.type === "bot-ready") {
      this.awaitingBotReady.delete(key);
      if (typeof data.version === "string") client.botVersion = data.version;
      client.botAbout = data.about;
      if (data.capabilities !== undefined) client.botCapabilities = data.capabilities;
    } else if (msg.id !== undefined && this.awaitingBotReady.get(key) === msg.id) {
      client.protocolRefusal = (typeof data.error === "string" ? data.error : JSON.stringify(msg.data ?? null)).slice(
        0,
        FACT_CHARS,
      );
    }
  }

  private learnFromClientReady(client: ClientView, data: { version?: unknown; about?: unknown }): void {
    const about = (typeof data.about === "object" && data.about !== null ? data.about : {}) as {
      library?: unknown;
      library_version?: unknown;
    };
    const library = typeof about.library === "string" ? about.library : undefined;
    const libraryVersion = typeof about.library_version === "string" ? about.library_version : undefined;
    if (library !== undefined || libraryVersion !== undefined) {
      client.library = [library ?? "(unnamed library)", libraryVersion].filter(Boolean).join(" ").slice(0, FACT_CHARS);
    }
    // The hook reads client-js's version off the client itself; a client seen only on the wire
    // has none but what `about` says, and that is client-js's only when it names client-js.
    if (client.clientVersion === undefined && libraryVersion !== undefined && (library ?? CLIENT_JS) === CLIENT_JS) {
      client.clientVersion = libraryVersion.slice(0, FACT_CHARS);
    }
    if (typeof data.version === "string") client.rtviVersion = data.version;
    delete client.protocolRefusal;
  }

  /**
   * A new top document began at `t`: the previous document's clients went with it. Compared by
   * time, not frame: a new iframe's client may be announced before the new top document's hook is.
   */
  newDocument(t: number, keepEarlier: boolean): void {
    for (const [key, client] of this.clients) {
      if (client.addedAt >= t) continue;
      if (keepEarlier) client.removedAt ??= t;
      else this.clients.delete(key);
    }
  }

  addProblem(problem: HookProblem): void {
    this.problems.push(problem);
  }

  addRejection(frameId: number, t: number, kind: string | undefined, reason: string): void {
    if (this.rejections.length >= REJECTIONS_LISTED) this.rejections.shift();
    const rejection: Rejection = { frameId, t, reason: reason.slice(0, REASON_CHARS) };
    if (kind !== undefined) rejection.kind = kind.slice(0, 64);
    this.rejections.push(rejection);
  }

  clearProblems(): void {
    this.problems = [];
    this.rejections = [];
  }

  /** Forgets the tab's frames and clients (the panel now follows another tab). */
  reset(): void {
    this.clients.clear();
    this.awaitingBotReady.clear();
    this.frames.clear();
    this.clearProblems();
  }

  /** How the hook stands in the inspected page: absent, arrived late, or there from the start. */
  hookPresence(): "absent" | "late" | "full" {
    for (const frame of this.frames.values()) {
      if (frame.isTop) return frame.late ? "late" : "full";
    }
    return "absent";
  }
}
