// The page hook's encoder of the events it sends (MAIN world, at flush time, src/hook/outbox.ts):
// JSON text that the validators next to it (./pageToPanel.ts) accept as PageToPanel. A `message`
// is the hot path (thousands a second): its 12 fields are written by hand around the message's
// own JSON, which comes from one native JSON.stringify where it can; every other event goes
// through the hook's safe serializer. Bounds are ./limits.ts's: a message's JSON is
// cut to MESSAGE_CHARS, any page value's nesting to MAX_DEPTH. Runs in the page: it calls only the
// hook's builtins (src/hook/builtins/), and imports types only from the validators' modules.
import type { CaptureLevel, Direction, PageToPanel, RuleMark } from "../protocol";
import { ID_CHARS, MAX_DEPTH, MAX_EMITTED, MESSAGE_CHARS, SHORT_TEXT_CHARS } from "./limits";
import { floor, objectKeys, sliceText, stringify } from "../../hook/builtins";
import { idText, shortText, describeError } from "../../hook/bounds";
import { mayNestDeeperThan, toSafeJson, utf8Length } from "../../hook/serialize";

export type PageMessageEvent = Extract<PageToPanel, { kind: "message" }>;
export type StateEvent = Exclude<PageToPanel, { kind: "message" }>;

/** A message as captured on the app's path: the page's raw value, encoded only at flush. */
export interface CapturedMessage {
  kind: "message";
  messageId: number;
  t: number;
  /** Made by the hook from [a-z0-9-] only (src/hook/registry.ts): written without escaping. */
  clientId: string;
  dir: Direction;
  level: CaptureLevel;
  msg: unknown;
  /** Inbound messages come from JSON.parse: plain JSON.stringify is enough and cheaper. */
  plain: boolean;
  origin?: "devtools";
  /** The timeout of a request the client awaits an answer to, checked by the hook to be a number. */
  requestTimeoutMs?: number;
  /** Why the client never got this message (src/hook/undeliveredFrames.ts), within SHORT_TEXT_CHARS. */
  undelivered?: string;
  /** What a rule did to it (src/controls/rules.ts): the hook's own values. */
  rule?: RuleMark;
  /** Events the client emitted while handling it, with their listener counts, made by the hook. */
  emitted?: { event: string; listeners: number }[];
}

/**
 * Nesting of a page value one level below the event (a message, a start response, a command's
 * value), counted from the event: the value's own MAX_DEPTH levels, plus the event's or
 * the message object's (./rtviMessage.ts allows its data MAX_DEPTH below it).
 */
const VALUE_DEPTH = MAX_DEPTH + 1;

/** Whether a page value is an RTVI message the validators take as it is: label, type, id and data only, within bounds. */
function fitsAsMessage(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const keys = objectKeys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key !== "type" && key !== "data" && key !== "id" && key !== "label") return false;
  }
  const source = value as { type?: unknown; id?: unknown; label?: unknown };
  return (
    typeof source.type === "string" &&
    source.type.length <= SHORT_TEXT_CHARS &&
    (source.id === undefined || (typeof source.id === "string" && source.id.length <= ID_CHARS)) &&
    (source.label === undefined || (typeof source.label === "string" && source.label.length <= SHORT_TEXT_CHARS))
  );
}

/**
 * A message the validators would not take as it is (over the size cap, not an RTVI object, a
 * type or id out of bounds): its label, type and id, cut, and its JSON text as `data`, cut so
 * that the whole message stays within MESSAGE_CHARS once the text is escaped into a string.
 */
function reshape(source: unknown, json: string): { json: string; cut: boolean } {
  const fields = (typeof source === "object" && source !== null ? source : {}) as Record<string, unknown>;
  const label = typeof fields.label === "string" ? shortText(fields.label) : undefined;
  const type = typeof fields.type === "string" ? shortText(fields.type) : "(unknown)";
  const id = typeof fields.id === "string" ? idText(fields.id) : undefined;
  // Ends with `"data":""}`: the text goes in place of the empty string.
  const head = toSafeJson({ label, type, id, data: "" });
  const budget = MESSAGE_CHARS - head.length;
  let kept = json.length;
  let data = stringify(json);
  // Escaping makes a character one to six: shorten by the ratio until it fits (a step or two).
  while (data.length - 2 > budget) {
    kept = floor((kept * budget) / (data.length - 2));
    data = stringify(sliceText(json, 0, kept));
  }
  return { json: `${sliceText(head, 0, head.length - 3)}${data}}`, cut: kept < json.length };
}

