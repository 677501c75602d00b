// The hook's encoder against the panel's validators: whatever page value it is given, the event
// it writes passes them (src/shared/protocol/pageEvents.ts), with the `message` event's fields
// exactly as PageToPanel declares them.
import { describe, expect, it } from "vitest";
import { encodePageEvent, type CapturedMessage } from "../../src/shared/protocol/pageEventEncoder";
import { validatePageEvent, type PageToPanel } from "../../src/shared/protocol";
import { PAGE_LIMITS } from "../../src/shared/protocol/limits";
import { DEPTH_PLACEHOLDER } from "../../src/hook/serialize";

const captured = (msg: unknown, more: Partial<CapturedMessage> = {}): CapturedMessage => ({
  kind: "message",
  messageId: 7,
  t: 1_700_000_000_000.5,
  clientId: "ab12-1",
  dir: "in",
  level: "client",
  msg,
  plain: true,
  ...more,
});

/** Encodes, parses as the panel does, validates: the event, or the validator's reason. */
function roundTrip(item: Parameters<typeof encodePageEvent>[0]): PageToPanel {
  const check = validatePageEvent(JSON.parse(encodePageEvent(item)));
  if (!check.ok) throw new Error(check.rejection.reason);
  return check.event;
}

const nest = (levels: number): unknown => {
  let value: unknown = "leaf";
  for (let i = 0; i < levels; i++) value = [value];
  return value;
};

describe("message", () => {
  it("writes all 11 fields, each as the type declares it", () => {
    const huge = "x".repeat(PAGE_LIMITS.messageChars);
    const event = roundTrip(
      captured(
        { label: "rtvi-ai", type: "client-message", id: "r1", data: { huge } },
        { dir: "out", plain: false, origin: "devtools", requestTimeoutMs: 4_000 },
      ),
    );
    expect(Object.keys(event).sort()).toEqual(
      ["kind", "messageId", "t", "clientId", "dir", "level", "size", "msg", "truncated", "origin", "request"].sort(),
    );
    expect(event).toMatchObject({
      kind: "message",
      messageId: 7,
      t: 1_700_000_000_000.5,
      clientId: "ab12-1",
      dir: "out",
      level: "client",
      truncated: true,
      origin: "devtools",
      request: { timeoutMs: 4_000 },
      msg: { label: "rtvi-ai", type: "client-message", id: "r1" },
    });
  });

  it("writes a plain RTVI message as it is, with no optional field", () => {
    const msg = { label: "rtvi-ai", type: "bot-ready", id: "b1", data: { version: "1.0.0" } };
    expect(roundTrip(captured(msg))).toEqual({
      kind: "message",
      messageId: 7,
      t: 1_700_000_000_000.5,
      clientId: "ab12-1",
      dir: "in",
      level: "client",
      msg,
    });
  });

  it.each([
    ["nested 10 000 levels", { type: "deep", data: nest(10_000) }, true],
    ["nested 10 000 levels, outbound", { type: "deep", data: nest(10_000) }, false],
  ])("caps a message %s at the validators' depth", (_name, msg, plain) => {
    const event = roundTrip(captured(msg, { plain }));
    expect(JSON.stringify(event)).toContain(DEPTH_PLACEHOLDER);
  });

  it.each([
    ["a string", "ping: 1"],
    ["an array", [1, 2]],
    ["null", null],
    ["an object with a key RTVI has not", { type: "x", extra: 1 }],
    ["a type too long", { type: "t".repeat(PAGE_LIMITS.shortTextChars + 1) }],
    ["an id too long", { type: "x", id: "i".repeat(PAGE_LIMITS.idChars + 1) }],
    ["a numeric id", { type: "x", id: 5 }],
  ])("keeps %s, reshaped as an RTVI message whose data is its JSON", (_name, msg) => {
    const event = roundTrip(captured(msg));
    expect(event.kind === "message" && event.msg.data).toBe(JSON.stringify(msg));
    expect(event).not.toHaveProperty("truncated");
  });
});

describe("state events", () => {
  it("bounds the page values a connection call carries", () => {
    const event = roundTrip({
      kind: "connection",
      t: 1,
      clientId: "ab12-1",
      endpoint: "https://example.com/start",
      method: "GET",
      headers: [["Authorization", "Bearer x"]],
      requestData: { deep: nest(10_000) },
      response: { token: "y".repeat(PAGE_LIMITS.messageChars) },
      durationMs: 3,
    });
    expect(event).toMatchObject({
      endpoint: "https://example.com/start",
      method: "GET",
      response: expect.stringMatching(/^\[Too large: /),
    });
    expect(JSON.stringify(event)).toContain(DEPTH_PLACEHOLDER);
  });

  it("turns an event that cannot be encoded into a hook error", () => {
    const value = {
      get boom() {
        throw new Error("a getter of the page's");
      },
    };
    // The safe serializer reports a throwing getter in place; a message whose every read throws is reported whole.
    expect(roundTrip({ kind: "command-result", t: 1, commandId: "c1", ok: true, value })).toMatchObject({
      kind: "command-result",
    });
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error("no");
        },
        ownKeys: () => {
          throw new Error("no");
        },
      },
    );
    expect(roundTrip(captured(hostile, { plain: false }))).toMatchObject({
      kind: "hook-error",
      where: "encoding message",
      message: "no",
    });
  });
});
