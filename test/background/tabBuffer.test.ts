import { describe, expect, it } from "vitest";
import { TabBuffer } from "../../src/background/tabBuffer";
import type { PanelBatch as Batch } from "../../src/shared/protocol/panelBackground";

let nextSeq = 1;
/** A batch of `count` events taking `chars` characters. */
function batch(chars: number, count = 1, keep = false): Batch {
  return {
    kind: "batch",
    frameId: 0,
    relayId: "r",
    seq: nextSeq++,
    count,
    events: "x".repeat(chars),
    ...(keep && { keep }),
  };
}

describe("TabBuffer", () => {
  it("drops the oldest messages first when over budget, and counts their events", () => {
    const buffer = new TabBuffer(1000);
    const [a, b, c] = [batch(400, 4), batch(400, 3), batch(400, 2)];
    expect(buffer.append(a)).toEqual([]);
    expect(buffer.append(b)).toEqual([]);
    expect(buffer.append(c)).toEqual([a]);
    expect(buffer.dropped).toBe(4);
    expect(buffer.batches()).toEqual([b, c]);
  });

  it("keeps the page's state batches while messages go, in arrival order", () => {
    const buffer = new TabBuffer(1000);
    const hook = batch(50, 2, true);
    const first = batch(450);
    const client = batch(50, 1, true);
    const second = batch(450);
    const third = batch(450);
    for (const b of [hook, first, client, second, third]) buffer.append(b);
    expect(buffer.batches()).toEqual([hook, client, second, third]);
    expect(buffer.dropped).toBe(1);
  });

  it("bounds state batches by an eighth of the budget, against a page that marks everything to keep", () => {
    const buffer = new TabBuffer(8000);
    const flood = Array.from({ length: 10 }, () => batch(500, 1, true));
    const evicted = flood.flatMap((b) => buffer.append(b));
    expect(evicted).toEqual(flood.slice(0, 8));
    expect(buffer.batches()).toEqual(flood.slice(8));
  });

  it("always keeps the newest batch, whatever its size", () => {
    const buffer = new TabBuffer(100);
    const big = batch(5000, 7);
    expect(buffer.append(big)).toEqual([]);
    expect(buffer.batches()).toEqual([big]);
  });

  it("applies a smaller budget at once, returning what no longer fits", () => {
    const buffer = new TabBuffer(10_000);
    const batches = Array.from({ length: 5 }, () => batch(1000, 10));
    for (const b of batches) buffer.append(b);
    expect(buffer.setBudget(2500)).toEqual(batches.slice(0, 3));
    expect(buffer.dropped).toBe(30);
    expect(buffer.batches()).toEqual(batches.slice(3));
  });
});
