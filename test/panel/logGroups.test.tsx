// The quieter log: a response's bot-llm-text tokens and a bot-output segment's updates fold
// into one row each, in the real grid over a real store and filtered view; a search shows the
// raw rows it matches; folds open with the mouse and the keyboard; the Client column shows only
// with two clients. The recorded session from Pipecat's own server is the first case.
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/preact";
import { useState } from "preact/hooks";
import type { PageToPanel } from "../../src/shared/protocol";
import { createSessionStore, type SessionStore } from "../../panel/model/store";
import { DEFAULT_FILTER, FilteredLog, type FilterSpec, type LogItem } from "../../panel/model/filter";
import { importSession } from "../../panel/model/sessionFile";
import { LogGrid } from "../../panel/log/LogGrid";

afterEach(cleanup);

const T0 = Date.UTC(2026, 10, 25, 10, 0, 0);
let messageId = 1;
function message(type: string, data: unknown = null, clientId = "c-1", dir: "in" | "out" = "in"): PageToPanel {
  const id = messageId++;
  return {
    kind: "message",
    messageId: id,
    t: T0 + id,
    clientId,
    dir,
    level: "client",
    size: 40,
    msg: { label: "rtvi-ai", type, data },
  };
}
const token = (text: string, clientId = "c-1") => message("bot-llm-text", { text }, clientId);
const output = (segment: number, text: string, status: string, spoken = "") =>
  message("bot-output", {
    text,
    aggregated_by: "sentence",
    segment_id: segment,
    will_be_spoken: true,
    spoken_status: status,
    spoken_progress: { accumulated_text: spoken, remaining_text: text.slice(spoken.length) },
  });

function storeWith(clientIds: string[], ...events: PageToPanel[]): SessionStore {
  const store = createSessionStore();
  store.ingest(0, [
    { kind: "hook-ready", t: T0, url: "http://localhost/app", isTop: true, hookVersion: "t", late: false },
    ...clientIds.map(
      (clientId): PageToPanel => ({
        kind: "client-added",
        t: T0,
        client: { clientId, transport: "websocket", foundBy: "trap", state: "ready" },
      }),
    ),
    ...events,
  ]);
  return store;
}

function filteredLog(store: SessionStore, spec: Partial<FilterSpec> = {}): FilteredLog {
  const log = new FilteredLog();
  log.setSpec({ ...DEFAULT_FILTER, ...spec });
  log.sync(store.rows, store.rows.length);
  return log;
}

/** Each row of the view as "type" or "type × n: summary" (a group), skipping the page marker. */
function describeView(store: SessionStore, log: FilteredLog): string[] {
  const lines: string[] = [];
  for (let index = 0; index < log.length; index++) {
    const item: LogItem = log.at(index);
    if (item.kind === "group") lines.push(`${item.group.type} × ${item.group.members.length}`);
    else {
      const row = store.rows[item.position];
      if (row.kind === "message") lines.push(`${item.kind === "member" ? "  " : ""}${row.type}`);
    }
  }
  return lines;
}

/** The grid with a filter box, as App wires them (FilteredLog kept across renders). */
function Harness({ store, onOpen = () => {} }: { store: SessionStore; onOpen?: (seq: number) => void }) {
  const [text, setText] = useState("");
  const [selected, setSelected] = useState<number>();
  const [log] = useState(() => new FilteredLog());
  const [spec, setSpec] = useState<FilterSpec>(DEFAULT_FILTER);
  if (spec.text !== text) setSpec({ ...spec, text });
  log.setSpec(spec);
  log.sync(store.rows, store.rows.length);
  return (
    <div>
      <input aria-label="Filter" value={text} onInput={(event) => setText(event.currentTarget.value)} />
      <button
        type="button"
        onClick={() =>
          setSelected(store.rows.find((row) => row.kind === "message" && row.type === "bot-llm-text")?.seq)
        }
      >
        Select the first token
      </button>
      <LogGrid store={store} log={log} selectedSeq={selected} onSelect={setSelected} onOpen={onOpen} timeBase="clock" />
    </div>
  );
}

const grid = () => screen.getByRole("grid", { name: "Messages" });
const dataRows = () => within(grid()).getAllByRole("row").slice(1);
const rowWithType = (text: string) =>
  dataRows().find((row) => row.querySelector(".cell-type")?.textContent === text) as HTMLElement;
