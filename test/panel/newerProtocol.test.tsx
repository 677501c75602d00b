// Runs in vitest's unit project (happy-dom). What the panel makes of clients and protocols newer
// or other than client-js 1.13's: the library a client names beside client-js's own version, both
// protocol versions and a bot's refusal, bot capabilities, requests the client rejects itself
// (never answered by the bot), send-file's inline bytes shown by their size, unknown types as
// they are. The message shapes are those of docs/client-js-internals.md, "Newer protocol messages".
import { afterEach, describe, expect, it } from "vitest";
import { cleanup, render, screen } from "@testing-library/preact";
import type { PageToPanel } from "../../src/shared/protocol";
import { createSessionStore, rowMessage, type MessageRow, type SessionStore } from "../../panel/model/store";
import { ClientPicker } from "../../panel/ClientPicker";
import { ConnectionView } from "../../panel/ConnectionView";
import { DetailPane } from "../../panel/detail/DetailPane";
import { summarize } from "../../panel/log/rowText";
import { exportSession, importSession } from "../../panel/model/sessionFile";

afterEach(cleanup);

let clock = 1_800_000_000_000;
let messageId = 0;

function message(dir: "in" | "out", type: string, data: unknown, id?: string, extra: object = {}): PageToPanel {
  const msg = { label: "rtvi-ai", type, ...(id ? { id } : {}), data };
  return { kind: "message", messageId: ++messageId, t: clock++, clientId: "c1", dir, level: "client", msg, ...extra };
}

function store(clientVersion: string | undefined, ...events: PageToPanel[]): SessionStore {
  const created = createSessionStore();
  const client = { clientId: "c1", transport: "smallwebrtc" as const, foundBy: "trap" as const, state: "ready" };
  created.ingest(0, [
    { kind: "hook-ready", t: clock++, url: "http://localhost:5173/", isTop: true, hookVersion: "test", late: false },
    { kind: "client-added", t: clock++, client: clientVersion ? { ...client, clientVersion } : client },
    ...events,
  ]);
  return created;
}

const rows = (of: SessionStore) => of.rows.filter((row): row is MessageRow => row.kind === "message");
const rowOf = (of: SessionStore, type: string) => rows(of).find((row) => row.type === type)!;
const clientOf = (of: SessionStore) => [...of.clients.values()][0];
const reactReady = (version = "2.1.0") =>
  message(
    "out",
    "client-ready",
    { version, about: { library: "@pipecat-ai/client-react", library_version: "1.8.2" } },
    "r1",
  );

describe("client facts", () => {
  it("names the library a voice-ui-kit app's client-ready gives, and client-js's own version from the hook", () => {
    const session = store("1.13.1", reactReady(), message("in", "bot-ready", { version: "2.1.0" }, "r1"));
    const client = clientOf(session);
    expect([client.library, client.clientVersion]).toEqual(["@pipecat-ai/client-react 1.8.2", "1.13.1"]);
    render(<ClientPicker store={session} selected={client} onSelect={() => {}} />);
    const label = screen.getByRole("button").textContent ?? "";
    expect(label).toContain("@pipecat-ai/client-react 1.8.2 · client-js 1.13.1");
    expect(label).not.toContain("client-js 1.8.2");
    expect(label).not.toContain("⚠");
  });

  it("takes client-js's version from about only when about names client-js (a client seen on the wire)", () => {
    const named = store(
      undefined,
      message(
        "out",
        "client-ready",
        { version: "2.1.0", about: { library: "@pipecat-ai/client-js", library_version: "1.10.0" } },
        "a",
      ),
    );
    expect(clientOf(named).clientVersion).toBe("1.10.0");
    const wrapped = store(undefined, reactReady());
    expect(clientOf(wrapped).clientVersion).toBeUndefined();
  });

  it("shows both protocol versions, flags a mismatch, and shows bot capabilities", () => {
    const capabilities = { audio_in: true, audio_out: true, video_in: false, video_out: false, screen_in: false };
    const session = store(
      "1.13.1",
      reactReady("2.1.0"),
      message("in", "bot-ready", { version: "2.4.0", capabilities }, "r1"),
    );
    const client = clientOf(session);
    expect(client.botCapabilities).toEqual(capabilities);
    render(<ConnectionView client={client} />);
    const facts = screen.getByRole("region", { name: "Client" }).textContent ?? "";
    expect(facts).toContain("RTVI protocol (client)2.1.0");
    expect(facts).toContain("RTVI protocol (bot)2.4.0");
    expect(facts).toContain("Protocol versions differ: client 2.1.0, bot 2.4.0 (minor versions differ)");
    expect(facts).toContain("Bot capabilities");
    expect(facts).toContain("screen_in");
  });

  it("flags the bot's error-response to client-ready before bot-ready as a refusal of the client's protocol", () => {
    const refusal = "RTVI version 3.0.0 is not compatible with server protocol 2.1.0";
    const session = store(
      "1.13.1",
      reactReady("3.0.0"),
      message("in", "error-response", { error: refusal }, "r1"),
      message("in", "bot-ready", { version: "2.1.0" }, "r1"),
      // An error-response to a later request is no refusal.
      message("in", "error-response", { error: "Unsupported type x" }, "later"),
    );
    const client = clientOf(session);
    expect(client.protocolRefusal).toBe(refusal);
    render(<ConnectionView client={client} />);
    expect(screen.getByText(`The bot refused this client's protocol version: ${refusal}`)).toBeTruthy();
    cleanup();
    render(<ClientPicker store={session} selected={client} onSelect={() => {}} />);
    expect(screen.getByRole("button").textContent).toContain("⚠ protocol refused");
    // Kept through an export and back.
    const back = importSession(JSON.stringify(exportSession(session, { includeSecrets: false })));
    if ("error" in back) throw new Error(back.error);
    expect(clientOf(back.store)).toMatchObject({ protocolRefusal: refusal, library: client.library });
  });
});

