// The panel's model of the inspected tab: its clients and every message they exchanged,
// split into sessions (one per document of the top frame), with requests paired to their
// answers. Components read it through useStore(); ingest may run thousands of times a
// second, so change notifications are coalesced to one per frame's worth of time. Not
// requestAnimationFrame: it never fires while the panel is hidden (another DevTools tab is
// selected, or a DevTools window that was just reopened), and the model must stay current.
//
// A row keeps its message as the JSON text, not the object: at 100 000 rows that is the
// difference between one copy of the data and three (issue 5's memory target), and the text
// is what filters search anyway. The object is parsed back for the few rows on screen.
import type { CaptureLevel, ClientInfo, ConnectionCall, Direction, PageToPanel, RtviMessage } from "../../src/shared/protocol";
import { NON_ASCII } from "../../src/shared/utf8";
import { categoryOf, type Category } from "./categories";

export interface MessageRow {
  kind: "message";
  /** The row's id: increases with every row the store ever took, never reused. */
  seq: number;
  session: number;
  frameId: number;
  clientKey: string;
  clientId: string;
  /** The hook's id for the message, which a replay names. */
  messageId: number;
  t: number;
  dir: Direction;
  level: CaptureLevel;
  type: string;
  category: Category;
  /** The RTVI id, which pairs a request with its answer. */
  rtviId?: string;
  size: number;
  /** The whole RTVI message as JSON. */
  json: string;
  truncated: boolean;
  origin?: "devtools";
  /** Set when the client awaits an answer to it (sendClientRequest), with its timeout. */
  request?: { timeoutMs: number };
}

/** Where a document of the top frame began: a page load, reload or navigation. */
export interface MarkerRow {
  kind: "marker";
  seq: number;
  session: number;
  t: number;
  url: string;
}

export type LogEntry = MessageRow | MarkerRow;

export interface ClientView extends ClientInfo {
  key: string;
  frameId: number;
  url?: string;
  addedAt: number;
  removedAt?: number;
  /** startBot / startBotAndConnect calls, oldest first. */
  connections: (ConnectionCall & { t: number })[];
}

export interface HookProblem {
  frameId: number;
  t: number;
  where: string;
  message: string;
}

/** A request and its answer, as far as they are known. */
export interface RequestPair {
  request?: MessageRow;
  answer?: MessageRow;
  /** When client-js gave up waiting (the hook saw its timeout fire). */
  timedOutAt?: number;
}

export type RequestState =
  | { state: "pending"; request: MessageRow }
  | { state: "answered" | "failed"; request: MessageRow; answer: MessageRow; latencyMs: number }
  | { state: "timed-out"; request: MessageRow; at: number };

export interface TypeCount {
  type: string;
  category: Category;
  count: number;
}

const NOTIFY_INTERVAL_MS = 16;

/**
 * What the panel keeps of a session: a real app sends 1 000–1 500 messages a second, so an
 * hour would otherwise take gigabytes. Past either limit the oldest tenth goes, and the status
 * says how many (`removed`). The bench's 100 000 messages of 1 KB (~100 MB of JSON) fit.
 */
export const PANEL_LIMITS = { rows: 500_000, jsonChars: 128 * 1024 * 1024 };

/** The answers a request can get; each names the request by its id. */
const ANSWER_TYPES = new Set(["server-response", "error-response", "bot-ready", "append-to-context-result"]);
/** Outbound types that always get an answer, whatever the client says. */
const ALWAYS_ANSWERED = new Set(["client-ready"]);

/** An outbound message the bot is expected to answer: a request client-js awaits, or one of ALWAYS_ANSWERED. */
function awaitsAnswer(row: MessageRow): boolean {
  return Boolean(row.request) || ALWAYS_ANSWERED.has(row.type);
}

export function clientKey(frameId: number, clientId: string): string {
  return `${frameId}:${clientId}`;
}

const utf8 = new TextEncoder();

/** UTF-8 bytes of a message's JSON: its length when it is ASCII, as RTVI JSON mostly is. */
function utf8Length(json: string): number {
  return NON_ASCII.test(json) ? utf8.encode(json).length : json.length;
}

