import { describe, expect, it } from "vitest";
import { DEPTH_PLACEHOLDER, mayNestDeeperThan, toSafeJson, utf8Length } from "../../src/hook/serialize";
import { PAGE_LIMITS } from "../../src/shared/protocol/limits";

describe("toSafeJson", () => {
  it("turns values JSON cannot carry into readable placeholders", () => {
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic.self = cyclic;
    const shared = { x: 1 };
    const value = {
      big: 12n,
      fn: function handler() {},
      sym: Symbol("s"),
      bytes: new Uint8Array(16),
      buffer: new ArrayBuffer(8),
      map: new Map([["a", 1]]),
      set: new Set([1, 2]),
      cyclic,
      twice: [shared, shared],
      date: new Date(0),
    };
    expect(JSON.parse(toSafeJson(value))).toEqual({
      big: "[BigInt 12]",
      fn: "[Function handler]",
      sym: "[Symbol(s)]",
      bytes: "[Uint8Array 16 bytes]",
      buffer: "[ArrayBuffer 8 bytes]",
      map: { a: 1 },
      set: [1, 2],
      cyclic: { name: "loop", self: "[Circular]" },
      twice: [{ x: 1 }, { x: 1 }],
      date: "1970-01-01T00:00:00.000Z",
    });
  });

  it("reports a throwing getter instead of throwing", () => {
    const hostile = {
      get boom() {
        throw new Error("no");
      },
    };
    expect(JSON.parse(toSafeJson(hostile))).toBe("[Unserializable: no]");
  });

  it("describes DOM nodes instead of walking them", () => {
    expect(JSON.parse(toSafeJson({ el: document.createElement("div") }))).toEqual({ el: "[DIV]" });
  });
});

describe("utf8Length", () => {
  it.each([
    "plain",
    "é",
    "€uro",
    "😀 emoji",
    "",
    "\x7f",
    "\x80",
    "\xff",
    "\u0100",
    "\uffff",
    "\ud83d",
    "\ud83da",
    "\ude00",
  ])("matches TextEncoder for %j", (text) => {
    expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
  });
});

describe("toSafeJson's depth cap", () => {
  const nest = (levels: number): unknown => {
    let value: unknown = "leaf";
    for (let i = 0; i < levels; i++) value = { a: value };
    return value;
  };
  const depthOf = (json: string) => {
    let depth = 0;
    for (let value = JSON.parse(json); typeof value === "object" && value !== null; value = value.a) depth++;
    return depth;
  };

  it("keeps a value exactly as deep as allowed, and replaces what is deeper by a placeholder", () => {
    expect(toSafeJson(nest(3), 3)).toBe('{"a":{"a":{"a":"leaf"}}}');
    expect(toSafeJson(nest(4), 3)).toBe(`{"a":{"a":{"a":"${DEPTH_PLACEHOLDER}"}}}`);
  });

  it("cuts a value 10 000 levels deep at PAGE_LIMITS.depth by default, without overflowing", () => {
    const json = toSafeJson(nest(10_000));
    expect(depthOf(json)).toBe(PAGE_LIMITS.depth);
    expect(json).toContain(DEPTH_PLACEHOLDER);
  });
});

describe("mayNestDeeperThan", () => {
  it("is false for text with no more opening brackets than the levels, true past them", () => {
    expect(mayNestDeeperThan('{"a":[{"b":"[{"}]}', 3)).toBe(true); // brackets in strings count: it only says "may"
    expect(mayNestDeeperThan('{"a":[{"b":1}]}', 3)).toBe(false);
    expect(mayNestDeeperThan(JSON.stringify(Array.from({ length: 10 }, () => ({}))), 10)).toBe(true);
  });
});
