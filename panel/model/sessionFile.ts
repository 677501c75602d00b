// A session saved to a file and read back, to look at offline with no page attached: the
// clients, every row with its timing, and the losses the bridge reported. Versioned so a
// later panel can still read today's files; a file is untrusted input like any page data.
import { isPageToPanel, type PageToPanel } from "../../src/shared/protocol";
import { rowMessage, SessionStore, type ClientView, type HookProblem } from "./store";

export const SESSION_FILE_FORMAT = "pipecat-devtools-session";
export const SESSION_FILE_VERSION = 1;

type FileRow =
  | { kind: "marker"; t: number; url: string }
  | { kind: "message"; frameId: number; event: Extract<PageToPanel, { kind: "message" }>; timedOutAt?: number };

export interface SessionFile {
  format: typeof SESSION_FILE_FORMAT;
  version: typeof SESSION_FILE_VERSION;
  exportedAt: string;
  clients: ClientView[];
  rows: FileRow[];
  problems: HookProblem[];
  dropped: number;
  truncated: number;
  rejected: number;
  /** The oldest messages the panel let go before the export (absent in older files). */
  removed?: number;
}

export function exportSession(store: SessionStore): SessionFile {
  const rows: FileRow[] = store.rows.map((row) => {
    if (row.kind === "marker") return { kind: "marker", t: row.t, url: row.url };
    const state = store.requestState(row);
    return {
      kind: "message",
      frameId: row.frameId,
      event: {
        kind: "message",
        messageId: row.messageId,
        t: row.t,
        clientId: row.clientId,
        dir: row.dir,
        level: row.level,
        size: row.size,
        msg: rowMessage(row),
        ...(row.truncated ? { truncated: true } : {}),
        ...(row.origin ? { origin: row.origin } : {}),
        ...(row.request ? { request: row.request } : {}),
      },
      ...(state?.state === "timed-out" ? { timedOutAt: state.at } : {}),
    };
  });
  return {
    format: SESSION_FILE_FORMAT,
    version: SESSION_FILE_VERSION,
    exportedAt: new Date().toISOString(),
    clients: [...store.clients.values()],
    rows,
    problems: store.problems,
    dropped: store.dropped,
    truncated: store.truncated,
    rejected: store.rejected,
    removed: store.removed,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isClientView(value: unknown): value is ClientView {
  return (
    isRecord(value) &&
    typeof value.key === "string" &&
    typeof value.clientId === "string" &&
    typeof value.frameId === "number" &&
    Array.isArray(value.connections)
  );
}

/** Reads a file back into a store of its own; rows that fail the checks are counted as rejected. */
export function importSession(text: string): { store: SessionStore } | { error: string } {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch (error) {
    return { error: `Not a session file: ${(error as Error).message}` };
  }
  if (!isRecord(file) || file.format !== SESSION_FILE_FORMAT) return { error: "Not a Pipecat DevTools session file" };
  if (file.version !== SESSION_FILE_VERSION) {
    return { error: `Session file version ${String(file.version)} is not supported (this panel reads version ${SESSION_FILE_VERSION})` };
  }
  if (!Array.isArray(file.rows) || !Array.isArray(file.clients)) return { error: "The session file has no rows or clients" };

  const store = new SessionStore();
  store.preserveLog = true;
  let rejected = 0;
  for (const row of file.rows as unknown[]) {
    if (isRecord(row) && row.kind === "marker" && typeof row.t === "number" && typeof row.url === "string") {
      store.ingest(0, [{ kind: "hook-ready", t: row.t, url: row.url, isTop: true, hookVersion: "file", late: false }]);
    } else if (isRecord(row) && row.kind === "message" && typeof row.frameId === "number" && isPageToPanel(row.event) && row.event.kind === "message") {
      const event = row.event;
      const events: PageToPanel[] = [event];
      if (typeof row.timedOutAt === "number" && typeof event.msg.id === "string") {
        events.push({ kind: "request-timeout", t: row.timedOutAt, clientId: event.clientId, requestId: event.msg.id });
      }
      store.ingest(row.frameId, events);
    } else {
      rejected++;
    }
  }
  // Clients as they were at export time (their versions, state and connection calls).
  store.clients = new Map((file.clients as unknown[]).filter(isClientView).map((client) => [client.key, client]));
  const count = (value: unknown) => (typeof value === "number" && value >= 0 ? value : 0);
  store.dropped = count(file.dropped);
  store.truncated = count(file.truncated);
  store.rejected = count(file.rejected) + rejected;
  store.removed = count(file.removed);
  if (Array.isArray(file.problems)) store.problems = file.problems.filter(isRecord) as unknown as HookProblem[];
  return { store };
}
