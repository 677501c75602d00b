// Drives the real Pipecat panel's Rules view and its Paused messages region (panel/rules/) the way
// a user does, by their accessible names, for the e2e tests that check rules act in the page.
// A DevTools window that is not in front keeps its panel hidden, so, as in composer.e2e.ts,
// buttons get DOM click events, selects and fields forced actions, and waits are for `attached`.
import { expect } from "vitest";
import type { Frame, Locator } from "playwright-core";
import type { DemoApp } from "./demoApp";

const attached = { state: "attached" } as const;
const force = { force: true } as const;

export interface RuleSpec {
  /** The name the panel gives the rule (panel/rules/ruleNames.ts): its checkbox's accessible name. */
  name: string;
  action: "Break" | "Respond" | "Respond with error" | "Delay" | "Drop" | "Inject after";
  direction: "Outbound" | "Inbound";
  type?: string;
  requestType?: string;
  data?: string;
  /** Respond: the JSON the request resolves to; Respond with error: the error text; Inject after: the message. */
  response?: string;
  delayMs?: number;
  /** Break: how long a paused message waits before it goes on by itself. */
  timeoutS?: number;
}

/** A message a Break rule holds, as the Paused messages region lists it. */
export interface PausedItem {
  /** The message as the region shows it, parsed from its "Paused message data" field. */
  msg: any;
  /** Continues the message, with `msg` as the field's new JSON when given. */
  continueWith(msg?: unknown): Promise<void>;
  drop(): Promise<void>;
}

export class RulesPanel {
  constructor(readonly panel: Frame) {}

  private tab(name: string): Locator {
    return this.panel.getByRole("tab", { name, exact: true });
  }

  /** The checkbox that turns the rule named `name` on and off. */
  checkbox(name: string): Locator {
    return this.panel.getByRole("list", { name: "Saved rules" }).getByRole("checkbox", { name, exact: true });
  }

  async showRules(): Promise<void> {
    await this.tab("Rules").dispatchEvent("click");
    await this.panel.getByRole("tabpanel", { name: "Rules" }).waitFor(attached);
  }

  /** Adds a rule through the form and waits until the list shows it, on. */
  async add(spec: RuleSpec): Promise<void> {
    await this.showRules();
    // Enabled once the inspected origin's stored rules were read (panel/rules/rulesState.ts).
    const add = this.panel.getByRole("button", { name: "Add rule", exact: true });
    await add.and(this.panel.locator(":enabled")).waitFor(attached);
    await add.dispatchEvent("click");
    const form = this.panel.getByRole("form", { name: "New rule" });
    await form.waitFor(attached);
    // The action first: Respond turns the direction to Outbound (panel/rules/ruleDraft.ts withAction).
    await form.getByLabel("Action", { exact: true }).selectOption({ label: spec.action }, force);
    await form.getByLabel("Direction", { exact: true }).selectOption({ label: spec.direction }, force);
    await form.getByRole("combobox", { name: "Match type", exact: true }).fill(spec.type ?? "", force);
    await form.getByLabel("Match request type", { exact: true }).fill(spec.requestType ?? "", force);
    await form.getByLabel("Match data", { exact: true }).fill(spec.data ?? "", force);
    if (spec.response !== undefined) await form.getByLabel("Response data", { exact: true }).fill(spec.response, force);
    if (spec.delayMs !== undefined)
      await form.getByLabel("Delay (ms)", { exact: true }).fill(String(spec.delayMs), force);
    if (spec.timeoutS !== undefined) {
      await form.getByLabel("Break timeout (s)", { exact: true }).fill(String(spec.timeoutS), force);
    }
    await form.getByRole("button", { name: "Save rule", exact: true }).dispatchEvent("click");
    const saved = this.checkbox(spec.name);
    await saved.waitFor(attached);
    expect(await saved.isChecked()).toBe(true);
    await form.waitFor({ state: "detached" });
  }

  /** Turns the rule on or off with its checkbox. */
  async setEnabled(name: string, on: boolean): Promise<void> {
    await this.showRules();
    const box = this.checkbox(name);
    if ((await box.isChecked()) !== on) await box.dispatchEvent("click");
    await expect.poll(() => box.isChecked()).toBe(on);
  }

  async delete(name: string): Promise<void> {
    await this.showRules();
    const item = this.panel
      .getByRole("list", { name: "Saved rules" })
      .getByRole("listitem")
      .filter({ has: this.panel.getByRole("checkbox", { name, exact: true }) });
    await item.getByRole("button", { name: "Delete", exact: true }).dispatchEvent("click");
    await this.checkbox(name).waitFor({ state: "detached" });
  }

