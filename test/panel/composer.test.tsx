// The composer and the row actions, rendered with a real store (createSessionStore) fed with
// real events, and their parts: the JSON error locator, the templates against client-js's own
// RTVIMessageType, the history and snippets in storage. Faked at the boundary only: the panel's
// connection (a PanelConnection given through ConnectionContext, as panel/main.tsx gives the
// real one) and extension storage (webextension-polyfill's browser.storage.local).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ComponentChildren, VNode } from "preact";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import type { PageToPanel, PanelToPage } from "../../src/shared/protocol";
import { createSessionStore, type MessageRow, type SessionStore } from "../../panel/model/store";
import { ConnectionContext, type CallOptions, type PanelConnection } from "../../panel/connectionContext";
import { Composer } from "../../panel/composer/Composer";
import { REQUEST_GRACE_MS } from "../../panel/composer/buildCommand";
import { RowActions } from "../../panel/composer/RowActions";
import { DraftContext, DraftState } from "../../panel/composer/draft";
import { RTVIMessageType } from "@pipecat-ai/client-js";
import { describeProblem, locateJsonError, parseJson } from "../../panel/composer/json";
import { TEMPLATES } from "../../panel/composer/templates";
import {
  HISTORY_KEY,
  HISTORY_LIMIT,
  deleteSnippet,
  followSnippets,
  loadHistory,
  loadSnippets,
  pushHistory,
  saveSnippet,
  snippetsKey,
  type Snippet,
} from "../../panel/composer/storage";
import { signal } from "@preact/signals";
import { fakeBrowser, storageItems as storage } from "../support/fakeStorage";

vi.mock("webextension-polyfill", async () => ({ default: (await import("../support/fakeStorage")).fakeBrowser }));

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

/** The store the panel is fed by, and the drafts its composer and row actions share: new for each test. */
let liveStore: SessionStore;
let drafts: DraftState;

function Providers({ children }: { children: ComponentChildren }) {
  return (
    <ConnectionContext.Provider value={connection}>
      <DraftContext.Provider value={drafts}>{children}</DraftContext.Provider>
    </ConnectionContext.Provider>
  );
}

const show = (ui: VNode) => render(ui, { wrapper: Providers });

const FRAME = 3;
const CLIENT_KEY = `${FRAME}:c-1`;
const APP_URL = "http://localhost:7860/app";
let messageId = 1;
let clock = 1_700_000_000_000;

function message(dir: "in" | "out", type: string, data: unknown = {}, id?: string, extra: object = {}): PageToPanel {
  const msg = { label: "rtvi-ai", type, ...(id ? { id } : {}), data };
  return {
    kind: "message",
    messageId: messageId++,
    t: clock++,
    clientId: "c-1",
    dir,
    level: "client",
    size: 100,
    msg,
    ...extra,
  };
}

function setUp(store: SessionStore, state = "ready", foundBy: "trap" | "wire" = "trap", ...events: PageToPanel[]) {
  store.ingest(FRAME, [
    { kind: "hook-ready", t: clock++, url: APP_URL, isTop: true, hookVersion: "t", late: false },
    { kind: "client-added", t: clock++, client: { clientId: "c-1", transport: "websocket", foundBy, state } },
    ...events,
  ]);
  return store.clients.get(CLIENT_KEY)!;
}

function messageRows(store: SessionStore): MessageRow[] {
  return store.rows.filter((row): row is MessageRow => row.kind === "message");
}

const commands = () =>
  sendCommand.mock.calls.map(([frameId, command]) => ({ frameId, command: command as PanelToPage }));
const typeBox = () => screen.getByRole("textbox", { name: "Message type" });
const dataBox = () => screen.getByRole("textbox", { name: "Message data" });
const type = (element: HTMLElement, value: string) => fireEvent.input(element, { target: { value } });

beforeEach(() => {
  sendCommand.mockReset();
  sendCommand.mockResolvedValue(null);
  storage.clear();
  drafts = new DraftState();
  liveStore = createSessionStore();
});
afterEach(cleanup);

