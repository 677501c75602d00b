// Runs in the panel. Rules made from a log row (panel/composer/RowActions.tsx): "Break on this
// type" and "Mock a reply…". A row's message is read back from its JSON (page data: only its
// `t`, a string, is taken).
import type { Rule } from "../../src/shared/protocol";
import { rowMessage, type MessageRow, type SessionStore } from "../model/store";
import { formatData } from "../composer/templates";
import { newDraft, REQUEST_TYPE, withAction, type RuleDraft } from "./ruleDraft";

/**
 * Types whose `data.t` names what they are for: client-js's ClientMessageData `{t, d}`, and the
 * `client-request` the protocol's rule match also names (src/shared/protocol/rules.ts).
 */
const TYPED_REQUESTS = new Set([REQUEST_TYPE, "client-request"]);

/** The row's `data.t` when its type carries one; undefined otherwise or when it cannot be read. */
export function requestTypeOfRow(row: MessageRow): string | undefined {
  if (!TYPED_REQUESTS.has(row.type)) return undefined;
  try {
    const data = rowMessage(row).data as { t?: unknown } | null | undefined;
    return typeof data?.t === "string" && data.t !== "" ? data.t : undefined;
  } catch {
    return undefined;
  }
}

/** Break on the row's direction and type, and its request type when it has one. */
export function breakDraftFor(row: MessageRow): RuleDraft {
  return {
    ...newDraft(),
    direction: row.dir,
    type: row.type,
    requestType: requestTypeOfRow(row) ?? "",
    action: "break",
  };
}

/**
 * Whether the row is a request the app awaits an answer to: what a Respond rule can answer. The
 * hook marks sendClientRequest's messages (`row.request`); a `client-request` is one by its type.
 */
export function isAwaitedRequest(row: MessageRow): boolean {
  return row.dir === "out" && (row.request !== undefined || row.type === "client-request");
}

/** The `d` the request was answered with, when the log has its server-response. */
function answeredData(store: SessionStore, row: MessageRow): unknown {
  const state = store.requestState(row);
  if (state?.state !== "answered" || state.answer.type !== "server-response") return undefined;
  try {
    return (rowMessage(state.answer).data as { d?: unknown } | null | undefined)?.d;
  } catch {
    return undefined;
  }
}

/** Respond to requests like the row: its type and request type, answered with what the bot answered (or {}). */
export function mockDraftFor(store: SessionStore, row: MessageRow): RuleDraft {
  const draft = withAction({ ...newDraft(), type: row.type, requestType: requestTypeOfRow(row) ?? "" }, "respond");
  return { ...draft, response: formatData(answeredData(store, row) ?? {}) };
}

/** Whether two rules match the same messages. */
export function sameMatch(a: Rule["match"], b: Rule["match"]): boolean {
  return (
    a.direction === b.direction &&
    a.type === b.type &&
    a.requestType === b.requestType &&
    a.data === b.data &&
    a.clientId === b.clientId
  );
}