  /** Deletes every saved rule of the inspected origin. */
  async deleteAll(): Promise<void> {
    await this.showRules();
    const list = this.panel.getByRole("list", { name: "Saved rules" });
    // The list is there once the stored rules were read, or the empty note instead.
    await list.or(this.panel.getByText("No rules for this site yet.")).waitFor(attached);
    const deletes = list.getByRole("button", { name: "Delete", exact: true });
    while ((await deletes.count()) > 0) {
      const before = await deletes.count();
      await deletes.first().dispatchEvent("click");
      await expect.poll(() => deletes.count()).toBe(before - 1);
    }
  }

  /**
   * Resolves once the rules saved so far are in force in the page's hook. The panel hands the
   * rules over on its Port, the background passes them to the page's relay on its Port, and the
   * relay to the hook on their private port (src/background/router.ts, src/content/relay.ts);
   * a composer command takes the same three ordered hops after them, so once what it injected
   * reached the app, the hook has the rules. The injected server-message carries `marker`:
   * it must match no rule in force.
   */
  async inForce(app: DemoApp, marker: string): Promise<void> {
    await this.tab("Messages").dispatchEvent("click");
    const composer = this.panel.getByRole("region", { name: "Composer" });
    await composer.getByRole("tab", { name: "Custom message", exact: true }).dispatchEvent("click");
    await composer.getByRole("textbox", { name: "Message type", exact: true }).fill("in-force-barrier", force);
    await composer.getByRole("textbox", { name: "Message data", exact: true }).fill(JSON.stringify({ marker }), force);
    const inject = composer.getByRole("button", { name: "Inject server message", exact: true });
    await inject.and(this.panel.locator(":enabled")).waitFor(attached);
    await inject.dispatchEvent("click");
    await app.page
      .locator("#server-messages li")
      .filter({ hasText: JSON.stringify({ marker }) })
      .waitFor(attached);
  }

  /**
   * Waits for a log row of `type` whose JSON contains `text` and that carries the rule's badge
   * `badge` (panel/rules/ruleMarkText.ts). The log is narrowed by the panel's filter first: the
   * grid renders only the rows in view.
   */
  async markedRow(type: string, text: string, badge: string): Promise<void> {
    await this.tab("Messages").dispatchEvent("click");
    const filter = this.panel.getByRole("searchbox", { name: "Filter" });
    await filter.fill(text, force);
    await this.panel
      .getByRole("grid", { name: "Messages" })
      .getByRole("row")
      .filter({ hasText: type })
      .filter({ has: this.panel.locator(".badge-rule").getByText(badge, { exact: true }) })
      .first()
      .waitFor(attached);
    await filter.fill("", force);
  }

  /** The Paused messages region (shown above every view while a message is held). */
  pausedRegion(): Locator {
    return this.panel.getByRole("region", { name: "Paused messages" });
  }

  /** The listed message whose JSON contains `text`, if there is one. */
  private async findPaused(text: string): Promise<Locator | undefined> {
    // A field's value is not text content: each item's field is read.
    for (const item of await this.pausedRegion().getByRole("listitem").all()) {
      if ((await pausedField(item).inputValue()).includes(text)) return item;
    }
    return undefined;
  }

  /** Waits until the region lists a message whose JSON contains `text`, and returns it. */
  async paused(text: string): Promise<PausedItem> {
    let item: Locator | undefined;
    await expect
      .poll(
        async () => {
          item = await this.findPaused(text);
          return item !== undefined;
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    const found = item!;
    const items = this.pausedRegion().getByRole("listitem");
    // Settled, the message leaves the list (an edit the panel refuses would leave it there, its error shown).
    const press = async (button: string) => {
      const before = await items.count();
      await found.getByRole("button", { name: button, exact: true }).dispatchEvent("click");
      await expect.poll(() => items.count()).toBe(before - 1);
    };
    return {
      msg: JSON.parse(await pausedField(found).inputValue()),
      continueWith: async (edited?: unknown) => {
        if (edited !== undefined) await pausedField(found).fill(JSON.stringify(edited, null, 2), force);
        await press("Continue");
      },
      drop: () => press("Drop"),
    };
  }
}

function pausedField(item: Locator): Locator {
  return item.getByRole("textbox", { name: "Paused message data", exact: true });
}
