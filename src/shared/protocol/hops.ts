// Runs in the relay and the background (the hook imports the types only): the envelopes each
// hop between the page and the background wraps events and commands in, declared as valibot
// schemas from which their types and guards come.
//
//   hook (page, MAIN world) ⇄ MessagePort (commands) and a shared DOM node (batches)
//     ⇄ relay (content, ISOLATED) ⇄ runtime Port ⇄ background
import * as v from "valibot";
import { count, id } from "./fields";
import { panelToPageSchema } from "./panelToPage";
import { rulesSchema } from "./rules";

/**
 * background → relay → hook: the tab's rules, whole, each time they change and to each relay
 * as it connects; `panel-closed` when no panel inspects the tab any more (the hook then drops
 * its rules and lets every paused message go on as it was).
 */
const rulesMessages = [
  v.strictObject({ kind: v.literal("rules"), rules: rulesSchema }),
  v.strictObject({ kind: v.literal("panel-closed") }),
] as const;

/**
 * hook → relay, fired on the batch node (HOOK_NODE_EVENT in ./constants.ts). `events` is a JSON
 * array of `count` PageToPanel. `keep` marks a batch of the page's state (its hooks, clients,
 * connections, errors: every event but messages): a tab's buffer keeps those when its budget
 * forces messages out, so a panel opened later still knows the clients whose newest messages
 * it shows. Its size is the relay's to bound (src/content/batches.ts splits or drops it).
 */
export const hookToRelaySchema = v.strictObject({
  kind: v.literal("batch"),
  count,
  events: v.string(),
  keep: v.optional(v.boolean()),
});
export type HookToRelay = v.InferOutput<typeof hookToRelaySchema>;

/** relay → hook, over the private MessagePort: a command the panel sent the page. */
export const hookCommandSchema = v.strictObject({
  kind: v.literal("command"),
  commandId: id,
  command: panelToPageSchema,
});
export type HookCommand = v.InferOutput<typeof hookCommandSchema>;

/** relay → hook. `relay-ready`: the relay listens for the batch node. */
export const relayToHookSchema = v.variant("kind", [
  hookCommandSchema,
  v.strictObject({ kind: v.literal("relay-ready") }),
  ...rulesMessages,
]);
export type RelayToHook = v.InferOutput<typeof relayToHookSchema>;

/**
 * relay → background. `seq` numbers the batches of one relay (`relayId`, one per document):
 * the background acknowledges by it, and a panel drops a batch it already has (a batch is
 * resent when the service worker was stopped before acknowledging it).
 */
export const relayToBackgroundSchema = v.strictObject({
  kind: v.literal("batch"),
  relayId: id,
  seq: count,
  count,
  events: v.string(),
  /** Events the relay had to discard before this batch (it could not keep them all unacknowledged). */
  dropped: v.optional(count),
  /** As the hook marked it (HookToRelay). */
  keep: v.optional(v.boolean()),
  /** Posted again after the relay's Port was cut before the background acknowledged it (a worker restart). */
  resent: v.optional(v.literal(true)),
});
export type RelayToBackground = v.InferOutput<typeof relayToBackgroundSchema>;

/** background → relay: an acknowledgement of every batch up to `seq`, a command for the hook, or the rules. */
export const backgroundToRelaySchema = v.variant("kind", [
  v.strictObject({ kind: v.literal("ack"), seq: count }),
  v.strictObject({ kind: v.literal("command"), commandId: id, command: panelToPageSchema }),
  ...rulesMessages,
]);
export type BackgroundToRelay = v.InferOutput<typeof backgroundToRelaySchema>;

export const isHookToRelay = (value: unknown): value is HookToRelay => v.is(hookToRelaySchema, value);
export const isRelayToBackground = (value: unknown): value is RelayToBackground => v.is(relayToBackgroundSchema, value);
export const isBackgroundToRelay = (value: unknown): value is BackgroundToRelay => v.is(backgroundToRelaySchema, value);
