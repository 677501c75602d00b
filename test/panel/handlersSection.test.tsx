// Runs in vitest's unit project (happy-dom). The Connection view's "Handlers" section and a
// message's handler explanation, rendered with a real store (createSessionStore) fed with real
// events and the panel's model context, as panel/main.tsx gives them. Faked at the boundary
// only: the panel's connection (a PanelConnection given through ConnectionContext), whose
// describe-handlers answers are read off a real client-js 1.13.1 client, as the page hook reads
// them. The one-second asking runs on vitest's fake setInterval; everything else on real timers.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ComponentChildren } from "preact";
import { act, cleanup, render, screen, waitFor, within } from "@testing-library/preact";
import * as clientJs from "@pipecat-ai/client-js";
import type { PageToPanel, PanelToPage } from "../../src/shared/protocol";
import { createSessionStore, type MessageRow, type SessionStore } from "../../panel/model/store";
import { ConnectionContext, type CallOptions, type PanelConnection } from "../../panel/connectionContext";
import { PanelModelContext } from "../../panel/useStore";
import { createViewState, type ViewState } from "../../panel/viewState";
import { ConnectionView } from "../../panel/ConnectionView";
import { HandlerExplanation } from "../../panel/handlers/HandlerExplanation";
import { REFRESH_MS } from "../../panel/handlers/useHandlers";
import { inTestTransportClass } from "../support/inTestTransport";

const sendCommand = vi.fn<(frameId: number, command: PanelToPage, options?: CallOptions) => Promise<unknown>>();
const connection: PanelConnection = {
  tabId: 1,
  inDevtools: true,
  inspectTab: () => undefined,
  sendCommand,
  listTabs: async () => [],
  siteRequest: async (_action, origin) => ({ origin, access: "default" }),
  setRules: () => Promise.resolve(),
};

let store: SessionStore;
let view: ViewState;

function Providers({ children }: { children: ComponentChildren }) {
  return (
    <ConnectionContext.Provider value={connection}>
      <PanelModelContext.Provider value={{ live: store, view }}>{children}</PanelModelContext.Provider>
    </ConnectionContext.Provider>
  );
}

const FRAME = 3;
let clock = 1_700_000_000_000;

function setUp(target: SessionStore, state: string, foundBy: "trap" | "wire" = "trap") {
  target.ingest(FRAME, [
    { kind: "hook-ready", t: clock++, url: "http://localhost:7860/", isTop: true, hookVersion: "t", late: false },
    {
      kind: "client-added",
      t: clock++,
      client: { clientId: "c-1", transport: "websocket", foundBy, state, clientVersion: "1.13.1" },
    },
  ]);
  return target.clients.get(`${FRAME}:c-1`)!;
}

/** A real client-js 1.13.1 client in a page, and what the hook's describe-handlers reads of it. */
function pageClient(callbacks: Record<string, () => void>) {
  const transport = new (inTestTransportClass(clientJs))();
  const client = new clientJs.PipecatClient({ transport, callbacks });
  client.setLogLevel(clientJs.LogLevel.NONE);
  const describe = () => {
    const options = (client as unknown as { _options: { callbacks: Record<string, unknown> } })._options;
    return {
      callbacks: Object.keys(options.callbacks).filter((name) => typeof options.callbacks[name] === "function"),
      listeners: client
        .eventNames()
        .map((event) => ({ event: String(event), count: client.listenerCount(event as clientJs.RTVIEvent) }))
        .filter(({ count }) => count > 0),
    };
  };
  return { client, describe };
}

const handlersRegion = () => screen.getByRole("region", { name: "Handlers" });
const listenerCount = (event: string) =>
  within(within(handlersRegion()).getByRole("table", { name: "Listeners" }))
    .getByRole("rowheader", { name: event })
    .closest("tr")
    ?.querySelector("td")?.textContent;