const selectedRow = () => dataRows().find((row) => row.getAttribute("aria-selected") === "true");

describe("folding a response's tokens and a segment's updates", () => {
  it("folds the recorded session from Pipecat's server: 10 tokens into one row, the two updates of each sentence into one", () => {
    const file = importSession(readFileSync("test/shared/fixtures/real-pipecat-text-session.json", "utf8"));
    if ("error" in file) throw new Error(file.error);
    const store = file.store;
    const log = filteredLog(store, { hiddenTypes: new Set(["metrics"]) });
    const view = describeView(store, log);
    expect(view.filter((line) => line.startsWith("bot-llm-text"))).toEqual([
      "bot-llm-text × 10",
      "bot-llm-text × 20",
      "bot-llm-text × 9",
      "bot-llm-text × 5",
    ]);
    // The "new" (segment 80) and "completed" (segment 115) of one sentence are one segment.
    expect(view.filter((line) => line.startsWith("bot-output"))).toEqual(Array(4).fill("bot-output × 2"));
    // Each response stands where its first token came: after bot-llm-started, before bot-transcription.
    const first = view.indexOf("bot-llm-text × 10");
    expect(view.slice(first - 1, first + 3)).toEqual([
      "bot-llm-started",
      "bot-llm-text × 10",
      "bot-transcription",
      "bot-llm-stopped",
    ]);
    // The raw messages stay: the store and the count shown are the messages, not the folds.
    expect(log.shownMessages).toBe(store.messageCount() - (store.typeCounts.get("metrics")?.count ?? 0));

    render(<Harness store={store} />);
    const goodbye = rowWithType("bot-llm-text × 5");
    expect(goodbye.querySelector(".cell-data")!.textContent).toBe('"You said: Thank you, goodbye.."');
    expect(goodbye.getAttribute("aria-expanded")).toBe("false");
    const lastSentence = dataRows()
      .filter((row) => row.querySelector(".cell-type")?.textContent === "bot-output × 2")
      .at(-1)!;
    expect(lastSentence.querySelector(".cell-data")!.textContent).toBe('"You said: Thank you, goodbye.." · completed');
  });

  it("groups tokens per response and per client, and leaves tokens outside a response alone", () => {
    const store = storeWith(
      ["c-1", "c-2"],
      token("stray"),
      message("bot-llm-started", null, "c-1"),
      message("bot-llm-started", null, "c-2"),
      token("Hel", "c-1"),
      token("Bon", "c-2"),
      token("lo", "c-1"),
      token("jour", "c-2"),
      message("bot-llm-stopped", null, "c-1"),
      token("!", "c-2"),
      message("bot-llm-stopped", null, "c-2"),
      message("bot-llm-started", null, "c-1"),
      token("Again", "c-1"),
      token(" here", "c-1"),
      message("bot-llm-stopped", null, "c-1"),
    );
    expect(describeView(store, filteredLog(store))).toEqual([
      "bot-llm-text",
      "bot-llm-started",
      "bot-llm-started",
      "bot-llm-text × 2",
      "bot-llm-text × 3",
      "bot-llm-stopped",
      "bot-llm-stopped",
      "bot-llm-started",
      "bot-llm-text × 2",
      "bot-llm-stopped",
    ]);
    render(<Harness store={store} />);
    const texts = dataRows()
      .filter((row) => row.classList.contains("log-group"))
      .map(
        (row) => `${row.querySelector(".cell-client")!.textContent} ${row.querySelector(".cell-data")!.textContent}`,
      );
    expect(texts).toEqual(['c-1 "Hello"', 'c-2 "Bonjour!"', 'c-1 "Again here"']);
  });

  it("coalesces a segment's updates by segment_id, and by text until it completes, within a turn", () => {
    const store = storeWith(
      ["c-1"],
      output(1, "Hello there.", "new"),
      output(1, "Hello there.", "in-progress", "Hello"),
      output(1, "Hello there.", "completed", "Hello there."),
      // The next sentence: made with one id, completed with another (as Pipecat's server does).
      output(2, "How are you?", "new"),
      output(9, "How are you?", "completed", "How are you?"),
      // The same words again once the first was completed: a sentence of its own.
      output(10, "Hello there.", "new"),
      message("user-started-speaking"),
      // A new turn: the same text is not the last turn's segment.
      output(11, "How are you?", "new"),
    );
    expect(describeView(store, filteredLog(store))).toEqual([
      "bot-output × 3",
      "bot-output × 2",
      "bot-output",
      "user-started-speaking",
      "bot-output",
    ]);
    render(<Harness store={store} />);
    expect(rowWithType("bot-output × 3").querySelector(".cell-data")!.textContent).toBe('"Hello there." · completed');
  });

  it("grows a fold as tokens arrive without moving what is above it, and follows a filter change", () => {
    const store = storeWith(["c-1"], message("bot-llm-started"), token("One"));
    const log = filteredLog(store);
    expect(describeView(store, log)).toEqual(["bot-llm-started", "bot-llm-text"]);
    store.ingest(0, [message("metrics", { ttfb: [] }), token(" two")]);
    log.sync(store.rows, store.rows.length);
    expect(describeView(store, log)).toEqual(["bot-llm-started", "bot-llm-text × 2", "metrics"]);
    store.ingest(0, [token(" three"), message("bot-llm-stopped")]);
    log.sync(store.rows, store.rows.length);
    expect(describeView(store, log)).toEqual(["bot-llm-started", "bot-llm-text × 3", "metrics", "bot-llm-stopped"]);
    // Built a row at a time or in one scan, the view is the same.
    expect(filteredLog(store).indices).toEqual(log.indices);
    // A hidden bot-llm-started still opens the response; hidden tokens make no fold.
    expect(describeView(store, filteredLog(store, { hiddenTypes: new Set(["bot-llm-started"]) }))).toEqual([
      "bot-llm-text × 3",
      "metrics",
      "bot-llm-stopped",
    ]);
    expect(describeView(store, filteredLog(store, { hiddenTypes: new Set(["bot-llm-text"]) }))).toEqual([
      "bot-llm-started",
      "metrics",
      "bot-llm-stopped",
    ]);
  });

  it("shows the raw row a search matches, and folds again when the search is cleared", () => {
    const store = storeWith(
      ["c-1"],
      message("bot-llm-started"),
      token("The"),
      token(" weather"),
      token(" is fine"),
      message("bot-llm-stopped"),
    );
    render(<Harness store={store} />);
    expect(rowWithType("bot-llm-text × 3")).toBeTruthy();
    fireEvent.input(screen.getByRole("textbox", { name: "Filter" }), { target: { value: "weather" } });
    const messages = dataRows().filter((row) => row.classList.contains("log-row"));
    expect(messages.map((row) => row.querySelector(".cell-type")?.textContent)).toEqual(["bot-llm-text"]);
    expect(messages[0].querySelector(".cell-data")!.textContent).toBe('{"text":" weather"}');
    fireEvent.input(screen.getByRole("textbox", { name: "Filter" }), { target: { value: "" } });
    expect(rowWithType("bot-llm-text × 3")).toBeTruthy();
  });

  it("opens and closes a fold with a click, showing its raw rows under it", () => {
    const store = storeWith(["c-1"], message("bot-llm-started"), token("A"), token("B"), message("bot-llm-stopped"));
    render(<Harness store={store} />);
    const types = () => dataRows().map((row) => row.querySelector(".cell-type")?.textContent);
    expect(types()).toEqual([undefined, "bot-llm-started", "bot-llm-text × 2", "bot-llm-stopped"]);
    fireEvent.click(rowWithType("bot-llm-text × 2"));
    expect(rowWithType("bot-llm-text × 2").getAttribute("aria-expanded")).toBe("true");
    expect(types()).toEqual([
      undefined,
      "bot-llm-started",
      "bot-llm-text × 2",
      "bot-llm-text",
      "bot-llm-text",
      "bot-llm-stopped",
    ]);
    expect(dataRows().map((row) => row.getAttribute("aria-rowindex"))).toEqual(["2", "3", "4", "5", "6", "7"]);
    expect(grid().getAttribute("aria-rowcount")).toBe("7");
    const members = dataRows().filter((row) => row.classList.contains("log-member"));
    expect(members.map((row) => row.querySelector(".cell-data")!.textContent)).toEqual([
      '{"text":"A"}',
      '{"text":"B"}',
    ]);
    fireEvent.click(rowWithType("bot-llm-text × 2"));
    expect(types()).toEqual([undefined, "bot-llm-started", "bot-llm-text × 2", "bot-llm-stopped"]);
    expect(grid().getAttribute("aria-rowcount")).toBe("5");
  });

  it("works a fold from the keyboard as a tree grid: Enter and → open, ← closes or goes up, Enter opens a raw row", () => {
    const onOpen = vi.fn();
    const store = storeWith(["c-1"], message("bot-llm-started"), token("A"), token("B"), message("bot-llm-stopped"));
    render(<Harness store={store} onOpen={onOpen} />);
    const key = (name: string) => fireEvent.keyDown(grid(), { key: name });
    key("Home");
    key("ArrowDown");
    key("ArrowDown");
    const group = () => rowWithType("bot-llm-text × 2");
    expect(selectedRow()).toBe(group());
    expect(grid().getAttribute("aria-activedescendant")).toBe(group().id);
    key("Enter");
    expect(group().getAttribute("aria-expanded")).toBe("true");
    key("Enter");
    expect(group().getAttribute("aria-expanded")).toBe("false");
    key("ArrowRight");
    expect(group().getAttribute("aria-expanded")).toBe("true");
    key("ArrowRight");
    expect(selectedRow()!.querySelector(".cell-data")!.textContent).toBe('{"text":"A"}');
    key("ArrowDown");
    expect(selectedRow()!.querySelector(".cell-data")!.textContent).toBe('{"text":"B"}');
    key("Enter");
    const b = store.rows.find((row) => row.kind === "message" && row.json.includes('"B"'))!;
    expect(onOpen).toHaveBeenCalledWith(b.seq);
    key("ArrowLeft");
    expect(selectedRow()).toBe(group());
    key("ArrowLeft");
    expect(group().getAttribute("aria-expanded")).toBe("false");
    expect(dataRows().some((row) => row.classList.contains("log-member"))).toBe(false);
    expect(onOpen).toHaveBeenCalledTimes(1);
  });

  it("opens the fold that hides a row selected from elsewhere", () => {
    const store = storeWith(["c-1"], message("bot-llm-started"), token("A"), token("B"), message("bot-llm-stopped"));
    render(<Harness store={store} />);
    fireEvent.click(screen.getByRole("button", { name: "Select the first token" }));
    expect(rowWithType("bot-llm-text × 2").getAttribute("aria-expanded")).toBe("true");
    expect(selectedRow()!.querySelector(".cell-data")!.textContent).toBe('{"text":"A"}');
    expect(grid().getAttribute("aria-activedescendant")).toBe(selectedRow()!.id);
  });
});

