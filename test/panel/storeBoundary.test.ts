// The panel's boundary, through the real store: batches as the background hands them over
// (a JSON string and the frame the browser named), with events a page forged. Each forged
// event is refused and counted with its reason and frame; the events around it are kept;
// identity stays the browser's.
import { describe, expect, it } from "vitest";
import { createSessionStore, type SessionStore } from "../../panel/model/store";

const T0 = 1_700_000_000_000;
let messageId = 1;

const hookReady = {
  kind: "hook-ready",
  t: T0,
  url: "http://localhost/app",
  isTop: true,
  hookVersion: "test",
  late: false,
};
const clientAdded = (clientId = "c-1") => ({
  kind: "client-added",
  t: T0 + 1,
  client: { clientId, transport: "websocket", foundBy: "trap", state: "ready" },
});
const message = (type = "bot-llm-text", clientId = "c-1") => ({
  kind: "message",
  messageId: messageId++,
  t: T0 + 2,
  clientId,
  dir: "in",
  level: "client",
  msg: { label: "rtvi-ai", type, data: { text: "hi" } },
});
const connection = (clientId = "c-1") => ({
  kind: "connection",
  t: T0 + 3,
  clientId,
  endpoint: "http://localhost/start",
  headers: [["Content-Type", "application/json"]],
});

/** A store that knows one client, c-1, in `frameId`, fed through ingestBatch as the connection feeds it. */
function storeWithClient(frameId: number): SessionStore {
  const store = createSessionStore();
  store.ingestBatch(frameId, JSON.stringify([hookReady, clientAdded()]));
  return store;
}

const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

/** Forged events, each as the JSON text of one array item, and what its refusal must say. */
const FORGED: { name: string; json: string; reason: RegExp }[] = [
  {
    name: "a wrong type",
    json: JSON.stringify({ ...message(), t: "yesterday" }),
    reason: /^message: t: expected number/,
  },
  { name: "a missing field", json: JSON.stringify({ ...message(), msg: undefined }), reason: /^message: msg: missing/ },
  {
    name: "an extra field",
    json: JSON.stringify({ ...message(), frameId: 99 }),
    reason: /^message: frameId: unexpected key/,
  },
  {
    name: "a prototype key",
    json: `{"kind":"hook-error","t":1,"where":"x","message":"y","__proto__":{"polluted":true}}`,
    reason: /__proto__: unexpected key/,
  },
  {
    name: "a huge string",
    json: JSON.stringify({ ...message(), clientId: "c".repeat(1_000_000) }),
    reason: /clientId: longer than/,
  },
  {
    name: "a huge error text",
    json: JSON.stringify({ kind: "hook-error", t: 1, where: "x", message: "m".repeat(1_000_000) }),
    reason: /message: longer than/,
  },
  {
    name: "deep nesting",
    json: `{"kind":"message","messageId":1,"t":1,"clientId":"c-1","dir":"in","level":"client","msg":{"type":"x","data":${nested(5_000)}}}`,
    reason: /^message: msg/,
  },
  { name: "an unknown kind", json: JSON.stringify({ kind: "take-over", t: 1 }), reason: /unknown kind "take-over"/ },
  {
    name: "a prototype name as kind",
    json: JSON.stringify({ kind: "constructor", t: 1 }),
    reason: /unknown kind "constructor"/,
  },
  { name: "not an object", json: "42", reason: /not an event: number/ },
  { name: "null", json: "null", reason: /not an event: null/ },
  {
    name: "a negative dropped count",
    json: JSON.stringify({ kind: "dropped", t: 1, count: -5 }),
    reason: /^dropped: count: negative/,
  },
  {
    name: "a command for another shape",
    json: JSON.stringify({ kind: "command-result", t: 1, commandId: "x", ok: "yes" }),
    reason: /^command-result: ok: expected boolean/,
  },
];

