// What the relay accepts from a batch node, which may be the page's own imitation of one.
import { describe, expect, it } from "vitest";
import { MAX_SPLIT_CHARS, checkHookBatch } from "../../src/content/batches";

function message(n: number, text = "") {
  return {
    kind: "message",
    messageId: n,
    t: n,
    clientId: "c-1",
    dir: "in",
    level: "client",
    size: 1,
    msg: { type: "t", data: text },
  };
}

function batchOf(events: unknown[]) {
  return { kind: "batch", count: events.length, events: JSON.stringify(events) };
}

describe("checkHookBatch", () => {
  it("forwards a well-formed batch untouched", () => {
    const batch = batchOf([message(1), message(2)]);
    expect(checkHookBatch(batch)).toEqual({ runs: [{ count: 2, events: batch.events }], keep: false, dropped: 0 });
  });

  it.each([
    ["a number", 42],
    ["a string", "[]"],
    ["null", null],
    ["an array", [1, 2]],
    ["another kind", { kind: "command", commandId: "x", command: {} }],
    ["events that are not a string", { kind: "batch", count: 1, events: [message(1)] }],
    ["a negative count", { kind: "batch", count: -1, events: "[]" }],
    ["a fractional count", { kind: "batch", count: 1.5, events: "[]" }],
    ["a count that is not a number", { kind: "batch", count: "1", events: "[]" }],
    ["an infinite count", { kind: "batch", count: Infinity, events: "[]" }],
    ["a keep mark that is not a boolean", { kind: "batch", count: 0, events: "[]", keep: "yes" }],
  ])("refuses %s and counts it as one dropped post", (_name, data) => {
    expect(checkHookBatch(data)).toEqual({ runs: [], keep: false, dropped: 1 });
  });

  it("passes the hook's keep mark on, to every run of a batch it splits", () => {
    const state = { kind: "client-updated", clientId: "c-1", patch: { state: "x".repeat(300) } };
    const batch = { ...batchOf(Array.from({ length: 10 }, () => state)), keep: true };
    const { runs, keep } = checkHookBatch(batch, 1_000);
    expect(keep).toBe(true);
    expect(runs.length).toBeGreaterThan(1);
  });

  it("never believes in more events than characters", () => {
    expect(checkHookBatch({ kind: "batch", count: 1e12, events: "[1]" }).runs).toEqual([{ count: 3, events: "[1]" }]);
  });

  it("leaves malformed events inside a batch that fits for the panel to reject", () => {
    expect(checkHookBatch({ kind: "batch", count: 1, events: "[{" })).toEqual({
      runs: [{ count: 1, events: "[{" }],
      keep: false,
      dropped: 0,
    });
  });

  it("splits a batch over the cap at event boundaries, losing nothing", () => {
    const events = Array.from({ length: 50 }, (_, n) => message(n, "x".repeat(n * 7)));
    const maxChars = 1_000;
    const { runs, dropped } = checkHookBatch(batchOf(events), maxChars);
    expect(dropped).toBe(0);
    expect(runs.length).toBeGreaterThan(1);
    for (const run of runs) {
      expect(run.events.length).toBeLessThanOrEqual(maxChars);
      expect(JSON.parse(run.events)).toHaveLength(run.count);
    }
    expect(runs.flatMap((run) => JSON.parse(run.events))).toEqual(events);
  });

  it("drops (and counts) only the events that alone are over the cap", () => {
    const events = [message(1), message(2, "y".repeat(5_000)), message(3), message(4, "z".repeat(5_000))];
    const { runs, dropped } = checkHookBatch(batchOf(events), 1_000);
    expect(dropped).toBe(2);
    expect(runs.flatMap((run) => JSON.parse(run.events))).toEqual([message(1), message(3)]);
  });

  it("counts an oversized batch that is not a JSON array as dropped", () => {
    const big = "q".repeat(2_000);
    expect(checkHookBatch({ kind: "batch", count: 7, events: big }, 1_000)).toEqual({
      runs: [],
      keep: false,
      dropped: 7,
    });
    expect(checkHookBatch({ kind: "batch", count: 0, events: `{"a":"${big}"}` }, 1_000)).toEqual({
      runs: [],
      keep: false,
      dropped: 1,
    });
  });

  it("does not even parse a batch larger than the relay could keep", () => {
    const events = `[${"1,".repeat(MAX_SPLIT_CHARS / 2)}1]`;
    expect(checkHookBatch({ kind: "batch", count: 5, events })).toEqual({ runs: [], keep: false, dropped: 5 });
  });
});
