import { describe, expect, it } from "vitest";
import { toSafeJson, utf8Length } from "../../src/hook/serialize";

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
  it.each(["plain", "é", "€uro", "😀 emoji", "", "\x7f", "\x80", "\xff", "\u0100", "\uffff", "\ud83d", "\ud83da", "\ude00"])("matches TextEncoder for %j", (text) => {
    expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
  });
});
