// Runs in the panel. The one place a `message` event (its declaration is in src/shared/protocol)
// becomes a log row and a row becomes that event again (a session file keeps the events as
// the hook sent them), so the two directions cannot drift apart.
import type { PageToPanel } from "../../src/shared/protocol";
import { NON_ASCII } from "../../src/shared/utf8";
import { categoryOf } from "./categories";
import { clientKey } from "./clientRegistry";
import type { MessageRow } from "./rowLog";

export type MessageEvent = Extract<PageToPanel, { kind: "message" }>;

const utf8 = new TextEncoder();

/** UTF-8 bytes of a message's JSON: its length when it is ASCII, as RTVI JSON mostly is. */
function utf8Length(json: string): number {
  return NON_ASCII.test(json) ? utf8.encode(json).length : json.length;
}

/** A validated event as a row of the log; the frame is the one the browser named for its batch. */
export function rowFromEvent(event: MessageEvent, frameId: number, seq: number, session: number): MessageRow {
  const msg = event.msg;
  const json = JSON.stringify(msg);
  const type = msg.type;
  const row: MessageRow = {
    kind: "message",
    seq,
    session,
    frameId,
    clientKey: clientKey(frameId, event.clientId),
    clientId: event.clientId,
    messageId: event.messageId,
    t: event.t,
    dir: event.dir,
    level: event.level,
    type,
    category: categoryOf(type),
    // A frame the client dropped answers nothing it asked, whatever it carries (./requestPairs.ts pairs by this id).
    rtviId: typeof msg.id === "string" && event.undelivered === undefined ? msg.id : undefined,
    size: event.size ?? utf8Length(json),
    json,
    truncated: event.truncated === true,
    // Every field set, present or not: one shape for every row keeps ingest and the filter's scan fast.
    origin: event.origin,
    request: event.request === undefined ? undefined : { timeoutMs: event.request.timeoutMs },
    undelivered: event.undelivered,
    rule: event.rule,
    emitted: event.emitted,
    pause: undefined,
  };
  return row;
}

/** The event a row was made from (its `size` made explicit, as the row measured it). */
export function eventFromRow(row: MessageRow): MessageEvent {
  const event: MessageEvent = {
    kind: "message",
    messageId: row.messageId,
    t: row.t,
    clientId: row.clientId,
    dir: row.dir,
    level: row.level,
    size: row.size,
    msg: JSON.parse(row.json) as MessageEvent["msg"],
  };
  if (row.truncated) event.truncated = true;
  if (row.origin !== undefined) event.origin = row.origin;
  if (row.request !== undefined) event.request = { timeoutMs: row.request.timeoutMs };
  if (row.undelivered !== undefined) event.undelivered = row.undelivered;
  if (row.rule !== undefined) event.rule = row.rule;
  if (row.emitted !== undefined) event.emitted = [...row.emitted];
  return event;
}
