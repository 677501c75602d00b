// Runs in the panel. How many times each rule acted, read from the log: a message a rule acted on
// carries the hook's mark (`rule`, src/shared/protocol/rules.ts RuleMark), so a count is derived,
// never stored, and follows the log (a Clear, rows let go past the panel's limits).
import { RULE_HIT_EFFECTS, type RuleEffect } from "../../src/shared/protocol";

export interface MarkedRow {
  rule?: { ruleId: string; effect: RuleEffect };
}

const HITS: ReadonlySet<RuleEffect> = new Set(RULE_HIT_EFFECTS);

/** Per rule id, the messages it matched (not those it made: a mocked reply, an injection). */
export function countRuleHits(rows: Iterable<MarkedRow>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const rule = row.rule;
    if (rule !== undefined && HITS.has(rule.effect)) counts.set(rule.ruleId, (counts.get(rule.ruleId) ?? 0) + 1);
  }
  return counts;
}

/**
 * `hits(ruleId)` over `rows`, counted at the first call and kept: the log may hold 500 000 rows,
 * walked once per render of the Rules view, not once per rule, and not at all when it is hidden.
 */
export function ruleHitsIn(rows: Iterable<MarkedRow>): (ruleId: string) => number {
  let counts: Map<string, number> | undefined;
  return (ruleId) => {
    counts ??= countRuleHits(rows);
    return counts.get(ruleId) ?? 0;
  };
}
