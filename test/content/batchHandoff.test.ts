// The batch handoff's two sides together: the hook's (handOverBatchNode, fireBatch) and the
// relay's (readBatches), on real DOM nodes and events. What a page can fire on a node is read
// as it came, and the relay's check (checkHookBatch) refuses it as it refuses any forged batch.
import { afterEach, beforeEach, expect, it } from "vitest";
import { BATCH_EVENT, HOOK_NODE_EVENT } from "../../src/shared/protocol/constants";
import { fireBatch, handOverBatchNode, readBatches, type FiredBatch } from "../../src/shared/batchHandoff";
import { checkHookBatch } from "../../src/content/batches";

let read: { batch: FiredBatch; node: Text }[];
let stopReading: () => void;
beforeEach(() => {
  read = [];
  stopReading = readBatches((batch, node) => read.push({ batch, node }));
});
afterEach(() => stopReading());

it("hands the reader a detached node, and each batch fired on it in the same call", () => {
  const pageSaw: string[] = [];
  const pageListener = (event: Event) => pageSaw.push(event.type);
  window.addEventListener(HOOK_NODE_EVENT, pageListener);
  window.addEventListener(BATCH_EVENT, pageListener);
  try {
    const node = handOverBatchNode();
    expect(node.isConnected).toBe(false);
    fireBatch(node, '[{"kind":"dropped","t":1,"count":2}]', 1, false);
    // Read synchronously, and emptied once read.
    expect(read).toEqual([
      { batch: { kind: "batch", count: 1, events: '[{"kind":"dropped","t":1,"count":2}]', keep: false }, node },
    ]);
    expect(node.data).toBe("");
    fireBatch(node, "[]", 0, true);
    expect(read[1].batch).toEqual({ kind: "batch", count: 0, events: "[]", keep: true });
    expect(checkHookBatch(read[1].batch)).toEqual({ runs: [{ count: 0, events: "[]" }], keep: true, dropped: 0 });
    // The page's own listeners saw neither the handover nor the batches.
    expect(pageSaw).toEqual([]);
  } finally {
    window.removeEventListener(HOOK_NODE_EVENT, pageListener);
    window.removeEventListener(BATCH_EVENT, pageListener);
  }
});

it("reads what a page fires on the node as it came, which the relay's check refuses", () => {
  const node = handOverBatchNode();
  node.data = "[{}]";
  node.dispatchEvent(new Event(BATCH_EVENT));
  node.dispatchEvent(new UIEvent(BATCH_EVENT, { detail: -1 }));
  node.dispatchEvent(new CustomEvent(BATCH_EVENT, { detail: "lots" }));
  expect(read.map(({ batch }) => batch.count)).toEqual([undefined, -1, "lots"]);
  expect(read.map(({ batch }) => checkHookBatch(batch).dropped)).toEqual([1, 1, 1]);
  expect(read.every(({ batch }) => checkHookBatch(batch).runs.length === 0)).toBe(true);
});

it("ignores a handover of anything but a Text node, even a plain Event with no relatedTarget", () => {
  window.dispatchEvent(new MouseEvent(HOOK_NODE_EVENT, { relatedTarget: document.body }));
  window.dispatchEvent(new Event(HOOK_NODE_EVENT));
  document.body.dispatchEvent(new UIEvent(BATCH_EVENT, { detail: 1 }));
  expect(read).toEqual([]);
  // A Text node a page hands over is read: as that page's own data, like anything it sends.
  const forged = document.createTextNode("");
  window.dispatchEvent(new MouseEvent(HOOK_NODE_EVENT, { relatedTarget: forged }));
  fireBatch(forged, "[1]", 1, false);
  expect(read).toEqual([{ batch: { kind: "batch", count: 1, events: "[1]", keep: false }, node: forged }]);
});

it("takes no new node once stopped, and keeps reading the nodes it took", () => {
  const node = handOverBatchNode();
  stopReading();
  const later = handOverBatchNode();
  fireBatch(later, "[]", 0, false);
  fireBatch(node, "[]", 0, false);
  expect(read.map((entry) => entry.node)).toEqual([node]);
});
