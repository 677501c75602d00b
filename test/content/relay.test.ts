// The relay between a hook and a runtime Port whose service worker may vanish at any
// moment, even in the middle of a post. The runtime is a stand-in; the hook's port and batch
// node are a real MessagePort and DOM node, as the page's (or a page imitating the hook) would be;
// the hook's side of the node is the hook's own (src/shared/batchHandoff.ts).
import { beforeAll, expect, it, vi } from "vitest";
import { BATCH_EVENT, HOOK_HANDSHAKE, HOOK_NODE_EVENT, type RelayToBackground } from "../../src/shared/protocol";
import { fireBatch, handOverBatchNode } from "../../src/shared/batchHandoff";
import { MAX_EVENTS_CHARS } from "../../src/content/batches";

type Listener = (message?: unknown) => void;

class FakePort {
  readonly posted: RelayToBackground[] = [];
  readonly messageListeners: Listener[] = [];
  readonly disconnectListeners: Listener[] = [];
  /** Throws from the next post on, as a Port cut before its onDisconnect ran. */
  cut = false;
  onMessage = { addListener: (listener: Listener) => this.messageListeners.push(listener) };
  onDisconnect = { addListener: (listener: Listener) => this.disconnectListeners.push(listener) };
  postMessage(message: RelayToBackground): void {
    if (this.cut) throw new Error("Attempting to use a disconnected port object");
    this.posted.push(message);
  }
  acknowledge(seq: number): void {
    for (const listener of this.messageListeners) listener({ kind: "ack", seq });
  }
  disconnectFromWorker(): void {
    for (const listener of this.disconnectListeners) listener();
  }
}

const ports: FakePort[] = [];
vi.mock("webextension-polyfill", () => ({
  default: {
    runtime: {
      id: "test-extension",
      connect: () => {
        const port = new FakePort();
        ports.push(port);
        return port;
      },
    },
  },
}));

let batchNode: Text;

beforeAll(async () => {
  await import("../../src/content/relay");
  const channel = new MessageChannel();
  // As the hook does: the node goes to the relay once it says it listens.
  const relayReady = new Promise<void>((resolve) => {
    channel.port1.onmessage = (event) => {
      if (event.data?.kind !== "relay-ready") return;
      batchNode = handOverBatchNode();
      resolve();
    };
  });
  window.dispatchEvent(new MessageEvent("message", { data: HOOK_HANDSHAKE, ports: [channel.port2] }));
  await relayReady;
});

const lastPort = () => ports.at(-1)!;

function post(events: unknown[]): void {
  fireBatch(batchNode, JSON.stringify(events), events.length, false);
}

function eventsPosted(port: FakePort, fromSeq = 0): unknown[] {
  return port.posted.filter((batch) => batch.seq >= fromSeq).flatMap((batch) => JSON.parse(batch.events));
}

it("forwards each hook batch with its relay and sequence number", async () => {
  post([{ n: 1 }]);
  post([{ n: 2 }, { n: 3 }]);
  await vi.waitFor(() => expect(lastPort().posted).toHaveLength(2));
  expect(lastPort().posted).toMatchObject([
    { kind: "batch", seq: 1, count: 1 },
    { kind: "batch", seq: 2, count: 2 },
  ]);
  lastPort().acknowledge(2);
});

it("splits a batch over the per-post cap and posts it all", async () => {
  const port = lastPort();
  const events = Array.from({ length: 12 }, (_, n) => ({ n, text: "x".repeat(200_000) }));
  post(events);
  await vi.waitFor(() => expect(eventsPosted(port, 3)).toHaveLength(events.length));
  const fresh = port.posted.filter((batch) => batch.seq > 2);
  expect(fresh.length).toBeGreaterThan(1);
  for (const batch of fresh) expect(batch.events.length).toBeLessThanOrEqual(MAX_EVENTS_CHARS);
  expect(eventsPosted(port, 3)).toEqual(events);
  port.acknowledge(fresh.at(-1)!.seq);
});

it("resends what was not acknowledged when the service worker stops", async () => {
  const first = lastPort();
  post([{ n: "a" }]);
  await vi.waitFor(() => expect(eventsPosted(first)).toContainEqual({ n: "a" }));
  const seq = first.posted.at(-1)!.seq;
  first.disconnectFromWorker();
  const second = lastPort();
  expect(second).not.toBe(first);
  expect(second.posted).toMatchObject([{ seq, events: '[{"n":"a"}]' }]);
  second.acknowledge(seq);
});

it("resends on a new Port when a post fails midway, losing and reordering nothing", async () => {
  const cut = lastPort();
  cut.cut = true;
  post([{ n: "b" }]);
  post([{ n: "c" }]);
  await vi.waitFor(() => expect(eventsPosted(lastPort())).toHaveLength(2));
  const fresh = lastPort();
  expect(fresh).not.toBe(cut);
  expect(eventsPosted(fresh)).toEqual([{ n: "b" }, { n: "c" }]);
  // The cut Port's late onDisconnect changes nothing.
  cut.disconnectFromWorker();
  expect(lastPort()).toBe(fresh);
  fresh.acknowledge(fresh.posted.at(-1)!.seq);
});

it("counts what it refuses and reports it even when no batch follows", async () => {
  const port = lastPort();
  const before = port.posted.length;
  // What a page holding the node (or a node of its own) could fire: counts that are no counts.
  window.dispatchEvent(new MouseEvent(HOOK_NODE_EVENT, { relatedTarget: document.body }));
  const forged = document.createTextNode("[]");
  window.dispatchEvent(new MouseEvent(HOOK_NODE_EVENT, { relatedTarget: forged }));
  for (const node of [batchNode, forged]) {
    node.dispatchEvent(new Event(BATCH_EVENT));
    node.dispatchEvent(new UIEvent(BATCH_EVENT, { detail: -1 }));
    node.dispatchEvent(new CustomEvent(BATCH_EVENT, { detail: "lots" }));
  }
  await vi.waitFor(() => expect(port.posted.length).toBeGreaterThan(before));
  // A sentinel fired after the report arrived: nothing else was posted in between.
  post([{ n: "sentinel" }]);
  await vi.waitFor(() => expect(eventsPosted(port, port.posted[before].seq)).toContainEqual({ n: "sentinel" }));
  const reports = port.posted.slice(before);
  expect(reports).toMatchObject([
    { count: 0, events: "[]", dropped: 6 },
    { count: 1, events: '[{"n":"sentinel"}]' },
  ]);
});

it("forwards a batch fired on a node the page handed over as that page's own data", async () => {
  const port = lastPort();
  const before = port.posted.length;
  const forged = document.createTextNode("");
  window.dispatchEvent(new MouseEvent(HOOK_NODE_EVENT, { relatedTarget: forged }));
  forged.data = '[{"kind":"hook-error","where":"page","message":"forged"}]';
  forged.dispatchEvent(new UIEvent(BATCH_EVENT, { detail: 1 }));
  // The hook's own node is still heard.
  post([{ n: "after" }]);
  await vi.waitFor(() =>
    expect(eventsPosted(port, port.posted[before]?.seq ?? Infinity)).toContainEqual({ n: "after" }),
  );
  expect(eventsPosted(port, port.posted[before].seq)).toEqual([
    { kind: "hook-error", where: "page", message: "forged" },
    { n: "after" },
  ]);
});
