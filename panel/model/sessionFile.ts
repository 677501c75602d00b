// Runs in the panel. A session saved to a file and read back, to look at offline with no page
// attached: the clients, every row with its timing, and the losses the bridge reported.
// Messages are kept as the `message` events the hook sent (their declaration is the
// protocol's, src/shared/protocol/pageToPanel.ts; ./messageRow.ts converts), so a file is
// read back through the same validators as a page's batch: a file is untrusted input like
// any page data. Secrets are masked unless the user asks for them (./exportSecrets.ts), and
// the file says which. Versioned so a later panel can still read today's files.
import * as v from "valibot";
import {
  clientInfoSchema,
  connectionCallSchema,
  pauseOutcomeSchema,
  rtviMessageSchema,
  validatePageEvent,
  type PageToPanel,
} from "../../src/shared/protocol";
import { count, json, shortText, text, time } from "../../src/shared/protocol/fields";
import { maskClientSecrets } from "./exportSecrets";
import { eventFromRow, type MessageEvent } from "./messageRow";
import type { MessageRow } from "./rowLog";
import { clientKey, createSessionStore, type ClientView, type SavedState, type SessionStore } from "./store";

export const SESSION_FILE_FORMAT = "pipecat-devtools-session";
/** 2 added `secrets` and `rejections`; a version 1 file is read the same way. */
export const SESSION_FILE_VERSION = 2;
const READABLE_VERSIONS: readonly unknown[] = [1, SESSION_FILE_VERSION];

type FileRow =
  | { kind: "marker"; t: number; url: string }
  | {
      kind: "message";
      frameId: number;
      event: MessageEvent;
      timedOutAt?: number;
      /** The client rejected the request itself: when, and its reason. */
      rejected?: { t: number; reason: string };
      /** A paused message's wait ended: how, when, and the message as sent when edited. */
      pauseEnded?: MessageRow["pause"];
    };

/** The file: what a saved session restores besides its rows (SavedState), and the rows. */
export interface SessionFile extends SavedState {
  format: typeof SESSION_FILE_FORMAT;
  version: typeof SESSION_FILE_VERSION;
  exportedAt: string;
  /** Whether credentials were written as they are, and the paths of those masked. */
  secrets: { included: boolean; masked: string[] };
  rows: FileRow[];
}

export function exportSession(store: SessionStore, { includeSecrets }: { includeSecrets: boolean }): SessionFile {
  const rows: FileRow[] = store.rows.map((row) => {
    if (row.kind === "marker") return { kind: "marker", t: row.t, url: row.url };
    const state = store.requestState(row);
    const fileRow: FileRow = { kind: "message", frameId: row.frameId, event: eventFromRow(row) };
    if (state?.state === "timed-out") fileRow.timedOutAt = state.at;
    if (state?.state === "rejected") fileRow.rejected = { t: state.at, reason: state.reason };
    if (row.pause) fileRow.pauseEnded = row.pause;
    return fileRow;
  });
  const clients = [...store.clients.values()];
  const masked = includeSecrets ? { clients, masked: [] } : maskClientSecrets(clients);
  return {
    format: SESSION_FILE_FORMAT,
    version: SESSION_FILE_VERSION,
    exportedAt: new Date().toISOString(),
    secrets: { included: includeSecrets, masked: masked.masked },
    clients: masked.clients,
    rows,
    problems: [...store.problems],
    rejections: [...store.rejections],
    dropped: store.dropped,
    truncated: store.truncated,
    rejected: store.rejected,
    removed: store.removed,
  };
}

