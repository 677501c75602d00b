// A channel whose first frames came before its client wrote to it (microphone audio, a slow
// page) is first logged under a made-up wire client; once the hooked client is seen writing
// to it, that made-up client is reported gone, so the panel lists one client, not two.
import { afterAll, beforeAll, expect, it } from "vitest";
import { PipecatClient, LogLevel, type RTVIMessage } from "@pipecat-ai/client-js";
import { installHookForTest, type HookHarness } from "../support/hookHarness";
import { InTestTransport } from "../support/inTestTransport";

class FakeDataChannel extends EventTarget {
  send(_data: unknown): void {}
}

let hook: HookHarness;
beforeAll(async () => {
  (globalThis as { RTCDataChannel?: unknown }).RTCDataChannel = FakeDataChannel;
  hook = await installHookForTest();
});
afterAll(() => {
  hook.close();
  delete (globalThis as { RTCDataChannel?: unknown }).RTCDataChannel;
});

/** Writes every message it sends to a data channel, as SmallWebRTC does. */
class ChannelTransport extends InTestTransport {
  channel = new FakeDataChannel();
  sendMessage(message: RTVIMessage): void {
    super.sendMessage(message);
    this.channel.send(JSON.stringify(message));
  }
}

it("retires the wire client of a channel once a hooked client writes to it", async () => {
  const transport = new ChannelTransport();
  const client = new PipecatClient({ transport });
  client.setLogLevel(LogLevel.WARN);
  // Before the client writes: a frame not from sendMessage, then an inbound RTVI message.
  transport.channel.send("ping: 1");
  transport.channel.dispatchEvent(
    new MessageEvent("message", { data: JSON.stringify({ label: "rtvi-ai", type: "bot-llm-started", id: "x1" }) }),
  );
  const before = await hook.drain();
  const wireClient = before.find((e) => e.kind === "client-added" && e.client.foundBy === "wire");
  expect(wireClient).toBeDefined();
  const wireId = wireClient!.kind === "client-added" ? wireClient!.client.clientId : "";
  expect(before.some((e) => e.kind === "message" && e.clientId === wireId && e.level === "wire")).toBe(true);

  const connected = client.connect();
  while (transport.sent.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
  transport.receive({ type: "bot-ready", id: transport.sent[0].id, data: { version: "1.0.0" } });
  await connected;
  const after = await hook.drain();
  expect(
    after.filter((e) => e.kind === "client-removed").map((e) => e.kind === "client-removed" && e.clientId),
  ).toEqual([wireId]);
  // From now on the channel's traffic is logged once, at the client level.
  expect(
    after.filter((e) => e.kind === "message").map((e) => e.kind === "message" && `${e.level}:${e.msg.type}`),
  ).toEqual(["client:client-ready", "client:bot-ready"]);
});
