// Runs in the panel. The saved rules of the inspected origin: each with a checkbox named by the
// rule (on or off in the tab), how many times it acted in the log, and Edit and Delete.
import type { Rule } from "../../src/shared/protocol";
import { hitsText, ruleDetail, ruleNames } from "./ruleNames";

export interface RuleListProps {
  rules: readonly Rule[];
  hits: (ruleId: string) => number;
  /** Why the rules cannot be changed now (the checkboxes and buttons are then disabled). */
  blocked: string | undefined;
  onEnabled: (rule: Rule, enabled: boolean) => void;
  onEdit: (rule: Rule) => void;
  onDelete: (rule: Rule) => void;
}

export function RuleList({ rules, hits, blocked, onEnabled, onEdit, onDelete }: RuleListProps) {
  if (rules.length === 0) return <p class="rule-empty">No rules for this site yet.</p>;
  const names = ruleNames(rules);
  const disabled = blocked !== undefined;
  return (
    <ul class="rule-list" aria-label="Saved rules">
      {rules.map((rule) => {
        const detailId = `rule-detail-${rule.id}`;
        return (
          <li key={rule.id} class={`rule-item${rule.enabled ? "" : " rule-off"}`}>
            <label class="rule-name">
              <input
                type="checkbox"
                checked={rule.enabled}
                disabled={disabled}
                aria-describedby={detailId}
                onChange={(event) => onEnabled(rule, event.currentTarget.checked)}
              />
              {names.get(rule.id)}
            </label>
            <span id={detailId} class="rule-detail">
              {ruleDetail(rule)}
            </span>
            <span class="rule-hits">{hitsText(hits(rule.id))}</span>
            <span class="rule-buttons">
              <button type="button" disabled={disabled} onClick={() => onEdit(rule)}>
                Edit
              </button>
              <button type="button" disabled={disabled} onClick={() => onDelete(rule)}>
                Delete
              </button>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
