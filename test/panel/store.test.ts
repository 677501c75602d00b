// The panel's model: sessions, pairing of requests with answers, type counts, pause (view
// state, panel/viewState.ts) and clear, the incremental filter, and the session file's round trip.
import { describe, expect, it, vi } from "vitest";
import { isPageToPanel, type PageToPanel } from "../../src/shared/protocol";
import {
  createSessionStore,
  rowMessage,
  type MessageRow,
  type SessionStore,
  type SessionStoreOptions,
} from "../../panel/model/store";
import { visibleLength } from "../../panel/viewState";
import { DEFAULT_FILTER, FilteredLog, parseFilterText } from "../../panel/model/filter";
import { exportSession, importSession } from "../../panel/model/sessionFile";

let nextMessageId = 1;
let clock = 1_700_000_000_000;

function hookReady(url = "http://localhost/app"): PageToPanel {
  return { kind: "hook-ready", t: clock++, url, isTop: true, hookVersion: "test", late: false };
}
function clientAdded(clientId = "c-1"): PageToPanel {
  return {
    kind: "client-added",
    t: clock++,
    client: { clientId, transport: "websocket", foundBy: "trap", state: "ready" },
  };
}
function message(dir: "in" | "out", type: string, data: unknown = {}, id?: string, extra: object = {}): PageToPanel {
  const msg = { label: "rtvi-ai", type, ...(id ? { id } : {}), data };
  return {
    kind: "message",
    messageId: nextMessageId++,
    t: clock++,
    clientId: "c-1",
    dir,
    level: "client",
    msg,
    ...extra,
  };
}

function storeWith(options: SessionStoreOptions, ...events: PageToPanel[]): SessionStore {
  const store = createSessionStore(options);
  store.ingest(0, [hookReady(), clientAdded(), ...events]);
  return store;
}
const liveStore = (...events: PageToPanel[]) => storeWith({}, ...events);

const messages = (store: SessionStore) => store.rows.filter((row): row is MessageRow => row.kind === "message");

