// The panel's connection (panel/connection.ts) over fake Ports to a background the test plays,
// feeding a real store: subscription and resubscription, batches taken once, and each kind of
// call settled by its own answer, its timeout or the Port's closing.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createPanelConnection } from "../../panel/connection";
import { createSessionStore } from "../../panel/model/store";
import type { RpcError } from "../../src/shared/rpc";
import { FakePort } from "../shared/fakePort";

const TAB = 7;

function setup({ devtoolsTabId }: { devtoolsTabId: number | undefined } = { devtoolsTabId: TAB }) {
  const ports: FakePort[] = [];
  const store = createSessionStore();
  const connection = createPanelConnection(store, {
    openPort: () => {
      const port = new FakePort();
      ports.push(port);
      return port;
    },
    devtoolsTabId,
  });
  const port = () => ports.at(-1) as FakePort;
  const lastRequest = () => port().postedOf<{ id: string; method: string; params: unknown }>("request").at(-1)!;
  return { ports, port, store, connection, lastRequest };
}

let nextT = 1;
function hookError(message: string) {
  return { kind: "hook-error", t: nextT++, where: "test", message };
}

function batch(frameId: number, relayId: string, seq: number, events: unknown[]) {
  return { kind: "batch", frameId, relayId, seq, count: events.length, events: JSON.stringify(events) };
}

function commandResult(commandId: string, outcome: { ok: true; value?: unknown } | { ok: false; error: string }) {
  return { kind: "command-result", t: nextT++, commandId, ...outcome };
}

const SEND = { kind: "send-message", clientId: "c1", msgType: "hello", data: { a: 1 } } as const;

async function rejection(promise: Promise<unknown>): Promise<RpcError> {
  return promise.then(
    () => expect.unreachable("resolved"),
    (error: RpcError) => error,
  );
}

afterEach(() => {
  vi.useRealTimers();
});

