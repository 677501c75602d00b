// The log grid, the type chips, the toolbar and the status bar, rendered with a real store.
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/preact";
import { useState } from "preact/hooks";
import type { PageToPanel } from "../../src/shared/protocol";
import { createSessionStore, type SessionStore } from "../../panel/model/store";
import { DEFAULT_FILTER, FilteredLog, type FilterSpec } from "../../panel/model/filter";
import { LogGrid, type TimeBase } from "../../panel/log/LogGrid";
import { formatClockTime } from "../../panel/log/rowText";
import { TypeChips } from "../../panel/toolbar/TypeChips";
import { Toolbar } from "../../panel/toolbar/Toolbar";
import { StatusBar } from "../../panel/StatusBar";

vi.mock("webextension-polyfill", async () => ({ default: (await import("../support/fakeStorage")).fakeBrowser }));

afterEach(cleanup);

let messageId = 1;
const T0 = Date.UTC(2026, 10, 25, 10, 0, 0);
function message(dir: "in" | "out", type: string, data: unknown = {}, id?: string, extra: object = {}): PageToPanel {
  const msg = { label: "rtvi-ai", type, ...(id ? { id } : {}), data };
  return {
    kind: "message",
    messageId: messageId++,
    t: T0 + messageId,
    clientId: "c-1",
    dir,
    level: "client",
    size: 100,
    msg,
    ...extra,
  };
}
function storeWith(...events: PageToPanel[]): SessionStore {
  const store = createSessionStore();
  store.ingest(0, [
    { kind: "hook-ready", t: T0, url: "http://localhost/app", isTop: true, hookVersion: "t", late: false },
    {
      kind: "client-added",
      t: T0,
      client: { clientId: "c-1", transport: "websocket", foundBy: "trap", state: "ready" },
    },
    ...events,
  ]);
  return store;
}

/** The log with its filter state, as App wires them. */
function Harness({ store, onOpen = () => {} }: { store: SessionStore; onOpen?: (seq: number) => void }) {
  const [filter, setFilter] = useState<FilterSpec>(DEFAULT_FILTER);
  const [selected, setSelected] = useState<number>();
  const [timeBase, setTimeBase] = useState<TimeBase>("clock");
  const [filtered] = useState(() => new FilteredLog());
  filtered.setSpec(filter);
  filtered.sync(store.rows, store.rows.length);
  return (
    <div>
      <Toolbar
        live
        paused={false}
        onPause={() => {}}
        onClear={() => {}}
        preserveLog={false}
        onPreserveLog={() => {}}
        filter={filter}
        onFilter={setFilter}
        filterError={filtered.error}
        filterRef={{ current: null }}
        timeBase={timeBase}
        onTimeBase={setTimeBase}
        includeSecrets={false}
        onIncludeSecrets={() => {}}
        onExport={() => {}}
        onImport={() => {}}
      />
      <TypeChips store={store} filter={filter} onFilter={setFilter} />
      <LogGrid
        store={store}
        log={filtered}
        selectedSeq={selected}
        onSelect={setSelected}
        onOpen={onOpen}
        timeBase={timeBase}
      />
      <StatusBar
        store={store}
        shown={filtered.shownMessages}
        hiddenNoisy={filtered.hiddenNoisy}
        client={store.clients.get("0:c-1")}
      />
    </div>
  );
}

const dataRows = () =>
  within(screen.getByRole("grid", { name: "Messages" }))
    .getAllByRole("row")
    .slice(1);