describe("SessionStore", () => {
  it("keeps each message as JSON, with its category, and counts types", () => {
    const store = liveStore(
      message("in", "bot-llm-text", { text: "hi" }),
      message("in", "bot-llm-text", { text: "yo" }),
      message("in", "user-audio-level", { value: 0.2 }),
    );
    const [first] = messages(store);
    expect(first.category).toBe("llm");
    expect(rowMessage(first)).toEqual({ label: "rtvi-ai", type: "bot-llm-text", data: { text: "hi" } });
    expect(store.typeCounts.get("bot-llm-text")?.count).toBe(2);
    expect(store.typeCounts.get("user-audio-level")?.category).toBe("noise");
    expect(store.messageCount()).toBe(3);
  });

  it("measures each message's UTF-8 size from its JSON, and takes a cut message's original size from the hook", () => {
    const store = liveStore(
      message("in", "bot-transcription", { text: "plain" }),
      message("in", "bot-transcription", { text: "héllo €uro 😀" }),
      message("in", "metrics", { cut: "…" }, undefined, { size: 300_000, truncated: true }),
    );
    const [ascii, unicode, cut] = messages(store);
    const bytes = (row: MessageRow) => new TextEncoder().encode(JSON.stringify(rowMessage(row))).length;
    expect(ascii.size).toBe(bytes(ascii));
    expect(unicode.size).toBe(bytes(unicode));
    expect(unicode.size).toBeGreaterThan(unicode.json.length);
    expect(cut.size).toBe(300_000);
  });

  it("lets the oldest messages go past its limits, in bulk, and counts them", () => {
    const store = createSessionStore({ limits: { rows: 10, jsonChars: 1_000_000 } });
    store.ingest(0, [hookReady(), clientAdded()]);
    store.ingest(0, [message("out", "client-message", { t: "old" }, "old-1", { request: { timeoutMs: 10_000 } })]);
    const pausedAfterSeq = store.lastSeq();
    const filtered = new FilteredLog();
    filtered.setSpec({ ...DEFAULT_FILTER, text: "bot-llm-text" });
    filtered.sync(store.rows, visibleLength(store, pausedAfterSeq));
    store.ingest(
      0,
      Array.from({ length: 12 }, (_, n) => message("in", "bot-llm-text", { n })),
    );
    // 14 rows (a marker, a request, 12 texts) went past 10: down to 9, the oldest first (the
    // marker and four messages; only messages are counted).
    expect(store.rows).toHaveLength(9);
    expect(store.removed).toBe(4);
    expect(store.messageCount()).toBe(9);
    expect(store.rows.every((row) => row.kind === "message" && row.type === "bot-llm-text")).toBe(true);
    expect(store.typeCounts.get("client-message")).toBeUndefined();
    expect(store.typeCounts.get("bot-llm-text")?.count).toBe(9);
    expect(store.pendingRequests()).toEqual([]);
    // The view paused after the request now starts at the log's start; the filter scans the new log.
    expect(visibleLength(store, pausedAfterSeq)).toBe(0);
    filtered.sync(store.rows, visibleLength(store, undefined));
    expect(filtered.indices).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);

    const byChars = createSessionStore({ limits: { rows: 1_000, jsonChars: 2_000 } });
    byChars.ingest(0, [
      hookReady(),
      clientAdded(),
      ...Array.from({ length: 30 }, (_, n) => message("in", "bot-transcription", { text: "x".repeat(100), n })),
    ]);
    expect(byChars.removed).toBeGreaterThan(0);
    expect(
      byChars.rows.reduce((chars, row) => chars + (row.kind === "message" ? row.json.length : 0), 0),
    ).toBeLessThanOrEqual(1_800);
    expect(byChars.messageCount() + byChars.removed).toBe(30);
  });

  it("pairs a request with its answer, both ways, with the latency", () => {
    const store = liveStore(
      message("out", "client-message", { t: "get-language", d: {} }, "r1", { request: { timeoutMs: 10_000 } }),
      message("in", "server-response", { t: "get-language", d: { language: "en" } }, "r1"),
    );
    const [request, answer] = messages(store);
    const state = store.requestState(request);
    expect(state?.state).toBe("answered");
    expect(state && "answer" in state && state.answer).toBe(answer);
    expect(state && "latencyMs" in state && state.latencyMs).toBe(answer.t - request.t);
    expect(store.requestState(answer)?.request).toBe(request);
  });

  it("tells pending, failed and timed-out requests apart, and a message that expects nothing", () => {
    const store = liveStore(
      message("out", "client-message", { t: "never-answered" }, "p1", { request: { timeoutMs: 10_000 } }),
      message("out", "client-message", { t: "unknown" }, "f1", { request: { timeoutMs: 10_000 } }),
      message("in", "error-response", { error: "Unknown request type" }, "f1"),
      message("out", "client-message", { t: "slow" }, "t1", { request: { timeoutMs: 1_000 } }),
      message("out", "client-message", { t: "set-language" }, "m1"),
    );
    store.ingest(0, [{ kind: "request-timeout", t: clock++, clientId: "c-1", requestId: "t1" }]);
    const [pending, failed, , timedOut, plain] = messages(store);
    expect(store.requestState(pending)?.state).toBe("pending");
    expect(store.requestState(failed)?.state).toBe("failed");
    expect(store.requestState(timedOut)?.state).toBe("timed-out");
    expect(store.requestState(plain)).toBeUndefined();
    expect(store.pendingRequests().map((row) => row.rtviId)).toEqual(["p1"]);
  });

  it("lists what still waits for an answer, per client, as answers come, ids repeat and old rows go", () => {
    const store = createSessionStore({ limits: { rows: 10, jsonChars: 1_000_000 } });
    const request = (id: string, clientId = "c-1") => ({
      ...message("out", "client-message", {}, id, { request: { timeoutMs: 10_000 } }),
      clientId,
    });
    store.ingest(0, [hookReady(), clientAdded(), clientAdded("c-2"), request("a"), request("b"), request("c", "c-2")]);
    const waiting = (client?: string) =>
      store.pendingRequests(client).map((row) => `${row.clientKey}/${row.rtviId}#${row.seq}`);
    const [a, b, c] = messages(store).map((row) => `${row.clientKey}/${row.rtviId}#${row.seq}`);
    expect(waiting()).toEqual([c, b, a]);
    expect(waiting("0:c-2")).toEqual([c]);
    store.ingest(0, [message("in", "server-response", {}, "a"), request("b")]);
    const repeated = messages(store).at(-1)!;
    // The answered one is gone; the repeated id waits as a new request only.
    expect(waiting("0:c-1")).toEqual([`0:c-1/b#${repeated.seq}`]);
    // Past the panel's limit the oldest rows go, and with them what they waited for.
    store.ingest(
      0,
      Array.from({ length: 9 }, () => message("in", "metrics")),
    );
    expect(messages(store).some((row) => row.rtviId === "c")).toBe(false);
    expect(waiting("0:c-2")).toEqual([]);
  });

  it("treats client-ready as awaiting bot-ready", () => {
    const store = liveStore(
      message("out", "client-ready", { version: "2.1.0", about: { library_version: "1.13.1" } }, "h1"),
    );
    expect(store.requestState(messages(store)[0])?.state).toBe("pending");
    store.ingest(0, [message("in", "bot-ready", { version: "2.0.0", about: { name: "demo" } }, "h1")]);
    expect(store.requestState(messages(store)[0])?.state).toBe("answered");
    const client = [...store.clients.values()][0];
    expect([client.clientVersion, client.botVersion, client.botAbout]).toEqual(["1.13.1", "2.0.0", { name: "demo" }]);
  });

  it("starts a new session on reload, dropping the old one unless the view asks to keep it (Preserve log)", () => {
    let preserveLog = false;
    const store = createSessionStore({ keepEarlierSessions: () => preserveLog });
    store.ingest(0, [hookReady(), clientAdded(), message("in", "bot-ready", {}, "a")]);
    store.ingest(0, [hookReady(), clientAdded("c-2"), message("in", "server-message", { n: 1 })]);
    expect(store.rows.map((row) => row.kind)).toEqual(["marker", "message"]);
    expect([...store.clients.keys()]).toEqual(["0:c-2"]);

    preserveLog = true;
    store.ingest(0, [hookReady("http://localhost/next"), clientAdded("c-3")]);
    expect(store.rows.map((row) => row.kind)).toEqual(["marker", "message", "marker"]);
    expect(store.rows.at(-1)).toMatchObject({ kind: "marker", url: "http://localhost/next", session: 3 });
    expect(store.clients.get("0:c-2")?.removedAt).toBeDefined();
    expect(store.clients.get("0:c-3")?.removedAt).toBeUndefined();
    // Each kept session starts at its own marker, for times relative to the session.
    const [second, , third] = store.rows;
    expect(store.sessionStart(2)).toBe(second.t);
    expect(store.sessionStart(3)).toBe(third.t);
    store.clear();
    expect(store.sessionStart(2)).toBeUndefined();
    store.ingest(0, [message("in", "server-message", { n: 2 })]);
    expect(store.sessionStart(3)).toBe(store.rows[0].t);
  });

  it("freezes the view while paused and loses nothing, a clear included", () => {
    const store = liveStore(message("in", "bot-llm-text"));
    const pausedAfterSeq = store.lastSeq();
    store.ingest(0, [message("in", "bot-llm-text"), message("in", "bot-llm-text")]);
    expect(visibleLength(store, pausedAfterSeq)).toBe(2);
    expect(visibleLength(store, undefined)).toBe(4);
    store.clear();
    store.ingest(0, [message("in", "bot-llm-text")]);
    expect(visibleLength(store, pausedAfterSeq)).toBe(0);
    expect(visibleLength(store, undefined)).toBe(1);
  });

  it("notifies through its change signal, coalesced: one bump for many ingests", async () => {
    const store = createSessionStore();
    const seen: number[] = [];
    const unsubscribe = store.changes.subscribe((version) => seen.push(version));
    for (let n = 0; n < 50; n++) store.ingest(0, [message("in", "metrics")]);
    expect(seen).toEqual([0]);
    await vi.waitFor(() => expect(seen).toEqual([0, 1]));
    unsubscribe();
  });

  it("counts what the hook let go while no relay listened with the rest of the dropped, and refuses a forged count", () => {
    const store = liveStore({ kind: "dropped", t: clock++, count: 2_500 });
    store.noteDropped(3);
    expect(store.dropped).toBe(2_503);
    const forged = [
      { kind: "dropped", t: clock++, count: -5 },
      { kind: "dropped", t: clock++, count: 1.5 },
      { kind: "dropped", t: clock++ },
    ];
    expect(forged.filter(isPageToPanel)).toEqual([]);
  });

  it("clears rows, pairs and counts but keeps the clients", () => {
    const store = liveStore(message("out", "client-message", {}, "x", { request: { timeoutMs: 5 } }));
    store.noteDropped(3);
    store.clear();
    expect(store.rows).toEqual([]);
    expect(store.pendingRequests()).toEqual([]);
    expect(store.typeCounts.size).toBe(0);
    expect(store.dropped).toBe(0);
    expect(store.clients.size).toBe(1);
  });

  it("finds rows by seq", () => {
    const store = liveStore(...Array.from({ length: 50 }, () => message("in", "metrics")));
    for (const row of store.rows) expect(store.rowBySeq(row.seq)).toBe(row);
    expect(store.rowBySeq(10_000)).toBeUndefined();
  });
});