describe("createPanelConnection", () => {
  it("opens its Port when created and subscribes to the inspected tab", () => {
    const { ports, connection } = setup();
    expect(ports).toHaveLength(1);
    expect(ports[0].posted).toEqual([{ kind: "subscribe", tabId: TAB }]);
    expect(connection.tabId).toBe(TAB);
    expect(connection.inDevtools).toBe(true);
  });

  it("as a page of its own subscribes only once a tab is picked, forgetting what it showed", () => {
    const { port, store, connection } = setup({ devtoolsTabId: undefined });
    expect(connection.inDevtools).toBe(false);
    expect(port().posted).toEqual([]);
    connection.inspectTab(3);
    port().deliver(batch(0, "r3", 1, [hookError("from tab 3")]));
    expect(store.problems).toHaveLength(1);
    connection.inspectTab(4);
    expect(store.problems).toHaveLength(0);
    expect(port().posted).toEqual([
      { kind: "subscribe", tabId: 3 },
      { kind: "subscribe", tabId: 4 },
    ]);
    expect(connection.tabId).toBe(4);
  });

  it("takes each relay's batch once: a resend it already has is dropped", () => {
    const { port, store } = setup();
    port().deliver(batch(0, "r1", 1, [hookError("one")]));
    port().deliver(batch(0, "r1", 2, [hookError("two")]));
    port().deliver(batch(0, "r1", 2, [hookError("two again")]));
    port().deliver(batch(0, "r1", 1, [hookError("one again")]));
    port().deliver(batch(1, "r2", 1, [hookError("other relay")]));
    port().deliver({ kind: "dropped", count: 5 });
    expect(store.problems.map((problem) => problem.message)).toEqual(["one", "two", "other relay"]);
    expect(store.dropped).toBe(5);
  });

  it("resolves a command with the hook's result from a batch of the frame it went to", async () => {
    const { port, connection, lastRequest } = setup();
    const sent = connection.sendCommand(2, SEND);
    const request = lastRequest();
    expect(request).toMatchObject({ method: "command", params: { frameId: 2, command: SEND } });
    // Another frame cannot answer it, even with its id.
    port().deliver(batch(1, "other", 1, [commandResult(request.id, { ok: true, value: "forged" })]));
    port().deliver(batch(2, "frame2", 1, [commandResult(request.id, { ok: true, value: { sent: true } })]));
    await expect(sent).resolves.toEqual({ sent: true });
    // The background may forget the command.
    expect(port().posted.at(-1)).toEqual({ kind: "cancel", id: request.id });
  });

  it("rejects a command with the hook's error", async () => {
    const { port, connection, lastRequest } = setup();
    const sent = connection.sendCommand(0, SEND);
    port().deliver(batch(0, "r", 1, [commandResult(lastRequest().id, { ok: false, error: "Client c1 is not ready" })]));
    const error = await rejection(sent);
    expect([error.code, error.message]).toEqual(["remote", "Client c1 is not ready"]);
  });

  it("rejects a command at once when the background says the frame is not connected", async () => {
    const { port, connection, lastRequest } = setup();
    const sent = connection.sendCommand(9, SEND);
    const error = "The page's frame 9 is not connected (reloaded or closed?)";
    port().deliver({ kind: "response", id: lastRequest().id, ok: false, error });
    expect((await rejection(sent)).message).toBe(error);
  });

  it("rejects a command the page does not answer within its time", async () => {
    vi.useFakeTimers();
    const { connection } = setup();
    const byDefault = rejection(connection.sendCommand(0, SEND));
    const longer = rejection(connection.sendCommand(0, SEND, { timeoutMs: 25_000 }));
    await vi.advanceTimersByTimeAsync(10_000);
    const error = await byDefault;
    expect([error.code, error.message]).toEqual([
      "timeout",
      "No answer from the page within 10 s (did it reload or navigate?)",
    ]);
    await vi.advanceTimersByTimeAsync(15_000);
    expect((await longer).message).toBe("No answer from the page within 25 s (did it reload or navigate?)");
  });

  it("when the background restarts: rejects what was pending, reconnects, resubscribes, drops what it already has", async () => {
    vi.useFakeTimers();
    const { ports, port, store, connection } = setup();
    port().deliver(batch(0, "r1", 1, [hookError("before")]));
    // The Port has lived a while: the new one opens at once.
    await vi.advanceTimersByTimeAsync(5000);
    const command = rejection(connection.sendCommand(0, SEND));
    const site = rejection(connection.siteRequest("hook", "https://example.com"));
    ports[0].closeFromOtherEnd();
    const [commandError, siteError] = await Promise.all([command, site]);
    expect([commandError.code, commandError.message]).toEqual([
      "disconnected",
      "The extension's background restarted before answering: the command may or may not have run.",
    ]);
    expect(siteError.message).toBe("The extension's background restarted before answering: try again.");
    expect(ports).toHaveLength(2);
    expect(ports[1].posted).toEqual([{ kind: "subscribe", tabId: TAB }]);
    // The new worker replays the tab's buffer: the batch the panel has is not taken twice.
    ports[1].deliver(batch(0, "r1", 1, [hookError("before")]));
    ports[1].deliver(batch(0, "r1", 2, [hookError("after")]));
    expect(store.problems.map((problem) => problem.message)).toEqual(["before", "after"]);
    // Calls go on the new Port.
    const tabs = connection.listTabs();
    ports[1].deliver({
      kind: "response",
      id: ports[1].postedOf<{ id: string }>("request")[0].id,
      ok: true,
      result: [],
    });
    await expect(tabs).resolves.toEqual([]);
  });

  it("waits before reopening a Port that closed as soon as it opened", async () => {
    vi.useFakeTimers();
    const { ports } = setup();
    ports[0].closeFromOtherEnd();
    expect(ports).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(ports).toHaveLength(2);
  });

  it("lists the tabs and asks for site access by id, whatever the order of the answers", async () => {
    const { port, connection } = setup();
    const first = connection.siteRequest("status", "https://a.example");
    const second = connection.siteRequest("status", "https://b.example");
    const tabs = connection.listTabs();
    const [a, b, list] = port().postedOf<{ id: string; params: unknown }>("request");
    expect(a.params).toEqual({ action: "status", origin: "https://a.example" });
    const hooked = [{ tabId: 3, url: "http://localhost:7860/", frames: 1, events: 12 }];
    port().deliver({ kind: "response", id: list.id, ok: true, result: hooked });
    port().deliver({ kind: "response", id: b.id, ok: true, result: { origin: "https://b.example", access: "chosen" } });
    port().deliver({ kind: "response", id: a.id, ok: true, result: { origin: "https://a.example", access: "off" } });
    await expect(first).resolves.toEqual({ origin: "https://a.example", access: "off" });
    await expect(second).resolves.toEqual({ origin: "https://b.example", access: "chosen" });
    await expect(tabs).resolves.toEqual(hooked);
  });
});