function pairKey(clientKeyText: string, rtviId: string): string {
  return `${clientKeyText}|${rtviId}`;
}

export class SessionStore {
  rows: LogEntry[] = [];
  /** The time of each session's first row (sessionStart: a walk of the rows per row rendered, before). */
  private sessionStarts = new Map<number, number>();
  clients = new Map<string, ClientView>();
  frames = new Map<number, { url: string; isTop: boolean; late: boolean }>();
  problems: HookProblem[] = [];
  /** Messages per type in the log, for the type chips. */
  typeCounts = new Map<string, TypeCount>();
  /** Lost on the way (buffer budget, resend limit): reported by the bridge. */
  dropped = 0;
  /** Cut to the hook's size cap. */
  truncated = 0;
  /** Events from the page that failed the protocol's checks. */
  rejected = 0;
  /** The oldest messages let go to stay within PANEL_LIMITS. */
  removed = 0;
  session = 0;
  /** Keep earlier sessions when the page reloads or navigates. */
  preserveLog = false;
  /** While paused the log's view stays as it was; rows keep arriving behind it. */
  pausedAt: number | undefined;
  /** Bumped on every change; components compare it to decide whether to render. */
  version = 0;

  private pairs = new Map<string, RequestPair>();
  /** The pairs whose request still waits: what "Respond…" looks through on every render, not every pair. */
  private waiting = new Set<RequestPair>();
  private markerCount = 0;
  /** Characters of the messages' JSON in `rows`. */
  private jsonChars = 0;
  private nextSeq = 1;
  private listeners = new Set<() => void>();
  private notifyScheduled = false;

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  protected changed(): void {
    this.version++;
    if (this.notifyScheduled) return;
    this.notifyScheduled = true;
    setTimeout(() => {
      this.notifyScheduled = false;
      for (const listener of this.listeners) listener();
    }, NOTIFY_INTERVAL_MS);
  }

  constructor(private readonly limits = PANEL_LIMITS) {}

  ingest(frameId: number, events: PageToPanel[]): void {
    for (const event of events) this.ingestOne(frameId, event);
    if (this.rows.length > this.limits.rows || this.jsonChars > this.limits.jsonChars) this.removeOldest();
    this.changed();
  }

  /** Lets the oldest rows go, in bulk, until the log is within nine tenths of its limits. */
  private removeOldest(): void {
    const rowsTarget = this.limits.rows * 0.9;
    const charsTarget = this.limits.jsonChars * 0.9;
    let rows = this.rows.length;
    let chars = this.jsonChars;
    let count = 0;
    while (count < this.rows.length && (rows > rowsTarget || chars > charsTarget)) {
      const row = this.rows[count++];
      rows--;
      if (row.kind === "marker") {
        this.markerCount--;
        continue;
      }
      chars -= row.json.length;
      this.removed++;
      const counted = this.typeCounts.get(row.type);
      if (counted && --counted.count === 0) this.typeCounts.delete(row.type);
      if (row.rtviId !== undefined) {
        const key = pairKey(row.clientKey, row.rtviId);
        const pair = this.pairs.get(key);
        if (pair && (pair.request === row || pair.answer === row)) {
          this.pairs.delete(key);
          this.waiting.delete(pair);
        }
      }
    }
    this.jsonChars = chars;
    // A new array: the filtered view sees it and scans again, once per removal of a tenth.
    this.rows = this.rows.slice(count);
    if (this.pausedAt !== undefined) this.pausedAt = Math.max(0, this.pausedAt - count);
  }

  /** The rows the log shows: all of them, or those there when the user paused. */
  visibleLength(): number {
    return this.pausedAt ?? this.rows.length;
  }

  setPaused(paused: boolean): void {
    this.pausedAt = paused ? this.rows.length : undefined;
    this.changed();
  }

  setPreserveLog(preserve: boolean): void {
    this.preserveLog = preserve;
    this.changed();
  }

