// The relay's bounded, windowed queue of batches awaiting the background's acknowledgement.
import { describe, expect, it } from "vitest";
import { PendingBatches, type PendingLimits } from "../../src/content/pendingBatches";
import type { RelayToBackground } from "../../src/shared/protocol";

const limits: PendingLimits = { chars: 100, batches: 5, inFlightChars: 30, inFlightBatches: 2 };

function batch(seq: number, chars = 10, count = 1): RelayToBackground {
  return { kind: "batch", relayId: "r", seq, count, events: "e".repeat(chars) };
}

function postAll(pending: PendingBatches): number[] {
  const posted: number[] = [];
  for (let next = pending.next(); next; next = pending.next()) posted.push(next.seq);
  return posted;
}

describe("PendingBatches", () => {
  it("posts up to the window, then as acknowledgements come", () => {
    const pending = new PendingBatches(limits);
    for (let seq = 1; seq <= 4; seq++) pending.add(batch(seq));
    expect(postAll(pending)).toEqual([1, 2]);
    pending.acknowledge(1);
    expect(postAll(pending)).toEqual([3]);
    pending.acknowledge(3);
    expect(postAll(pending)).toEqual([4]);
    pending.acknowledge(4);
    expect(pending.isEmpty).toBe(true);
  });

  it("holds a batch back when the characters in flight would pass the window, but always posts one", () => {
    const pending = new PendingBatches(limits);
    pending.add(batch(1, 50));
    pending.add(batch(2, 10));
    expect(postAll(pending)).toEqual([1]);
    pending.acknowledge(1);
    expect(postAll(pending)).toEqual([2]);
  });

  it("posts everything unacknowledged again, in order and first, on a new Port", () => {
    const pending = new PendingBatches(limits);
    for (let seq = 1; seq <= 3; seq++) pending.add(batch(seq));
    expect(postAll(pending)).toEqual([1, 2]);
    pending.resendAll();
    pending.add(batch(4));
    expect(postAll(pending)).toEqual([1, 2]);
    pending.acknowledge(2);
    expect(postAll(pending)).toEqual([3, 4]);
  });

  it("when full, drops the oldest batches never posted and reports their events on the next one posted", () => {
    const pending = new PendingBatches(limits);
    pending.add(batch(1));
    pending.add(batch(2));
    expect(postAll(pending)).toEqual([1, 2]);
    for (let seq = 3; seq <= 9; seq++) pending.add(batch(seq, 10, 2));
    // 5 batches at most: 1 and 2 are in flight and stay; 3, 4, 5 and 6 went.
    pending.acknowledge(2);
    const next = pending.next()!;
    expect(next.seq).toBe(7);
    expect(next.dropped).toBe(8);
    expect(pending.next()?.dropped).toBeUndefined();
  });

  it("is bounded by characters too", () => {
    const pending = new PendingBatches(limits);
    for (let seq = 1; seq <= 4; seq++) pending.add(batch(seq, 40));
    expect(postAll(pending)).toEqual([3]);
    expect(pending.next()).toBeUndefined();
    pending.acknowledge(3);
    expect(pending.next()).toMatchObject({ seq: 4 });
  });

  it("says when dropped events have no batch to ride on, and lets the next one carry them", () => {
    const pending = new PendingBatches(limits);
    expect(pending.needsReport).toBe(false);
    pending.noteDropped(3);
    expect(pending.needsReport).toBe(true);
    pending.add(batch(1, 0, 0));
    expect(pending.needsReport).toBe(false);
    expect(pending.next()).toMatchObject({ seq: 1, count: 0, dropped: 3 });
  });

  it("passes on the report a dropped batch was carrying", () => {
    const pending = new PendingBatches({ ...limits, batches: 2 });
    pending.noteDropped(4);
    pending.add(batch(1));
    expect(pending.next()).toMatchObject({ seq: 1, dropped: 4 });
    pending.resendAll();
    pending.add(batch(2));
    pending.add(batch(3));
    expect(pending.next()).toMatchObject({ seq: 2, dropped: 5 });
  });
});
