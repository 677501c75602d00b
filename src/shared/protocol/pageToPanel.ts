// Runs in the relay, the background and the panel: the declaration of every event the page
// hook sends the panel (src/hook/outbox.ts encodes them, src/hook/*.ts emits them). Each event
// is one strict valibot schema: its TypeScript type is inferred from it and the panel validates
// against it (./pageEvents.ts), so a field is declared once. Strict objects reject keys the hook
// never sends, own "__proto__" included (JSON.parse makes it an own key, and Object.assign of it
// would replace a prototype).
import * as v from "valibot";
import { count, finite, id, json, shortText, text, time } from "./fields";
import { MAX_EMITTED, PAGE_LIMITS } from "./limits";
import { rtviMessageSchema } from "./rtviMessage";
import { pauseOutcomeSchema, ruleMarkSchema } from "./ruleMarks";

export const directionSchema = v.picklist(["in", "out"]);
export type Direction = v.InferOutput<typeof directionSchema>;

/**
 * client: through the transport's handler or sendMessage; wire: decoded from the socket or
 * data channel (the client was built before the hook); event: an event the client emitted,
 * for direct-to-LLM transports whose traffic never passes the handler.
 */
export const captureLevelSchema = v.picklist(["client", "wire", "event"]);
export type CaptureLevel = v.InferOutput<typeof captureLevelSchema>;

export const transportKindSchema = v.picklist([
  "websocket",
  "smallwebrtc",
  "daily",
  "gemini-live",
  "openai-realtime",
  "other",
]);
export type TransportKind = v.InferOutput<typeof transportKindSchema>;

/**
 * A client as the hook announces it. `clientVersion` is client-js's own version, which the hook
 * reads from the client (PipecatClient's `version` getter: docs/client-js-internals.md, "Which
 * client-js a client is"), since client-ready's `about` may name another library (client-react).
 * `rtviVersion`, `botVersion` and `botAbout` are never sent by the hook: the panel reads them from
 * client-ready and bot-ready, and keeps them on its own view of the client, which is this plus
 * what the browser attests (frame, key).
 */
export const clientInfoSchema = v.strictObject({
  clientId: id,
  transport: transportKindSchema,
  /** How the hook found it: the trapped property, the app's own registration, or only its traffic. */
  foundBy: v.picklist(["trap", "registry", "wire"]),
  state: v.optional(shortText),
  clientVersion: v.optional(shortText),
  rtviVersion: v.optional(shortText),
  botVersion: v.optional(shortText),
  botAbout: v.optional(json),
});
export type ClientInfo = v.InferOutput<typeof clientInfoSchema>;

/** What the hook says changed about a client: only its transport's state (src/hook/clients.ts, watchEvents). */
export const clientPatchSchema = v.strictObject({ state: shortText });

const headerSchema = v.strictTuple([shortText, text]);

/**
 * A `startBot` / `startBotAndConnect` call: the seed's connection-time configuration. Values
 * are sent as the app passed them; the panel masks secrets (Authorization, tokens) on display.
 */
const connectionCallEntries = {
  endpoint: text,
  /** The request's method, when the endpoint was a Request (the endpoint is then its URL). */
  method: v.optional(shortText),
  requestData: v.optional(json),
  headers: v.pipe(v.array(headerSchema), v.maxLength(PAGE_LIMITS.headers, `more than ${PAGE_LIMITS.headers} headers`)),
  durationMs: v.optional(finite),
  response: v.optional(json),
  error: v.optional(text),
};
export const connectionCallSchema = v.strictObject(connectionCallEntries);
export type ConnectionCall = v.InferOutput<typeof connectionCallSchema>;