  /** Empties the log; the clients stay, as they are still there. */
  clear(): void {
    this.rows = [];
    this.sessionStarts.clear();
    this.markerCount = 0;
    this.jsonChars = 0;
    this.removed = 0;
    this.pairs.clear();
    this.waiting.clear();
    this.typeCounts.clear();
    this.dropped = 0;
    this.truncated = 0;
    this.rejected = 0;
    this.problems = [];
    if (this.pausedAt !== undefined) this.pausedAt = 0;
    this.changed();
  }

  /** Forgets the tab entirely: the panel (opened as a page) now follows another one. */
  reset(): void {
    this.clients.clear();
    this.frames.clear();
    this.session = 0;
    this.clear();
  }

  messageCount(): number {
    return this.rows.length - this.markerCount;
  }

  /** Finds a row by its seq (rows are in seq order). */
  rowBySeq(seq: number): LogEntry | undefined {
    let low = 0;
    let high = this.rows.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const row = this.rows[middle];
      if (row.seq === seq) return row;
      if (row.seq < seq) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }

  /** Where a row stands as a request, or what it answers; undefined for a message that expects nothing. */
  requestState(row: MessageRow): RequestState | undefined {
    if (row.rtviId === undefined) return undefined;
    const pair = this.pairs.get(pairKey(row.clientKey, row.rtviId));
    const request = pair?.request;
    if (!pair || !request) return undefined;
    if (pair.answer) {
      return {
        state: pair.answer.type === "error-response" ? "failed" : "answered",
        request,
        answer: pair.answer,
        latencyMs: pair.answer.t - request.t,
      };
    }
    if (row !== request) return undefined;
    if (pair.timedOutAt !== undefined) return { state: "timed-out", request, at: pair.timedOutAt };
    if (awaitsAnswer(request)) return { state: "pending", request };
    return undefined;
  }

  /** Requests still waiting for an answer, newest first: what "Respond…" can answer. */
  pendingRequests(clientKeyText?: string): MessageRow[] {
    const pending: MessageRow[] = [];
    for (const { request } of this.waiting) {
      if (request && (clientKeyText === undefined || request.clientKey === clientKeyText)) pending.push(request);
    }
    return pending.sort((a, b) => b.seq - a.seq);
  }

  /** The session a row belongs to began at this time (the first message, if no marker). */
  sessionStart(session: number): number | undefined {
    return this.sessionStarts.get(session);
  }

  /** Rows are only ever appended, here: each session's first one is noted as it comes. */
  private append(row: LogEntry): void {
    if (!this.sessionStarts.has(row.session)) this.sessionStarts.set(row.session, row.t);
    this.rows.push(row);
  }

  private ingestOne(frameId: number, event: PageToPanel): void {
    switch (event.kind) {
      case "hook-ready":
        this.frames.set(frameId, { url: event.url, isTop: event.isTop, late: event.late === true });
        if (event.isTop) this.startSession(event.t, event.url);
        return;
      case "client-added": {
        const key = clientKey(frameId, event.client.clientId);
        const known = this.clients.get(key);
        // Announced again when the hook reconnects (extension updated): keep what we learnt.
        if (known) Object.assign(known, event.client);
        else {
          const url = this.frames.get(frameId)?.url;
          this.clients.set(key, { ...event.client, key, frameId, url, addedAt: event.t, connections: [] });
        }
        return;
      }
      case "client-updated": {
        const client = this.clients.get(clientKey(frameId, event.clientId));
        if (client) Object.assign(client, event.patch);
        return;
      }
      case "client-removed": {
        const client = this.clients.get(clientKey(frameId, event.clientId));
        if (client) client.removedAt = event.t;
        return;
      }
      case "hook-error":
        this.problems.push({ frameId, t: event.t, where: event.where, message: event.message });
        return;
      case "dropped":
        this.dropped += event.count;
        return;
      case "command-result":
        return;
      case "connection": {
        const { kind: _kind, clientId, ...call } = event;
        this.clients.get(clientKey(frameId, clientId))?.connections.push(call);
        return;
      }
      case "request-timeout": {
        const pair = this.pairs.get(pairKey(clientKey(frameId, event.clientId), event.requestId));
        if (pair && !pair.answer) {
          pair.timedOutAt = event.t;
          this.waiting.delete(pair);
        }
        return;
      }
      case "message":
        this.addMessage(frameId, event);
        return;
    }
  }

