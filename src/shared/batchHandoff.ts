// The hook→relay batch handoff, both sides of it: the page hook (MAIN world, src/hook/outbox.ts)
// hands the relay a detached Text node in one synchronous window event and then fires each batch
// on it; the content relay (ISOLATED world, src/content/relay.ts) takes the node and reads each
// batch in the same call. Both worlds share the DOM and one JavaScript heap, so the batch string
// crosses without a copy (docs/measured-facts.md); the node is never in the document, so the
// page's own listeners never see it. Every builtin called here was taken at load
// (src/hook/builtins/events.ts): the hook's side runs in the page's world.
import { BATCH_EVENT, HOOK_NODE_EVENT, KEEP_BATCH_EVENT } from "./protocol/constants";
import {
  MouseEventAtLoad,
  TextAtLoad,
  UIEventAtLoad,
  addListener,
  addWindowListener,
  createTextNode,
  dispatchOnNode,
  dispatchOnWindow,
  eventCurrentTarget,
  eventType,
  isInstance,
  nodeData,
  removeWindowListener,
  setNodeData,
  stopImmediatePropagation,
} from "../hook/builtins/events";

// ---------------------------------------------------------------------------
// Firing side: the page hook.

/**
 * Makes a fresh node and hands it to the relay listening on the window; the relay holds it when
 * this returns. A fresh node per relay: one the page might have seen handed over is never reused.
 */
export function handOverBatchNode(): Text {
  const node = createTextNode();
  // No prototype: an event's init dictionary must not read members a page planted on Object.prototype.
  dispatchOnWindow(new MouseEventAtLoad(HOOK_NODE_EVENT, { __proto__: null, relatedTarget: node } as MouseEventInit));
  return node;
}

/**
 * Fires one batch (HookToRelay) on the node: `events` a JSON array of `count` events. The relay's
 * listener has read it when this returns, so the node is emptied at once (the relay keeps its
 * own reference to the string until the background has stored it).
 */
export function fireBatch(node: Text, events: string, count: number, keep: boolean): void {
  setNodeData(node, events);
  try {
    const type = keep ? KEEP_BATCH_EVENT : BATCH_EVENT;
    dispatchOnNode(node, new UIEventAtLoad(type, { __proto__: null, detail: count } as UIEventInit));
  } finally {
    setNodeData(node, "");
  }
}

// ---------------------------------------------------------------------------
// Reading side: the content relay.

/**
 * What was fired on a batch node, read as it came: a HookToRelay candidate. The node may be one
 * a page handed over, and the event one it made: the reader checks it (src/content/batches.ts).
 */
export interface FiredBatch {
  kind: "batch";
  count: unknown;
  events: string;
  keep: boolean;
}

/**
 * Takes every node handed over on the window from now on and calls `onBatch` for each batch fired
 * on one, with the node it came on. Every node stays read (adding the same listener again does
 * nothing), so a node a page hands over cannot stop the hook's own from being heard. Returns a
 * function that stops taking new nodes.
 */
export function readBatches(onBatch: (batch: FiredBatch, node: Text) => void): () => void {
  const onNodeBatch = (event: Event) => {
    const node = eventCurrentTarget(event) as Text;
    // `detail` read as a field: a forged event may be a plain Event or a CustomEvent.
    const count = (event as { detail?: unknown }).detail;
    onBatch({ kind: "batch", count, events: nodeData(node), keep: eventType(event) === KEEP_BATCH_EVENT }, node);
  };
  const onNode = (event: Event) => {
    // A field, as `detail`: the getter of MouseEvent would throw on a forged plain Event.
    const node = (event as { relatedTarget?: unknown }).relatedTarget;
    if (!isInstance(node, TextAtLoad)) return;
    stopImmediatePropagation(event);
    addListener(node as Text, BATCH_EVENT, onNodeBatch);
    addListener(node as Text, KEEP_BATCH_EVENT, onNodeBatch);
  };
  // Capture, registered at document_start before any page listener: the page never sees the handover.
  addWindowListener(HOOK_NODE_EVENT, onNode, true);
  return () => removeWindowListener(HOOK_NODE_EVENT, onNode, true);
}
