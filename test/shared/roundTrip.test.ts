// Runs in the unit project (happy-dom). One batch along the whole path, every hop the real code
// but the browser's own transport: the hook's encoder (src/shared/protocol/pageEventEncoder.ts),
// the batch-node handoff (src/shared/batchHandoff.ts), the relay's check (src/content/batches.ts),
// the background's router (src/background/router.ts, over fake Ports whose sender is what the
// browser would name) and the panel's validation and store. What the panel accepts is what the
// hook captured, and the frame it is filed under is the one the browser named.
import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { beforeEach, expect, it, vi } from "vitest";
import { startRouter } from "../../src/background/router";
import { checkHookBatch } from "../../src/content/batches";
import { fireBatch, handOverBatchNode, readBatches, type FiredBatch } from "../../src/shared/batchHandoff";
import { PAGE_PORT_NAME, PANEL_PORT_NAME, parsePageBatch, type PageToPanel } from "../../src/shared/protocol";
import { encodePageEvent, type CapturedMessage, type StateEvent } from "../../src/shared/protocol/pageEventEncoder";
import { createSessionStore } from "../../panel/model/store";
import { CONTROLS_SCRIPT, EXTENSION_URL, fakeExtension } from "../background/fakeExtension";

const CLIENT = "c-1a2b";
const inbound: CapturedMessage = {
  kind: "message",
  messageId: 1,
  t: 1000.5,
  clientId: CLIENT,
  dir: "in",
  level: "client",
  msg: { label: "rtvi-ai", type: "server-message", data: { text: "héllo ✓", nested: { list: [1, 2, { ok: true }] } } },
  plain: true,
};
const request: CapturedMessage = {
  kind: "message",
  messageId: 2,
  t: 1001,
  clientId: CLIENT,
  dir: "out",
  level: "client",
  msg: { label: "rtvi-ai", type: "client-message", id: "req-1", data: { t: "get-language", d: {} } },
  plain: false,
  origin: "devtools",
  requestTimeoutMs: 4000,
};
const states: StateEvent[] = [
  { kind: "client-added", t: 999, client: { clientId: CLIENT, transport: "websocket", foundBy: "trap" } },
  { kind: "client-updated", t: 1002, clientId: CLIENT, patch: { state: "ready" } },
  {
    kind: "connection",
    t: 1003,
    clientId: CLIENT,
    endpoint: "http://localhost:7860/start",
    method: "POST",
    requestData: { voice: "alloy" },
    headers: [["Authorization", "Bearer secret"]],
    durationMs: 12.5,
    response: { wsUrl: "ws://localhost:7860/ws" },
  },
  { kind: "command-result", t: 1004, commandId: "cmd-1", ok: true, value: { sent: true } },
  { kind: "hook-error", t: 1005, where: "transport wrap", message: "boom" },
];

/** What the panel should accept for each captured message: the event as PageToPanel declares it. */
function expected(captured: CapturedMessage): PageToPanel {
  return {
    kind: "message",
    messageId: captured.messageId,
    t: captured.t,
    clientId: captured.clientId,
    dir: captured.dir,
    level: captured.level,
    ...(captured.origin ? { origin: captured.origin } : {}),
    ...(captured.requestTimeoutMs !== undefined ? { request: { timeoutMs: captured.requestTimeoutMs } } : {}),
    msg: captured.msg,
  } as PageToPanel;
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

it("a batch the hook encodes arrives in the panel equal, under the frame the browser named", async () => {
  // The relay's side: take the node the hook hands over, check each batch fired on it.
  const fired: FiredBatch[] = [];
  const stopReading = readBatches((batch) => fired.push(batch));
  const node = handOverBatchNode();
  const captured = [inbound, request, ...states];
  const parts = captured.map((item) => encodePageEvent(item));
  fireBatch(node, `[${parts.join(",")}]`, parts.length, false);
  stopReading();
  expect(fired).toHaveLength(1);
  const checked = checkHookBatch(fired[0]);
  expect(checked.dropped).toBe(0);

  // The background: the relay's Port says tab 7, frame 3; a forged frameId in a batch means nothing.
  const extension = fakeExtension();
  startRouter(extension.browser, CONTROLS_SCRIPT);
  const relay = extension.connect(PAGE_PORT_NAME, { tab: { id: 7 }, frameId: 3, url: "http://localhost:7860/" });
  const panel = extension.connect(PANEL_PORT_NAME, { url: `${EXTENSION_URL}panel/index.html` });
  const otherTab = extension.connect(PANEL_PORT_NAME, { url: `${EXTENSION_URL}panel/index.html` });
  panel.deliver({ kind: "subscribe", tabId: 7 });
  otherTab.deliver({ kind: "subscribe", tabId: 8 });
  checked.runs.forEach((run, index) => {
    relay.deliver({ kind: "batch", relayId: "relay-1", seq: index + 1, count: run.count, events: run.events });
  });
  const batches = await vi.waitFor(() => {
    const posted = panel.postedOf<{ frameId: number; events: string }>("batch");
    if (posted.length < checked.runs.length) throw new Error("not forwarded yet");
    return posted;
  });
  expect(otherTab.postedOf("batch")).toEqual([]);
  expect(batches.map((batch) => batch.frameId)).toEqual(checked.runs.map(() => 3));

  // The panel: every event passes its validator and equals what was captured.
  const accepted = batches.flatMap((batch) => {
    const { events, rejections } = parsePageBatch(batch.events);
    expect(rejections).toEqual([]);
    return events;
  });
  expect(accepted).toEqual([expected(inbound), expected(request), ...states]);

  // And the store files them under that frame.
  const store = createSessionStore();
  for (const batch of batches) store.ingestBatch(batch.frameId, batch.events);
  expect(store.rejected).toBe(0);
  const client = store.clients.get(`3:${CLIENT}`);
  expect(client?.frameId).toBe(3);
  expect(client?.state).toBe("ready");
  expect(client?.connections).toHaveLength(1);
  expect(store.messageCount()).toBe(2);
});
