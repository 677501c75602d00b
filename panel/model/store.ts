// Runs in the panel. The model of the inspected tab behind one façade: it routes each
// validated event to the row log (./rowLog), the request pairs (./requestPairs) or the client
// registry (./clientRegistry), counts what it refused, and tells the views it changed.
//
// Ingest may run thousands of times a second, so the change signal is bumped at most once per
// frame's worth of time, by a timer. Not requestAnimationFrame: it never fires while the panel
// is hidden (another DevTools tab is selected, or a DevTools window that was just reopened),
// and the model must stay current.
//
// Made by createSessionStore(): the composition root (panel/main.tsx) makes the live one, an
// import (./sessionFile) makes one per file. Which one is shown, pause and "Preserve log" are
// the view's (panel/viewState.ts); the store only asks, at each new top document, whether to
// keep the earlier sessions.
import { signal, type ReadonlySignal } from "@preact/signals";
import { parsePageBatch, type PageToPanel } from "../../src/shared/protocol";
import { ClientRegistry, clientKey, type ClientView, type HookProblem, type Rejection } from "./clientRegistry";
import { rowFromEvent } from "./messageRow";
import { RequestPairs, type RequestState } from "./requestPairs";
import { PANEL_LIMITS, RowLog, type LogEntry, type MessageRow, type PanelLimits, type TypeCount } from "./rowLog";

export type { ClientView, HookProblem, Rejection } from "./clientRegistry";
export { clientKey } from "./clientRegistry";
export type { RequestPair, RequestState } from "./requestPairs";
export type { LogEntry, MarkerRow, MessageRow, TypeCount } from "./rowLog";
export { PANEL_LIMITS, rowMessage } from "./rowLog";

const NOTIFY_INTERVAL_MS = 16;

export interface SessionStoreOptions {
  limits?: PanelLimits;
  /** "page": fed by the inspected tab; "file": a saved session, read back. */
  source?: "page" | "file";
  /** Asked when a new top document begins: keep the earlier sessions' rows ("Preserve log")? */
  keepEarlierSessions?: () => boolean;
}

/** What a saved session restores besides its rows. */
export interface SavedState {
  clients: ClientView[];
  problems: HookProblem[];
  rejections: Rejection[];
  dropped: number;
  truncated: number;
  rejected: number;
  removed: number;
}

/** Exported as a type only: a store is made by createSessionStore(). */
class SessionStore {
  readonly source: "page" | "file";
  /** Lost on the way (buffer budget, resend limit): reported by the bridge. */
  dropped = 0;
  /** Events from the page that failed the protocol's checks or could not be taken in. */
  rejected = 0;
  /** The current session: one per document of the top frame. */
  session = 0;

  private readonly log: RowLog;
  private readonly pairs = new RequestPairs();
  /**
   * Messages a rule paused whose wait has not ended, by client and hook id: the Paused messages
   * region lists them, and a Clear of the log leaves them, since they still wait in the page.
   */
  private readonly waiting = new Map<string, MessageRow>();
  private readonly registry = new ClientRegistry();
  private readonly keepEarlierSessions: () => boolean;
  private readonly version = signal(0);
  private notifyScheduled = false;

  constructor(options: SessionStoreOptions = {}) {
    this.log = new RowLog(options.limits ?? PANEL_LIMITS);
    this.source = options.source ?? "page";
    this.keepEarlierSessions = options.keepEarlierSessions ?? (() => false);
  }

  /** Bumped (coalesced) after changes: a component that reads it renders again on the next one. */
  get changes(): ReadonlySignal<number> {
    return this.version;
  }

  /** For code outside components: calls `listener` now and after each coalesced change. */
  subscribe(listener: () => void): () => void {
    return this.version.subscribe(() => listener());
  }

  get rows(): LogEntry[] {
    return this.log.rows;
  }
  get typeCounts(): ReadonlyMap<string, TypeCount> {
    return this.log.typeCounts;
  }
  get removed(): number {
    return this.log.removed;
  }
  get truncated(): number {
    return this.log.truncated;
  }
  get clients(): ReadonlyMap<string, ClientView> {
    return this.registry.clients;
  }
  get problems(): readonly HookProblem[] {
    return this.registry.problems;
  }
  get rejections(): readonly Rejection[] {
    return this.registry.rejections;
  }

  /** Parses and validates a batch from one frame, takes in what passed, and returns it. */
  ingestBatch(frameId: number, eventsJson: string): PageToPanel[] {
    const { events, rejections } = parsePageBatch(eventsJson);
    for (const rejection of rejections) this.reject(frameId, rejection.kind, rejection.reason);
    this.ingest(frameId, events);
    return events;
  }

  /** Takes in validated events from one frame (the frame the browser named for their batch). */
  ingest(frameId: number, events: readonly PageToPanel[]): void {
    for (const event of events) {
      // Validated already; should an event still break an invariant, it alone is refused, not its batch.
      try {
        this.ingestOne(frameId, event);
      } catch (error) {
        this.reject(frameId, event.kind, error instanceof Error ? error.message : String(error));
      }
    }
    if (this.log.isOverLimits()) {
      for (const row of this.log.removeOldest()) this.pairs.forget(row);
    }
    this.changed();
  }

