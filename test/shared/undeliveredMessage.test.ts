// Unit tests (happy-dom, vitest): a message the client never got (a frame its WebSocket transport
// dropped, src/hook/undeliveredFrames.ts) across the boundary: the hook's encoder writes the
// `undelivered` reason, the validators take it within its bounds and refuse anything else, and
// the panel's row keeps it, both ways, without pairing the message with a request.
import { describe, expect, it } from "vitest";
import { PAGE_LIMITS, parsePageBatch, validatePageEvent, type PageToPanel } from "../../src/shared/protocol";
import { encodePageEvent, type CapturedMessage } from "../../src/shared/protocol/pageEventEncoder";
import { eventFromRow, rowFromEvent } from "../../panel/model/messageRow";

const REASON = "websocket-transport could not decode this frame and dropped it: Unknown frame kind";

const dropped: CapturedMessage = {
  kind: "message",
  messageId: 12,
  t: 1_796_607_973_168.4,
  clientId: "2ikb-1",
  dir: "in",
  level: "wire",
  msg: { type: "interruption", data: { id: 7, name: "InterruptionFrame" } },
  plain: true,
  undelivered: REASON,
};

type MessageEvent = Extract<PageToPanel, { kind: "message" }>;

function accepted(captured: CapturedMessage): MessageEvent {
  const { events, rejections } = parsePageBatch(`[${encodePageEvent(captured)}]`);
  expect(rejections).toEqual([]);
  return events[0] as MessageEvent;
}

describe("the undelivered mark", () => {
  it("is written by the hook's encoder and taken by the validators, reason and all", () => {
    expect(accepted(dropped)).toEqual({
      kind: "message",
      messageId: 12,
      t: dropped.t,
      clientId: "2ikb-1",
      dir: "in",
      level: "wire",
      msg: { type: "interruption", data: { id: 7, name: "InterruptionFrame" } },
      undelivered: REASON,
    });
  });

  it("is absent from a message the client got", () => {
    const { undelivered: _reason, ...delivered } = dropped;
    expect(accepted(delivered)).not.toHaveProperty("undelivered");
  });

  it("escapes whatever the reason says (it quotes the page's own error)", () => {
    const reason = 'dropped it: "Unexpected token \\u0000", \n\u2028 {"kind":"forged"}';
    expect(accepted({ ...dropped, undelivered: reason }).undelivered).toBe(reason);
  });

  const event = JSON.parse(encodePageEvent(dropped)) as Record<string, unknown>;
  it.each([
    ["an empty reason", "", "message: undelivered: empty"],
    ["a reason that is no text", true, "message: undelivered: expected string, got boolean"],
    ["a number", 1, "message: undelivered: expected string, got number"],
    ["null", null, "message: undelivered: expected string, got null"],
    [
      "a reason over shortTextChars",
      "x".repeat(PAGE_LIMITS.shortTextChars + 1),
      `message: undelivered: longer than ${PAGE_LIMITS.shortTextChars} characters`,
    ],
  ])("is refused as %s", (_name, undelivered, reason) => {
    expect(validatePageEvent({ ...event, undelivered })).toMatchObject({ ok: false, rejection: { reason } });
  });

  it("is taken at shortTextChars", () => {
    const undelivered = "x".repeat(PAGE_LIMITS.shortTextChars);
    expect(validatePageEvent({ ...event, undelivered })).toMatchObject({ ok: true });
  });
});

describe("a row of the panel's log", () => {
  it("keeps the reason, and gives it back in the event a session file saves", () => {
    const row = rowFromEvent(accepted(dropped), 0, 1, 1);
    expect(row.undelivered).toBe(REASON);
    expect(row).toMatchObject({ type: "interruption", level: "wire", dir: "in" });
    expect(eventFromRow(row)).toMatchObject({ undelivered: REASON, msg: dropped.msg });
  });

  it("pairs with no request, whatever id the frame carried: the client never got it", () => {
    const answerLike: CapturedMessage = {
      ...dropped,
      msg: { label: "rtvi-ai", type: "server-response", id: "req-1", data: {} },
    };
    const row = rowFromEvent(accepted(answerLike), 0, 2, 1);
    expect(row.rtviId).toBeUndefined();
    const delivered = rowFromEvent(accepted({ ...answerLike, undelivered: undefined }), 0, 3, 1);
    expect(delivered.rtviId).toBe("req-1");
    expect(delivered.undelivered).toBeUndefined();
  });
});