/** One schema per event kind, each a strict object whose `kind` is its literal. */
export const pageEventSchemas = {
  "hook-ready": v.strictObject({
    kind: v.literal("hook-ready"),
    t: time,
    url: text,
    isTop: v.boolean(),
    hookVersion: shortText,
    /** Injected after the page had started running (extension installed or updated later). */
    late: v.boolean(),
  }),
  "client-added": v.strictObject({ kind: v.literal("client-added"), t: time, client: clientInfoSchema }),
  "client-updated": v.strictObject({
    kind: v.literal("client-updated"),
    t: time,
    clientId: id,
    patch: clientPatchSchema,
  }),
  "client-removed": v.strictObject({ kind: v.literal("client-removed"), t: time, clientId: id }),
  message: v.strictObject({
    kind: v.literal("message"),
    /** Per-page sequence number: the id a replay names. */
    messageId: count,
    t: time,
    clientId: id,
    dir: directionSchema,
    level: captureLevelSchema,
    /**
     * UTF-8 bytes of the message's JSON before it was cut: the hook sends it only with
     * `truncated` (measuring every message on the page cost the app's thread, see
     * docs/measured-facts.md); for any other message the panel measures the JSON it makes of
     * `msg`, which is the same text. An exported session keeps it for every message.
     */
    size: v.optional(count),
    msg: rtviMessageSchema,
    /** Set when the message was cut to the size cap. */
    truncated: v.optional(v.boolean()),
    /** Set when the extension itself sent or injected it. */
    origin: v.optional(v.literal("devtools")),
    /** Set on an outbound request the client awaits an answer to (sendClientRequest), with its timeout. */
    request: v.optional(v.strictObject({ timeoutMs: v.pipe(finite, v.minValue(0, "negative")) })),
    /**
     * Set on a frame the client received but dropped, undecoded (src/hook/undeliveredFrames.ts):
     * why, in words. The message is then what the hook could read of the frame, never something
     * the client handled.
     */
    undelivered: v.optional(v.pipe(shortText, v.minLength(1, "empty"))),
    /** Set when one of the panel's rules acted on it or made it (src/controls/rules.ts). */
    rule: v.optional(ruleMarkSchema),
    /**
     * On an inbound message the client handled: the events it emitted meanwhile, each with the
     * listeners it had then (src/hook/transportTaps.ts); empty when it emitted none. Absent
     * where the hook could not watch (wire-level rows, clients without `emit`).
     */
    emitted: v.optional(
      v.pipe(
        v.array(v.strictObject({ event: shortText, listeners: count })),
        v.maxLength(MAX_EMITTED, `more than ${MAX_EMITTED} events`),
      ),
    ),
  }),
  /**
   * A message a rule paused stopped waiting: Continue (`edited`, with the message as sent), Drop,
   * its timeout, or the last panel on the tab closing. `messageId` is the paused message's.
   */
  "pause-ended": v.strictObject({
    kind: v.literal("pause-ended"),
    t: time,
    clientId: id,
    messageId: count,
    outcome: pauseOutcomeSchema,
    msg: v.optional(rtviMessageSchema),
  }),
  /**
   * A request the client gave up on: its timeout passed with no answer. The hook now reports it
   * as a `request-rejected` with client-js's timeout text; sessions saved earlier, and the
   * panel's session files (panel/model/sessionFile.ts), name it by this event.
   */
  "request-timeout": v.strictObject({ kind: v.literal("request-timeout"), t: time, clientId: id, requestId: id }),
  /**
   * A request the client settled itself, with no answer on the wire: client-js's timeout, and
   * newer client-js's rejection of what is pending on disconnect() and clearQueue()
   * (docs/client-js-internals.md, "Requests a client settles itself"). `reason` is the client's
   * text; the panel shows client-js's timeout text as a timeout (panel/model/requestPairs.ts).
   */
  "request-rejected": v.strictObject({
    kind: v.literal("request-rejected"),
    t: time,
    clientId: id,
    requestId: id,
    reason: text,
  }),
  connection: v.strictObject({ kind: v.literal("connection"), t: time, clientId: id, ...connectionCallEntries }),
  "hook-error": v.strictObject({ kind: v.literal("hook-error"), t: time, where: shortText, message: text }),
  /** Messages the hook let go, oldest first, while no relay took its batches. */
  dropped: v.strictObject({ kind: v.literal("dropped"), t: time, count }),
  "command-result": v.strictObject({
    kind: v.literal("command-result"),
    t: time,
    commandId: id,
    ok: v.boolean(),
    error: v.optional(text),
    value: v.optional(json),
  }),
};

export const pageToPanelSchema = v.variant("kind", [
  pageEventSchemas["hook-ready"],
  pageEventSchemas["client-added"],
  pageEventSchemas["client-updated"],
  pageEventSchemas["client-removed"],
  pageEventSchemas.message,
  pageEventSchemas["request-timeout"],
  pageEventSchemas["request-rejected"],
  pageEventSchemas.connection,
  pageEventSchemas["hook-error"],
  pageEventSchemas.dropped,
  pageEventSchemas["command-result"],
  pageEventSchemas["pause-ended"],
]);

export type PageToPanel = v.InferOutput<typeof pageToPanelSchema>;
export type PageToPanelKind = PageToPanel["kind"];
