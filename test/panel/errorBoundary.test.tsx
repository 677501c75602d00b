// The whole App, with a real store and view state, and one view made to fail: its error shows
// in that view, with "Copy details", and the rest of the panel keeps working.
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import type { PageToPanel } from "../../src/shared/protocol";
import { App } from "../../panel/App";
import { ConnectionContext, type PanelConnection } from "../../panel/connectionContext";
import { ErrorBoundary, failureDetails } from "../../panel/ErrorBoundary";
import { createSessionStore } from "../../panel/model/store";
import { PanelModelContext } from "../../panel/useStore";
import { createViewState } from "../../panel/viewState";

vi.mock("webextension-polyfill", async () => ({ default: (await import("../support/fakeStorage")).fakeBrowser }));

/** The Connection view fails to render when its client says so: a view with a render bug. */
vi.mock("../../panel/ConnectionView", () => ({
  ConnectionView: ({ client }: { client: { state?: string } }) => {
    if (client.state === "breaks-the-view") throw new Error("boom in the connection view");
    return <p>connection shown</p>;
  },
}));

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const T0 = Date.UTC(2026, 0, 1);

const connection: PanelConnection = {
  tabId: 1,
  inDevtools: false,
  inspectTab: () => {},
  sendCommand: () => Promise.reject(new Error("no page in this test")),
  listTabs: () => Promise.resolve([]),
  siteRequest: () => Promise.reject(new Error("no page in this test")),
  setRules: () => Promise.resolve(),
};

function renderApp(state: string) {
  const store = createSessionStore();
  const events: PageToPanel[] = [
    { kind: "hook-ready", t: T0, url: "http://localhost/app", isTop: true, hookVersion: "t", late: false },
    { kind: "client-added", t: T0, client: { clientId: "c-1", transport: "websocket", foundBy: "trap", state } },
    {
      kind: "message",
      messageId: 1,
      t: T0 + 1,
      clientId: "c-1",
      dir: "in",
      level: "client",
      msg: { type: "bot-llm-text", data: { text: "hi" } },
    },
  ];
  store.ingest(0, events);
  render(
    <ConnectionContext.Provider value={connection}>
      <PanelModelContext.Provider value={{ live: store, view: createViewState() }}>
        <App />
      </PanelModelContext.Provider>
    </ConnectionContext.Provider>,
  );
  return store;
}

describe("a view that fails to render", () => {
  it("shows its error in that view, and the log, toolbar and status keep working", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const store = renderApp("breaks-the-view");
    fireEvent.click(screen.getByRole("tab", { name: "Connection" }));
    const panel = screen.getByRole("tabpanel", { name: "Connection" });
    expect(within(panel).getByRole("alert").textContent).toContain(
      "The Connection view failed to render: Error: boom in the connection view",
    );
    expect(within(panel).getByRole("button", { name: "Copy details" })).toBeTruthy();
    expect(screen.getByRole("status").textContent).toContain("1 messages");
    expect(screen.getByRole("toolbar", { name: "Log controls" })).toBeTruthy();

    fireEvent.click(screen.getByRole("tab", { name: "Messages" }));
    const grid = screen.getByRole("grid", { name: "Messages" });
    expect(grid.textContent).toContain("bot-llm-text");
    store.ingest(0, [
      {
        kind: "message",
        messageId: 2,
        t: T0 + 2,
        clientId: "c-1",
        dir: "in",
        level: "client",
        msg: { type: "bot-tts-text", data: {} },
      },
    ]);
    await waitFor(() => expect(screen.getByRole("status").textContent).toContain("2 messages"));
    expect(screen.getByRole("grid", { name: "Messages" }).textContent).toContain("bot-tts-text");
  });

  it("renders the same view normally when it does not fail (the failure above is the view's own)", () => {
    renderApp("ready");
    fireEvent.click(screen.getByRole("tab", { name: "Connection" }));
    expect(screen.getByRole("tabpanel", { name: "Connection" }).textContent).toContain("connection shown");
    expect(screen.queryByRole("alert")).toBeNull();
  });
});

describe("ErrorBoundary", () => {
  function Thrower(): never {
    throw new TypeError("cannot read the row");
  }

  it("copies the view, the error and its stacks", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    render(
      <div>
        <ErrorBoundary view="Message detail">
          <Thrower />
        </ErrorBoundary>
        <p>still here</p>
      </div>,
    );
    expect(screen.getByText("still here")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Copy details" }));
    await waitFor(() => expect(writeText).toHaveBeenCalledOnce());
    const copied = (writeText.mock.calls[0] as unknown as [string])[0];
    expect(copied).toContain("the Message detail view failed to render");
    expect(copied).toContain("TypeError: cannot read the row");
    expect(copied).toMatch(/Stack:\n.*cannot read the row/);
    expect(await screen.findByText(/Copied/)).toBeTruthy();
  });

  it("says what it has: the component stack when Preact gives one", () => {
    const text = failureDetails("Composer", { error: new Error("x"), componentStack: "\n  in Composer\n  in App" });
    expect(text).toContain("Component stack:\nin Composer\n  in App");
  });
});