describe("requests the client rejects itself", () => {
  const request = (id: string) =>
    message("out", "client-message", { t: "ask", d: {} }, id, { request: { timeoutMs: 10_000 } });

  it("marks them rejected by the client with its reason, never answered, not even by a late answer", () => {
    const reason = "Disconnected before response was received";
    const session = store("1.14.0", request("q1"), {
      kind: "request-rejected",
      t: clock + 5,
      clientId: "c1",
      requestId: "q1",
      reason,
    });
    clock += 10;
    session.ingest(0, [message("in", "server-response", { t: "ask", d: 1 }, "q1")]);
    const asked = rowOf(session, "client-message");
    expect(session.requestState(asked)).toMatchObject({ state: "rejected", reason });
    expect(session.requestState(rowOf(session, "server-response"))).toBeUndefined();
    expect(session.pendingRequests()).toEqual([]);
    render(<DetailPane store={session} row={asked} onSelect={() => {}} onClose={() => {}} />);
    const text = screen.getByRole("region", { name: "Response" }).textContent ?? "";
    expect(text).toContain(`rejected by the client (${reason})`);
    expect(text).toContain("never answered by the bot");
    expect(screen.queryByRole("button", { name: "Go to response" })).toBeNull();
    const back = importSession(JSON.stringify(exportSession(session, { includeSecrets: false })));
    if ("error" in back) throw new Error(back.error);
    expect(back.store.requestState(rowOf(back.store, "client-message"))).toMatchObject({ state: "rejected", reason });
  });
});

it("shows client-js's own timeout, reported as a rejection with its text, as a timeout", () => {
  const session = store(
    "1.13.1",
    message("out", "client-message", { t: "ask", d: {} }, "q2", { request: { timeoutMs: 50 } }),
    {
      kind: "request-rejected",
      t: clock + 2_000,
      clientId: "c1",
      requestId: "q2",
      reason: "Timed out waiting for response",
    },
  );
  expect(session.requestState(rowOf(session, "client-message"))).toMatchObject({ state: "timed-out" });
});

describe("send-file with inline bytes", () => {
  const bytes = "QUJD".repeat(50 * 1024); // 200 KB of base64, under the hook's 256 KB cap
  const sendFile = {
    content: "What is in this picture?",
    file: { format: "image/png", name: "cat.png", source: { type: "bytes", bytes } },
    options: { run_immediately: true },
  };

  it("shows the bytes as their size in the summary and the detail, and keeps the message as sent", () => {
    const session = store("1.14.0", message("out", "send-file", sendFile, "f1"));
    const row = rowOf(session, "send-file");
    expect(summarize(row)).toContain("200 KB of base64 bytes");
    expect(summarize(row)).toContain("cat.png");
    expect(summarize(row)).not.toContain("QUJDQUJD");
    render(<DetailPane store={session} row={row} onSelect={() => {}} onClose={() => {}} />);
    expect(screen.getByText(/200 KB of base64 bytes, shown by their size here/)).toBeTruthy();
    expect(screen.getAllByText(/200 KB of base64 bytes/).length).toBeGreaterThan(1);
    expect((rowMessage(row) as { data: typeof sendFile }).data.file.source.bytes).toBe(bytes);
    const exported = exportSession(session, { includeSecrets: false }).rows.at(-1) as { event: { msg: unknown } };
    expect((exported.event.msg as { data: typeof sendFile }).data).toEqual(sendFile);
  });

  it("shows a send-file by URL or with short bytes as it is", () => {
    const byUrl = { ...sendFile, file: { format: "image/png", source: { type: "url", url: "https://x/cat.png" } } };
    const session = store("1.14.0", message("out", "send-file", byUrl, "f2"));
    expect(summarize(rowOf(session, "send-file"))).toBe(JSON.stringify(byUrl));
  });
});

it("shows a type no client-js knows as it is", () => {
  const data = { level: 3, text: "from the future" };
  const session = store("1.13.1", message("in", "bot-thinks-aloud", data));
  const row = rowOf(session, "bot-thinks-aloud");
  expect([row.type, summarize(row)]).toEqual(["bot-thinks-aloud", JSON.stringify(data)]);
  render(<DetailPane store={session} row={row} onSelect={() => {}} onClose={() => {}} />);
  expect(screen.getByRole("heading", { name: "bot-thinks-aloud" })).toBeTruthy();
  expect(screen.getByText(/from the future/)).toBeTruthy();
});
