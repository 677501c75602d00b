// The Rules view with a real RulesState: the form's checks (a message next to the field, and
// nothing saved nor handed to the tab), saving (in storage under the origin, and the enabled
// rules given to connection.setRules), the list's checkbox, Edit and Delete, and hit counts.
// Faked at the boundary only: the panel's connection and extension storage.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import type { Rule } from "../../src/shared/protocol";
import type { PanelConnection } from "../../panel/connectionContext";
import { RulesView } from "../../panel/rules/RulesView";
import { RulesState } from "../../panel/rules/rulesState";
import { rulesKey } from "../../panel/rules/ruleStorage";
import { storageItems } from "../support/fakeStorage";

vi.mock("webextension-polyfill", async () => ({ default: (await import("../support/fakeStorage")).fakeBrowser }));

const ORIGIN = "http://localhost:7860";
const setRules = vi.fn<PanelConnection["setRules"]>();
let state: RulesState;
let hitCounts: Map<string, number>;

async function showView() {
  state = new RulesState({ setRules });
  await state.showOrigin(ORIGIN);
  render(<RulesView state={state} hits={(id) => hitCounts.get(id) ?? 0} clients={[]} seenTypes={["bot-output"]} />);
}

const field = (name: string) => screen.getByLabelText(name) as HTMLInputElement;
const type = (name: string, value: string) => fireEvent.input(field(name), { target: { value } });
const choose = (name: string, value: string) =>
  fireEvent.change(screen.getByRole("combobox", { name }), { target: { value } });
const save = () => fireEvent.click(screen.getByRole("button", { name: "Save rule" }));
const stored = () => storageItems.get(rulesKey(ORIGIN)) as Rule[] | undefined;
const lastSet = () => setRules.mock.calls.at(-1)?.[0];

beforeEach(() => {
  storageItems.clear();
  setRules.mockReset();
  setRules.mockResolvedValue(undefined);
  hitCounts = new Map();
});
afterEach(cleanup);

describe("the rule form", () => {
  it("offers the actions and directions by name, and starts on Break with a 30 s timeout", async () => {
    await showView();
    fireEvent.click(screen.getByRole("button", { name: "Add rule" }));
    const action = screen.getByRole("combobox", { name: "Action" }) as HTMLSelectElement;
    expect([...action.options].map((option) => option.text)).toEqual([
      "Break",
      "Respond",
      "Respond with error",
      "Delay",
      "Drop",
      "Inject after",
    ]);
    const direction = screen.getByRole("combobox", { name: "Direction" }) as HTMLSelectElement;
    expect([...direction.options].map((option) => option.text)).toEqual(["Outbound", "Inbound"]);
    expect(field("Break timeout (s)").value).toBe("30");
    // Match type is free text with suggestions: client-js's types of the direction and the log's.
    const suggestions = [...document.querySelectorAll("#rule-type-suggestions option")].map(
      (option) => (option as HTMLOptionElement).value,
    );
    expect(suggestions).toContain("server-message");
    expect(suggestions).toContain("bot-output");
    expect(field("Match type").getAttribute("list")).toBe("rule-type-suggestions");
  });

  it("says what is wrong next to each field, and saves nothing and puts nothing in force", async () => {
    await showView();
    setRules.mockClear();
    fireEvent.click(screen.getByRole("button", { name: "Add rule" }));

    type("Match data", "/unclosed(/");
    type("Break timeout (s)", "0");
    save();
    expect(await screen.findByText(/^Invalid regular expression/)).toBeTruthy();
    expect(screen.getByText(/The break timeout is a number of seconds above 0/)).toBeTruthy();
    expect(field("Match data").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText("Nothing saved: fix the field marked below.")).toBeTruthy();

    type("Match data", "/weather/i");
    type("Break timeout (s)", "30");
    choose("Action", "delay");
    type("Delay (ms)", "-5");
    save();
    expect(await screen.findByText(/The delay is a whole number of milliseconds from 0/)).toBeTruthy();

    choose("Action", "respond");
    // Respond answers the app's requests: Outbound, and client-message unless a type was typed.
    expect((screen.getByRole("combobox", { name: "Direction" }) as HTMLSelectElement).value).toBe("out");
    expect(field("Match type").value).toBe("client-message");
    save();
    expect(await screen.findByText(/Respond needs what the request resolves to/)).toBeTruthy();
    type("Response data", '{"ok": true,}');
    save();
    expect(await screen.findByText(/Invalid JSON at line 1, column 13: trailing comma/)).toBeTruthy();
    type("Response data", '{"ok": true}');
    choose("Direction", "in");
    save();
    expect(await screen.findByText(/the direction must be Outbound/)).toBeTruthy();
    choose("Direction", "out");
    fireEvent.click(screen.getByRole("checkbox", { name: "Answer call after call" }));
    save();
    expect(await screen.findByText(/Answer call after call takes a JSON array/)).toBeTruthy();

    choose("Action", "inject-after");
    type("Response data", '{"data": {}}');
    save();
    expect(await screen.findByText(/Not an RTVI message: type:/)).toBeTruthy();

    expect(stored()).toBeUndefined();
    expect(setRules).not.toHaveBeenCalled();
    expect(screen.getByRole("form", { name: "New rule" })).toBeTruthy();
  });

  it("saves a Respond rule, stores it under the origin and puts it in force", async () => {
    await showView();
    fireEvent.click(screen.getByRole("button", { name: "Add rule" }));
    choose("Action", "respond");
    type("Match request type", "get-weather");
    type("Response data", '{"temperature": 21}');
    save();

    expect(screen.queryByRole("form")).toBeNull();
    const name = "Respond to outbound client-message get-weather";
    expect((screen.getByRole("checkbox", { name }) as HTMLInputElement).checked).toBe(true);
    const rule: Rule = {
      id: expect.any(String),
      enabled: true,
      match: { direction: "out", type: "client-message", requestType: "get-weather" },
      action: "respond",
      responses: [{ temperature: 21 }],
    };
    expect(lastSet()).toEqual([rule]);
    await state.written();
    expect(stored()).toEqual([rule]);
  });

  it("answers call after call from a JSON array, rejects with error text, and completes the label of an injected message", async () => {
    await showView();
    const add = (action: string, response: string) => {
      fireEvent.click(screen.getByRole("button", { name: "Add rule" }));
      choose("Action", action);
      type("Response data", response);
    };
    add("respond", '[{"n": 1}, {"n": 2}]');
    fireEvent.click(screen.getByRole("checkbox", { name: "Answer call after call" }));
    save();
    add("respond-error", "No weather today");
    save();
    add("inject-after", '{"type": "server-message", "data": {"hello": 1}}');
    choose("Direction", "in");
    type("Match type", "bot-ready");
    save();
    expect(lastSet()).toEqual([
      expect.objectContaining({ action: "respond", responses: [{ n: 1 }, { n: 2 }] }),
      expect.objectContaining({ action: "respond-error", error: "No weather today" }),
      expect.objectContaining({
        action: "inject-after",
        match: { direction: "in", type: "bot-ready" },
        inject: { label: "rtvi-ai", type: "server-message", data: { hello: 1 } },
      }),
    ]);
  });
});

