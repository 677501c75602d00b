// The hook against a real PipecatClient over an in-test transport: discovery by the traps,
// capture in both directions, commands, and the app's own registration point.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PipecatClient, LogLevel } from "@pipecat-ai/client-js";
import { installHookForTest, type HookHarness } from "../support/hookHarness";
import { InTestTransport } from "../support/inTestTransport";

let hook: HookHarness;
const drain = () => hook.drain();

beforeAll(async () => {
  hook = await installHookForTest();
});
afterAll(() => hook.close());

function newClient() {
  const transport = new InTestTransport();
  const serverMessages: unknown[] = [];
  const client = new PipecatClient({ transport, callbacks: { onServerMessage: (data) => serverMessages.push(data) } });
  client.setLogLevel(LogLevel.WARN);
  return { client, transport, serverMessages };
}

/** connect() resolves on bot-ready: play the bot's answer to client-ready. */
async function connectAndGreet(client: PipecatClient, transport: InTestTransport) {
  const connected = client.connect();
  while (transport.sent.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
  transport.receive({ type: "bot-ready", id: transport.sent[0].id, data: { version: "2.1.0", about: {} } });
  await connected;
}

describe("page hook", () => {
  it("announces itself", async () => {
    // hook-ready was queued at install: the first drain carries it.
    const events = await drain();
    expect(events.some((e) => e.kind === "hook-ready")).toBe(true);
  });

  it("finds a client the moment it is constructed, with no global and no registration", async () => {
    const { transport } = newClient();
    const events = await drain();
    const added = events.find((e) => e.kind === "client-added");
    expect(added?.kind === "client-added" && added.client.foundBy).toBe("trap");
    expect(added?.kind === "client-added" && added.client.transport).toBe("other");
    // The transport still holds a working handler, as an own enumerable property.
    expect(Object.keys(transport)).toContain("_onMessage");
    expect(typeof (transport as unknown as { _onMessage: unknown })._onMessage).toBe("function");
  });

  it("leaves every transport and client it adopts with fast properties, so the app's reads of them stay fast", async () => {
    // A data property redefined as an accessor, or an accessor pair per object, would turn
    // them into dictionary objects (vitest.config.ts passes --allow-natives-syntax).
    const hasFastProperties = new Function("object", "return %HasFastProperties(object)") as (
      object: object,
    ) => boolean;
    const clients = [newClient(), newClient(), newClient()];
    for (const { client, transport } of clients) await connectAndGreet(client, transport);
    await drain();
    for (const { client, transport } of clients) {
      expect(hasFastProperties(transport)).toBe(true);
      expect(hasFastProperties(client)).toBe(true);
    }
    // The plain objects themselves, unhooked, to show the check can tell.
    const slow = { a: 1, b: 2 };
    delete (slow as { a?: number }).a;
    expect(hasFastProperties(slow)).toBe(false);
  });

  it("gives an object made from a transport the handler to read, and its own property when it assigns one", () => {
    const { transport } = newClient();
    const child = Object.create(transport) as { _onMessage: unknown };
    expect(child._onMessage).toBe((transport as unknown as { _onMessage: unknown })._onMessage);
    const own = () => undefined;
    child._onMessage = own;
    expect(Object.getOwnPropertyDescriptor(child, "_onMessage")).toEqual({
      value: own,
      writable: true,
      enumerable: true,
      configurable: true,
    });
    expect((transport as unknown as { _onMessage: unknown })._onMessage).not.toBe(own);
  });

  it("captures outbound and inbound messages, and the client still handles them", async () => {
    const { client, transport, serverMessages } = newClient();
    await connectAndGreet(client, transport);
    transport.receive({ type: "server-message", id: "s1", data: { msg: "hello" } });
    // A type client-js ignores still shows up.
    transport.receive({ type: "bot-interrupted", id: "s2", data: {} });
    const events = await drain();
    const messages = events.filter((e) => e.kind === "message");
    expect(messages.map((m) => m.kind === "message" && `${m.dir}:${m.msg.type}`)).toEqual([
      "out:client-ready",
      "in:bot-ready",
      "in:server-message",
      "in:bot-interrupted",
    ]);
    // Sizes are the panel's to measure, except for a message the hook cut (commands.test.ts).
    expect(messages.filter((m) => m.kind === "message" && m.size !== undefined)).toEqual([]);
    expect(serverMessages).toEqual([{ msg: "hello" }]);
    expect(client.state).toBe("ready");
    const states = events
      .filter((e) => e.kind === "client-updated")
      .map((e) => e.kind === "client-updated" && e.patch.state);
    expect(states).toContain("ready");
  });

  it("posts the page's state apart from its messages, marked to keep, in order", async () => {
    const { client, transport } = newClient();
    await connectAndGreet(client, transport);
    await drain();
    hook.batches.length = 0;
    // One flush of message, state change, message: three batches.
    transport.receive({ type: "server-message", id: "s3", data: {} });
    transport.state = "connected";
    transport.receive({ type: "server-message", id: "s4", data: {} });
    const events = await drain();
    expect(hook.batches).toEqual([
      { keep: false, kinds: ["message"] },
      { keep: true, kinds: ["client-updated"] },
      { keep: false, kinds: ["message"] },
    ]);
    expect(events.map((e) => e.kind)).toEqual(["message", "client-updated", "message"]);
    // Handed over on one node that was never in the document, and emptied after each batch.
    expect(hook.batchNodes).toHaveLength(1);
    expect(hook.firedConnected.length).toBeGreaterThan(0);
    expect(hook.firedConnected.every((connected) => !connected)).toBe(true);
    expect(hook.batchNodes[0].data).toBe("");
  });

  it("runs panel commands and marks what it sent", async () => {
    const { client, transport, serverMessages } = newClient();
    const created = (await drain()).find((e) => e.kind === "client-added");
    const clientId = created?.kind === "client-added" ? created.client.clientId : "";

    const early = await hook.command({ kind: "send-message", clientId, msgType: "x", data: {} });
    expect(early, JSON.stringify(early)).toMatchObject({ ok: false });
    expect(early.error).toMatch(/not ready/);

    await connectAndGreet(client, transport);
    await drain();

    const sent = await hook.command({
      kind: "send-message",
      clientId,
      msgType: "set-language",
      data: { language: "fr" },
    });
    expect(sent.ok).toBe(true);
    const last = transport.sent.at(-1)!;
    expect(last.type).toBe("client-message");
    expect(last.data).toEqual({ t: "set-language", d: { language: "fr" } });
    const logged = hook.history.find((e) => e.kind === "message" && e.msg.id === last.id);
    expect(logged).toMatchObject({ dir: "out", origin: "devtools" });

    const injected = await hook.command({ kind: "inject", clientId, msg: { type: "server-message", data: { n: 1 } } });
    expect(injected.ok).toBe(true);
    expect(serverMessages).toEqual([{ n: 1 }]);
    expect(hook.history.at(-2)).toMatchObject({
      kind: "message",
      dir: "in",
      origin: "devtools",
      msg: { type: "server-message" },
    });

    const sentBefore = transport.sent.length;
    const answer = hook.command({ kind: "send-request", clientId, msgType: "get-language", data: {}, timeoutMs: 5000 });
    // The request itself, once it went out: not whatever was sent last.
    await vi.waitFor(() => expect(transport.sent).toHaveLength(sentBefore + 1));
    const request = transport.sent[sentBefore];
    expect(request).toMatchObject({ type: "client-message", data: { t: "get-language" } });
    transport.receive({ type: "server-response", id: request.id, data: { t: "get-language", d: { language: "fr" } } });
    const answered = await answer;
    expect(answered).toMatchObject({ ok: true, value: { language: "fr" } });

    const unknown = await hook.command({ kind: "send-message", clientId: "nope", msgType: "x", data: {} });
    expect(unknown.error).toMatch(/No client nope/);
  });

  it("logs what a direct-to-LLM transport delivers straight to the client's callbacks", async () => {
    // Shaped like GeminiLiveWebsocketTransport: its constructor sets _botResponseID.
    class GeminiShapedTransport extends InTestTransport {
      _botResponseID = 0;
      deliverTranscript(text: string) {
        this._callbacks.onUserTranscript?.({ text, final: true, timestamp: "t", user_id: "u" });
      }
    }
    const transport = new GeminiShapedTransport();
    const transcripts: unknown[] = [];
    const client = new PipecatClient({ transport, callbacks: { onUserTranscript: (data) => transcripts.push(data) } });
    client.setLogLevel(LogLevel.WARN);
    const added = (await drain()).find((e) => e.kind === "client-added");
    expect(added).toMatchObject({ client: { transport: "gemini-live" } });
    transport.deliverTranscript("hello gemini");
    const events = (await drain()).filter((e) => e.kind === "message");
    expect(events).toEqual([
      expect.objectContaining({
        level: "event",
        dir: "in",
        msg: { type: "userTranscript", data: expect.objectContaining({ text: "hello gemini" }) },
      }),
    ]);
    expect(transcripts).toHaveLength(1);
  });

  it("registers clients the app pushes to Symbol.for('pipecat.devtools')", async () => {
    const { client } = newClient();
    await drain();
    const registry = (globalThis as unknown as Record<symbol, unknown[]>)[hook.registryKey];
    registry.push(client);
    const events = await drain();
    // Already found by the trap: registering again announces nothing new.
    expect(events.filter((e) => e.kind === "client-added")).toHaveLength(0);
    expect(registry).toContain(client);
  });
});
