// The durable copy of each tab's buffer (src/background/batchStore.ts) on fake-indexeddb: what
// one service worker saved, the next one reads back, in arrival order, once per relay and seq.
import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { beforeEach, describe, expect, it } from "vitest";
import { BatchStore } from "../../src/background/batchStore";
import type { PanelBatch } from "../../src/shared/protocol/panelBackground";

function batch(relayId: string, seq: number, events = `["${relayId}-${seq}"]`): PanelBatch {
  return { kind: "batch", frameId: 0, relayId, seq, count: 1, events };
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe("BatchStore", () => {
  it("gives a later service worker each tab's batches in arrival order", async () => {
    const writer = new BatchStore();
    const [a1, b1, a2] = [batch("a", 1), { ...batch("b", 1), frameId: 2, keep: true }, batch("a", 2)];
    await Promise.all([writer.save(1, a1), writer.save(1, b1), writer.save(2, batch("other", 1)), writer.save(1, a2)]);
    const reader = new BatchStore();
    expect(await reader.load(1)).toEqual([a1, b1, a2]);
    expect(await reader.load(2)).toEqual([batch("other", 1)]);
    expect(await reader.load(3)).toEqual([]);
  });

  it("keeps one copy of a batch the relay resent", async () => {
    const store = new BatchStore();
    await store.save(1, batch("a", 1));
    await store.save(1, batch("a", 1));
    expect(await new BatchStore().load(1)).toEqual([batch("a", 1)]);
  });

  it("forgets evicted batches and closed tabs", async () => {
    const store = new BatchStore();
    const batches = [batch("a", 1), batch("a", 2), batch("a", 3)];
    await Promise.all(batches.map((each) => store.save(1, each)));
    await store.save(2, batch("b", 1));
    await store.remove(1, [batches[0], batches[2]]);
    expect(await store.load(1)).toEqual([batches[1]]);
    await store.clearTab(1);
    expect(await store.load(1)).toEqual([]);
    expect(await store.load(2)).toEqual([batch("b", 1)]);
  });

  it("resolves saves made at once when they are on disk, and keeps their order", async () => {
    const store = new BatchStore();
    const saves = Array.from({ length: 50 }, (_, index) => store.save(1, batch("a", index + 1)));
    await Promise.all(saves);
    expect((await new BatchStore().load(1)).map((each) => each.seq)).toEqual(
      Array.from({ length: 50 }, (_, index) => index + 1),
    );
  });
});
