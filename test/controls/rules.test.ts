// The panel's rules as the page runs them (src/controls/rules.ts, called from the hook's taps), on a real PipecatClient over
// an in-test transport: Respond answers the app's request without the bot, Break holds a
// message until Continue (as it was or edited), Drop or the panel closing, Delay and Inject
// after, matching by type, request type, data text or /regex/; and, with or without rules, the
// events the client emits for an inbound message and the describe-handlers answer.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as clientJs from "@pipecat-ai/client-js";
import type { PageToPanel, Rule } from "../../src/shared/protocol";
import { installHookForTest, type HookHarness } from "../support/hookHarness";
import { inTestTransportClass } from "../support/inTestTransport";

type MessageEvent = Extract<PageToPanel, { kind: "message" }>;

let hook: HookHarness;
let transport: InstanceType<ReturnType<typeof inTestTransportClass>>;
let client: clientJs.PipecatClient;
let clientId: string;
const serverMessages: unknown[] = [];

/** Waits for a condition the code under test brings about (a timer, a later task), with a deadline. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt++) {
    await hook.drain();
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error(`never: ${what}`);
}

function messages(): MessageEvent[] {
  return hook.history.filter((e): e is MessageEvent => e.kind === "message" && e.clientId === clientId);
}

function sentOf(t: string) {
  return transport.sent.filter((m) => (m.data as { t?: string } | undefined)?.t === t);
}

let nextRule = 1;
function rule(partial: Omit<Rule, "id" | "enabled">): Rule {
  return { id: `rule-${nextRule++}`, enabled: true, ...partial };
}

/** Puts rules in force and waits until the hook has them (a message after them is seen with them). */
async function setRules(rules: Rule[]): Promise<void> {
  hook.relay({ kind: "rules", rules });
  // The port delivers in order: a command answered after the rules proves they arrived.
  await hook.command({ kind: "settle-paused", messageId: 0, outcome: "drop" });
}