describe("FilteredLog", () => {
  const store = liveStore(
    message("out", "client-message", { t: "set-language", d: { language: "fr-FR" } }, "a"),
    message("in", "server-message", { msg: "language-updated" }),
    message("in", "user-audio-level", { value: 0.5 }),
    message("in", "bot-llm-text", { text: "Bonjour" }),
  );
  const shownTypes = (filtered: FilteredLog) =>
    filtered.indices.map((index) => store.rows[index]).map((row) => (row.kind === "marker" ? "marker" : row.type));

  function filteredBy(spec: Partial<typeof DEFAULT_FILTER>) {
    const filtered = new FilteredLog();
    filtered.setSpec({ ...DEFAULT_FILTER, ...spec });
    filtered.sync(store.rows, store.rows.length);
    return filtered;
  }

  it("hides noisy types by default and counts them", () => {
    const filtered = filteredBy({});
    expect(shownTypes(filtered)).toEqual(["marker", "client-message", "server-message", "bot-llm-text"]);
    expect(filtered.hiddenNoisy).toBe(1);
    expect(filtered.shownMessages).toBe(3);
    expect(shownTypes(filteredBy({ showNoisy: true }))).toContain("user-audio-level");
  });

  it("filters by direction and by type", () => {
    expect(shownTypes(filteredBy({ showIn: false }))).toEqual(["marker", "client-message"]);
    expect(shownTypes(filteredBy({ hiddenTypes: new Set(["bot-llm-text", "client-message"]) }))).toEqual([
      "marker",
      "server-message",
    ]);
  });

  it("matches free text without regard to case, and /regex/ with flags, across type and payload", () => {
    expect(shownTypes(filteredBy({ text: "BONJOUR" }))).toEqual(["marker", "bot-llm-text"]);
    expect(shownTypes(filteredBy({ text: "fr-(FR" }))).toEqual(["marker"]);
    expect(shownTypes(filteredBy({ text: '/^\\{.*"type":"server-/' }))).toEqual(["marker", "server-message"]);
    expect(shownTypes(filteredBy({ text: "/LANGUAGE-updated|fr-fr/i" }))).toEqual([
      "marker",
      "client-message",
      "server-message",
    ]);
  });

  it("reports a regex that does not compile instead of throwing", () => {
    const filtered = filteredBy({ text: "/(unclosed/" });
    expect(filtered.error).toMatch(/Invalid regular expression/);
    expect(shownTypes(filtered)).toEqual(["marker"]);
    expect(parseFilterText("/a/g").matcher?.test("a")).toBe(true);
  });

  it("tests only the rows that arrived since the last sync, and starts over after a clear", () => {
    const live = liveStore(message("in", "bot-llm-text"));
    const filtered = new FilteredLog();
    filtered.setSpec(DEFAULT_FILTER);
    filtered.sync(live.rows, live.rows.length);
    live.ingest(0, [message("in", "server-message")]);
    filtered.sync(live.rows, live.rows.length);
    expect(filtered.indices).toEqual([0, 1, 2]);
    live.clear();
    live.ingest(0, [message("in", "metrics")]);
    filtered.sync(live.rows, live.rows.length);
    expect(filtered.indices).toEqual([0]);
  });
});

