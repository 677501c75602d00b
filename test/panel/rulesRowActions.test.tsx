// Rules made from a log row: "Break on this type" (saved, on, and put in force at once) and
// "Mock a reply…" (the Rules view's form filled to answer requests like the row), alone and in
// the whole App, with a real store fed with real events. Faked at the boundary only: the
// panel's connection and extension storage.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import type { ComponentChildren } from "preact";
import type { PageToPanel } from "../../src/shared/protocol";
import { App } from "../../panel/App";
import { RowActions } from "../../panel/composer/RowActions";
import { ConnectionContext, type PanelConnection } from "../../panel/connectionContext";
import { createSessionStore, type MessageRow, type SessionStore } from "../../panel/model/store";
import { RulesState } from "../../panel/rules/rulesState";
import { rulesKey } from "../../panel/rules/ruleStorage";
import { PanelModelContext } from "../../panel/useStore";
import { createViewState } from "../../panel/viewState";
import { storageItems } from "../support/fakeStorage";

vi.mock("webextension-polyfill", async () => ({ default: (await import("../support/fakeStorage")).fakeBrowser }));

const ORIGIN = "http://localhost:7860";
const T0 = Date.UTC(2026, 0, 1);
const setRules = vi.fn<PanelConnection["setRules"]>();
const connection: PanelConnection = {
  tabId: 1,
  inDevtools: false,
  inspectTab: () => {},
  sendCommand: () => Promise.resolve(null),
  listTabs: () => Promise.resolve([]),
  siteRequest: (_action, origin) => Promise.resolve({ origin, access: "default" }),
  setRules,
};

let messageId = 1;
function message(dir: "in" | "out", type: string, data: unknown, extra: object = {}): PageToPanel {
  const id = messageId++;
  return {
    kind: "message",
    messageId: id,
    t: T0 + id,
    clientId: "c-1",
    dir,
    level: "client",
    msg: { label: "rtvi-ai", type, id: `m-${id}`, data },
    ...extra,
  };
}

/** A request the app awaited and the bot's answer, a plain client message, and a server message. */
function feed(): SessionStore {
  const store = createSessionStore();
  const request = message(
    "out",
    "client-message",
    { t: "get-weather", d: { city: "Paris" } },
    {
      request: { timeoutMs: 10_000 },
    },
  );
  const answer = message("in", "server-response", { t: "get-weather", d: { temperature: 21 } });
  (answer as { msg: { id: string } }).msg.id = (request as { msg: { id: string } }).msg.id;
  store.ingest(0, [
    { kind: "hook-ready", t: T0, url: `${ORIGIN}/app`, isTop: true, hookVersion: "t", late: false },
    {
      kind: "client-added",
      t: T0,
      client: { clientId: "c-1", transport: "websocket", foundBy: "trap", state: "ready" },
    },
    request,
    answer,
    message("out", "client-message", { t: "set-language", d: "fr" }),
    message("in", "server-message", { news: 1 }),
  ]);
  return store;
}

const rowsOf = (store: SessionStore) => store.rows.filter((row): row is MessageRow => row.kind === "message");

function Providers({ children }: { children: ComponentChildren }) {
  return <ConnectionContext.Provider value={connection}>{children}</ConnectionContext.Provider>;
}

beforeEach(() => {
  storageItems.clear();
  setRules.mockReset();
  setRules.mockResolvedValue(undefined);
});
afterEach(cleanup);

