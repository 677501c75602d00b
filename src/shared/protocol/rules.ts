// Runs in the panel, the background and the relay (the page hook imports its types only): a
// rule the panel hands the page hook to act on messages in flight, and what the hook says it
// did. Rules are the user's, made in the panel's Rules view and kept per origin
// (panel/rules/ruleStorage.ts); the background holds the tab's current set and gives it to
// every frame's relay (src/background/router.ts), which checks it before the hook sees it.
import * as v from "valibot";
import { count, id, json, shortText, text } from "./fields";
import { directionSchema } from "./pageToPanel";
import { rtviMessageSchema } from "./rtviMessage";

export const RULE_ACTIONS = ["break", "respond", "respond-error", "delay", "drop", "inject-after"] as const;
export type RuleAction = (typeof RULE_ACTIONS)[number];

export { DEFAULT_BREAK_TIMEOUT_MS } from "./constants";
/** The longest a rule may delay or hold a message: nothing waits for ever. */
export const MAX_RULE_WAIT_MS = 10 * 60_000;
/** Rules per tab: matching stays a short loop per message. */
export const MAX_RULES = 100;

const waitMs = v.pipe(count, v.maxValue(MAX_RULE_WAIT_MS, `longer than ${MAX_RULE_WAIT_MS} ms`));

/**
 * What a rule matches, each part optional (all given must hold): the direction always; the
 * RTVI `type`; the request type (`data.t` of a client-request or client-message); text, or a
 * `/regex/flags`, searched in the message's data as JSON; and one client.
 */
const matchEntries = {
  direction: directionSchema,
  type: v.optional(shortText),
  requestType: v.optional(shortText),
  data: v.optional(shortText),
  clientId: v.optional(id),
};

export const ruleSchema = v.strictObject({
  id,
  enabled: v.boolean(),
  match: v.strictObject(matchEntries),
  action: v.picklist(RULE_ACTIONS),
  /**
   * respond: the `d` of each server-response, one per matching request in turn, the last one
   * again for every request after; respond-error: the error text of the error-response.
   */
  responses: v.optional(v.pipe(v.array(json), v.minLength(1, "no response"), v.maxLength(100, "over 100 responses"))),
  error: v.optional(text),
  /** inject-after: the message delivered to the client after each match. */
  inject: v.optional(rtviMessageSchema),
  /** delay: how long; break: how long a paused message waits before it is released as it was. */
  delayMs: v.optional(waitMs),
  timeoutMs: v.optional(waitMs),
});
export type Rule = v.InferOutput<typeof ruleSchema>;

export const rulesSchema = v.pipe(v.array(ruleSchema), v.maxLength(MAX_RULES, `more than ${MAX_RULES} rules`));

export * from "./ruleMarks";

/** A command to settle a paused message: Continue (with `msg` when edited) or Drop. */
export const settlePausedEntries = {
  messageId: count,
  outcome: v.picklist(["continue", "drop"]),
  msg: v.optional(rtviMessageSchema),
};

/** Parses the rules a panel or a store hands over; undefined when anything in them is off. */
export function parseRules(value: unknown): Rule[] | undefined {
  const result = v.safeParse(rulesSchema, value);
  return result.success ? result.output : undefined;
}