describe("the rule list", () => {
  it("turns a rule off and on with its checkbox: only enabled rules are put in force", async () => {
    await showView();
    fireEvent.click(screen.getByRole("button", { name: "Add rule" }));
    choose("Direction", "in");
    type("Match type", "server-message");
    save();
    fireEvent.click(screen.getByRole("button", { name: "Add rule" }));
    choose("Action", "drop");
    choose("Direction", "in");
    type("Match type", "bot-output");
    save();
    const [breakRule, dropRule] = state.rules.value;
    expect(lastSet()).toEqual([breakRule, dropRule]);

    const breakBox = screen.getByRole("checkbox", { name: "Break inbound server-message" }) as HTMLInputElement;
    fireEvent.click(breakBox);
    expect(breakBox.checked).toBe(false);
    expect(lastSet()).toEqual([dropRule]);
    await state.written();
    expect(stored()).toEqual([{ ...breakRule, enabled: false }, dropRule]);

    fireEvent.click(breakBox);
    expect(breakBox.checked).toBe(true);
    expect(lastSet()).toEqual([breakRule, dropRule]);
  });

  it("names alike rules apart, shows each one's hits, edits and deletes", async () => {
    await showView();
    for (let index = 0; index < 2; index++) {
      fireEvent.click(screen.getByRole("button", { name: "Add rule" }));
      choose("Direction", "in");
      type("Match type", "server-message");
      save();
    }
    const [first, second] = state.rules.value;
    hitCounts.set(first.id, 3);
    hitCounts.set(second.id, 1);
    cleanup();
    render(<RulesView state={state} hits={(id) => hitCounts.get(id) ?? 0} clients={[]} seenTypes={[]} />);

    const items = screen.getAllByRole("listitem");
    expect(items).toHaveLength(2);
    expect(within(items[0]).getByRole("checkbox", { name: "Break inbound server-message" })).toBeTruthy();
    expect(within(items[0]).getByText("3 hits")).toBeTruthy();
    expect(within(items[1]).getByRole("checkbox", { name: "Break inbound server-message (2)" })).toBeTruthy();
    expect(within(items[1]).getByText("1 hit")).toBeTruthy();

    fireEvent.click(within(items[1]).getByRole("button", { name: "Edit" }));
    expect(screen.getByRole("form", { name: "Edit rule" })).toBeTruthy();
    expect(field("Match type").value).toBe("server-message");
    type("Match type", "bot-output");
    type("Break timeout (s)", "2.5");
    save();
    expect(state.rules.value[1]).toEqual({
      ...second,
      match: { direction: "in", type: "bot-output" },
      timeoutMs: 2500,
    });
    expect(screen.getByRole("checkbox", { name: "Break inbound bot-output" })).toBeTruthy();

    fireEvent.click(within(screen.getAllByRole("listitem")[0]).getByRole("button", { name: "Delete" }));
    expect(screen.queryByRole("checkbox", { name: "Break inbound server-message" })).toBeNull();
    expect(lastSet()).toEqual([state.rules.value[0]]);
    await state.written();
    await waitFor(() => expect(stored()).toEqual(state.rules.value));
  });

  it("tells why nothing can be added before the page's origin is known", async () => {
    state = new RulesState({ setRules });
    render(<RulesView state={state} hits={() => 0} clients={[]} seenTypes={[]} />);
    expect(screen.getByText(/origin is not known yet/)).toBeTruthy();
    expect((screen.getByRole("button", { name: "Add rule" }) as HTMLButtonElement).disabled).toBe(true);
    expect(setRules).not.toHaveBeenCalled();
  });

  it("says when the rules could not be put in force", async () => {
    storageItems.set(rulesKey(ORIGIN), [
      { id: "r", enabled: true, match: { direction: "in", type: "server-message" }, action: "drop" },
    ]);
    setRules.mockRejectedValue(new Error("The extension's background did not take the rules within 5 s."));
    await showView();
    expect(await screen.findByText(/The rules could not be put in force: The extension's background/)).toBeTruthy();
  });
});
