// Runs in the panel. The user's rules in extension storage (browser.storage.local), one list per
// origin of the inspected page, written whole on every change. What is read back is checked
// rule by rule with the protocol's parseRules (src/shared/protocol/rules.ts): storage written by
// an older version, or edited by hand, may hold another shape, and one bad rule must not cost
// the others. Those that fail are left out and counted, so the panel can say so.
import browser from "webextension-polyfill";
import { MAX_RULES, parseRules, type Rule } from "../../src/shared/protocol";

const RULES_PREFIX = "rules:";

export function rulesKey(origin: string): string {
  return `${RULES_PREFIX}${origin}`;
}

export interface StoredRules {
  rules: Rule[];
  /** Stored entries that are not rules this version can run (or over MAX_RULES, or a repeated id). */
  unreadable: number;
}

/** Checks what storage held under an origin's key. */
export function readStoredRules(stored: unknown): StoredRules {
  if (stored === undefined) return { rules: [], unreadable: 0 };
  if (!Array.isArray(stored)) return { rules: [], unreadable: 1 };
  const rules: Rule[] = [];
  const ids = new Set<string>();
  for (const entry of stored) {
    const rule = parseRules([entry])?.[0];
    if (rule && !ids.has(rule.id) && rules.length < MAX_RULES) {
      ids.add(rule.id);
      rules.push(rule);
    }
  }
  return { rules, unreadable: stored.length - rules.length };
}

export async function loadRules(origin: string): Promise<StoredRules> {
  const key = rulesKey(origin);
  const stored = await browser.storage.local.get(key);
  return readStoredRules(stored[key]);
}

export async function saveRules(origin: string, rules: readonly Rule[]): Promise<void> {
  const key = rulesKey(origin);
  if (rules.length === 0) await browser.storage.local.remove(key);
  else await browser.storage.local.set({ [key]: rules });
}
