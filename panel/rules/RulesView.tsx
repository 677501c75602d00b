// Runs in the panel. The Rules view: the rules kept for the inspected page's origin, in force in
// every frame of the tab while the panel is open, the form to add or edit one, and what went
// wrong reading, saving or handing them over.
import type { ClientView } from "../model/store";
import { draftFromRule } from "./ruleDraft";
import { RuleForm } from "./RuleForm";
import { RuleList } from "./RuleList";
import type { RulesState } from "./rulesState";
import "./rules.css";

export interface RulesViewProps {
  state: RulesState;
  /** How many times a rule acted, from the log. */
  hits: (ruleId: string) => number;
  clients: readonly ClientView[];
  /** Message types seen in the log, suggested in Match type. */
  seenTypes: Iterable<string>;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function RulesView({ state, hits, clients, seenTypes }: RulesViewProps) {
  const origin = state.origin.value;
  const rules = state.rules.value;
  const unreadable = state.unreadable.value;
  const blocked = state.blocked();
  const problems = [state.storageProblem.value, state.inForceProblem.value].filter(Boolean);
  const enabled = rules.filter((rule) => rule.enabled).length;

  return (
    <div class="rules">
      <div class="rules-head">
        <p class="rules-scope">
          {origin
            ? `Rules for ${origin}: ${plural(enabled, "rule", "rules")} on, acting in every frame of this tab while the panel is open.`
            : blocked}
        </p>
        <button type="button" disabled={blocked !== undefined} onClick={() => state.openForm()}>
          Add rule
        </button>
      </div>
      {unreadable > 0 && (
        <p class="rules-problem" role="alert">
          {plural(unreadable, "stored rule", "stored rules")} could not be read (saved by another version, or changed by
          hand): left out, and removed from storage at the next change.
        </p>
      )}
      {problems.map((problem) => (
        <p key={problem} class="rules-problem" role="alert">
          {problem}
        </p>
      ))}
      <RuleForm state={state} clients={clients} seenTypes={seenTypes} />
      {origin && state.loaded.value && (
        <RuleList
          rules={rules}
          hits={hits}
          blocked={blocked}
          onEnabled={(rule, on) => state.setEnabled(rule.id, on)}
          onEdit={(rule) => state.openForm(draftFromRule(rule), rule.id)}
          onDelete={(rule) => state.remove(rule.id)}
        />
      )}
    </div>
  );
}
