// The oldest and newest client-js 1.x, and RTVIClient 0.4, installed side by side under npm
// aliases, and client-js 1.10 (what Pipecat's example clients pin), from the demo page that
// pins it (demo/client-js-1.10/package.json: its transports' peer range keeps it out of the
// root's packages): each is found by the traps and captured in both directions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as clientJs113 from "@pipecat-ai/client-js";
import * as clientJs110 from "../../demo/client-js-1.10/node_modules/@pipecat-ai/client-js";
import * as clientJs10 from "@pipecat-ai/client-js-1.0";
import * as clientJs04 from "@pipecat-ai/client-js-0.4";
import { inTestTransportClass } from "../support/inTestTransport";
import { installHookForTest, type HookHarness } from "../support/hookHarness";
import type { PageToPanel } from "../../src/shared/protocol";

let hook: HookHarness;
beforeAll(async () => {
  hook = await installHookForTest();
  await hook.drain();
});
afterAll(() => hook.close());

function messages(events: PageToPanel[]) {
  return events.flatMap((e) => (e.kind === "message" ? [`${e.dir}:${e.msg.type}`] : []));
}

function clientAdded(events: PageToPanel[]) {
  const added = events.find((e) => e.kind === "client-added");
  return added?.kind === "client-added" ? added.client : undefined;
}

describe.each([
  ["1.13.1", clientJs113],
  ["1.10.0", clientJs110],
  ["1.0.0", clientJs10],
])("client-js %s", (version, clientJs) => {
  it("is found and captured, and the panel can send through it", async () => {
    const Transport = inTestTransportClass(clientJs as never);
    const transport = new Transport();
    const serverMessages: unknown[] = [];
    const client = new clientJs.PipecatClient({
      transport: transport as never,
      callbacks: { onServerMessage: (data: unknown) => serverMessages.push(data) },
    });
    client.setLogLevel(clientJs.LogLevel.WARN);
    const found = clientAdded(await hook.drain());
    // The version the hook reads off the client: the panel's "client-js" fact.
    expect(found).toMatchObject({ foundBy: "trap", clientVersion: version });

    const connected = client.connect();
    while (transport.sent.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    transport.receive({ type: "bot-ready", id: transport.sent[0].id, data: { version: "1.0.0" } });
    await connected;
    transport.receive({ type: "server-message", id: "m1", data: { hello: 1 } });
    const result = await hook.command({ kind: "send-message", clientId: found!.clientId, msgType: "ping", data: {} });
    expect(result.ok).toBe(true);
    expect(messages(hook.history.concat(await hook.drain()))).toEqual(
      expect.arrayContaining(["out:client-ready", "in:bot-ready", "in:server-message", "out:client-message"]),
    );
    expect(serverMessages).toEqual([{ hello: 1 }]);
    const ready = hook.history.find(
      (e) => e.kind === "message" && e.msg.type === "client-ready" && e.clientId === found!.clientId,
    );
    const about =
      ready?.kind === "message" ? (ready.msg.data as { about?: { library_version?: string } }).about : undefined;
    expect(about?.library_version).toBe(version);
  });
});

describe("RTVIClient 0.4", () => {
  it("is found and its messages are captured in both directions", async () => {
    const Transport = inTestTransportClass(clientJs04 as never);
    const transport = new Transport();
    const client = new clientJs04.RTVIClient({
      transport: transport as never,
      params: { baseUrl: "http://localhost" },
    });
    const found = clientAdded(await hook.drain());
    expect(found).toMatchObject({ foundBy: "trap" });
    transport.receive({ type: "bot-ready", id: "b1", data: { version: "0.3.0" } });
    transport.state = "ready";
    client.sendMessage(new clientJs04.RTVIMessage("action", { service: "tts", action: "say" }));
    expect(messages(await hook.drain())).toEqual(["in:bot-ready", "out:action"]);
  });
});
