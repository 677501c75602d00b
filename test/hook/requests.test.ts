// Requests through a real PipecatClient: the hook marks what sendClientRequest sends (with
// its timeout), not what sendClientMessage sends, and reports when the client settles a request
// itself: client-js 1.13's timeout, and newer clients' rejection on disconnect / clearQueue
// (test/support/newerDispatcher.ts). It also announces client-js's own version.
import { afterAll, beforeAll, expect, it } from "vitest";
import { PipecatClient, LogLevel } from "@pipecat-ai/client-js";
import type { PageToPanel } from "../../src/shared/protocol";
import { installHookForTest, type HookHarness } from "../support/hookHarness";
import { InTestTransport } from "../support/inTestTransport";
import { rejectLikeNewerClients } from "../support/newerDispatcher";

let hook: HookHarness;
beforeAll(async () => {
  hook = await installHookForTest();
});
afterAll(() => hook.close());

async function readyClient() {
  const transport = new InTestTransport();
  const client = new PipecatClient({ transport });
  client.setLogLevel(LogLevel.NONE);
  const connected = client.connect();
  while (transport.sent.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
  transport.receive({ type: "bot-ready", id: transport.sent[0].id, data: { version: "2.1.0" } });
  await connected;
  await hook.drain();
  return { client, transport };
}

const settledByClient = (events: PageToPanel[]) =>
  events.filter((e) => e.kind === "request-timeout" || e.kind === "request-rejected");

const outbound = (events: PageToPanel[]) =>
  events.filter((e): e is Extract<PageToPanel, { kind: "message" }> => e.kind === "message" && e.dir === "out");

it("marks requests with their timeout, and plain messages not at all", async () => {
  const { client, transport } = await readyClient();
  client.sendClientMessage("set-language", { language: "fr" });
  const answered = client.sendClientRequest("get-language", {}, 4_000);
  const defaulted = client.sendClientRequest("get-voice", {});
  // sendClientRequest is async: its message goes out a microtask later.
  while (transport.sent.length < 4) await new Promise((resolve) => setTimeout(resolve, 1));
  const [, , asked, askedDefault] = transport.sent;
  transport.receive({ type: "server-response", id: asked.id, data: { t: "get-language", d: { language: "fr" } } });
  transport.receive({ type: "error-response", id: askedDefault.id, data: { error: "Unknown request type" } });
  await expect(answered).resolves.toEqual({ language: "fr" });
  await expect(defaulted).rejects.toMatchObject({ type: "error-response", id: askedDefault.id });
  const events = await hook.drain();
  expect(outbound(events).map((e) => [e.msg.data && (e.msg.data as { t: string }).t, e.request])).toEqual([
    ["set-language", undefined],
    ["get-language", { timeoutMs: 4_000 }],
    ["get-voice", { timeoutMs: 10_000 }],
  ]);
  // Answers settle requests: only what the client settles itself is reported.
  expect(settledByClient(events)).toEqual([]);
});

it("reports a request client-js timed out, by the id it was sent with", async () => {
  const { client, transport } = await readyClient();
  // client-js checks its timeouts every 2 s.
  await expect(client.sendClientRequest("never-answered", {}, 50)).rejects.toMatchObject({
    data: { error: "Timed out waiting for response" },
  });
  const sentId = transport.sent.at(-1)!.id;
  const events = await hook.drain();
  expect(settledByClient(events)).toEqual([
    {
      kind: "request-rejected",
      t: expect.any(Number),
      clientId: expect.any(String),
      requestId: sentId,
      reason: "Timed out waiting for response",
    },
  ]);
});

it("announces client-js's own version, read from the client", async () => {
  await readyClient();
  const added = hook.history.filter((e) => e.kind === "client-added").at(-1);
  expect(added).toMatchObject({ client: { clientVersion: "1.13.1" } });
});

it("reports nothing when client-js 1.13's disconnect() drops a pending request unsettled", async () => {
  const { client, transport } = await readyClient();
  let settled = false;
  client.sendClientRequest("never-answered", {}).then(
    () => (settled = true),
    () => (settled = true),
  );
  while (transport.sent.length < 2) await new Promise((resolve) => setTimeout(resolve, 1));
  await client.disconnect();
  const events = await hook.drain();
  expect(settled).toBe(false);
  expect(settledByClient(events)).toEqual([]);
});

it("reports a request a newer client rejects on disconnect() or clearQueue(), with its reason", async () => {
  const { client, transport } = await readyClient();
  rejectLikeNewerClients(client);
  const cleared = client.sendClientRequest("first", {});
  while (transport.sent.length < 2) await new Promise((resolve) => setTimeout(resolve, 1));
  const clearedId = transport.sent[1].id;
  const dispatcher = (client as unknown as { _messageDispatcher: { clearQueue(): void } })._messageDispatcher;
  dispatcher.clearQueue();
  await expect(cleared).rejects.toMatchObject({ data: { error: "Request cleared before response was received" } });

  const dropped = client.sendClientRequest("second", {});
  while (transport.sent.length < 3) await new Promise((resolve) => setTimeout(resolve, 1));
  const droppedId = transport.sent[2].id;
  await client.disconnect();
  await expect(dropped).rejects.toMatchObject({
    type: "error-response",
    data: { error: "Disconnected before response was received" },
  });
  const events = await hook.drain();
  const clientId = expect.any(String);
  expect(settledByClient(events)).toEqual([
    {
      kind: "request-rejected",
      t: expect.any(Number),
      clientId,
      requestId: clearedId,
      reason: "Request cleared before response was received",
    },
    {
      kind: "request-rejected",
      t: expect.any(Number),
      clientId,
      requestId: droppedId,
      reason: "Disconnected before response was received",
    },
  ]);
});