describe("forged events through the real store", () => {
  it.each(FORGED)(
    "refuses $name, counts it with its reason and frame, and keeps the rest of the batch",
    ({ json, reason }) => {
      const store = storeWithClient(4);
      const before = store.messageCount();
      const accepted = store.ingestBatch(
        4,
        `[${JSON.stringify(message("before"))},${json},${JSON.stringify(message("after"))}]`,
      );
      expect(accepted.map((event) => event.kind)).toEqual(["message", "message"]);
      expect(store.messageCount()).toBe(before + 2);
      expect(store.rejected).toBe(1);
      expect(store.rejections).toHaveLength(1);
      expect(store.rejections[0].frameId).toBe(4);
      expect(store.rejections[0].reason).toMatch(reason);
      expect(store.rejections[0].reason.length).toBeLessThanOrEqual(1024);
    },
  );

  it("refuses a client-updated whose patch is {connections: null}, and takes the connection event after it", () => {
    const store = storeWithClient(0);
    const batch = [
      { kind: "client-updated", t: T0 + 5, clientId: "c-1", patch: { connections: null } },
      connection(),
      message("after"),
    ];
    expect(() => store.ingestBatch(0, JSON.stringify(batch))).not.toThrow();
    const client = store.clients.get("0:c-1")!;
    expect(client.connections.map((call) => call.endpoint)).toEqual(["http://localhost/start"]);
    expect(store.messageCount()).toBe(1);
    expect(store.rejected).toBe(1);
    expect(store.rejections[0]).toMatchObject({
      frameId: 0,
      kind: "client-updated",
      reason: expect.stringMatching(/patch/),
    });
  });

  it("refuses a patch that names __proto__ and frameId: the view keeps its prototype and its frame", () => {
    const store = storeWithClient(3);
    store.ingestBatch(
      3,
      `[{"kind":"client-updated","t":1,"clientId":"c-1","patch":{"__proto__":{"polluted":true},"frameId":99}},${JSON.stringify(message())}]`,
    );
    const client = store.clients.get("3:c-1")!;
    expect(Object.getPrototypeOf(client)).toBe(Object.prototype);
    expect((client as unknown as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(client.frameId).toBe(3);
    expect(client.key).toBe("3:c-1");
    expect(store.rejected).toBe(1);
    expect(store.messageCount()).toBe(1);
  });

  it("keeps a client id that another frame also uses as two clients, each in its own frame", () => {
    const store = storeWithClient(1);
    store.ingestBatch(
      2,
      JSON.stringify([
        clientAdded("c-1"),
        { kind: "client-updated", t: T0 + 9, clientId: "c-1", patch: { state: "forged" } },
        message("x", "c-1"),
      ]),
    );
    expect([...store.clients.keys()].sort()).toEqual(["1:c-1", "2:c-1"]);
    expect(store.clients.get("1:c-1")).toMatchObject({ frameId: 1, state: "ready" });
    expect(store.clients.get("2:c-1")).toMatchObject({ frameId: 2, state: "forged" });
    const row = store.rows.at(-1)!;
    expect(row).toMatchObject({ kind: "message", frameId: 2, clientKey: "2:c-1" });
    expect(store.rejected).toBe(0);
  });

  it("counts a batch that is not a JSON array as one rejection", () => {
    const store = storeWithClient(0);
    expect(store.ingestBatch(0, "[{")).toEqual([]);
    expect(store.ingestBatch(0, '{"kind":"message"}')).toEqual([]);
    expect(store.rejected).toBe(2);
    expect(store.rejections.map((rejection) => rejection.reason)).toEqual([
      expect.stringMatching(/^batch: not JSON/),
      "batch: expected array, got object",
    ]);
  });

  it("refuses, on its own, an event that passed no validator but breaks the store's rules (defence in depth)", () => {
    const store = storeWithClient(0);
    // As a caller that skipped validation would hand it over: the store still takes only `state`.
    const unchecked = JSON.parse(
      '{"kind":"client-updated","t":1,"clientId":"c-1","patch":{"__proto__":{"x":1},"frameId":99}}',
    );
    store.ingest(0, [unchecked, JSON.parse(JSON.stringify(connection()))]);
    const client = store.clients.get("0:c-1")!;
    expect(Object.getPrototypeOf(client)).toBe(Object.prototype);
    expect(client.frameId).toBe(0);
    expect(client.connections).toHaveLength(1);
    expect(store.rejected).toBe(1);
    expect(store.rejections[0]).toMatchObject({
      kind: "client-updated",
      reason: expect.stringMatching(/may only change state/),
    });
  });

  it("lists the newest rejections only, while counting them all", () => {
    const store = storeWithClient(0);
    store.ingestBatch(0, JSON.stringify(Array.from({ length: 1_500 }, () => ({ kind: "take-over" }))));
    expect(store.rejected).toBe(1_500);
    expect(store.rejections).toHaveLength(1_000);
  });

  it("forgets the rejections with a clear", () => {
    const store = storeWithClient(0);
    store.ingestBatch(0, "[42]");
    store.clear();
    expect([store.rejected, store.rejections.length]).toEqual([0, 0]);
  });
});