describe("session file", () => {
  it("exports and imports a session with its clients, pairs, timings and losses", () => {
    const store = storeWith(
      { limits: { rows: 4, jsonChars: 1_000_000 } },
      ...Array.from({ length: 7 }, () => message("in", "metrics")),
      message("out", "client-message", { t: "get-language" }, "r1", {
        request: { timeoutMs: 10_000 },
        origin: "devtools",
      }),
      message("in", "server-response", { t: "get-language", d: "en" }, "r1"),
      message("out", "client-message", { t: "slow" }, "t1", { request: { timeoutMs: 1_000 } }),
    );
    store.ingest(0, [{ kind: "request-timeout", t: clock++, clientId: "c-1", requestId: "t1" }]);
    store.noteDropped(2);
    // Eleven rows (a marker, ten messages) went past 4: down to 3, the oldest first (the marker and seven messages).
    expect(store.removed).toBe(7);
    const file = JSON.parse(JSON.stringify(exportSession(store, { includeSecrets: false })));
    expect(file).toMatchObject({ format: "pipecat-devtools-session", version: 2, dropped: 2, removed: 7 });

    const result = importSession(JSON.stringify(file));
    if ("error" in result) throw new Error(result.error);
    const imported = result.store;
    expect(imported.rows.map((row) => (row.kind === "marker" ? "marker" : `${row.dir} ${row.type}`))).toEqual([
      "out client-message",
      "in server-response",
      "out client-message",
    ]);
    const [request, , slow] = messages(imported);
    expect(request.origin).toBe("devtools");
    expect(request.t).toBe(messages(store)[0].t);
    expect(imported.source).toBe("file");
    expect(imported.rows.map((row) => row.kind === "message" && row.json)).toEqual(
      store.rows.map((row) => row.kind === "message" && row.json),
    );
    expect(imported.requestState(request)?.state).toBe("answered");
    expect(imported.requestState(slow)?.state).toBe("timed-out");
    expect([...imported.clients.keys()]).toEqual(["0:c-1"]);
    expect(imported.dropped).toBe(2);
    expect(imported.removed).toBe(7);
  });

  it("refuses what is not a session file, and counts rows that fail the checks", () => {
    expect(importSession("{")).toEqual({ error: expect.stringMatching(/^Not a session file/) });
    expect(importSession('{"format":"other"}')).toEqual({ error: "Not a Pipecat DevTools session file" });
    expect(importSession('{"format":"pipecat-devtools-session","version":9,"rows":[],"clients":[]}')).toEqual({
      error: expect.stringMatching(/version 9 is not supported/),
    });
    const result = importSession(
      JSON.stringify({
        format: "pipecat-devtools-session",
        version: 1,
        clients: [],
        rows: [{ kind: "message", frameId: 0, event: { kind: "message" } }, 42],
      }),
    );
    expect("store" in result && result.store.rejected).toBe(2);
  });
});