describe("the log", () => {
  it("shows each message with its type, direction, id, size and payload summary, and marks what the extension sent", () => {
    render(
      <Harness
        store={storeWith(
          message("out", "client-message", { t: "set-language", d: { language: "fr" } }, "ab12cd34", {
            origin: "devtools",
          }),
          message("in", "server-message", { msg: "language-updated" }),
        )}
      />,
    );
    const [marker, sent, received] = dataRows();
    expect(marker.textContent).toContain("Page loaded");
    expect(marker.textContent).toContain("http://localhost/app");
    expect(sent.textContent).toContain("client-message");
    expect(sent.textContent).toContain("↑ out");
    expect(sent.textContent).toContain("ab12cd34");
    expect(sent.textContent).toContain("devtools");
    expect(sent.textContent).toContain('{"t":"set-language","d":{"language":"fr"}}');
    expect(sent.className).toContain("cat-request");
    expect(received.textContent).toContain("↓ in");
    expect(received.className).toContain("cat-server-message");
    expect(screen.getByRole("status").textContent).toContain("2 messages");
    expect(screen.getByRole("status").textContent).toContain("c-1: ready");
    expect(screen.getByRole("status").textContent).not.toContain("removed");
  });

  it("says how many of the oldest messages the panel let go", () => {
    const store = createSessionStore({ limits: { rows: 100, jsonChars: 1_000_000 } });
    store.ingest(
      0,
      Array.from({ length: 1234 }, () => message("in", "bot-llm-text")),
    );
    render(<Harness store={store} />);
    expect(screen.getByRole("status").textContent).toContain(`${store.removed} oldest removed (panel limit)`);
    expect(store.removed + store.messageCount()).toBe(1234);
  });

  it("renders only a window of rows at 100 000 rows", () => {
    const events = Array.from({ length: 100_000 }, (_, i) => message("in", "bot-llm-text", { text: `t${i}` }));
    render(<Harness store={storeWith(...events)} />);
    const rendered = dataRows().length;
    expect(rendered).toBeGreaterThan(10);
    expect(rendered).toBeLessThan(100);
    expect(screen.getByRole("grid").getAttribute("aria-rowcount")).toBe("100002");
    expect(screen.getByRole("status").textContent).toContain("100000 messages");
    // Following the tail (the default): the window rendered is the log's end, at once.
    const text = dataRows()
      .map((row) => row.textContent)
      .join("\n");
    expect(text).toContain('"t99999"');
    expect(text).not.toContain('"t0"');
  });

  it("prints the clock time as the locale does, with milliseconds", () => {
    const t = Date.UTC(2026, 10, 25, 21, 4, 5, 67);
    expect(formatClockTime(t)).toBe(`${new Date(t).toLocaleTimeString(undefined, { hour12: false })}.067`);
  });

  it("moves the selection with the arrow keys and opens the detail with Enter", () => {
    const onOpen = vi.fn();
    const store = storeWith(
      message("in", "bot-llm-started"),
      message("in", "bot-llm-text"),
      message("in", "bot-llm-stopped"),
    );
    render(<Harness store={store} onOpen={onOpen} />);
    const grid = screen.getByRole("grid");
    fireEvent.keyDown(grid, { key: "ArrowDown" });
    fireEvent.keyDown(grid, { key: "ArrowDown" });
    const selected = () => dataRows().filter((row) => row.getAttribute("aria-selected") === "true");
    expect(selected().map((row) => row.textContent)).toEqual([expect.stringContaining("bot-llm-started")]);
    expect(grid.getAttribute("aria-activedescendant")).toBe(selected()[0].id);
    fireEvent.keyDown(grid, { key: "End" });
    expect(selected()[0].textContent).toContain("bot-llm-stopped");
    fireEvent.keyDown(grid, { key: "Enter" });
    expect(onOpen).toHaveBeenCalledWith(store.rows.at(-1)!.seq);
  });

  it("shows request latency, pending and timed-out states in the id column", () => {
    const store = storeWith(
      message("out", "client-message", { t: "get-language" }, "r1", { request: { timeoutMs: 10_000 } }),
      message("in", "server-response", { t: "get-language", d: "en" }, "r1"),
      message("out", "client-message", { t: "never-answered" }, "r2", { request: { timeoutMs: 10_000 } }),
      message("out", "client-message", { t: "slow" }, "r3", { request: { timeoutMs: 10 } }),
    );
    store.ingest(0, [{ kind: "request-timeout", t: T0 + 99_999, clientId: "c-1", requestId: "r3" }]);
    render(<Harness store={store} />);
    const idCells = dataRows()
      .slice(1)
      .map((row) => row.querySelector(".cell-id")!.textContent);
    expect(idCells).toEqual(["r1 · 1 ms", "r1", "r2 · pending", "r3 · timed out"]);
  });

  it("filters by text, /regex/, direction and type chips, hides noisy types and says how many", () => {
    render(
      <Harness
        store={storeWith(
          message("out", "client-message", { t: "set-language" }),
          message("in", "server-message", { msg: "language-updated" }),
          message("in", "user-audio-level", { value: 0.1 }),
          message("in", "user-audio-level", { value: 0.2 }),
          message("in", "bot-llm-text", { text: "Hello" }),
        )}
      />,
    );
    const types = () =>
      dataRows()
        .slice(1)
        .map((row) => row.querySelector(".cell-type")!.firstChild!.textContent);
    expect(types()).toEqual(["client-message", "server-message", "bot-llm-text"]);
    expect(screen.getByRole("status").textContent).toContain("2 noisy hidden");

    const filterBox = screen.getByRole("searchbox", { name: "Filter" });
    fireEvent.input(filterBox, { target: { value: "HELLO" } });
    expect(types()).toEqual(["bot-llm-text"]);
    fireEvent.input(filterBox, { target: { value: "/language-(set|updated)/" } });
    expect(types()).toEqual(["server-message"]);
    fireEvent.input(filterBox, { target: { value: "/(/" } });
    expect(screen.getByRole("alert").textContent).toMatch(/Invalid regular expression/);
    fireEvent.keyDown(filterBox, { key: "Escape" });
    expect(types()).toHaveLength(3);

    fireEvent.click(screen.getByRole("button", { name: "↓ In" }));
    expect(types()).toEqual(["client-message"]);
    fireEvent.click(screen.getByRole("button", { name: "↓ In" }));

    const chips = screen.getByRole("group", { name: "Message types" });
    fireEvent.click(within(chips).getByRole("button", { name: /^server-message/ }));
    expect(types()).toEqual(["client-message", "bot-llm-text"]);
    expect(screen.getByRole("status").textContent).toContain("2 shown");
    fireEvent.click(within(chips).getByRole("button", { name: /Audio levels and logs 2 hidden/ }));
    expect(types()).toContain("user-audio-level");
  });

  it("shows times relative to the session's start on request", () => {
    render(<Harness store={storeWith(message("in", "bot-ready", {}, undefined, { t: T0 + 1234 }))} />);
    expect(dataRows()[1].querySelector(".cell-time")!.textContent).toMatch(/^\d\d:\d\d:\d\d\.\d{3}$/);
    fireEvent.click(screen.getByRole("button", { name: "Relative time" }));
    expect(dataRows()[1].querySelector(".cell-time")!.textContent).toBe("+1.234 s");
  });
});