describe("Composer: custom messaging", () => {
  it("sends a client message with the type and data of sendClientMessage", async () => {
    const client = setUp(liveStore);
    show(<Composer store={liveStore} client={client} />);
    type(typeBox(), "set-language");
    type(dataBox(), '{"language": "fr-FR"}');
    fireEvent.click(screen.getByRole("button", { name: "Send message" }));
    await screen.findByText("Sent set-language: done.");
    expect(commands()).toEqual([
      {
        frameId: FRAME,
        command: { kind: "send-message", clientId: "c-1", msgType: "set-language", data: { language: "fr-FR" } },
      },
    ]);
  });

  it("sends no data when the data field is empty, as sendClientMessage(type) does", async () => {
    const client = setUp(liveStore);
    show(<Composer store={liveStore} client={client} />);
    type(typeBox(), "start-turn");
    fireEvent.click(screen.getByRole("button", { name: "Send message" }));
    await screen.findByText("Sent start-turn: done.");
    expect(commands()[0].command).toEqual({
      kind: "send-message",
      clientId: "c-1",
      msgType: "start-turn",
      data: undefined,
    });
  });

  it("awaits a request and shows the answer with its latency; the timeout is 10 000 ms unless changed", async () => {
    const client = setUp(liveStore);
    let answer!: (value: unknown) => void;
    sendCommand.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));
    show(<Composer store={liveStore} client={client} />);
    type(typeBox(), "get-language");
    fireEvent.click(screen.getByRole("button", { name: "Send request" }));
    const outcome = await screen.findByRole("region", { name: "Request result" });
    expect(outcome.textContent).toContain("Waiting for the answer to get-language (timeout 10000 ms)");
    expect(commands()[0].command).toEqual({
      kind: "send-request",
      clientId: "c-1",
      msgType: "get-language",
      data: {},
      timeoutMs: 10_000,
    });
    answer({ language: "en-US" });
    await waitFor(() => expect(outcome.textContent).toMatch(/Response to get-language in \d+ ms:/));
    expect(within(outcome).getByText(/"language": "en-US"/)).toBeTruthy();

    sendCommand.mockRejectedValueOnce(new Error("Unknown request type"));
    type(screen.getByRole("textbox", { name: "Timeout (ms)" }), "2500");
    type(typeBox(), "nope");
    fireEvent.click(screen.getByRole("button", { name: "Send request" }));
    await waitFor(() => expect(outcome.textContent).toMatch(/Error for nope after \d+ ms: Unknown request type/));
    expect(commands()[1].command).toMatchObject({ kind: "send-request", msgType: "nope", timeoutMs: 2500 });
  });

  it("lets the connection time a request out past its timeout plus client-js's grace; other commands take its default", async () => {
    const client = setUp(liveStore);
    show(<Composer store={liveStore} client={client} />);
    type(typeBox(), "get-language");
    type(screen.getByRole("textbox", { name: "Timeout (ms)" }), "2500");
    fireEvent.click(screen.getByRole("button", { name: "Send request" }));
    await screen.findByText(/Response to get-language in \d+ ms:/);
    fireEvent.click(screen.getByRole("button", { name: "Send message" }));
    await screen.findByText("Sent get-language: done.");
    const [request, message] = sendCommand.mock.calls.map(([, , options]) => options);
    expect(request).toMatchObject({ timeoutMs: 2500 + REQUEST_GRACE_MS });
    expect(message?.timeoutMs).toBeUndefined();
  });

  it("stops waiting for a request when the composer goes away, and when a newer request replaces it", async () => {
    const client = setUp(liveStore);
    sendCommand.mockImplementation(() => new Promise(() => undefined));
    const { unmount } = show(<Composer store={liveStore} client={client} />);
    type(typeBox(), "slow");
    fireEvent.click(screen.getByRole("button", { name: "Send request" }));
    fireEvent.click(screen.getByRole("button", { name: "Send request" }));
    await waitFor(() => expect(sendCommand).toHaveBeenCalledTimes(2));
    const [first, second] = sendCommand.mock.calls.map(([, , options]) => options!.signal!);
    expect([first.aborted, second.aborted]).toEqual([true, false]);
    unmount();
    expect(second.aborted).toBe(true);
  });

  it("injects a server-message carrying the data, whatever the type field holds", async () => {
    const client = setUp(liveStore);
    show(<Composer store={liveStore} client={client} />);
    type(typeBox(), "set-language");
    type(dataBox(), '{"msg": "language-updated", "language": "xx"}');
    fireEvent.click(screen.getByRole("button", { name: "Inject server message" }));
    await screen.findByText("Injected server-message: done.");
    expect(commands()[0].command).toEqual({
      kind: "inject",
      clientId: "c-1",
      msg: { type: "server-message", data: { msg: "language-updated", language: "xx" } },
    });
  });
});