/** The message's JSON: native where it can be, the safe serializer where it must, depth-capped either way. */
function messageJson(captured: CapturedMessage): string {
  if (captured.plain) {
    try {
      const json = stringify(captured.msg);
      if (typeof json === "string" && !mayNestDeeperThan(json, VALUE_DEPTH)) return json;
    } catch {
      // A value JSON cannot write as it is (a cycle, a BigInt): the safe serializer will.
    }
  }
  return toSafeJson(captured.msg, VALUE_DEPTH);
}

/** The `message` event, its fields exactly as PageToPanel declares them. */
export function encodeMessage(captured: CapturedMessage): string {
  let json = messageJson(captured);
  let cut = "";
  if (json.length > MESSAGE_CHARS || !fitsAsMessage(captured.msg)) {
    const reshaped = reshape(captured.msg, json);
    // The original's size, in UTF-8 bytes as the panel measures every other message.
    if (reshaped.cut) cut = `,"size":${utf8Length(json)},"truncated":true`;
    json = reshaped.json;
  }
  const origin = captured.origin ? ',"origin":"devtools"' : "";
  // A number the hook itself checked: printed as digits, nothing to escape.
  const request =
    captured.requestTimeoutMs === undefined ? "" : `,"request":{"timeoutMs":${captured.requestTimeoutMs}}`;
  const undelivered = captured.undelivered === undefined ? "" : `,"undelivered":${stringify(captured.undelivered)}`;
  // Rare, and made by the hook (a rule id from the panel, event names client-js emits): bounded
  // here all the same, since a page could emit any name.
  const rule = captured.rule ? `,"rule":${toSafeJson(captured.rule)}` : "";
  const emitted = captured.emitted ? `,"emitted":${emittedJson(captured.emitted)}` : "";
  return (
    `{"kind":"message","messageId":${captured.messageId},"t":${captured.t},"clientId":"${captured.clientId}",` +
    `"dir":"${captured.dir}","level":"${captured.level}"${cut}${origin}${request}${undelivered}${rule}${emitted},"msg":${json}}`
  );
}

function emittedJson(emitted: { event: string; listeners: number }[]): string {
  const bounded: { event: string; listeners: number }[] = [];
  for (let i = 0; i < emitted.length && i < MAX_EMITTED; i++) {
    bounded[i] = { event: shortText(emitted[i].event), listeners: emitted[i].listeners };
  }
  return stringify(bounded);
}

/** The fields of state events that hold any JSON the page chose (./fields.ts `json`): bounded one by one. */
const isPageValueField = (key: string) =>
  key === "requestData" || key === "response" || key === "value" || key === "msg";

/**
 * A state event: the hook's own fields through the safe serializer, and each page value within
 * the `json` bounds, or, when its JSON is longer than a message may be, a placeholder saying so.
 */
function encodeStateEvent(event: StateEvent): string {
  const fields = event as Record<string, unknown>;
  const own: Record<string, unknown> = {};
  let values = "";
  const keys = objectKeys(fields);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const value = fields[key];
    if (!isPageValueField(key)) own[key] = value;
    else if (value !== undefined) {
      let json = toSafeJson(value);
      if (json.length > MESSAGE_CHARS) json = stringify(`[Too large: ${json.length} characters of JSON]`);
      values += `,"${key}":${json}`;
    }
  }
  const json = toSafeJson(own, VALUE_DEPTH);
  return values === "" ? json : `${sliceText(json, 0, json.length - 1)}${values}}`;
}

/**
 * One queued event as JSON text. Never throws: an event that defies encoding (a page value
 * whose getters throw, a page that broke what the serializer relies on) becomes a hook-error
 * instead of taking its whole batch down.
 */
export function encodePageEvent(item: CapturedMessage | StateEvent): string {
  try {
    return item.kind === "message" ? encodeMessage(item) : encodeStateEvent(item);
  } catch (error) {
    const report: StateEvent = {
      kind: "hook-error",
      t: item.t,
      where: `encoding ${item.kind}`,
      message: describeError(error),
    };
    return stringify(report);
  }
}
