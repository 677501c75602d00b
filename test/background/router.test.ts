// The background's router (src/background/router.ts) with fake runtime Ports whose sender is
// what the browser would say: batches reach only the panels of their own tab, commands only
// the frame named in the panel's own tab, and a command is answered with why it went nowhere.
import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { startRouter } from "../../src/background/router";
import { PAGE_PORT_NAME, PANEL_PORT_NAME } from "../../src/shared/protocol";
import type { FakePort } from "../shared/fakePort";
import { CONTROLS_SCRIPT, EXTENSION_URL, fakeExtension } from "./fakeExtension";

const PANEL_SENDER = { url: `${EXTENSION_URL}panel/index.html` };
const SEND = { kind: "send-message", clientId: "c1", msgType: "hello", data: {} };

type Response = { id: string; ok: boolean; result?: unknown; error?: string };

function setup() {
  const extension = fakeExtension();
  startRouter(extension.browser, CONTROLS_SCRIPT);
  const relay = (tabId: number, frameId: number, url = "http://localhost:7860/") =>
    extension.connect(PAGE_PORT_NAME, { tab: { id: tabId }, frameId, url });
  const panel = (tabId?: number) => {
    const port = extension.connect(PANEL_PORT_NAME, PANEL_SENDER);
    if (tabId !== undefined) port.deliver({ kind: "subscribe", tabId });
    return port;
  };
  return { extension, relay, panel };
}

let nextSeq = 1;
function sendBatch(relay: FakePort, relayId: string, label: string): number {
  const seq = nextSeq++;
  relay.deliver({ kind: "batch", relayId, seq, count: 1, events: JSON.stringify([label]) });
  return seq;
}

const batchesOf = (panel: FakePort) => panel.postedOf<{ frameId: number; events: string }>("batch");
const labelsOf = (panel: FakePort) => batchesOf(panel).map((batch) => JSON.parse(batch.events)[0]);

let nextRequest = 1;
/** Sends a call as the panel's RpcClient would; resolves with its answer. */
async function call(panel: FakePort, method: string, params: unknown): Promise<Response> {
  const id = `test:${nextRequest++}`;
  panel.deliver({ kind: "request", id, method, params });
  return vi.waitFor(() => {
    const answer = panel.postedOf<Response>("response").find((response) => response.id === id);
    if (!answer) throw new Error(`no answer to ${id} yet`);
    return answer;
  });
}

function commandsOf(relay: FakePort) {
  return relay.postedOf<{ commandId: string; command: unknown }>("command");
}

beforeEach(() => {
  // A fresh database: each test is a fresh service worker with nothing stored.
  globalThis.indexedDB = new IDBFactory();
});