describe("Composer: bad input", () => {
  it("shows invalid JSON under the field with its line and column, and sends nothing", async () => {
    const client = setUp(liveStore);
    show(<Composer store={liveStore} client={client} />);
    type(typeBox(), "set-language");
    type(dataBox(), '{\n  "language": fr-FR\n}');
    for (const name of ["Send message", "Send request", "Inject server message"]) {
      fireEvent.click(screen.getByRole("button", { name }));
    }
    const error = await screen.findByText(/^Invalid JSON at line 2, column 15:/);
    expect(error.getAttribute("role")).toBe("alert");
    expect(dataBox().getAttribute("aria-invalid")).toBe("true");
    expect(dataBox().getAttribute("aria-describedby")).toBe(error.id);
    expect(sendCommand).not.toHaveBeenCalled();
    // Editing the field takes the error away.
    type(dataBox(), '{"language": "fr-FR"}');
    expect(screen.queryByText(/^Invalid JSON/)).toBeNull();
  });

  it("refuses an empty type and a timeout that is not a positive whole number", () => {
    const client = setUp(liveStore);
    show(<Composer store={liveStore} client={client} />);
    fireEvent.click(screen.getByRole("button", { name: "Send message" }));
    expect(screen.getByText("Enter a message type.")).toBeTruthy();
    type(typeBox(), "get-language");
    type(screen.getByRole("textbox", { name: "Timeout (ms)" }), "-5");
    fireEvent.click(screen.getByRole("button", { name: "Send request" }));
    expect(screen.getByText("The timeout is a whole number of milliseconds above 0.")).toBeTruthy();
    expect(sendCommand).not.toHaveBeenCalled();
  });

  it("disables sending for a client that is not ready and says why; injecting stays possible", async () => {
    const client = setUp(liveStore, "connecting");
    show(<Composer store={liveStore} client={client} />);
    const send = screen.getByRole("button", { name: "Send message" }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    expect((screen.getByRole("button", { name: "Send request" }) as HTMLButtonElement).disabled).toBe(true);
    const reason = document.getElementById(send.getAttribute("aria-describedby")!)!;
    expect(reason.textContent).toContain("Sending needs a ready client; c-1 is connecting");
    const inject = screen.getByRole("button", { name: "Inject server message" }) as HTMLButtonElement;
    expect(inject.disabled).toBe(false);
    fireEvent.click(inject);
    await screen.findByText("Injected server-message: done.");
    // Ready again: the buttons follow the store.
    liveStore.ingest(FRAME, [{ kind: "client-updated", t: clock++, clientId: "c-1", patch: { state: "ready" } }]);
    await waitFor(() => expect(send.disabled).toBe(false));
  });

  it("says so when there is no client, a client seen on the wire only, or a session from a file", () => {
    const { rerender } = show(<Composer store={liveStore} client={undefined} />);
    expect(screen.getByText(/No client selected/)).toBeTruthy();
    expect((screen.getByRole("button", { name: "Inject server message" }) as HTMLButtonElement).disabled).toBe(true);

    const wire = setUp(liveStore, "ready", "wire");
    rerender(<Composer store={liveStore} client={wire} />);
    expect(screen.getByText(/only seen on the wire/)).toBeTruthy();
    expect((screen.getByRole("button", { name: "Send message" }) as HTMLButtonElement).disabled).toBe(true);

    const imported = createSessionStore({ source: "file" });
    const fromFile = setUp(imported);
    rerender(<Composer store={imported} client={fromFile} />);
    expect(screen.getByText(/viewing a session from a file: nothing can be sent/)).toBeTruthy();
    expect((screen.getByRole("button", { name: "Send message" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("reports a failed send next to the buttons", async () => {
    const client = setUp(liveStore);
    sendCommand.mockRejectedValueOnce(new Error("No client c-1 in this frame"));
    show(<Composer store={liveStore} client={client} />);
    type(typeBox(), "set-language");
    fireEvent.click(screen.getByRole("button", { name: "Send message" }));
    const alert = await screen.findByText("Sent set-language failed: No client c-1 in this frame");
    expect(alert.getAttribute("role")).toBe("alert");
    expect(alert.parentElement!.contains(screen.getByRole("button", { name: "Send message" }))).toBe(true);
  });
});

describe("Composer: text and raw modes", () => {
  it("sends text as a send-text message with its options", async () => {
    const client = setUp(liveStore);
    show(<Composer store={liveStore} client={client} />);
    fireEvent.click(screen.getByRole("tab", { name: "Text" }));
    type(screen.getByRole("textbox", { name: "Text" }), "What's the weather?");
    type(screen.getByRole("textbox", { name: "Text options" }), '{"audio_response": false}');
    fireEvent.click(screen.getByRole("button", { name: "Send text" }));
    await screen.findByText("Sent send-text: done.");
    expect(commands()[0].command).toEqual({
      kind: "send-raw",
      clientId: "c-1",
      msg: { type: "send-text", data: { content: "What's the weather?", options: { audio_response: false } } },
    });
  });

  it("sends a raw outbound message of any type, and injects any inbound type with an id", async () => {
    const client = setUp(liveStore);
    show(<Composer store={liveStore} client={client} />);
    fireEvent.click(screen.getByRole("tab", { name: "Raw outbound" }));
    type(typeBox(), "dtmf");
    type(dataBox(), '{"buttons": ["1", "#"]}');
    fireEvent.click(screen.getByRole("button", { name: "Send raw message" }));
    await screen.findByText("Sent dtmf: done.");

    fireEvent.click(screen.getByRole("tab", { name: "Raw inbound" }));
    type(typeBox(), "error");
    type(dataBox(), '{"error": "boom", "fatal": false}');
    fireEvent.click(screen.getByRole("button", { name: "Inject message" }));
    await screen.findByText("Injected error: done.");
    type(typeBox(), "server-response");
    type(screen.getByRole("textbox", { name: "Message id" }), "abcd1234");
    type(dataBox(), '{"t": "get-language", "d": {"language": "faked"}}');
    fireEvent.click(screen.getByRole("button", { name: "Inject message" }));
    await screen.findByText("Injected server-response: done.");
    expect(commands().map(({ command }) => command)).toEqual([
      { kind: "send-raw", clientId: "c-1", msg: { type: "dtmf", data: { buttons: ["1", "#"] } } },
      { kind: "inject", clientId: "c-1", msg: { type: "error", data: { error: "boom", fatal: false } } },
      {
        kind: "inject",
        clientId: "c-1",
        msg: { type: "server-response", id: "abcd1234", data: { t: "get-language", d: { language: "faked" } } },
      },
    ]);
  });

  it("keeps each mode's draft when switching modes and when remounted", () => {
    const client = setUp(liveStore);
    const { unmount } = show(<Composer store={liveStore} client={client} />);
    type(typeBox(), "set-language");
    fireEvent.click(screen.getByRole("tab", { name: "Raw outbound" }));
    type(typeBox(), "dtmf");
    unmount();
    show(<Composer store={liveStore} client={client} />);
    expect((typeBox() as HTMLInputElement).value).toBe("dtmf");
    fireEvent.click(screen.getByRole("tab", { name: "Custom message" }));
    expect((typeBox() as HTMLInputElement).value).toBe("set-language");
  });
});

describe("Composer: templates, history, snippets", () => {
  it("fills a mode from a template of any RTVI type", () => {
    const client = setUp(liveStore);
    show(<Composer store={liveStore} client={client} />);
    fireEvent.change(screen.getByRole("combobox", { name: "Template" }), { target: { value: "dtmf" } });
    expect(screen.getByRole("tab", { name: "Raw outbound" }).getAttribute("aria-selected")).toBe("true");
    expect((typeBox() as HTMLInputElement).value).toBe("dtmf");
    expect(JSON.parse((dataBox() as HTMLTextAreaElement).value)).toEqual({ buttons: ["1"] });
    expect(document.activeElement).toBe(dataBox());

    fireEvent.change(screen.getByRole("combobox", { name: "Template" }), { target: { value: "bot-output" } });
    expect(screen.getByRole("tab", { name: "Raw inbound" }).getAttribute("aria-selected")).toBe("true");
    expect((typeBox() as HTMLInputElement).value).toBe("bot-output");
  });

  it("answers the newest pending request from the server-response template", async () => {
    const client = setUp(
      liveStore,
      "ready",
      "trap",
      message("out", "client-message", { t: "never-answered", d: {} }, "req00001", { request: { timeoutMs: 60_000 } }),
    );
    show(<Composer store={liveStore} client={client} />);
    fireEvent.change(screen.getByRole("combobox", { name: "Template" }), { target: { value: "server-response" } });
    expect((screen.getByRole("textbox", { name: "Message id" }) as HTMLInputElement).value).toBe("req00001");
    expect(JSON.parse((dataBox() as HTMLTextAreaElement).value)).toEqual({ t: "never-answered", d: {} });
  });

  it("keeps what was sent in the history, in extension storage, and recalls it", async () => {
    const client = setUp(liveStore);
    show(<Composer store={liveStore} client={client} />);
    type(typeBox(), "set-language");
    type(dataBox(), '{"language": "de-DE"}');
    fireEvent.click(screen.getByRole("button", { name: "Send message" }));
    await screen.findByText("Sent set-language: done.");
    const history = screen.getByRole("combobox", { name: "History" }) as HTMLSelectElement;
    await waitFor(() => expect(history.options.length).toBe(2));
    expect(history.options[1].textContent).toBe('custom · set-language · {"language": "de-DE"}');
    expect(storage.get(HISTORY_KEY)).toMatchObject([
      { mode: "custom", values: { type: "set-language", data: '{"language": "de-DE"}' } },
    ]);

    type(typeBox(), "something-else");
    type(dataBox(), "");
    fireEvent.change(history, { target: { value: "0" } });
    expect((typeBox() as HTMLInputElement).value).toBe("set-language");
    expect((dataBox() as HTMLTextAreaElement).value).toBe('{"language": "de-DE"}');
  });

  it("saves snippets per origin, lists them in a new panel, loads and deletes them", async () => {
    const client = setUp(liveStore);
    const { unmount } = show(<Composer store={liveStore} client={client} />);
    fireEvent.click(screen.getByRole("tab", { name: "Raw inbound" }));
    type(typeBox(), "error");
    type(dataBox(), '{"error": "fake"}');
    type(screen.getByRole("textbox", { name: "Snippet name" }), "fake error");
    fireEvent.click(screen.getByRole("button", { name: "Save snippet" }));
    await waitFor(() => expect(storage.get(snippetsKey("http://localhost:7860"))).toHaveLength(1));
    expect(storage.get(snippetsKey("http://localhost:7860"))).toEqual([
      { name: "fake error", mode: "raw-in", values: { type: "error", id: "", data: '{"error": "fake"}' } },
    ]);
    unmount();
    drafts = new DraftState();

    show(<Composer store={liveStore} client={client} />);
    const snippets = screen.getByRole("combobox", { name: "Snippets" }) as HTMLSelectElement;
    await waitFor(() => expect(snippets.options.length).toBe(2));
    fireEvent.change(snippets, { target: { value: "fake error" } });
    expect(screen.getByRole("tab", { name: "Raw inbound" }).getAttribute("aria-selected")).toBe("true");
    expect((typeBox() as HTMLInputElement).value).toBe("error");
    fireEvent.click(screen.getByRole("button", { name: "Delete snippet" }));
    await waitFor(() => expect(storage.has(snippetsKey("http://localhost:7860"))).toBe(false));
    await waitFor(() => expect(snippets.options.length).toBe(1));
  });

  it("lists a snippet saved for this origin elsewhere (the panel of another tab) without reopening", async () => {
    const client = setUp(liveStore);
    show(<Composer store={liveStore} client={client} />);
    const snippets = screen.getByRole("combobox", { name: "Snippets" }) as HTMLSelectElement;
    const elsewhere = { name: "from another tab", mode: "text", values: { content: "hello" } };
    await fakeBrowser.storage.local.set({ [snippetsKey("http://localhost:7860")]: [elsewhere] });
    await fakeBrowser.storage.local.set({
      [snippetsKey("http://other.example")]: [{ ...elsewhere, name: "other origin" }],
    });
    await waitFor(() => expect(snippets.options.length).toBe(2));
    expect(snippets.options[1].textContent).toMatch(/^from another tab — /);
  });
});

describe("RowActions", () => {
  function Both({ store, row }: { store: SessionStore; row: MessageRow }) {
    const client = store.clients.get(row.clientKey);
    return (
      <div>
        <RowActions store={store} row={row} client={client} />
        <Composer store={store} client={client} />
      </div>
    );
  }

  it("replays an outbound message as it was, and puts it in the composer to edit and resend", async () => {
    setUp(
      liveStore,
      "ready",
      "trap",
      message("out", "client-message", { t: "set-language", d: { language: "fr" } }, "aaaa0001"),
    );
    const [row] = messageRows(liveStore);
    show(<Both store={liveStore} row={row} />);
    fireEvent.click(screen.getByRole("button", { name: "Replay" }));
    await screen.findByText("Replayed client-message (with a new id).");
    expect(commands()).toEqual([
      { frameId: FRAME, command: { kind: "replay", clientId: "c-1", messageId: row.messageId } },
    ]);

    fireEvent.click(screen.getByRole("button", { name: "Edit and resend" }));
    expect(screen.getByRole("tab", { name: "Raw outbound" }).getAttribute("aria-selected")).toBe("true");
    expect((typeBox() as HTMLInputElement).value).toBe("client-message");
    expect(JSON.parse((dataBox() as HTMLTextAreaElement).value)).toEqual({ t: "set-language", d: { language: "fr" } });
    type(dataBox(), '{"t": "set-language", "d": {"language": "it"}}');
    fireEvent.click(screen.getByRole("button", { name: "Send raw message" }));
    await screen.findByText("Sent client-message: done.");
    expect(commands()[1].command).toEqual({
      kind: "send-raw",
      clientId: "c-1",
      msg: { type: "client-message", data: { t: "set-language", d: { language: "it" } } },
    });
  });

  it("reports a failed replay next to its button", async () => {
    setUp(liveStore, "ready", "trap", message("out", "client-message", { t: "x" }, "aaaa0002"));
    sendCommand.mockRejectedValueOnce(new Error("Message 5 is no longer kept for replay"));
    show(<Both store={liveStore} row={messageRows(liveStore)[0]} />);
    const group = screen.getByRole("group", { name: "Message actions" });
    fireEvent.click(within(group).getByRole("button", { name: "Replay" }));
    expect((await within(group).findByRole("alert")).textContent).toBe(
      "Replay failed: Message 5 is no longer kept for replay",
    );
  });

  it("offers Respond… on a pending request: a server-response with its id, switchable to error-response", async () => {
    setUp(
      liveStore,
      "ready",
      "trap",
      message("out", "client-message", { t: "never-answered", d: {} }, "beef0001", { request: { timeoutMs: 60_000 } }),
      message("out", "client-message", { t: "get-language", d: {} }, "beef0002", { request: { timeoutMs: 10_000 } }),
      message("in", "server-response", { t: "get-language", d: { language: "en" } }, "beef0002"),
    );
    const [pending, answered] = messageRows(liveStore);
    const { rerender } = show(<Both store={liveStore} row={answered} />);
    expect(screen.queryByRole("button", { name: "Respond…" })).toBeNull();
    rerender(<Both store={liveStore} row={pending} />);
    fireEvent.click(screen.getByRole("button", { name: "Respond…" }));
    expect(screen.getByRole("tab", { name: "Raw inbound" }).getAttribute("aria-selected")).toBe("true");
    expect((typeBox() as HTMLInputElement).value).toBe("server-response");
    expect((screen.getByRole("textbox", { name: "Message id" }) as HTMLInputElement).value).toBe("beef0001");
    expect(JSON.parse((dataBox() as HTMLTextAreaElement).value)).toEqual({ t: "never-answered", d: {} });

    fireEvent.click(screen.getByRole("radio", { name: "error-response" }));
    expect((typeBox() as HTMLInputElement).value).toBe("error-response");
    expect(JSON.parse((dataBox() as HTMLTextAreaElement).value)).toEqual({ error: "Faked from Pipecat DevTools" });
    fireEvent.click(screen.getByRole("radio", { name: "server-response" }));
    type(dataBox(), '{"t": "never-answered", "d": {"ok": true}}');
    fireEvent.click(screen.getByRole("button", { name: "Inject message" }));
    await screen.findByText("Injected server-response: done.");
    expect(commands()[0].command).toEqual({
      kind: "inject",
      clientId: "c-1",
      msg: { type: "server-response", id: "beef0001", data: { t: "never-answered", d: { ok: true } } },
    });
  });

  it("cannot replay for a client that is not ready or from a file, and says why", () => {
    setUp(liveStore, "disconnected", "trap", message("out", "client-message", { t: "x" }, "aaaa0003"));
    const { rerender } = show(<RowActions store={liveStore} row={messageRows(liveStore)[0]} client={undefined} />);
    const replay = screen.getByRole("button", { name: "Replay" }) as HTMLButtonElement;
    expect(replay.disabled).toBe(true);
    expect(document.getElementById(replay.getAttribute("aria-describedby")!)!.textContent).toContain(
      "c-1 is disconnected",
    );
    expect((screen.getByRole("button", { name: "Edit and resend" }) as HTMLButtonElement).disabled).toBe(false);

    const imported = createSessionStore({ source: "file" });
    setUp(imported, "ready", "trap", message("out", "client-message", { t: "x" }, "aaaa0004"));
    rerender(<RowActions store={imported} row={messageRows(imported)[0]} client={undefined} />);
    expect((screen.getByRole("button", { name: "Replay" }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole("button", { name: "Edit and resend" }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/viewing a session from a file/)).toBeTruthy();
  });
});

describe("JSON errors", () => {
  const cases: [string, number, number, RegExp][] = [
    ["{a: 1}", 1, 2, /property name in double quotes, found a/],
    ['{"a": 1,}', 1, 9, /trailing comma/],
    ['{"a": 1', 1, 8, /found the end of the text/],
    ['{\n  "language": fr-FR\n}', 2, 15, /expected a value \(strings take double quotes\), found fr-FR/],
    ["{'a': 1}", 1, 2, /property name in double quotes/],
    ["[1, 2] 3", 1, 8, /nothing more after the value/],
    ['{"a": "line\nbreak"}', 1, 12, /control character/],
    ['{"a": tru}', 1, 7, /expected a value/],
    ['{"a": 01}', 1, 8, /"," or "}"/],
    ['"\\x"', 1, 3, /valid escape/],
  ];
  it.each(cases)("locates the error in %j at line %i, column %i", (text, line, column, message) => {
    expect(() => JSON.parse(text)).toThrow();
    const problem = locateJsonError(text);
    expect([problem.line, problem.column]).toEqual([line, column]);
    expect(problem.message).toMatch(message);
    expect(describeProblem(problem)).toBe(`Invalid JSON at line ${line}, column ${column}: ${problem.message}`);
  });

  it("parses valid JSON, and an empty field as the given default", () => {
    expect(parseJson(' {"a": [1, true, null, -2.5e3, "\\u00e9"]} ')).toEqual({
      ok: true,
      value: { a: [1, true, null, -2500, "é"] },
    });
    expect(parseJson("  \n", {})).toEqual({ ok: true, value: {} });
    expect(parseJson("")).toEqual({ ok: true, value: undefined });
  });
});

describe("templates", () => {
  it("cover every type of client-js's RTVIMessageType, once, with data that is JSON", () => {
    const known = Object.values(RTVIMessageType) as string[];
    const types = TEMPLATES.map((template) => template.type);
    expect(new Set(types).size).toBe(types.length);
    for (const type of known) expect(types).toContain(type);
    for (const template of TEMPLATES) expect(JSON.parse(JSON.stringify(template.data))).toEqual(template.data);
  });

  it("send client types out and bot types in", () => {
    const dir = (type: string) => TEMPLATES.find((template) => template.type === type)?.dir;
    expect(["client-ready", "client-message", "send-text", "dtmf", "llm-function-call-result"].map(dir)).toEqual([
      "out",
      "out",
      "out",
      "out",
      "out",
    ]);
    expect(
      ["bot-ready", "server-message", "server-response", "error-response", "error", "bot-interrupted"].map(dir),
    ).toEqual(["in", "in", "in", "in", "in", "in"]);
  });
});

describe("history and snippets in extension storage", () => {
  it("keeps the history newest first, without repeats, up to its limit", async () => {
    await pushHistory({ mode: "custom", values: { type: "a", data: "", timeoutMs: "10000" } }, 1);
    await pushHistory({ mode: "text", values: { content: "hi", options: "{}" } }, 2);
    await pushHistory({ mode: "custom", values: { type: "a", data: "", timeoutMs: "10000" } }, 3);
    expect((await loadHistory()).map((entry) => [entry.mode, entry.at])).toEqual([
      ["custom", 3],
      ["text", 2],
    ]);
    for (let index = 0; index < HISTORY_LIMIT + 5; index++) {
      await pushHistory({ mode: "raw-out", values: { type: `t${index}`, data: "{}" } }, 10 + index);
    }
    expect(await loadHistory()).toHaveLength(HISTORY_LIMIT);
  });

  it("ignores stored entries of another shape", async () => {
    storage.set(HISTORY_KEY, [
      { mode: "bogus", values: {} },
      { mode: "custom", values: { type: 5 }, at: 1 },
      "x",
      { mode: "text", values: { content: "ok", options: "{}" }, at: 2 },
    ]);
    expect(await loadHistory()).toEqual([{ mode: "text", values: { content: "ok", options: "{}" }, at: 2 }]);
  });

  it("follows an origin's snippets in a signal until told to stop", async () => {
    const a = "http://localhost:7860";
    const b = "http://localhost:3000";
    await saveSnippet(a, { name: "first", mode: "text", values: { content: "1", options: "{}" } });
    const followedA = signal<Snippet[]>([]);
    const followedB = signal<Snippet[]>([]);
    const stopA = followSnippets(a, followedA, (error) => expect.fail(String(error)));
    const stopB = followSnippets(b, followedB, (error) => expect.fail(String(error)));
    await waitFor(() => expect(followedA.value.map((snippet) => snippet.name)).toEqual(["first"]));
    await saveSnippet(a, { name: "second", mode: "text", values: { content: "2", options: "{}" } });
    await waitFor(() => expect(followedA.value.map((snippet) => snippet.name)).toEqual(["first", "second"]));
    stopA();
    await saveSnippet(a, { name: "third", mode: "text", values: { content: "3", options: "{}" } });
    // Barrier: b's change, written after a's, has been heard; a's would have been heard before it.
    await saveSnippet(b, { name: "sentinel", mode: "text", values: { content: "s", options: "{}" } });
    await waitFor(() => expect(followedB.value.map((snippet) => snippet.name)).toEqual(["sentinel"]));
    expect(followedA.value.map((snippet) => snippet.name)).toEqual(["first", "second"]);
    stopB();
  });

  it("keeps snippets apart per origin, replaces one of the same name, deletes by name", async () => {
    const a = "http://localhost:7860";
    const b = "http://localhost:3000";
    await saveSnippet(a, { name: "x", mode: "raw-out", values: { type: "dtmf", data: "{}" } });
    await saveSnippet(a, { name: "x", mode: "raw-out", values: { type: "dtmf", data: '{"buttons": ["2"]}' } });
    await saveSnippet(b, { name: "y", mode: "text", values: { content: "hi", options: "{}" } });
    expect(await loadSnippets(a)).toEqual([
      { name: "x", mode: "raw-out", values: { type: "dtmf", data: '{"buttons": ["2"]}' } },
    ]);
    expect((await loadSnippets(b)).map((snippet) => snippet.name)).toEqual(["y"]);
    await deleteSnippet(a, "x");
    expect(storage.has(snippetsKey(a))).toBe(false);
    expect(await loadSnippets(b)).toHaveLength(1);
  });
});
