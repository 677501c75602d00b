// Unit tests (Node, vitest): batches as the panel receives them (src/shared/protocol/pageEvents.ts,
// parsePageBatch): the forgeries a page was found able to make, recorded traffic, and batches
// that are not batches. One bad event never costs the others.
import { describe, expect, it } from "vitest";
import { PAGE_LIMITS, parsePageBatch, validatePageEvent, type PageToPanel } from "../../src/shared/protocol";
import recordedSession from "./fixtures/real-pipecat-text-session.json";
import { SAMPLES } from "./pageEventSamples";

const t = 1_796_607_973_168.4;
/** A session the panel exported from a real pipecat bot and client-js app (text only). */
const recorded = recordedSession as { rows: { kind: string; event?: PageToPanel }[] };

describe("what a page was found able to forge", () => {
  it("rejects a patch that would break the store's client (connections: null)", () => {
    const forged = { kind: "client-updated", t, clientId: "2ikb-1", patch: { connections: null } };
    expect(validatePageEvent(forged)).toEqual({
      ok: false,
      rejection: { kind: "client-updated", reason: "client-updated: patch.connections: unexpected key" },
    });
  });

  it("rejects a patch that would replace the client's prototype and move it to another frame", () => {
    const forged = JSON.parse(
      `{"kind":"client-updated","t":${t},"clientId":"2ikb-1","patch":{"__proto__":{"x":1},"frameId":99}}`,
    );
    const check = validatePageEvent(forged);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.rejection.reason).toMatch(/^client-updated: patch\.(__proto__|frameId|state)/);
  });

  it.each(["frameId", "key", "connections", "url", "addedAt"])(
    "rejects a client announced with %s, which the panel derives",
    (field) => {
      const client = { clientId: "2ikb-1", transport: "websocket", foundBy: "trap", [field]: 0 };
      const check = validatePageEvent({ kind: "client-added", t, client });
      expect(check).toEqual({
        ok: false,
        rejection: { kind: "client-added", reason: `client-added: client.${field}: unexpected key` },
      });
    },
  );

  it.each([
    [
      "client.transport",
      { kind: "client-added", t, client: { clientId: "c", transport: "carrier-pigeon", foundBy: "trap" } },
    ],
    ["client.foundBy", { kind: "client-added", t, client: { clientId: "c", transport: "daily", foundBy: "guess" } }],
    ["dir", { ...SAMPLES.message.event, dir: "sideways" }],
    ["level", { ...SAMPLES.message.event, level: "kernel" }],
    ["origin", { ...SAMPLES.message.event, origin: "page" }],
    ["msg.id", { ...SAMPLES.message.event, msg: { type: "x", id: 5 } }],
    ["headers.0.2", { ...SAMPLES.connection.event, headers: [["a", "b", "c"]] }],
    ["headers.0.1", { ...SAMPLES.connection.event, headers: [["a", 1]] }],
    ["headers", { ...SAMPLES.connection.event, headers: { a: "b" } }],
  ])("rejects a value outside its declared set at %s", (path, event) => {
    const check = validatePageEvent(event);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.rejection.reason).toContain(`: ${path}: `);
  });

  it("bounds a connection call's headers", () => {
    const headers = Array.from({ length: PAGE_LIMITS.headers + 1 }, (_, i) => [`h${i}`, "v"]);
    const check = validatePageEvent({ ...SAMPLES.connection.event, headers });
    expect(check).toEqual({
      ok: false,
      rejection: { kind: "connection", reason: `connection: headers: more than ${PAGE_LIMITS.headers} headers` },
    });
    expect(validatePageEvent({ ...SAMPLES.connection.event, headers: headers.slice(1) }).ok).toBe(true);
  });

  it.each([
    ["an unknown kind", { kind: "take-over", t }, 'unknown kind "take-over"'],
    ["a kind named after a prototype key", { kind: "constructor", t }, 'unknown kind "constructor"'],
    ["a kind named __proto__", JSON.parse('{"kind":"__proto__","t":1}'), 'unknown kind "__proto__"'],
    ["a numeric kind", { kind: 3, t }, "kind: expected string, got number"],
    ["a huge kind", { kind: "k".repeat(1_000_000), t }, `unknown kind "${"k".repeat(40)}…"`],
    ["an array", [], "not an event: array"],
    ["null", null, "not an event: null"],
    ["a string", "message", "not an event: string"],
  ])("rejects %s without naming a kind", (_name, event, reason) => {
    expect(validatePageEvent(event)).toEqual({ ok: false, rejection: { reason } });
  });

  it("returns a copy holding only declared keys, on the plain prototype", () => {
    const check = validatePageEvent(JSON.parse(JSON.stringify(SAMPLES["client-added"].event)));
    expect(check.ok).toBe(true);
    if (!check.ok || check.event.kind !== "client-added") return;
    expect(Object.getPrototypeOf(check.event.client)).toBe(Object.prototype);
    expect(Object.keys(check.event.client).sort()).toEqual([
      "clientId",
      "clientVersion",
      "foundBy",
      "state",
      "transport",
    ]);
  });
});

