// Runs in the panel (and in the bench, under Node). The Conversation view's model of one
// client, derived from the rows the store already holds (panel/model/store.ts), live or
// imported alike: nothing new is captured for it.
//
// It is incremental: each sync takes only the rows after the last one it saw (found by the
// store's binary search), skips other clients' rows and the types it does not read (audio
// levels, most of a session) by `row.type` before any parsing, and parses a row's JSON only
// for the types whose data it reads. The store only appends rows, and past its limits lets
// the oldest tenth go at once (panel/model/rowLog.ts): what began before the new oldest row
// goes with it, and a cleared log starts the model again.
import type { LogEntry, SessionStore } from "../model/store";
import { readMetrics } from "./metricsReport";
import { isTurnEvent, needsMessage, TurnBuilder } from "./turnBuilder";
import type { FunctionCall, Mark, TokenReport, TtfbReport, Turn } from "./types";
import { serviceKind } from "./metricsReport";

const NO_DATA: Record<string, unknown> = {};

function dataOf(json: string): Record<string, unknown> {
  const data = (JSON.parse(json) as { data?: unknown }).data;
  return data && typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>) : NO_DATA;
}

interface CharacterReport {
  t: number;
  seq: number;
  value: number;
}

export class ConversationModel {
  /** Bumped by each sync that took something in. */
  version = 0;
  /** Time to first byte reported over the session, for the chart. */
  ttfb: TtfbReport[] = [];
  tokens: TokenReport[] = [];
  characters: CharacterReport[] = [];
  /** The pipeline's services, from the server's first metrics message when it is all zeros. */
  services?: { names: string[]; seq: number };
  /** The client's first message (client-ready, usually) and the server's bot-ready. */
  firstMessage?: Mark;
  botReady?: Mark;
  /** The newest row's time: where open spans end, and the timeline's live edge. */
  lastT = 0;
  /** Turns that went with the log's oldest rows. */
  droppedTurns = 0;

  private builder = new TurnBuilder();
  private metricsSeen = false;
  private firstSeq = 0;
  private lastSeq = 0;

  constructor(readonly clientKey: string) {}

  get turns(): readonly Turn[] {
    return this.builder.turns;
  }
  get calls(): readonly FunctionCall[] {
    return this.builder.calls.calls;
  }
  get vad() {
    return this.builder.vad;
  }

  /** Takes the store's rows it has not seen yet; returns whether anything changed. */
  sync(store: SessionStore): boolean {
    const rows = store.rows;
    const before = this.version;
    if (rows.length === 0) {
      if (this.lastSeq !== 0) this.reset();
      return this.version !== before;
    }
    if (rows[0].seq !== this.firstSeq && this.lastSeq !== 0) {
      if (rows[0].seq > this.lastSeq) this.reset();
      else this.dropBefore(rows[0].seq);
    }
    this.firstSeq = rows[0].seq;
    const from = this.lastSeq === 0 ? 0 : store.countUpTo(this.lastSeq);
    if (from < rows.length) {
      this.takeRows(rows, from);
      this.lastSeq = rows[rows.length - 1].seq;
    }
    return this.version !== before;
  }

  private takeRows(rows: readonly LogEntry[], from: number): void {
    const key = this.clientKey;
    const builder = this.builder;
    let changed = false;
    for (let index = from; index < rows.length; index++) {
      const row = rows[index];
      if (row.kind !== "message") {
        builder.newDocument();
        continue;
      }
      if (row.clientKey !== key) continue;
      const type = row.type;
      if (this.firstMessage === undefined) {
        this.firstMessage = { t: row.t, seq: row.seq };
        changed = true;
      }
      if (isTurnEvent(type)) {
        builder.take(type, row.dir, { t: row.t, seq: row.seq }, needsMessage(type) ? dataOf(row.json) : NO_DATA);
      } else if (type === "metrics" && row.dir === "in") {
        this.takeMetrics(dataOf(row.json), { t: row.t, seq: row.seq });
      } else if (type === "bot-ready" && row.dir === "in") {
        this.botReady ??= { t: row.t, seq: row.seq };
      } else {
        continue;
      }
      this.lastT = row.t;
      changed = true;
    }
    if (changed) this.version++;
  }

  private takeMetrics(data: Record<string, unknown>, mark: Mark): void {
    const report = readMetrics(data);
    if (!this.metricsSeen && report.processors.length > 0) {
      this.metricsSeen = true;
      if (report.allZero) {
        this.services = { names: report.processors, seq: mark.seq };
        return;
      }
    }
    for (const { processor, ms } of report.ttfb) {
      this.ttfb.push({ processor, service: serviceKind(processor), ms, t: mark.t, seq: mark.seq });
    }
    if (report.tokens) this.tokens.push({ ...report.tokens, t: mark.t, seq: mark.seq });
    if (report.characters) this.characters.push({ t: mark.t, seq: mark.seq, value: report.characters });
    this.builder.addMetrics(report, mark);
  }

  private dropBefore(seq: number): void {
    const before = this.builder.turns.length;
    this.builder.dropBefore(seq);
    this.droppedTurns += before - this.builder.turns.length;
    this.ttfb = this.ttfb.filter((report) => report.seq >= seq);
    this.tokens = this.tokens.filter((report) => report.seq >= seq);
    this.characters = this.characters.filter((report) => report.seq >= seq);
    if (this.services && this.services.seq < seq) this.services = undefined;
    if (this.firstMessage && this.firstMessage.seq < seq) this.firstMessage = undefined;
    if (this.botReady && this.botReady.seq < seq) this.botReady = undefined;
    this.version++;
  }

  private reset(): void {
    this.builder = new TurnBuilder();
    this.ttfb = [];
    this.tokens = [];
    this.characters = [];
    this.services = undefined;
    this.firstMessage = this.botReady = undefined;
    this.metricsSeen = false;
    this.droppedTurns = 0;
    this.lastT = 0;
    this.firstSeq = this.lastSeq = 0;
    this.version++;
  }
}

const models = new WeakMap<SessionStore, Map<string, ConversationModel>>();

/** The model of one client of a store, kept across renders and brought up to date. */
export function conversationOf(store: SessionStore, clientKey: string): ConversationModel {
  let byClient = models.get(store);
  if (!byClient) {
    byClient = new Map();
    models.set(store, byClient);
  }
  let model = byClient.get(clientKey);
  if (!model) {
    model = new ConversationModel(clientKey);
    byClient.set(clientKey, model);
  }
  model.sync(store);
  return model;
}