describe("the columns", () => {
  const headers = () =>
    within(grid())
      .getAllByRole("columnheader")
      .map((header) => header.textContent);

  it("has no Client column with one client, headers and cells alike", () => {
    render(<Harness store={storeWith(["c-1"], message("bot-ready", { version: "2.1.0" }))} />);
    expect(headers()).toEqual(["Time", "Dir", "Type", "Id", "Size", "Data"]);
    const row = rowWithType("bot-ready");
    expect(within(row).getAllByRole("gridcell")).toHaveLength(6);
    expect(row.querySelector(".cell-client")).toBeNull();
    expect(grid().classList.contains("one-client")).toBe(true);
  });

  it("shows the Client column with two clients, in every row and in the folds", () => {
    const store = storeWith(
      ["c-1", "c-2"],
      message("bot-ready", {}, "c-2"),
      message("bot-llm-started"),
      token("A"),
      token("B"),
    );
    render(<Harness store={store} />);
    expect(headers()).toEqual(["Time", "Dir", "Client", "Type", "Id", "Size", "Data"]);
    expect(within(rowWithType("bot-ready")).getAllByRole("gridcell")).toHaveLength(7);
    expect(rowWithType("bot-ready").querySelector(".cell-client")!.textContent).toBe("c-2");
    expect(within(rowWithType("bot-llm-text × 2")).getAllByRole("gridcell")).toHaveLength(7);
    expect(grid().classList.contains("one-client")).toBe(false);
  });
});
