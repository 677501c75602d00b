// Runs in the panel. The rules of the followed tab's origin, in signals: read from storage when
// the origin is known or changes, written back whole on every change, and put in force in the
// tab (connection.setRules, enabled rules only) after the read and after every change. Also the
// Rules view's form, kept here so that a log row's "Mock a reply…" can fill it while another
// view is shown, and so what was typed survives switching views.
import { batch, signal } from "@preact/signals";
import { MAX_RULES, type Rule } from "../../src/shared/protocol";
import { errorText } from "../composer/feedback";
import type { PanelConnection } from "../connectionContext";
import { newDraft, type RuleDraft } from "./ruleDraft";
import { loadRules, saveRules } from "./ruleStorage";

export interface RuleFormState {
  draft: RuleDraft;
  /** The id of the rule being edited; undefined for a new rule. */
  editing?: string;
  /** Bumped each time the form is opened or filled from elsewhere: it then takes the focus. */
  opened: number;
}

/** A fresh id for a new rule (the extension's pages are secure contexts: randomUUID is there). */
export function newRuleId(): string {
  return crypto.randomUUID();
}

export class RulesState {
  /** The origin whose rules these are; undefined until the inspected page's origin is known. */
  readonly origin = signal<string | undefined>(undefined);
  readonly rules = signal<Rule[]>([]);
  /** Whether the origin's stored rules were read: changes wait for it, or they would overwrite them. */
  readonly loaded = signal(false);
  /** Stored entries left out because they are not rules this version can run. */
  readonly unreadable = signal(0);
  /** Why reading or writing storage failed, until the next success. */
  readonly storageProblem = signal<string | undefined>(undefined);
  /** Why the last set of rules could not be handed to the tab. */
  readonly inForceProblem = signal<string | undefined>(undefined);
  readonly form = signal<RuleFormState | undefined>(undefined);

  /** Counts origin changes: a read that finishes after a newer one began is dropped. */
  private reads = 0;
  /** Counts hand-overs: only the newest one's failure is shown. */
  private handOvers = 0;
  /** Writes in order: each writes the whole list, so the last one must land last. */
  private writes: Promise<void> = Promise.resolve();
  private openings = 0;
  /** Whether the last rules asked for were none, as when the panel opens. */
  private noneInForce = true;

  constructor(private readonly connection: Pick<PanelConnection, "setRules">) {}

  /** Follows the inspected page's origin: reads its rules and puts them in force. */
  async showOrigin(origin: string | undefined): Promise<void> {
    const previous = this.origin.peek();
    if (origin === previous) return;
    const read = ++this.reads;
    batch(() => {
      this.origin.value = origin;
      this.rules.value = [];
      this.loaded.value = false;
      this.unreadable.value = 0;
      this.storageProblem.value = undefined;
    });
    if (origin === undefined) {
      // Another page whose origin is not known (yet): nothing of the last origin's stays in force.
      if (previous !== undefined) this.putInForce();
      return;
    }
    try {
      const stored = await loadRules(origin);
      if (read !== this.reads) return;
      batch(() => {
        this.rules.value = stored.rules;
        this.unreadable.value = stored.unreadable;
        this.loaded.value = true;
      });
      this.putInForce();
    } catch (error) {
      if (read === this.reads) {
        this.storageProblem.value = `The rules kept for ${origin} could not be read: ${errorText(error)}`;
      }
    }
  }

  /** Why rules cannot be changed now, or undefined when they can. */
  blocked(): string | undefined {
    if (this.origin.value === undefined) {
      return "The inspected page's origin is not known yet: rules are kept per origin.";
    }
    if (!this.loaded.value) return `Reading the rules kept for ${this.origin.value}…`;
    return undefined;
  }

  /** Adds a rule, or replaces the one with its id. Returns why it was not saved, if it was not. */
  save(rule: Rule): string | undefined {
    const reason = this.blocked();
    if (reason) return reason;
    const rules = this.rules.peek();
    const at = rules.findIndex((existing) => existing.id === rule.id);
    if (at < 0 && rules.length >= MAX_RULES) return `There are ${MAX_RULES} rules already: delete one first.`;
    this.commit(at < 0 ? [...rules, rule] : rules.map((existing, index) => (index === at ? rule : existing)));
    return undefined;
  }

  remove(id: string): void {
    if (this.blocked()) return;
    this.commit(this.rules.peek().filter((rule) => rule.id !== id));
    const form = this.form.peek();
    if (form?.editing === id) this.form.value = undefined;
  }

  setEnabled(id: string, enabled: boolean): void {
    if (this.blocked()) return;
    this.commit(this.rules.peek().map((rule) => (rule.id === id ? { ...rule, enabled } : rule)));
  }

  /** Opens the form on a draft: a new rule's, a saved rule's (`editing`), or one filled from a log row. */
  openForm(draft: RuleDraft = newDraft(), editing?: string): void {
    this.form.value = { draft, editing, opened: ++this.openings };
  }

  /** The user typed: patches the open form's draft. */
  updateDraft(patch: Partial<RuleDraft>): void {
    const form = this.form.peek();
    if (form) this.form.value = { ...form, draft: { ...form.draft, ...patch } };
  }

  closeForm(): void {
    this.form.value = undefined;
  }

  /** Resolves once every write asked for so far is done (failed ones are in storageProblem). */
  written(): Promise<void> {
    return this.writes;
  }

  private commit(next: Rule[]): void {
    const origin = this.origin.peek()!;
    this.rules.value = next;
    this.putInForce();
    this.writes = this.writes.then(() =>
      saveRules(origin, next).then(
        () => {
          if (this.origin.peek() === origin) this.storageProblem.value = undefined;
        },
        (error) => {
          if (this.origin.peek() === origin) {
            this.storageProblem.value = `The rules could not be saved: ${errorText(error)}. They are in force until the panel closes.`;
          }
        },
      ),
    );
  }

  private putInForce(): void {
    const enabled = this.rules.peek().filter((rule) => rule.enabled);
    // None asked for, none in force: the tab starts with none (src/background/router.ts).
    if (enabled.length === 0 && this.noneInForce) return;
    this.noneInForce = enabled.length === 0;
    const handOver = ++this.handOvers;
    this.connection.setRules(enabled).then(
      () => {
        if (handOver === this.handOvers) this.inForceProblem.value = undefined;
      },
      (error) => {
        if (handOver === this.handOvers) {
          this.inForceProblem.value = `The rules could not be put in force: ${errorText(error)}`;
        }
      },
    );
  }
}