beforeAll(async () => {
  hook = await installHookForTest();
  const Transport = inTestTransportClass(clientJs as never);
  transport = new Transport();
  client = new clientJs.PipecatClient({
    transport: transport as never,
    callbacks: { onServerMessage: (data: unknown) => serverMessages.push(data) },
  });
  client.setLogLevel(clientJs.LogLevel.WARN);
  const connected = client.connect();
  while (transport.sent.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
  transport.receive({ type: "bot-ready", id: transport.sent[0].id, data: { version: "2.1.0" } });
  await connected;
  const added = (await hook.drain()).find((e) => e.kind === "client-added");
  clientId = added?.kind === "client-added" ? added.client.clientId : "";
});
afterAll(() => hook.close());
afterEach(async () => {
  await setRules([]);
  serverMessages.length = 0;
});

describe("rules in the hook", () => {
  it("answers a request with a Respond rule, call after call, and the bot never gets it", async () => {
    await setRules([
      rule({
        match: { direction: "out", type: "client-message", requestType: "get-weather" },
        action: "respond",
        responses: [{ sky: "mocked" }, { sky: "again" }],
      }),
    ]);
    await expect(client.sendClientRequest("get-weather", {})).resolves.toEqual({ sky: "mocked" });
    await expect(client.sendClientRequest("get-weather", {})).resolves.toEqual({ sky: "again" });
    await expect(client.sendClientRequest("get-weather", {})).resolves.toEqual({ sky: "again" });
    expect(sentOf("get-weather")).toEqual([]);
    await hook.drain();
    const marks = messages()
      .filter((m) => m.rule)
      .map((m) => `${m.dir}:${m.msg.type}:${m.rule!.effect}`);
    expect(marks).toEqual([
      "out:client-message:answered",
      "in:server-response:mocked",
      "out:client-message:answered",
      "in:server-response:mocked",
      "out:client-message:answered",
      "in:server-response:mocked",
    ]);
  });

  it("rejects a request with a Respond with error rule, and leaves a fire-and-forget message alone", async () => {
    await setRules([
      rule({ match: { direction: "out", type: "client-message" }, action: "respond-error", error: "mocked failure" }),
    ]);
    await expect(client.sendClientRequest("get-weather", {})).rejects.toMatchObject({
      data: { error: "mocked failure" },
    });
    client.sendClientMessage("not-a-request", {});
    expect(sentOf("not-a-request")).toHaveLength(1);
    await until(
      () => hook.history.some((e) => e.kind === "hook-error" && e.message.includes("awaits no answer")),
      "the hook says why the reply rule let it go",
    );
  });

  it("holds an outbound message until Continue, as edited, and until Drop", async () => {
    await setRules([rule({ match: { direction: "out", type: "client-message", data: "/hold/i" }, action: "break" })]);
    client.sendClientMessage("set-mood", { mood: "HOLD me" });
    client.sendClientMessage("set-mood", { mood: "free" });
    await until(() => messages().some((m) => m.rule?.effect === "paused"), "the paused row");
    expect(sentOf("set-mood").map((m) => m.data)).toEqual([{ t: "set-mood", d: { mood: "free" } }]);
    const paused = messages().find((m) => m.rule?.effect === "paused")!;
    const edited = { ...paused.msg, data: { t: "set-mood", d: { mood: "edited" } } };
    const result = await hook.command({
      kind: "settle-paused",
      messageId: paused.messageId,
      outcome: "continue",
      msg: edited,
    });
    expect(result).toMatchObject({ ok: true, value: "edited" });
    expect(sentOf("set-mood").map((m) => m.data)).toContainEqual({ t: "set-mood", d: { mood: "edited" } });
    expect(hook.history).toContainEqual(
      expect.objectContaining({ kind: "pause-ended", messageId: paused.messageId, outcome: "edited" }),
    );
    // Settled once only.
    const again = await hook.command({ kind: "settle-paused", messageId: paused.messageId, outcome: "drop" });
    expect(again).toMatchObject({ ok: false });

    client.sendClientMessage("set-mood", { mood: "hold and drop" });
    await until(() => messages().filter((m) => m.rule?.effect === "paused").length === 2, "the second pause");
    const second = messages().filter((m) => m.rule?.effect === "paused")[1];
    await hook.command({ kind: "settle-paused", messageId: second.messageId, outcome: "drop" });
    // The command ran after the drop: nothing of it was sent.
    expect(sentOf("set-mood")).toHaveLength(2);
  });

  it("holds an inbound server-message before the app's callback runs, and lets it go when the panel closes", async () => {
    await setRules([rule({ match: { direction: "in", type: "server-message" }, action: "break" })]);
    transport.receive({ type: "server-message", id: "s1", label: "rtvi-ai", data: { held: true } });
    await until(() => messages().some((m) => m.rule?.effect === "paused" && m.dir === "in"), "the paused row");
    expect(serverMessages).toEqual([]);
    hook.relay({ kind: "panel-closed" });
    await until(() => serverMessages.length === 1, "the release");
    expect(serverMessages).toEqual([{ held: true }]);
    expect(hook.history).toContainEqual(expect.objectContaining({ kind: "pause-ended", outcome: "panel-closed" }));
  });

  it("drops, delays and injects after a match", async () => {
    const before = messages().length;
    await setRules([
      rule({ match: { direction: "out", requestType: "drop-me" }, action: "drop" }),
      rule({ match: { direction: "out", requestType: "late" }, action: "delay", delayMs: 30 }),
      rule({
        match: { direction: "out", requestType: "ping" },
        action: "inject-after",
        inject: { type: "server-message", data: { pong: true } },
      }),
    ]);
    client.sendClientMessage("drop-me", {});
    client.sendClientMessage("late", {});
    expect(sentOf("late")).toEqual([]);
    client.sendClientMessage("ping", {});
    expect(sentOf("ping")).toHaveLength(1);
    await until(() => sentOf("late").length === 1, "the delayed send");
    await until(() => serverMessages.length === 1, "the injection");
    expect(serverMessages).toEqual([{ pong: true }]);
    expect(sentOf("drop-me")).toEqual([]);
    const effects = messages()
      .slice(before)
      .filter((m) => m.rule)
      .map((m) => m.rule!.effect);
    expect(effects).toEqual(["dropped", "delayed", "matched", "injected"]);
  });

  it("acts only while on, and on what matches", async () => {
    await setRules([
      { ...rule({ match: { direction: "out", requestType: "x" }, action: "drop" }), enabled: false },
      rule({ match: { direction: "out", requestType: "x", data: "needle" }, action: "drop" }),
    ]);
    client.sendClientMessage("x", { text: "haystack" });
    client.sendClientMessage("x", { text: "needle" });
    expect(sentOf("x").map((m) => (m.data as { d: unknown }).d)).toEqual([{ text: "haystack" }]);
  });
});

describe("handlers", () => {
  it("notes the events a message set off, with their listeners then, and lists the handlers", async () => {
    const listener = () => {};
    client.on(clientJs.RTVIEvent.ServerMessage, listener);
    transport.receive({ type: "server-message", id: "s2", label: "rtvi-ai", data: {} });
    transport.receive({ type: "bot-interrupted", id: "s3", label: "rtvi-ai" });
    await hook.drain();
    const byType = (type: string) =>
      messages().find((m) => m.msg.type === type && m.dir === "in" && m.msg.id !== undefined && m.emitted);
    expect(byType("server-message")?.emitted).toEqual([{ event: "serverMessage", listeners: 1 }]);
    // client-js 1.13 drops bot-interrupted without an event.
    expect(byType("bot-interrupted")?.emitted).toEqual([]);
    const described = await hook.command({ kind: "describe-handlers", clientId });
    expect(described.ok).toBe(true);
    const value = described.value as { callbacks: string[]; listeners: { event: string; count: number }[] };
    expect(value.callbacks).toContain("onServerMessage");
    expect(value.listeners).toContainEqual({ event: "serverMessage", count: 1 });
    client.off(clientJs.RTVIEvent.ServerMessage, listener);
  });
});
