// Runs in the panel. A rule's name, made from what it matches and does ("Respond to outbound
// client-message get-weather", "Break inbound server-message"): rules carry no name of their
// own, and a name read from the rule is one a test, a screen reader and the user can all
// predict. Two rules alike get a number after the first ("… (2)"), so every name in the list is
// distinct; and a line that says what the action does with its settings.
import { DEFAULT_BREAK_TIMEOUT_MS, type Rule, type RuleAction } from "../../src/shared/protocol";

const VERBS: Record<RuleAction, string> = {
  break: "Break",
  respond: "Respond to",
  "respond-error": "Respond with error to",
  delay: "Delay",
  drop: "Drop",
  "inject-after": "Inject after",
};

/** The name a rule would have alone in the list. */
export function ruleBaseName(rule: Rule): string {
  const { direction, type, requestType, data, clientId } = rule.match;
  const parts = [VERBS[rule.action], direction === "out" ? "outbound" : "inbound", type || "messages"];
  if (requestType) parts.push(requestType);
  if (data) parts.push(`matching ${data}`);
  if (clientId) parts.push(`from client ${clientId}`);
  return parts.join(" ");
}

/** Each rule's name by id, distinct within `rules`: alike ones are numbered in list order. */
export function ruleNames(rules: readonly Rule[]): Map<string, string> {
  const seen = new Map<string, number>();
  const names = new Map<string, string>();
  const taken = new Set(rules.map(ruleBaseName));
  for (const rule of rules) {
    const base = ruleBaseName(rule);
    let count = (seen.get(base) ?? 0) + 1;
    let name = count === 1 ? base : `${base} (${count})`;
    // A rule whose own name ends in "(2)" (a match text like that) must not collide with a number given here.
    while (count > 1 && taken.has(name)) name = `${base} (${++count})`;
    seen.set(base, count);
    taken.add(name);
    names.set(rule.id, name);
  }
  return names;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** What the rule does with its settings, in a few words. */
export function ruleDetail(rule: Rule): string {
  switch (rule.action) {
    case "break":
      return `pauses until Continue or Drop, at most ${(rule.timeoutMs ?? DEFAULT_BREAK_TIMEOUT_MS) / 1000} s`;
    case "respond": {
      const count = rule.responses?.length ?? 0;
      return count > 1 ? `${plural(count, "answer")}, call after call` : "answers with the same data each time";
    }
    case "respond-error":
      return `rejects with "${rule.error ?? ""}"`;
    case "delay":
      return `holds each for ${rule.delayMs ?? 0} ms`;
    case "drop":
      return "never delivered";
    case "inject-after":
      return `then delivers a ${rule.inject?.type ?? "message"}`;
  }
}

/** "1 hit", "3 hits". */
export function hitsText(count: number): string {
  return plural(count, "hit");
}