describe("parsePageBatch", () => {
  it("keeps every event of a recorded session (real pipecat traffic)", () => {
    const events = recorded.rows.filter((row) => row.kind === "message").map((row) => row.event!);
    expect(events.length).toBeGreaterThan(100);
    const { events: accepted, rejections } = parsePageBatch(JSON.stringify(events));
    expect(rejections).toEqual([]);
    expect(accepted).toEqual(events);
  });

  it("keeps one event of each kind as the hook sends it", () => {
    const events = Object.values(SAMPLES).map((sample) => sample.event);
    expect(parsePageBatch(JSON.stringify(events))).toEqual({ events, rejections: [] });
  });

  it("keeps the good events around a bad one, in order, and says why the bad one went", () => {
    const before = SAMPLES["hook-ready"].event;
    const after = SAMPLES.message.event;
    const batch = `[${JSON.stringify(before)},{"kind":"client-updated","t":1,"clientId":"c","patch":{"connections":null}},${JSON.stringify(after)}]`;
    expect(parsePageBatch(batch)).toEqual({
      events: [before, after],
      rejections: [{ kind: "client-updated", reason: "client-updated: patch.connections: unexpected key" }],
    });
  });

  it("bounds a message by the length of its JSON, as the hook cuts it", () => {
    const fill = PAGE_LIMITS.messageChars - JSON.stringify({ type: "x", data: "" }).length;
    const atCap = { ...SAMPLES.message.event, msg: { type: "x", data: "a".repeat(fill) } };
    expect(JSON.stringify(atCap.msg).length).toBe(PAGE_LIMITS.messageChars);
    expect(validatePageEvent(atCap).ok).toBe(true);
    const overCap = { ...atCap, msg: { type: "x", data: "a".repeat(fill + 1) } };
    expect(validatePageEvent(overCap)).toEqual({
      ok: false,
      rejection: { kind: "message", reason: `message: msg: longer than ${PAGE_LIMITS.messageChars} characters` },
    });
  });

  it("rejects a number JSON turns into Infinity", () => {
    const batch = `[{"kind":"dropped","t":1e400,"count":1}]`;
    expect(parsePageBatch(batch)).toEqual({
      events: [],
      rejections: [{ kind: "dropped", reason: "dropped: t: not a finite number" }],
    });
  });

  it("rejects a message nested 10 000 levels deep without overflowing the stack, and keeps the next", () => {
    const deep = `${"[".repeat(10_000)}${"]".repeat(10_000)}`;
    const message = JSON.stringify(SAMPLES.message.event).replace('"data":{', `"data":{"deep":${deep},`);
    const next = SAMPLES.dropped.event;
    const { events, rejections } = parsePageBatch(`[${message},${JSON.stringify(next)}]`);
    expect(events).toEqual([next]);
    expect(rejections).toEqual([
      { kind: "message", reason: `message: msg: nested deeper than ${PAGE_LIMITS.depth + 1} levels` },
    ]);
  });

  it.each([
    ["text that is not JSON", "[{", /^batch: not JSON/],
    ["JSON that is not an array", '{"kind":"dropped"}', /^batch: expected array, got object$/],
    ["an empty string", "", /^batch: not JSON/],
  ])("gives one rejection for %s, and never throws", (_name, json, reason) => {
    const { events, rejections } = parsePageBatch(json);
    expect(events).toEqual([]);
    expect(rejections).toHaveLength(1);
    expect(rejections[0].reason).toMatch(reason);
  });
});
