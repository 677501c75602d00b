// Rules kept per origin in extension storage: each origin's list read back when the inspected
// page's origin changes (and put in force there), written on every change, and stored entries
// that are not rules left out, counted, and reported in the Rules view. Faked at the boundary
// only: the panel's connection and extension storage.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, render, screen } from "@testing-library/preact";
import { MAX_RULES, type Rule } from "../../src/shared/protocol";
import type { PanelConnection } from "../../panel/connectionContext";
import { RulesView } from "../../panel/rules/RulesView";
import { RulesState } from "../../panel/rules/rulesState";
import { loadRules, readStoredRules, rulesKey, saveRules } from "../../panel/rules/ruleStorage";
import { storageItems } from "../support/fakeStorage";

vi.mock("webextension-polyfill", async () => ({ default: (await import("../support/fakeStorage")).fakeBrowser }));

const SITE_A = "http://localhost:7860";
const SITE_B = "https://app.example";
const setRules = vi.fn<PanelConnection["setRules"]>();

function rule(id: string, enabled = true, type = "server-message"): Rule {
  return { id, enabled, match: { direction: "in", type }, action: "drop" };
}

beforeEach(() => {
  storageItems.clear();
  setRules.mockReset();
  setRules.mockResolvedValue(undefined);
});
afterEach(cleanup);

describe("rule storage", () => {
  it("keeps one list per origin, written whole and read back", async () => {
    await saveRules(SITE_A, [rule("a1"), rule("a2", false)]);
    await saveRules(SITE_B, [rule("b1")]);
    expect(await loadRules(SITE_A)).toEqual({ rules: [rule("a1"), rule("a2", false)], unreadable: 0 });
    expect(await loadRules(SITE_B)).toEqual({ rules: [rule("b1")], unreadable: 0 });
    expect(await loadRules("http://elsewhere")).toEqual({ rules: [], unreadable: 0 });
    await saveRules(SITE_A, []);
    expect(storageItems.has(rulesKey(SITE_A))).toBe(false);
  });

  it("leaves out and counts what is not a rule, a repeated id and what is over the limit", () => {
    const bad = [
      rule("ok"),
      { ...rule("extra"), unknownKey: 1 },
      { ...rule("action"), action: "explode" },
      { ...rule("delay"), action: "delay", delayMs: -1 },
      rule("ok"),
      "not a rule",
    ];
    expect(readStoredRules(bad)).toEqual({ rules: [rule("ok")], unreadable: 5 });
    expect(readStoredRules({ rules: [] })).toEqual({ rules: [], unreadable: 1 });
    const many = Array.from({ length: MAX_RULES + 2 }, (_, index) => rule(`r${index}`));
    expect(readStoredRules(many).rules).toHaveLength(MAX_RULES);
    expect(readStoredRules(many).unreadable).toBe(2);
  });
});

describe("the rules of the inspected origin", () => {
  it("follows the origin: reads each one's rules and puts its enabled ones in force", async () => {
    storageItems.set(rulesKey(SITE_A), [rule("a1"), rule("a2", false)]);
    storageItems.set(rulesKey(SITE_B), [rule("b1")]);
    const state = new RulesState({ setRules });

    await state.showOrigin(SITE_A);
    expect(state.rules.value).toEqual([rule("a1"), rule("a2", false)]);
    expect(setRules.mock.calls).toEqual([[[rule("a1")]]]);

    // A change is written under the origin it was made for.
    state.setEnabled("a2", true);
    await state.written();
    expect(storageItems.get(rulesKey(SITE_A))).toEqual([rule("a1"), rule("a2")]);

    await state.showOrigin(SITE_B);
    expect(state.rules.value).toEqual([rule("b1")]);
    expect(setRules.mock.calls.at(-1)).toEqual([[rule("b1")]]);
    state.remove("b1");
    await state.written();
    expect(storageItems.has(rulesKey(SITE_B))).toBe(false);
    expect(storageItems.get(rulesKey(SITE_A))).toEqual([rule("a1"), rule("a2")]);

    await state.showOrigin(SITE_A);
    expect(state.rules.value).toEqual([rule("a1"), rule("a2")]);

    // A page whose origin is not known: nothing stays in force.
    await state.showOrigin(undefined);
    expect(setRules.mock.calls.at(-1)).toEqual([[]]);
    expect(state.blocked()).toMatch(/origin is not known yet/);
  });

  it("does not hand over an empty set while none is in force", async () => {
    const state = new RulesState({ setRules });
    await state.showOrigin("http://no-rules.example");
    expect(state.loaded.value).toBe(true);
    await state.showOrigin(undefined);
    expect(setRules).not.toHaveBeenCalled();
  });

  it("drops a read that a newer origin overtook", async () => {
    storageItems.set(rulesKey(SITE_A), [rule("a1")]);
    storageItems.set(rulesKey(SITE_B), [rule("b1")]);
    const state = new RulesState({ setRules });
    const first = state.showOrigin(SITE_A);
    const second = state.showOrigin(SITE_B);
    await Promise.all([first, second]);
    expect(state.origin.value).toBe(SITE_B);
    expect(state.rules.value).toEqual([rule("b1")]);
    expect(setRules.mock.calls).toEqual([[[rule("b1")]]]);
  });

  it("says in the Rules view how many stored rules could not be read, and loads the rest", async () => {
    storageItems.set(rulesKey(SITE_A), [rule("good"), { id: "old-shape", when: "always" }, 42]);
    const state = new RulesState({ setRules });
    await state.showOrigin(SITE_A);
    render(<RulesView state={state} hits={() => 0} clients={[]} seenTypes={[]} />);
    expect(screen.getByRole("alert").textContent).toMatch(/^2 stored rules could not be read/);
    expect(screen.getByRole("checkbox", { name: "Drop inbound server-message" })).toBeTruthy();
    expect(setRules.mock.calls).toEqual([[[rule("good")]]]);
  });

  it("refuses a rule past the limit", async () => {
    storageItems.set(
      rulesKey(SITE_A),
      Array.from({ length: MAX_RULES }, (_, index) => rule(`r${index}`)),
    );
    const state = new RulesState({ setRules });
    await state.showOrigin(SITE_A);
    expect(state.save(rule("one-more"))).toBe(`There are ${MAX_RULES} rules already: delete one first.`);
    expect(state.rules.value).toHaveLength(MAX_RULES);
  });
});
