// Runs in the panel. Which rows of the log fold into one row: the `bot-llm-text` tokens of one
// LLM response (between `bot-llm-started` and `bot-llm-stopped`, per client), and the updates of
// one `bot-output` segment within a turn. A real server sends a `bot-output` when a segment is
// made and then once per spoken word, and the "new" and "completed" updates of one sentence may
// carry different `segment_id`s (80 then 115 in the session recorded from Pipecat's own server,
// test/shared/fixtures/real-pipecat-text-session.json), so a segment is found by its id or,
// while it is not completed, by its text.
//
// Fed every row in order by the filtered view (panel/model/filter.ts), it keeps per client only
// what is open, so a row costs a type comparison, and a grouped one a map lookup or two.
import { rowMessage, type LogEntry, type MessageRow } from "./store";

export type GroupedType = "bot-llm-text" | "bot-output";

export interface RowGroup {
  type: GroupedType;
  /** The seq of its first row. The group's key in the view is its negation (seqs start at 1). */
  headSeq: number;
  clientKey: string;
  /** Positions in the log's rows of its members that the filter shows, in order. */
  members: number[];
  /** Where it stands in the filtered view's slots (FilteredLog.indices): its first member's place. */
  slot: number;
  /** bot-output: a "completed" update came, so a later segment with the same text is another one. */
  completed: boolean;
}

interface ClientGroups {
  /** Between bot-llm-started and bot-llm-stopped. */
  llmOpen: boolean;
  llm: RowGroup | undefined;
  segmentsById: Map<string, RowGroup>;
  segmentsByText: Map<string, RowGroup>;
}

/** What of a `bot-output` places it: the page's data, so each field is checked. */
function segmentOf(row: MessageRow): { id: string | undefined; text: string | undefined; completed: boolean } {
  let data: unknown;
  try {
    data = rowMessage(row).data;
  } catch {
    // A row cut to the hook's size cap is no longer JSON: it stands alone.
    return { id: undefined, text: undefined, completed: false };
  }
  const fields = (typeof data === "object" && data !== null ? data : {}) as Record<string, unknown>;
  const id = fields.segment_id;
  return {
    id: typeof id === "number" || typeof id === "string" ? String(id) : undefined,
    text: typeof fields.text === "string" ? fields.text : undefined,
    completed: fields.spoken_status === "completed",
  };
}

export class RowGrouper {
  private readonly clients = new Map<string, ClientGroups>();
  private lastKey: string | undefined;
  private last: ClientGroups | undefined;

  /**
   * Takes the next row of the log. `shown`: the filter shows it (only a shown row joins a group;
   * a hidden one still opens or closes a response or a turn). Returns the group the row joins,
   * new (no members yet) or open, or undefined for a row that stands alone.
   */
  take(row: LogEntry, shown: boolean): RowGroup | undefined {
    if (row.kind === "marker") {
      // A new document: what was open in the last one is over.
      this.clients.clear();
      this.lastKey = undefined;
      this.last = undefined;
      return undefined;
    }
    if (row.dir !== "in") return undefined;
    switch (row.type) {
      case "bot-llm-started":
      case "bot-llm-stopped": {
        const state = this.client(row.clientKey);
        state.llmOpen = row.type === "bot-llm-started";
        state.llm = undefined;
        return undefined;
      }
      case "user-started-speaking":
      case "bot-interrupted": {
        // A new turn: segments of the last one no longer take updates by text.
        const state = this.client(row.clientKey);
        if (state.segmentsById.size > 0) {
          state.segmentsById = new Map();
          state.segmentsByText = new Map();
        }
        return undefined;
      }
      case "bot-llm-text": {
        if (!shown) return undefined;
        const state = this.client(row.clientKey);
        if (!state.llmOpen) return undefined;
        state.llm ??= newGroup("bot-llm-text", row);
        return state.llm;
      }
      case "bot-output":
        return shown ? this.segment(row) : undefined;
      default:
        return undefined;
    }
  }

  private segment(row: MessageRow): RowGroup | undefined {
    const { id, text, completed } = segmentOf(row);
    if (id === undefined && text === undefined) return undefined;
    const state = this.client(row.clientKey);
    let group = id === undefined ? undefined : state.segmentsById.get(id);
    if (!group && text !== undefined) {
      const byText = state.segmentsByText.get(text);
      if (byText && !byText.completed) group = byText;
    }
    group ??= newGroup("bot-output", row);
    if (id !== undefined) state.segmentsById.set(id, group);
    if (text !== undefined) state.segmentsByText.set(text, group);
    if (completed) group.completed = true;
    return group;
  }

  private client(key: string): ClientGroups {
    if (key === this.lastKey && this.last) return this.last;
    let state = this.clients.get(key);
    if (!state) {
      state = { llmOpen: false, llm: undefined, segmentsById: new Map(), segmentsByText: new Map() };
      this.clients.set(key, state);
    }
    this.lastKey = key;
    this.last = state;
    return state;
  }
}

function newGroup(type: GroupedType, head: MessageRow): RowGroup {
  return { type, headSeq: head.seq, clientKey: head.clientKey, members: [], slot: -1, completed: false };
}
