// The Conversation view in the whole App, with a real store and view state: its accessible
// contract (the tab and panel "Conversation", the "Turns" table with its "Latency" column, the
// "Latency summary", "Timeline", "Function calls" and "Transcript"), a click that selects a
// turn's rows in Messages, the timeline's zoom, and live updates.
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import type { PageToPanel } from "../../src/shared/protocol";
import { App } from "../../panel/App";
import { conversationOf } from "../../panel/conversation/conversationModel";
import { Timeline } from "../../panel/conversation/Timeline";
import { ConnectionContext, type PanelConnection } from "../../panel/connectionContext";
import { createSessionStore, type SessionStore } from "../../panel/model/store";
import { PanelModelContext } from "../../panel/useStore";
import { createViewState } from "../../panel/viewState";

vi.mock("webextension-polyfill", async () => ({ default: (await import("../support/fakeStorage")).fakeBrowser }));

afterEach(cleanup);

const T0 = Date.UTC(2026, 0, 1, 12);
let messageId = 1;

const connection: PanelConnection = {
  tabId: 1,
  inDevtools: false,
  inspectTab: () => {},
  sendCommand: () => Promise.reject(new Error("no page in this test")),
  listTabs: () => Promise.resolve([]),
  siteRequest: () => Promise.reject(new Error("no page in this test")),
  setRules: () => Promise.resolve(),
};

function events(...steps: [number, string, unknown?][]): PageToPanel[] {
  return steps.map(([at, type, data]) => {
    const out = type.startsWith("out:");
    const msg: Record<string, unknown> = { label: "rtvi-ai", type: out ? type.slice(4) : type, data: data ?? null };
    if (out) msg.id = `id${messageId}`;
    return {
      kind: "message",
      messageId: messageId++,
      t: T0 + at,
      clientId: "c-1",
      dir: out ? "out" : "in",
      level: "client",
      msg,
    } as PageToPanel;
  });
}

const output = (text: string, id: number, status: string, spoken: string, remaining: string) => ({
  text,
  segment_id: id,
  spoken_status: status,
  will_be_spoken: true,
  spoken_progress: { accumulated_text: spoken, remaining_text: remaining },
});

/** Three turns: a spoken one with an anonymous call, one the user barges into, a typed one (the bot never answers). */
const SESSION = events(
  [0, "out:client-ready", { version: "2.1.0" }],
  [30, "bot-ready", { version: "2.1.0" }],
  [1000, "user-started-speaking"],
  [1500, "user-transcription", { text: "What's the weather?", final: true }],
  [1600, "user-stopped-speaking"],
  [1700, "llm-function-call-started", {}],
  [1710, "llm-function-call-in-progress", { tool_call_id: "call_1" }],
  [2110, "llm-function-call-stopped", { tool_call_id: "call_1", cancelled: false }],
  [2200, "bot-started-speaking"],
  [2210, "bot-output", output("Sunny.", 1, "new", "", "Sunny.")],
  [2500, "bot-output", output("Sunny.", 1, "completed", "Sunny.", "")],
  [2600, "bot-stopped-speaking"],
  [5000, "user-started-speaking"],
  [5500, "user-stopped-speaking"],
  [6400, "bot-started-speaking"],
  [6410, "bot-output", output("Let me tell you a story.", 2, "new", "", "Let me tell you a story.")],
  [6800, "bot-output", output("Let me tell you a story.", 2, "in-progress", "Let me", " tell you a story.")],
  [7000, "user-started-speaking"],
  [7010, "bot-interrupted"],
  [7150, "bot-stopped-speaking"],
  [7300, "user-stopped-speaking"],
  [7400, "out:send-text", { content: "<b>not markup</b>", options: {} }],
  [7420, "bot-interrupted"],
);

function renderApp(store: SessionStore) {
  render(
    <ConnectionContext.Provider value={connection}>
      <PanelModelContext.Provider value={{ live: store, view: createViewState() }}>
        <App />
      </PanelModelContext.Provider>
    </ConnectionContext.Provider>,
  );
}

function storeWithSession(session: PageToPanel[] = SESSION): SessionStore {
  const store = createSessionStore();
  store.ingest(0, [
    { kind: "hook-ready", t: T0 - 100, url: "http://localhost/app", isTop: true, hookVersion: "t", late: false },
    {
      kind: "client-added",
      t: T0 - 50,
      client: { clientId: "c-1", transport: "websocket", foundBy: "trap", state: "ready" },
    },
    ...session,
  ]);
  return store;
}

function openConversation(): HTMLElement {
  fireEvent.click(screen.getByRole("tab", { name: "Conversation" }));
  return screen.getByRole("tabpanel", { name: "Conversation" });
}

