// Runs in the panel. Faked answers to the requests the log shows as pending: what a
// server-response or error-response carries, and filling the raw inbound draft with one.
import { rowMessage, type MessageRow } from "../model/store";
import type { DraftState } from "./draft";
import { parseJson } from "./json";
import { formatData } from "./templates";

export type AnswerKind = "server-response" | "error-response";

/** The data of a faked answer to a request of type `requestType` (client-message's `t`). */
export function answerData(kind: AnswerKind, requestType: string): unknown {
  return kind === "server-response" ? { t: requestType, d: {} } : { error: "Faked from Pipecat DevTools" };
}

/** The `t` of a client-message request (what server-response's `t` repeats). */
export function requestTypeOf(row: MessageRow): string {
  try {
    const data = rowMessage(row).data as { t?: unknown } | undefined;
    return typeof data?.t === "string" ? data.t : row.type;
  } catch {
    return row.type;
  }
}

/** The `t` in an answer's data as typed, for switching between the two kinds of answer. */
export function typedRequestType(dataText: string): string {
  const parsed = parseJson(dataText);
  const t = parsed.ok ? (parsed.value as { t?: unknown } | null)?.t : undefined;
  return typeof t === "string" ? t : "";
}

/** How a pending request is listed: a client-message by its `t`, anything else by its type. */
export function describePending(row: MessageRow): string {
  return row.type === "client-message" ? requestTypeOf(row) : row.type;
}

/**
 * Fills the raw inbound mode with an answer to a pending request: its id, and a server-response
 * `{t, d}` (or an error-response `{error}`). client-ready is answered by bot-ready.
 */
export function fillAnswer(drafts: DraftState, row: MessageRow, kind: AnswerKind = "server-response"): void {
  const id = row.rtviId ?? "";
  if (row.type === "client-ready") {
    drafts.fill("raw-in", { type: "bot-ready", id, data: formatData({ version: "2.1.0", about: {} }) });
    return;
  }
  const requestType = requestTypeOf(row);
  drafts.fill(
    "raw-in",
    { type: kind, id, data: formatData(answerData(kind, requestType)) },
    { rtviId: id, requestType, clientKey: row.clientKey },
  );
}