describe("RowActions: rules from a row", () => {
  it("Break on this type saves a Break rule for the row's direction and type, on, and puts it in force", async () => {
    const store = feed();
    const state = new RulesState({ setRules });
    await state.showOrigin(ORIGIN);
    const serverMessage = rowsOf(store).find((row) => row.type === "server-message")!;
    const { rerender } = render(<RowActions store={store} row={serverMessage} client={undefined} rules={state} />, {
      wrapper: Providers,
    });
    // Only a request the app awaits can be answered by a rule.
    expect(screen.queryByRole("button", { name: "Mock a reply…" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Break on this type" }));
    const breakServerMessage = {
      id: expect.any(String),
      enabled: true,
      match: { direction: "in", type: "server-message" },
      action: "break",
      timeoutMs: 30_000,
    };
    expect(state.rules.value).toEqual([breakServerMessage]);
    expect(setRules.mock.calls.at(-1)).toEqual([[breakServerMessage]]);
    expect(screen.getByText(/^Rule “Break inbound server-message” added/)).toBeTruthy();
    await state.written();
    expect(storageItems.get(rulesKey(ORIGIN))).toEqual([breakServerMessage]);

    // Turned off, then asked again: the same rule is turned on, not repeated.
    state.setEnabled(state.rules.value[0].id, false);
    fireEvent.click(screen.getByRole("button", { name: "Break on this type" }));
    expect(state.rules.value).toEqual([breakServerMessage]);
    expect(screen.getByText("Rule “Break inbound server-message” is on.")).toBeTruthy();

    // A client message breaks on its request type too.
    const clientMessage = rowsOf(store).find((row) => row.type === "client-message" && !row.request)!;
    rerender(<RowActions store={store} row={clientMessage} client={undefined} rules={state} />);
    fireEvent.click(screen.getByRole("button", { name: "Break on this type" }));
    expect(state.rules.value[1]).toMatchObject({
      match: { direction: "out", type: "client-message", requestType: "set-language" },
      action: "break",
    });
  });

  it("says why no rule is made while the page's origin is unknown", () => {
    const store = feed();
    const state = new RulesState({ setRules });
    render(<RowActions store={store} row={rowsOf(store)[0]} client={undefined} rules={state} />, {
      wrapper: Providers,
    });
    fireEvent.click(screen.getByRole("button", { name: "Break on this type" }));
    expect(screen.getByRole("alert").textContent).toMatch(
      /^No rule made: The inspected page's origin is not known yet/,
    );
    expect(state.rules.value).toEqual([]);
  });

  it("Mock a reply… fills the form to answer such requests, with what the bot answered, and shows the Rules view", async () => {
    const store = feed();
    const state = new RulesState({ setRules });
    await state.showOrigin(ORIGIN);
    const onOpenRules = vi.fn();
    const request = rowsOf(store).find((row) => row.request)!;
    render(<RowActions store={store} row={request} client={undefined} rules={state} onOpenRules={onOpenRules} />, {
      wrapper: Providers,
    });
    fireEvent.click(screen.getByRole("button", { name: "Mock a reply…" }));
    expect(onOpenRules).toHaveBeenCalledTimes(1);
    expect(state.form.value?.draft).toMatchObject({
      direction: "out",
      type: "client-message",
      requestType: "get-weather",
      action: "respond",
      response: '{\n  "temperature": 21\n}',
    });
    expect(state.rules.value).toEqual([]);
  });
});

describe("the App's Rules view", () => {
  function renderApp(store: SessionStore) {
    render(
      <ConnectionContext.Provider value={connection}>
        <PanelModelContext.Provider value={{ live: store, view: createViewState() }}>
          <App />
        </PanelModelContext.Provider>
      </ConnectionContext.Provider>,
    );
  }

  it("is a tab beside the others; a row's Mock a reply… opens it with the form filled, and the saved rule acts", async () => {
    const store = feed();
    // The top client's origin is the page's here (no devtools API): its rules are read from storage.
    storageItems.set(rulesKey(ORIGIN), [
      { id: "stored", enabled: true, match: { direction: "in", type: "bot-output" }, action: "drop" },
    ]);
    renderApp(store);
    await waitFor(() => expect(setRules).toHaveBeenCalledTimes(1));
    const stored = setRules.mock.calls[0][0];
    expect(stored).toMatchObject([{ id: "stored" }]);
    const views = screen.getByRole("tab", { name: "Messages" }).parentElement!;
    expect(within(views).getAllByRole("tab")).toHaveLength(4);
    for (const name of ["Messages", "Conversation", "Connection", "Rules"]) within(views).getByRole("tab", { name });
    // The Rules tab shows how many rules are on, and keeps its name.
    expect(within(views).getByRole("tab", { name: "Rules" }).textContent).toBe("Rules1");
    expect(screen.queryByRole("region", { name: "Paused messages" })).toBeNull();

    const grid = screen.getByRole("grid");
    const requestRow = within(grid)
      .getAllByRole("row")
      .find((row) => row.textContent?.includes("client-message") && row.textContent.includes("Paris"))!;
    fireEvent.click(requestRow);
    fireEvent.keyDown(grid, { key: "Enter" });
    const actions = await screen.findByRole("group", { name: "Message actions" });
    fireEvent.click(within(actions).getByRole("button", { name: "Mock a reply…" }));

    const panel = screen.getByRole("tabpanel", { name: "Rules" });
    expect(screen.getByRole("tab", { name: "Rules" }).getAttribute("aria-selected")).toBe("true");
    const form = within(panel).getByRole("form", { name: "New rule" });
    expect((within(form).getByRole("combobox", { name: "Action" }) as HTMLSelectElement).value).toBe("respond");
    expect((within(form).getByRole("combobox", { name: "Direction" }) as HTMLSelectElement).value).toBe("out");
    expect((within(form).getByLabelText("Match type") as HTMLInputElement).value).toBe("client-message");
    expect((within(form).getByLabelText("Match request type") as HTMLInputElement).value).toBe("get-weather");
    expect(within(form).getByRole("combobox", { name: "Client" })).toBeTruthy();
    fireEvent.click(within(form).getByRole("button", { name: "Save rule" }));

    const name = "Respond to outbound client-message get-weather";
    expect(within(panel).getByRole("checkbox", { name })).toBeTruthy();
    expect(within(panel).getAllByText("0 hits")).toHaveLength(2);
    expect(setRules.mock.calls.at(-1)?.[0]).toMatchObject([
      { id: "stored" },
      { action: "respond", responses: [{ temperature: 21 }] },
    ]);
    expect(screen.getByRole("tab", { name: "Rules" }).textContent).toBe("Rules2");
  });
});