  private startSession(t: number, url: string): void {
    this.session++;
    if (!this.preserveLog) this.clear();
    // The previous document's clients went with it. Compared by time, not frame: a new
    // iframe's client may be announced before the new top document's hook is.
    for (const [key, client] of this.clients) {
      if (client.addedAt >= t) continue;
      if (this.preserveLog) client.removedAt ??= t;
      else this.clients.delete(key);
    }
    this.append({ kind: "marker", seq: this.nextSeq++, session: this.session, t, url });
    this.markerCount++;
  }

  private addMessage(frameId: number, event: Extract<PageToPanel, { kind: "message" }>): void {
    const msg = event.msg;
    const key = clientKey(frameId, event.clientId);
    const rtviId = typeof msg.id === "string" ? msg.id : undefined;
    const type = String(msg.type);
    const json = JSON.stringify(msg);
    const row: MessageRow = {
      kind: "message",
      seq: this.nextSeq++,
      session: this.session,
      frameId,
      clientKey: key,
      clientId: event.clientId,
      messageId: event.messageId,
      t: event.t,
      dir: event.dir === "out" ? "out" : "in",
      level: event.level,
      type,
      category: categoryOf(type),
      rtviId,
      size: event.size ?? utf8Length(json),
      json,
      truncated: event.truncated === true,
      origin: event.origin === "devtools" ? "devtools" : undefined,
      request: typeof event.request?.timeoutMs === "number" ? { timeoutMs: event.request.timeoutMs } : undefined,
    };
    if (row.truncated) this.truncated++;
    this.jsonChars += json.length;
    this.append(row);
    const counted = this.typeCounts.get(type);
    if (counted) counted.count++;
    else this.typeCounts.set(type, { type, category: row.category, count: 1 });
    if (rtviId !== undefined) this.pair(row, rtviId);
    this.learnFromMessage(key, msg);
  }

  private pair(row: MessageRow, rtviId: string): void {
    const key = pairKey(row.clientKey, rtviId);
    if (row.dir === "out") {
      // A replay reuses nothing: client-js gives every message a fresh id. A repeated id is a
      // new request all the same.
      const replaced = this.pairs.get(key);
      if (replaced) this.waiting.delete(replaced);
      const pair: RequestPair = { request: row };
      this.pairs.set(key, pair);
      if (awaitsAnswer(row)) this.waiting.add(pair);
      return;
    }
    if (!ANSWER_TYPES.has(row.type)) return;
    const pair = this.pairs.get(key);
    if (pair?.request && !pair.answer) {
      pair.answer = row;
      this.waiting.delete(pair);
    }
  }

  /** client-ready and bot-ready carry the versions the client and the bot announce. */
  private learnFromMessage(key: string, msg: RtviMessage): void {
    if (msg.type !== "client-ready" && msg.type !== "bot-ready") return;
    const client = this.clients.get(key);
    const data = (msg.data ?? {}) as { version?: unknown; about?: { library_version?: unknown } };
    if (!client) return;
    if (msg.type === "client-ready") {
      if (typeof data.about?.library_version === "string") client.clientVersion = data.about.library_version;
      if (typeof data.version === "string") client.rtviVersion = data.version;
    } else {
      if (typeof data.version === "string") client.botVersion = data.version;
      client.botAbout = data.about;
    }
  }

  /** How the hook stands in the inspected page: absent, arrived late, or there from the start. */
  hookPresence(): "absent" | "late" | "full" {
    const top = [...this.frames.values()].find((frame) => frame.isTop);
    if (!top) return "absent";
    return top.late ? "late" : "full";
  }

  noteDropped(count: number): void {
    this.dropped += count;
    this.changed();
  }

  noteRejected(count: number): void {
    this.rejected += count;
    this.changed();
  }
}

/** Parses a row's message back into an object (for the rows on screen and the detail view). */
export function rowMessage(row: MessageRow): RtviMessage {
  return JSON.parse(row.json) as RtviMessage;
}

export const store = new SessionStore();
