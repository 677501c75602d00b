// Runs in the relay, the background and the panel: the declaration of the commands the panel
// sends the page hook (src/hook/clients.ts runs them). They come from the extension's own
// panel, but the relay still checks them: it is the page's neighbour, and a malformed command
// is answered by its timeout rather than by an error thrown in the hook.
import * as v from "valibot";
import { count, finite, id, json, shortText } from "./fields";
import { rtviMessageSchema } from "./rtviMessage";
import { settlePausedEntries } from "./rules";

export const panelToPageSchema = v.variant("kind", [
  v.strictObject({ kind: v.literal("send-message"), clientId: id, msgType: shortText, data: v.optional(json) }),
  v.strictObject({
    kind: v.literal("send-request"),
    clientId: id,
    msgType: shortText,
    data: v.optional(json),
    timeoutMs: v.pipe(finite, v.minValue(0, "negative")),
  }),
  v.strictObject({ kind: v.literal("send-raw"), clientId: id, msg: rtviMessageSchema }),
  v.strictObject({ kind: v.literal("inject"), clientId: id, msg: rtviMessageSchema }),
  /** Without `msg`, the hook sends again what it kept under `messageId`; with it, that message as edited. */
  v.strictObject({ kind: v.literal("replay"), clientId: id, messageId: count, msg: v.optional(rtviMessageSchema) }),
  /** Continue (as it was, or as `msg` when edited) or Drop a message a rule paused, by its log id. */
  v.strictObject({ kind: v.literal("settle-paused"), ...settlePausedEntries }),
  /** The client's callbacks and event listeners now (the Connection view's Handlers section). */
  v.strictObject({ kind: v.literal("describe-handlers"), clientId: id }),
]);

export type PanelToPage = v.InferOutput<typeof panelToPageSchema>;
