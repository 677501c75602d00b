// Runs in the panel. The log's rows in arrival order: messages, each kept as its JSON text, and
// a marker where each document of the top frame began; the count per type, and the limits
// past which the oldest tenth goes at once.
//
// A row keeps its message as the JSON text, not the object: at 100 000 rows that is the
// difference between one copy of the data and three (the memory row of bench/rows/panel.ts),
// and the text is what filters search anyway. The object is parsed back for the rows on screen.
import type { CaptureLevel, Direction, PauseOutcome, RtviMessage, RuleMark } from "../../src/shared/protocol";
import type { Category } from "./categories";

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
  /** Why the client never got this message (a frame it could not decode). */
  undelivered?: string;
  /** What one of the panel's rules did to it, or that a rule made it. */
  rule?: RuleMark;
  /** Inbound, handled by the client: the events it emitted meanwhile and their listeners then. */
  emitted?: readonly { event: string; listeners: number }[];
  /** A paused message's wait, once it ended: how, when, and the message as sent when edited. */
  pause?: { outcome: PauseOutcome; t: number; msg?: RtviMessage };
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

export interface TypeCount {
  type: string;
  category: Category;
  count: number;
}

/**
 * What the panel keeps of a session: a real app sends 1 000–1 500 messages a second, so an
 * hour would otherwise take gigabytes. Past either limit the oldest tenth goes, and the status
 * says how many (`removed`). The bench's 100 000 messages of 1 KB (~100 MB of JSON) fit.
 */
export const PANEL_LIMITS = { rows: 500_000, jsonChars: 128 * 1024 * 1024 };

export type PanelLimits = typeof PANEL_LIMITS;

export class RowLog {
  rows: LogEntry[] = [];
  /** Messages per type in the log, for the type chips. */
  readonly typeCounts = new Map<string, TypeCount>();
  /** The oldest messages let go to stay within the limits. */
  removed = 0;
  /** Messages the hook cut to its size cap. */
  truncated = 0;
  /** The time of each session's first row (walking the rows for it cost a walk per row rendered). */
  private readonly sessionStarts = new Map<number, number>();
  private markerCount = 0;
  /** Characters of the messages' JSON in `rows`. */
  private jsonChars = 0;
  private nextSeq = 1;

  constructor(private readonly limits: PanelLimits) {}

  /** The seq the next row gets. */
  takeSeq(): number {
    return this.nextSeq++;
  }

  addMarker(session: number, t: number, url: string): void {
    this.append({ kind: "marker", seq: this.takeSeq(), session, t, url });
    this.markerCount++;
  }

  addMessage(row: MessageRow): void {
    if (row.truncated) this.truncated++;
    this.jsonChars += row.json.length;
    this.append(row);
    const counted = this.typeCounts.get(row.type);
    if (counted) counted.count++;
    else this.typeCounts.set(row.type, { type: row.type, category: row.category, count: 1 });
  }

  /** Rows are only ever appended, here: each session's first one is noted as it comes. */
  private append(row: LogEntry): void {
    if (!this.sessionStarts.has(row.session)) this.sessionStarts.set(row.session, row.t);
    this.rows.push(row);
  }

  isOverLimits(): boolean {
    return this.rows.length > this.limits.rows || this.jsonChars > this.limits.jsonChars;
  }

  /**
   * Lets the oldest rows go, in bulk, until the log is within nine tenths of its limits.
   * Returns the message rows that went, so what points at them (request pairs) can let go too.
   */
  removeOldest(): MessageRow[] {
    const rowsTarget = this.limits.rows * 0.9;
    const charsTarget = this.limits.jsonChars * 0.9;
    let rows = this.rows.length;
    let chars = this.jsonChars;
    let count = 0;
    const gone: MessageRow[] = [];
    while (count < this.rows.length && (rows > rowsTarget || chars > charsTarget)) {
      const row = this.rows[count++];
      rows--;
      if (row.kind === "marker") {
        this.markerCount--;
        continue;
      }
      chars -= row.json.length;
      gone.push(row);
      const counted = this.typeCounts.get(row.type);
      if (counted && --counted.count === 0) this.typeCounts.delete(row.type);
    }
    this.removed += gone.length;
    this.jsonChars = chars;
    // A new array: the filtered view sees it and scans again, once per removal of a tenth.
    this.rows = this.rows.slice(count);
    return gone;
  }

  /** Empties the log. Seqs keep increasing, so a seq never names two rows. */
  clear(): void {
    this.rows = [];
    this.sessionStarts.clear();
    this.typeCounts.clear();
    this.markerCount = 0;
    this.jsonChars = 0;
    this.removed = 0;
    this.truncated = 0;
  }

  messageCount(): number {
    return this.rows.length - this.markerCount;
  }

  /** How many rows, from the start, have a seq up to `seq` (rows are in seq order). */
  countUpTo(seq: number): number {
    let low = 0;
    let high = this.rows.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.rows[middle].seq <= seq) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Finds a row by its seq. */
  rowBySeq(seq: number): LogEntry | undefined {
    const index = this.countUpTo(seq) - 1;
    const row = this.rows[index];
    return row?.seq === seq ? row : undefined;
  }

  /** The session a row belongs to began at this time (the first message, if no marker). */
  sessionStart(session: number): number | undefined {
    return this.sessionStarts.get(session);
  }
}

/** Parses a row's message back into an object (for the rows on screen and the detail view). */
export function rowMessage(row: MessageRow): RtviMessage {
  return JSON.parse(row.json) as RtviMessage;
}