describe("the Conversation view", () => {
  it("keeps its accessible contract: Turns with Latency, Latency summary, Timeline, Function calls, Transcript", () => {
    renderApp(storeWithSession());
    const panel = openConversation();

    const turns = within(panel).getByRole("table", { name: "Turns" });
    const headers = within(turns)
      .getAllByRole("columnheader")
      .map((header) => header.textContent);
    expect(headers).toContain("Latency");
    const latencyColumn = headers.indexOf("Latency");
    const rows = within(turns).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(4);
    const latencies = rows.map((row) => within(row).getAllByRole("cell")[latencyColumn].textContent);
    expect(latencies[0]).toBe("600 ms (turn end)");
    expect(latencies[1]).toBe("900 ms (turn end)");
    expect(latencies[2]).toBe("bot never spoke");
    expect(latencies[3]).toBe("bot never spoke");
    expect(rows.map((row) => row.textContent?.includes("Interrupted by user"))).toEqual([false, true, false, false]);
    expect(rows[1].textContent).toContain("yielded in 150 ms");

    const summary = within(panel).getByRole("region", { name: "Latency summary" });
    expect(summary.textContent).toMatch(/p50\s*600 ms/);
    expect(summary.textContent).toMatch(/p95\s*900 ms/);
    expect(summary.textContent).toMatch(/Worst\s*900 ms/);
    expect(summary.textContent).toMatch(/Interruptions\s*1/);
    expect(summary.textContent).toContain("Connect → bot-ready30 ms");

    expect(within(panel).getByRole("region", { name: "Timeline" })).toBeTruthy();

    const calls = within(panel).getByRole("table", { name: "Function calls" });
    const callRows = within(calls).getAllByRole("row").slice(1);
    expect(callRows).toHaveLength(1);
    expect(callRows[0].textContent).toContain("410 ms");
    expect(callRows[0].textContent).toContain("(not reported)");
    expect(calls.parentElement?.textContent).toContain("function_call_report_level");

    const transcript = within(panel).getByRole("region", { name: "Transcript" });
    const lines = within(transcript)
      .getAllByRole("listitem")
      .map((item) => item.textContent);
    expect(lines).toEqual([
      "User: What's the weather?",
      "Bot: Sunny. ",
      "Bot: Let me not spoken:  tell you a story.interrupted",
      "User (typed): <b>not markup</b>",
    ]);
    // Page text is text: the typed markup made no element.
    expect(transcript.querySelector("b")).toBeNull();
  });

  it("selects a turn's first row in Messages when the turn is clicked", () => {
    const store = storeWithSession();
    renderApp(store);
    const panel = openConversation();
    fireEvent.click(within(panel).getByRole("button", { name: "Turn 2: select its messages" }));
    expect(screen.getByRole("tab", { name: "Messages" }).getAttribute("aria-selected")).toBe("true");
    const grid = screen.getByRole("grid", { name: "Messages" });
    const selected = within(grid)
      .getAllByRole("row")
      .filter((row) => row.getAttribute("aria-selected") === "true");
    expect(selected).toHaveLength(1);
    expect(selected[0].textContent).toContain("user-started-speaking");
  });

  it("zooms its timeline with the buttons and the wheel, and selects a span's rows", () => {
    renderApp(storeWithSession());
    const timeline = within(openConversation()).getByRole("region", { name: "Timeline" });
    const svg = timeline.querySelector("svg")!;
    const width = () => Number(svg.getAttribute("data-window-end")) - Number(svg.getAttribute("data-window-start"));
    const before = width();
    fireEvent.click(within(timeline).getByRole("button", { name: "Zoom in" }));
    expect(width()).toBeCloseTo(before / 2, 3);
    fireEvent.click(within(timeline).getByRole("button", { name: "Zoom out" }));
    expect(width()).toBeCloseTo(before, 3);
    fireEvent.wheel(svg, { deltaY: 200, clientX: 200 });
    expect(width()).toBeGreaterThan(before);
    expect(within(timeline).getByRole("button", { name: "Follow live edge" }).getAttribute("aria-pressed")).toBe(
      "false",
    );
    fireEvent.click(within(timeline).getByRole("button", { name: "Show all" }));
    const bot = timeline.querySelectorAll(".lane-bot rect");
    expect(bot).toHaveLength(2);
    expect(bot[1].getAttribute("class")).toContain("interrupted");
    fireEvent.click(bot[0]);
    expect(screen.getByRole("tab", { name: "Messages" }).getAttribute("aria-selected")).toBe("true");
  });

  it("draws a lane too dense for a bar each as one path, and a click on it selects the turn under the pointer", () => {
    // 125 turns a second apart, each with 10 ms of bot speech: shown whole, 3.4 px apart, too
    // many for a <rect> each, far enough apart not to merge.
    const turns = Array.from({ length: 125 }, (_, n) => n * 1000);
    const store = storeWithSession(
      events(
        ...turns.flatMap((at, n): [number, string, unknown?][] => [
          [at, "user-started-speaking"],
          [at + 100, "user-transcription", { text: `question ${n}`, final: true }],
          [at + 200, "user-stopped-speaking"],
          [at + 500, "bot-started-speaking"],
          [at + 510, "bot-stopped-speaking"],
        ]),
      ),
    );
    const model = conversationOf(store, "0:c-1");
    const onSelect = vi.fn();
    render(<Timeline model={model} onSelect={onSelect} />);
    const timeline = screen.getByRole("region", { name: "Timeline" });
    fireEvent.click(within(timeline).getByRole("button", { name: "Show all" }));
    expect(timeline.querySelectorAll(".lane-bot rect")).toHaveLength(0);
    const path = timeline.querySelector(".lane-bot path")!;
    expect(path.getAttribute("d")?.match(/M/g)).toHaveLength(125);
    // Turn 57's bar, from the path itself: the plot starts at the first message.
    const bar57 = path.getAttribute("d")!.split("M")[58];
    fireEvent.click(path, { clientX: Number.parseFloat(bar57) + 1 });
    expect(onSelect).toHaveBeenCalledExactlyOnceWith(model.turns[57].seqs);
  });

  it("follows the session live", async () => {
    const store = storeWithSession();
    renderApp(store);
    const panel = openConversation();
    const turns = within(panel).getByRole("table", { name: "Turns" });
    store.ingest(
      0,
      events([9000, "user-started-speaking"], [9400, "user-stopped-speaking"], [9650, "bot-started-speaking"]),
    );
    await waitFor(() => expect(within(turns).getAllByRole("row")).toHaveLength(6));
    const last = within(turns).getAllByRole("row").at(-1)!;
    expect(last.textContent).toContain("250 ms (turn end)");
  });
});