describe("startRouter", () => {
  it("routes each batch to the panels of its own tab, with the frame the sender names", async () => {
    const { relay, panel } = setup();
    const one = panel(1);
    const two = panel(2);
    const tabOneFrame = relay(1, 3);
    const tabTwo = relay(2, 0);
    sendBatch(tabOneFrame, "relay-1", "tab 1");
    // The sentinel, sent after: once tab 2's panel has it, tab 1's batch had its chance to arrive there.
    sendBatch(tabTwo, "relay-2", "tab 2");
    await vi.waitFor(() => expect(labelsOf(two)).toEqual(["tab 2"]));
    await vi.waitFor(() => expect(labelsOf(one)).toEqual(["tab 1"]));
    expect(batchesOf(one)[0].frameId).toBe(3);
    // Acknowledged once stored.
    await vi.waitFor(() => expect(tabOneFrame.postedOf("ack")).toHaveLength(1));
  });

  it("ignores a batch that names its own frame, and a page Port without a tab", async () => {
    const { extension, relay, panel } = setup();
    const watching = panel(1);
    const page = relay(1, 0);
    page.deliver({ kind: "batch", relayId: "r", seq: 1, count: 1, events: '["forged"]', frameId: 5 });
    sendBatch(page, "r", "sentinel");
    await vi.waitFor(() => expect(labelsOf(watching)).toEqual(["sentinel"]));
    expect(batchesOf(watching)[0].frameId).toBe(0);
    const tabless = extension.connect(PAGE_PORT_NAME, { frameId: 0, url: "http://localhost/" });
    expect(tabless.disconnectedHere).toBe(true);
  });

  it("replays a tab's buffer to a panel that subscribes later", async () => {
    const { relay, panel } = setup();
    const page = relay(4, 0);
    sendBatch(page, "r4", "first");
    sendBatch(page, "r4", "second");
    await vi.waitFor(() => expect(page.postedOf("ack")).toHaveLength(2));
    const late = panel(4);
    await vi.waitFor(() => expect(labelsOf(late)).toEqual(["first", "second"]));
  });

  it("refuses a panel Port from anything but the extension's own pages", () => {
    const { extension } = setup();
    const fromPage = extension.connect(PANEL_PORT_NAME, { tab: { id: 1 }, frameId: 0, url: "http://localhost:7860/" });
    expect(fromPage.disconnectedHere).toBe(true);
  });

  it("hands a panel's command to the named frame of its own tab only", async () => {
    const { relay, panel } = setup();
    const inspector = panel(1);
    const top = relay(1, 0);
    const named = relay(1, 2);
    const otherTab = relay(2, 2);
    const id = `test:${nextRequest++}`;
    inspector.deliver({ kind: "request", id, method: "command", params: { frameId: 2, command: SEND } });
    await vi.waitFor(() => expect(commandsOf(named)).toEqual([{ kind: "command", commandId: id, command: SEND }]));
    // A command for a frame the panel's tab does not have (tab 2 has a frame 2) fails at once.
    const missing = await call(inspector, "command", { frameId: 7, command: SEND });
    expect(missing).toMatchObject({ ok: false, error: "The page's frame 7 is not connected (reloaded or closed?)" });
    expect(commandsOf(top)).toEqual([]);
    expect(commandsOf(otherTab)).toEqual([]);
  });

  it("fails a command at once when the panel follows no tab, or sends a malformed one", async () => {
    const { relay, panel } = setup();
    relay(1, 0);
    const unsubscribed = panel();
    expect(await call(unsubscribed, "command", { frameId: 0, command: SEND })).toMatchObject({ ok: false });
    const inspector = panel(1);
    const malformed = await call(inspector, "command", { frameId: 0, command: { kind: "format-disk" } });
    expect(malformed.ok).toBe(false);
    expect(malformed.error).toMatch(/^Malformed request/);
  });

  it("rejects the commands a frame's relay was holding when it disconnects, but not those the panel stopped waiting for", async () => {
    const { relay, panel } = setup();
    const inspector = panel(1);
    const frame = relay(1, 0);
    const [forgotten, waiting] = [`test:${nextRequest++}`, `test:${nextRequest++}`];
    inspector.deliver({ kind: "request", id: forgotten, method: "command", params: { frameId: 0, command: SEND } });
    inspector.deliver({ kind: "request", id: waiting, method: "command", params: { frameId: 0, command: SEND } });
    await vi.waitFor(() => expect(commandsOf(frame)).toHaveLength(2));
    inspector.deliver({ kind: "cancel", id: forgotten });
    // The page navigates: its next document's relay connects before the old one's Port closes.
    const next = relay(1, 0);
    frame.closeFromOtherEnd();
    // The waiting command's answer is the barrier: the forgotten one's would have come with it.
    await vi.waitFor(() => expect(inspector.postedOf("response")).toHaveLength(1));
    expect(inspector.postedOf("response")).toEqual([
      {
        kind: "response",
        id: waiting,
        ok: false,
        error:
          "Frame 0 of the page went away (navigated, reloaded or closed) before answering: the command may or may not have run.",
      },
    ]);
    // The next document's relay is the frame now.
    const id = `test:${nextRequest++}`;
    inspector.deliver({ kind: "request", id, method: "command", params: { frameId: 0, command: SEND } });
    await vi.waitFor(() => expect(commandsOf(next).map((command) => command.commandId)).toEqual([id]));
  });

  it("loads the panel's controls into a frame once, before its first command or rules, and never without them", async () => {
    const { extension, relay, panel } = setup();
    const inspector = panel(1);
    const frame = relay(1, 2);
    relay(1, 0);
    // Turning off rules, or a panel closing, needs no controls where none were loaded.
    expect(await call(inspector, "set-rules", { rules: [] })).toMatchObject({ ok: true });
    const first = `test:${nextRequest++}`;
    inspector.deliver({ kind: "request", id: first, method: "command", params: { frameId: 2, command: SEND } });
    await vi.waitFor(() => expect(commandsOf(frame)).toHaveLength(1));
    expect(extension.injections).toEqual([
      { target: { tabId: 1, frameIds: [2] }, files: [CONTROLS_SCRIPT], world: "MAIN", injectImmediately: true },
    ]);
    expect(frame.postedOf("rules")).toEqual([]);
    // Later commands and rules reuse them, in the order the panel sent them.
    const rules = [{ id: "r1", enabled: true, match: { direction: "out", type: "client-message" }, action: "drop" }];
    expect(await call(inspector, "set-rules", { rules })).toMatchObject({ ok: true });
    const second = `test:${nextRequest++}`;
    inspector.deliver({ kind: "request", id: second, method: "command", params: { frameId: 2, command: SEND } });
    await vi.waitFor(() => expect(commandsOf(frame)).toHaveLength(2));
    expect(frame.posted.map((message) => (message as { kind: string }).kind).filter((kind) => kind !== "ack")).toEqual([
      "command",
      "rules",
      "command",
    ]);
    expect(extension.injections).toHaveLength(2);
    expect(extension.injections[1].target).toEqual({ tabId: 1, frameIds: [0] });
  });

  it("fails a command with the browser's reason when the controls cannot be loaded, and tries again for the next", async () => {
    const { extension, relay, panel } = setup();
    const inspector = panel(1);
    const frame = relay(1, 0);
    extension.injection.failWith = "Cannot access contents of the page.";
    const refused = await call(inspector, "command", { frameId: 0, command: SEND });
    expect(refused).toMatchObject({
      ok: false,
      error: "The panel's controls could not be loaded into frame 0: Cannot access contents of the page.",
    });
    expect(commandsOf(frame)).toEqual([]);
    extension.injection.failWith = undefined;
    const id = `test:${nextRequest++}`;
    inspector.deliver({ kind: "request", id, method: "command", params: { frameId: 0, command: SEND } });
    await vi.waitFor(() => expect(commandsOf(frame).map((command) => command.commandId)).toEqual([id]));
    expect(extension.injections).toHaveLength(2);
  });

  it("lists the tabs whose hooks are connected", async () => {
    const { relay, panel } = setup();
    const page = relay(5, 0, "http://localhost:7860/app");
    relay(5, 1, "http://localhost:7860/frame");
    const gone = relay(6, 0);
    sendBatch(page, "r5", "one");
    await vi.waitFor(() => expect(page.postedOf("ack")).toHaveLength(1));
    gone.closeFromOtherEnd();
    const answer = await call(panel(), "list-tabs", {});
    expect(answer).toMatchObject({
      ok: true,
      result: [{ tabId: 5, url: "http://localhost:7860/app", frames: 2, events: 1 }],
    });
  });

  it("answers where the hook runs", async () => {
    const { panel } = setup();
    const inspector = panel();
    expect(await call(inspector, "site", { action: "status", origin: "http://localhost:7860" })).toMatchObject({
      ok: true,
      result: { origin: "http://localhost:7860", access: "default" },
    });
    expect(await call(inspector, "site", { action: "hook", origin: "https://example.com" })).toMatchObject({
      ok: true,
      result: {
        origin: "https://example.com",
        access: "off",
        error: "The extension was not granted access to https://example.com",
      },
    });
  });
});
