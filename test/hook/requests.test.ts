// Requests through a real PipecatClient: the hook marks what sendClientRequest sends (with
// its timeout), not what sendClientMessage sends, and reports when client-js gives up waiting.
import { afterAll, beforeAll, expect, it } from "vitest";
import { PipecatClient, LogLevel } from "@pipecat-ai/client-js";
import type { PageToPanel } from "../../src/shared/protocol";
import { installHookForTest, type HookHarness } from "../support/hookHarness";
import { InTestTransport } from "../support/inTestTransport";

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
  // Answers settle requests; only client-js's own timeout is reported as one.
  expect(events.filter((e) => e.kind === "request-timeout")).toEqual([]);
});

it("reports a request client-js timed out, by the id it was sent with", async () => {
  const { client, transport } = await readyClient();
  // client-js checks its timeouts every 2 s.
  await expect(client.sendClientRequest("never-answered", {}, 50)).rejects.toMatchObject({
    data: { error: "Timed out waiting for response" },
  });
  const sentId = transport.sent.at(-1)!.id;
  const events = await hook.drain();
  expect(events.filter((e) => e.kind === "request-timeout")).toEqual([
    { kind: "request-timeout", t: expect.any(Number), clientId: expect.any(String), requestId: sentId },
  ]);
});
