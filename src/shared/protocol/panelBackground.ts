// Runs in the panel and the background: every message on the panel's runtime Port, declared
// once as valibot schemas from which their types and guards come. The panel subscribes to a
// tab and is pushed that tab's batches (and what was dropped); everything else is a call of
// the request/response layer (src/shared/rpc.ts), whose methods are declared here.
import * as v from "valibot";
import { RpcCancelSchema, RpcResponseSchema, rpcRequestSchema, type RpcMethodSchemas } from "../rpc";
import { count, id } from "./fields";
import { panelToPageSchema } from "./panelToPage";
import { rulesSchema } from "./rules";

/**
 * default: a local development origin, always hooked; chosen: hooked because the user asked;
 * off: not hooked; impossible: not a web page (chrome://, file://, about:).
 */
export const siteAccessSchema = v.picklist(["default", "chosen", "off", "impossible"]);
export type SiteAccess = v.InferOutput<typeof siteAccessSchema>;

/** A tab in which at least one frame's hook is connected. */
export const hookedTabSchema = v.strictObject({ tabId: count, url: v.string(), frames: count, events: count });
export type HookedTab = v.InferOutput<typeof hookedTabSchema>;

export const siteActionSchema = v.picklist(["status", "hook", "unhook"]);
export type SiteAction = v.InferOutput<typeof siteActionSchema>;

/** Where the hook runs now; `error` says why a hook or unhook did not happen. */
export const siteAnswerSchema = v.strictObject({
  origin: v.string(),
  access: siteAccessSchema,
  error: v.optional(v.string()),
});
export type SiteAnswer = v.InferOutput<typeof siteAnswerSchema>;

/** The calls a panel makes to the background. */
export const PANEL_METHODS = {
  /** The tabs whose hooks are connected (for a panel opened as a page of its own). */
  "list-tabs": { params: v.strictObject({}), result: v.array(hookedTabSchema) },
  /** Whether the hook runs on an origin, and turning it on or off ("Hook this site"). */
  site: { params: v.strictObject({ action: siteActionSchema, origin: v.string() }), result: siteAnswerSchema },
  /**
   * A command for one frame of the subscribed tab. The background answers only with why it
   * could not be delivered or was lost; the hook's `command-result` comes back inside a batch,
   * and the panel settles the call with it (panel/connection.ts).
   */
  command: { params: v.strictObject({ frameId: count, command: panelToPageSchema }), result: v.unknown() },
  /**
   * The rules for the subscribed tab, whole: the background gives them to each of its frames'
   * hooks now and to each frame that connects later, until no panel inspects the tab.
   */
  "set-rules": { params: v.strictObject({ rules: rulesSchema }), result: v.null() },
} satisfies RpcMethodSchemas;
export type PanelMethods = typeof PANEL_METHODS;

/** Start (or move) the panel's subscription: the tab's buffer is replayed, then its batches follow live. */
export const subscribeSchema = v.strictObject({ kind: v.literal("subscribe"), tabId: count });

/** A frame's batch. `frameId` is the background's, from the relay Port's sender; events stay a JSON string. */
export const panelBatchSchema = v.strictObject({
  kind: v.literal("batch"),
  frameId: count,
  relayId: id,
  seq: count,
  count,
  events: v.string(),
  keep: v.optional(v.boolean()),
  /** As the relay marked it (RelayToBackground): the panel drops it when it has that seq already. */
  resent: v.optional(v.literal(true)),
});
export type PanelBatch = v.InferOutput<typeof panelBatchSchema>;

/** Events the background had to discard (buffer budget, or a relay that gave up resending). */
export const droppedSchema = v.strictObject({ kind: v.literal("dropped"), count });

export const panelToBackgroundSchema = v.union([subscribeSchema, rpcRequestSchema(PANEL_METHODS), RpcCancelSchema]);
export type PanelToBackground = v.InferOutput<typeof panelToBackgroundSchema>;

export const backgroundToPanelSchema = v.union([panelBatchSchema, droppedSchema, RpcResponseSchema]);
export type BackgroundToPanel = v.InferOutput<typeof backgroundToPanelSchema>;

export const isPanelToBackground = (value: unknown): value is PanelToBackground => v.is(panelToBackgroundSchema, value);
export const isBackgroundToPanel = (value: unknown): value is BackgroundToPanel => v.is(backgroundToPanelSchema, value);