beforeEach(() => {
  sendCommand.mockReset();
  store = createSessionStore();
  view = createViewState();
  vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe("the Connection view's Handlers section", () => {
  it("asks the client's frame and shows the app's callbacks apart from client-js's wrappers, and its listeners with counts", async () => {
    const page = pageClient({ onServerMessage: () => undefined, onBotReady: () => undefined });
    page.client.on(clientJs.RTVIEvent.ServerMessage, () => undefined);
    page.client.on(clientJs.RTVIEvent.ServerMessage, () => undefined);
    sendCommand.mockImplementation(async () => page.describe());
    render(<ConnectionView client={setUp(store, "ready")} />, { wrapper: Providers });

    await waitFor(() => expect(listenerCount("serverMessage")).toBe("2"));
    expect(sendCommand).toHaveBeenCalledWith(
      FRAME,
      { kind: "describe-handlers", clientId: "c-1" },
      { signal: expect.any(AbortSignal) },
    );
    const region = within(handlersRegion());
    const callbacks = within(region.getByRole("list", { name: "Callbacks" })).getAllByRole("listitem");
    expect(callbacks.map((item) => item.textContent)).toEqual(["onServerMessage"]);
    // onBotReady is one of client-js's wrappers: there whether the app passed one or not.
    expect(within(region.getByRole("list", { name: "Wrapped callbacks" })).getByText("onBotReady")).toBeTruthy();
    expect(region.getByText(/calls yours if you passed one; it wraps them/)).toBeTruthy();
  });

  it("asks again every second while the client is connected, and shows what changed", async () => {
    const page = pageClient({});
    page.client.on(clientJs.RTVIEvent.BotReady, () => undefined);
    sendCommand.mockImplementation(async () => page.describe());
    render(<ConnectionView client={setUp(store, "ready")} />, { wrapper: Providers });
    await waitFor(() => expect(listenerCount("botReady")).toBe("1"));

    page.client.on(clientJs.RTVIEvent.BotReady, () => undefined);
    page.client.on(clientJs.RTVIEvent.Metrics, () => undefined);
    act(() => {
      vi.advanceTimersByTime(REFRESH_MS);
    });
    await waitFor(() => expect(listenerCount("botReady")).toBe("2"));
    expect(listenerCount("metrics")).toBe("1");
    expect(sendCommand).toHaveBeenCalledTimes(2);
  });

  it("gives up a call still unanswered a second later for the next one", async () => {
    const page = pageClient({ onMetrics: () => undefined });
    const signals: AbortSignal[] = [];
    sendCommand.mockImplementationOnce((_frame, _command, options) => {
      signals.push(options!.signal!);
      return new Promise(() => undefined);
    });
    sendCommand.mockImplementation(async (_frame, _command, options) => {
      signals.push(options!.signal!);
      return page.describe();
    });
    render(<ConnectionView client={setUp(store, "ready")} />, { wrapper: Providers });
    expect(within(handlersRegion()).getByText("Asking the page…")).toBeTruthy();

    act(() => {
      vi.advanceTimersByTime(REFRESH_MS);
    });
    await within(handlersRegion()).findByText("onMetrics");
    expect(signals.map((signal) => signal.aborted)).toEqual([true, false]);
  });

  it("shows why the page could not be asked, and the last answer once one comes", async () => {
    const page = pageClient({ onMetrics: () => undefined });
    sendCommand.mockRejectedValueOnce(new Error("No Pipecat hook in frame 3"));
    sendCommand.mockImplementation(async () => page.describe());
    render(<ConnectionView client={setUp(store, "ready")} />, { wrapper: Providers });

    await within(handlersRegion()).findByText("Could not ask the page: No Pipecat hook in frame 3");
    act(() => {
      vi.advanceTimersByTime(REFRESH_MS);
    });
    await within(handlersRegion()).findByText("onMetrics");
    expect(within(handlersRegion()).queryByText(/Could not ask the page/)).toBeNull();
  });

  it("refuses an answer that is not a handler list, as page data", async () => {
    sendCommand.mockResolvedValue({ callbacks: "onServerMessage", listeners: [{ event: "serverMessage", count: -1 }] });
    render(<ConnectionView client={setUp(store, "ready")} />, { wrapper: Providers });
    await within(handlersRegion()).findByText(
      "Could not ask the page: the hook's answer is not a list of callbacks and listeners",
    );
  });

  it("asks once while the client is disconnected, and every second again once it is connected", async () => {
    const page = pageClient({});
    sendCommand.mockImplementation(async () => page.describe());
    render(<ConnectionView client={setUp(store, "disconnected")} />, { wrapper: Providers });
    await within(handlersRegion()).findByText(/asked every second only while the client is connected/);
    act(() => {
      vi.advanceTimersByTime(3 * REFRESH_MS);
    });
    expect(sendCommand).toHaveBeenCalledTimes(1);

    // The client connects: the store's change re-renders the section, which asks and follows.
    store.ingest(FRAME, [{ kind: "client-updated", t: clock++, clientId: "c-1", patch: { state: "ready" } }]);
    await within(handlersRegion()).findByText(/Live: asked every second/);
    await waitFor(() => expect(sendCommand).toHaveBeenCalledTimes(2));
    act(() => {
      vi.advanceTimersByTime(REFRESH_MS);
    });
    expect(sendCommand).toHaveBeenCalledTimes(3);
  });

  it("does not ask about a client of a session read from a file, nor one seen only on the wire", () => {
    const imported = createSessionStore({ source: "file" });
    view.imported.value = { store: imported, name: "session.json" };
    const { unmount } = render(<ConnectionView client={setUp(imported, "ready")} />, { wrapper: Providers });
    expect(
      within(handlersRegion()).getByText(/read from a file: handlers are asked of the live page only/),
    ).toBeTruthy();
    unmount();

    view.imported.value = undefined;
    render(<ConnectionView client={setUp(store, "ready", "wire")} />, { wrapper: Providers });
    expect(within(handlersRegion()).getByText(/found by its traffic only/)).toBeTruthy();
    // render() ran the section's effects: a call would have been made by now.
    expect(sendCommand).not.toHaveBeenCalled();
  });
});

describe("a message's handler explanation", () => {
  function inboundRow(type: string, data: unknown = {}): MessageRow {
    const event: PageToPanel = {
      kind: "message",
      messageId: 1,
      t: clock++,
      clientId: "c-1",
      dir: "in",
      level: "client",
      msg: { label: "rtvi-ai", type, data },
    };
    store.ingest(FRAME, [event]);
    return store.rows.findLast((row): row is MessageRow => row.kind === "message")!;
  }

  it("names the onServerMessage callback and the listeners that ran for a server-message", async () => {
    const page = pageClient({ onServerMessage: () => undefined });
    page.client.on(clientJs.RTVIEvent.ServerMessage, () => undefined);
    page.client.on(clientJs.RTVIEvent.ServerMessage, () => undefined);
    sendCommand.mockImplementation(async () => page.describe());
    const client = setUp(store, "ready");
    const row = { ...inboundRow("server-message"), emitted: [{ event: "serverMessage", listeners: 2 }] };
    render(<HandlerExplanation row={row} client={client} />, { wrapper: Providers });

    await within(handlersRegion()).findByText("Ran: onServerMessage callback; 2 listeners for serverMessage");
    expect(sendCommand).toHaveBeenCalledTimes(1);
  });

  it("asks the page again for each message shown, and tells a listener added since from one there then", async () => {
    const page = pageClient({});
    sendCommand.mockImplementation(async () => page.describe());
    const client = setUp(store, "ready");
    const first = { ...inboundRow("metrics"), emitted: [{ event: "metrics", listeners: 0 }] };
    const { rerender } = render(<HandlerExplanation row={first} client={client} />, { wrapper: Providers });
    await within(handlersRegion()).findByText("Nothing ran: no listener for metrics and no onMetrics callback");

    page.client.on(clientJs.RTVIEvent.Metrics, () => undefined);
    const second = { ...inboundRow("metrics"), emitted: [{ event: "metrics", listeners: 0 }] };
    rerender(<HandlerExplanation row={second} client={client} />);
    await within(handlersRegion()).findByText(
      "There is 1 listener for metrics now: added after this message came, so it missed it.",
    );
    expect(sendCommand).toHaveBeenCalledTimes(2);
  });

  it("says why nothing ran for a bot-interrupted", async () => {
    sendCommand.mockImplementation(async () => pageClient({}).describe());
    const client = setUp(store, "ready");
    render(<HandlerExplanation row={{ ...inboundRow("bot-interrupted"), emitted: [] }} client={client} />, {
      wrapper: Providers,
    });
    expect(
      within(handlersRegion()).getByText(
        "Nothing ran: client-js 1.13 drops bot-interrupted without an event or callback",
      ),
    ).toBeTruthy();
  });

  it("shows nothing for an outbound message", () => {
    const client = setUp(store, "ready");
    const row: MessageRow = { ...inboundRow("client-ready"), dir: "out" };
    render(<HandlerExplanation row={row} client={client} />, { wrapper: Providers });
    expect(screen.queryByRole("region", { name: "Handlers" })).toBeNull();
    expect(sendCommand).not.toHaveBeenCalled();
  });
});