  noteDropped(count: number): void {
    this.dropped += count;
    this.changed();
  }

  /** Empties the log; the clients stay, as they are still there. */
  clear(): void {
    this.log.clear();
    this.pairs.clear();
    this.registry.clearProblems();
    this.dropped = 0;
    this.rejected = 0;
    this.changed();
  }

  /** Forgets the tab entirely: the panel (opened as a page) now follows another one. */
  reset(): void {
    this.registry.reset();
    this.waiting.clear();
    this.session = 0;
    this.clear();
  }

  /** Puts back what a saved session held besides its rows (./sessionFile, after checking it). */
  restoreSaved(saved: SavedState): void {
    this.registry.clients = new Map(saved.clients.map((client) => [client.key, client]));
    this.registry.problems = [...saved.problems];
    this.registry.rejections = [...saved.rejections];
    this.dropped = saved.dropped;
    this.log.truncated = saved.truncated;
    this.rejected = saved.rejected;
    this.log.removed = saved.removed;
    this.changed();
  }

  messageCount(): number {
    return this.log.messageCount();
  }

  /** Messages a rule paused that still wait in the page, oldest first. */
  pausedRows(): MessageRow[] {
    return [...this.waiting.values()];
  }

  rowBySeq(seq: number): LogEntry | undefined {
    return this.log.rowBySeq(seq);
  }

  /** How many rows, from the start, have a seq up to `seq`: the rows a paused view shows. */
  countUpTo(seq: number): number {
    return this.log.countUpTo(seq);
  }

  /** The newest row's seq (0 for an empty log). */
  lastSeq(): number {
    return this.log.rows.at(-1)?.seq ?? 0;
  }

  sessionStart(session: number): number | undefined {
    return this.log.sessionStart(session);
  }

  /** Where a row stands as a request, or what it answers; undefined for a message that expects nothing. */
  requestState(row: MessageRow): RequestState | undefined {
    return this.pairs.stateOf(row);
  }

  /** Requests still waiting for an answer, newest first: what "Respond…" can answer. */
  pendingRequests(clientKeyText?: string): MessageRow[] {
    return this.pairs.pending(clientKeyText);
  }

  hookPresence(): "absent" | "late" | "full" {
    return this.registry.hookPresence();
  }

  private reject(frameId: number, kind: string | undefined, reason: string): void {
    this.rejected++;
    this.registry.addRejection(frameId, Date.now(), kind, reason);
    this.changed();
  }

  private changed(): void {
    if (this.notifyScheduled) return;
    this.notifyScheduled = true;
    setTimeout(() => {
      this.notifyScheduled = false;
      this.version.value++;
    }, NOTIFY_INTERVAL_MS);
  }

  private ingestOne(frameId: number, event: PageToPanel): void {
    switch (event.kind) {
      case "hook-ready":
        this.registry.hookReady(frameId, { url: event.url, isTop: event.isTop, late: event.late === true });
        if (event.isTop) this.startSession(event.t, event.url);
        return;
      case "client-added":
        this.registry.add(frameId, event.client, event.t);
        return;
      case "client-updated":
        this.registry.update(frameId, event.clientId, event.patch);
        return;
      case "client-removed":
        this.registry.remove(frameId, event.clientId, event.t);
        return;
      case "hook-error":
        this.registry.addProblem({ frameId, t: event.t, where: event.where, message: event.message });
        return;
      case "dropped":
        this.dropped += event.count;
        return;
      case "command-result":
        return;
      case "connection":
        this.registry.addConnection(frameId, event);
        return;
      case "request-timeout":
        this.pairs.timedOut(clientKey(frameId, event.clientId), event.requestId, event.t);
        return;
      case "request-rejected":
        this.pairs.rejectedByClient(clientKey(frameId, event.clientId), event.requestId, event.t, event.reason);
        return;
      case "pause-ended": {
        const key = `${clientKey(frameId, event.clientId)}:${event.messageId}`;
        const row = this.waiting.get(key);
        if (!row) return;
        this.waiting.delete(key);
        row.pause = { outcome: event.outcome, t: event.t, ...(event.msg && { msg: event.msg }) };
        return;
      }
      case "message": {
        const row = rowFromEvent(event, frameId, this.log.takeSeq(), this.session);
        this.log.addMessage(row);
        if (row.rule?.effect === "paused") this.waiting.set(`${row.clientKey}:${row.messageId}`, row);
        if (row.rtviId !== undefined) this.pairs.add(row, row.rtviId);
        this.registry.learnFromMessage(row.clientKey, event.msg);
        return;
      }
      default:
        throw new Error(`unknown event kind ${JSON.stringify(String((event as { kind: unknown }).kind).slice(0, 64))}`);
    }
  }

  private startSession(t: number, url: string): void {
    this.session++;
    const keep = this.keepEarlierSessions();
    if (!keep) this.clear();
    this.registry.newDocument(t, keep);
    this.log.addMarker(this.session, t, url);
  }
}

export type { SessionStore };

export function createSessionStore(options: SessionStoreOptions = {}): SessionStore {
  return new SessionStore(options);
}
