// Runs in the relay, the background and the panel (the page hook imports its types only): what
// the page hook says a rule did (src/controls/rules.ts), declared apart from the rules themselves
// (./rules.ts) so the events that carry it (./pageToPanel.ts) need nothing else of them.
import * as v from "valibot";
import { count, id } from "./fields";

/**
 * What a rule did, as the log marks it. On the message it matched (each one a hit): paused,
 * dropped, delayed, answered (a request held back and answered by the rule), matched (passed
 * on as it was: the rule delivers a message after it). On a message the rule made: mocked
 * (its reply to a request), injected (what it delivers after a match).
 */
export const RULE_HIT_EFFECTS = ["paused", "dropped", "delayed", "answered", "matched"] as const;
export const ruleEffectSchema = v.picklist([...RULE_HIT_EFFECTS, "mocked", "injected"]);
export type RuleEffect = v.InferOutput<typeof ruleEffectSchema>;

/** How a paused message's wait ended. */
export const pauseOutcomeSchema = v.picklist(["continued", "edited", "dropped", "timed-out", "panel-closed"]);
export type PauseOutcome = v.InferOutput<typeof pauseOutcomeSchema>;

/** The mark on a message event a rule acted on. */
export const ruleMarkSchema = v.strictObject({
  ruleId: id,
  effect: ruleEffectSchema,
  /** delayed: by how long. */
  delayMs: v.optional(count),
});
export type RuleMark = v.InferOutput<typeof ruleMarkSchema>;