// The panel's own records, checked as strictly as the page's events they are made of.
const frameId = count;
const savedClientSchema = v.strictObject({
  ...clientInfoSchema.entries,
  key: v.pipe(v.string(), v.maxLength(512)),
  frameId,
  url: v.optional(text),
  addedAt: time,
  removedAt: v.optional(time),
  connections: v.pipe(v.array(v.strictObject({ t: time, ...connectionCallSchema.entries })), v.maxLength(10_000)),
  library: v.optional(text),
  botCapabilities: v.optional(json),
  protocolRefusal: v.optional(text),
});
const problemSchema = v.strictObject({ frameId, t: time, where: shortText, message: text });
const rejectionSchema = v.strictObject({ frameId, t: time, kind: v.optional(shortText), reason: text });
const markerRowSchema = v.strictObject({ kind: v.literal("marker"), t: time, url: text });
const messageRowSchema = v.strictObject({
  kind: v.literal("message"),
  frameId,
  event: v.unknown(),
  timedOutAt: v.optional(time),
  rejected: v.optional(v.strictObject({ t: time, reason: text })),
  pauseEnded: v.optional(v.strictObject({ t: time, outcome: pauseOutcomeSchema, msg: v.optional(rtviMessageSchema) })),
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The items of `list` that pass `schema`, as its output (declared keys only); the others are counted. */
function checkedItems<T>(list: unknown, schema: v.GenericSchema<unknown, T>, onRejected: () => void): T[] {
  if (!Array.isArray(list)) return [];
  const items: T[] = [];
  for (const item of list) {
    const result = v.safeParse(schema, item);
    if (result.success) items.push(result.output);
    else onRejected();
  }
  return items;
}

/** A saved client as a view: its key made again from the fields it is made of, never taken from the file. */
function clientView(saved: v.InferOutput<typeof savedClientSchema>): ClientView {
  return { ...saved, key: clientKey(saved.frameId, saved.clientId) };
}

/** The events a saved row stands for, or undefined when it fails the checks. */
function rowEvents(row: unknown): { frameId: number; events: PageToPanel[] } | undefined {
  const marker = v.safeParse(markerRowSchema, row);
  if (marker.success) {
    const { t, url } = marker.output;
    return { frameId: 0, events: [{ kind: "hook-ready", t, url, isTop: true, hookVersion: "file", late: false }] };
  }
  const message = v.safeParse(messageRowSchema, row);
  if (!message.success) return undefined;
  const check = validatePageEvent(message.output.event);
  if (!check.ok || check.event.kind !== "message") return undefined;
  const event = check.event;
  const events: PageToPanel[] = [event];
  const { timedOutAt } = message.output;
  if (timedOutAt !== undefined && typeof event.msg.id === "string" && event.msg.id !== "") {
    events.push({ kind: "request-timeout", t: timedOutAt, clientId: event.clientId, requestId: event.msg.id });
  }
  const { rejected } = message.output;
  if (rejected !== undefined && typeof event.msg.id === "string" && event.msg.id !== "") {
    const { t, reason } = rejected;
    events.push({ kind: "request-rejected", t, clientId: event.clientId, requestId: event.msg.id, reason });
  }
  const { pauseEnded } = message.output;
  if (pauseEnded !== undefined) {
    events.push({ kind: "pause-ended", clientId: event.clientId, messageId: event.messageId, ...pauseEnded });
  }
  return { frameId: message.output.frameId, events };
}

/** Reads a file back into a store of its own; entries that fail the checks are counted as rejected. */
export function importSession(textOfFile: string): { store: SessionStore } | { error: string } {
  let file: unknown;
  try {
    file = JSON.parse(textOfFile);
  } catch (error) {
    return { error: `Not a session file: ${(error as Error).message}` };
  }
  if (!isRecord(file) || file.format !== SESSION_FILE_FORMAT) return { error: "Not a Pipecat DevTools session file" };
  if (!READABLE_VERSIONS.includes(file.version)) {
    return {
      error: `Session file version ${String(file.version).slice(0, 40)} is not supported (this panel reads version ${SESSION_FILE_VERSION})`,
    };
  }
  if (!Array.isArray(file.rows) || !Array.isArray(file.clients))
    return { error: "The session file has no rows or clients" };

  const store = createSessionStore({ source: "file", keepEarlierSessions: () => true });
  let rejected = 0;
  const onRejected = () => rejected++;
  for (const row of file.rows as unknown[]) {
    const read = rowEvents(row);
    if (read) store.ingest(read.frameId, read.events);
    else onRejected();
  }
  const savedCount = (value: unknown) => {
    const result = v.safeParse(count, value);
    return result.success ? result.output : 0;
  };
  // Clients as they were at export time (their versions, state and connection calls).
  const clients = checkedItems(file.clients, savedClientSchema, onRejected).map(clientView);
  const problems = checkedItems(file.problems, problemSchema, onRejected);
  const rejections = checkedItems(file.rejections, rejectionSchema, onRejected);
  store.restoreSaved({
    clients,
    problems,
    rejections,
    dropped: savedCount(file.dropped),
    truncated: savedCount(file.truncated),
    rejected: savedCount(file.rejected) + rejected + store.rejected,
    removed: savedCount(file.removed),
  });
  return { store };
}
