// A page whose relay never listens (the extension turned off while the page stays open) must
// not have the hook hold its messages without bound: past a cap the oldest go, and a relay
// that comes later hears how many.
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { LogLevel, PipecatClient } from "@pipecat-ai/client-js";
import { installHookForTest, type HookHarness } from "../support/hookHarness";
import { InTestTransport } from "../support/inTestTransport";

let hook: HookHarness;
beforeAll(async () => {
  hook = await installHookForTest({ relayListens: false });
});
afterAll(() => hook.close());

/** The hook's cap (MAX_MESSAGES_WITHOUT_RELAY in src/hook/outbox.ts). */
const CAP = 10_000;

it("keeps the newest messages and every state event while no relay listens, then says how many went", async () => {
  const transport = new InTestTransport();
  const client = new PipecatClient({ transport });
  client.setLogLevel(LogLevel.NONE);
  const total = CAP + 2_500;
  for (let i = 0; i < total; i++) transport.receive({ type: "server-message", id: `m${i}`, data: { i } });
  // The hook trims at its flushes (drain runs one); with no relay listening it fires nothing.
  expect(await hook.drain()).toEqual([]);
  expect(hook.batchNodes).toHaveLength(0);

  hook.relayListens();
  // The hook hands the relay a node and flushes everything kept: what it fires is in order.
  await vi.waitFor(() => expect(hook.batchNodes).toHaveLength(1));
  const events = await hook.drain();
  const messages = events.filter((e) => e.kind === "message");
  expect(messages).toHaveLength(CAP);
  expect(messages[0]).toMatchObject({ msg: { id: `m${total - CAP}` } });
  expect(messages.at(-1)).toMatchObject({ msg: { id: `m${total - 1}` } });
  expect(events.filter((e) => e.kind === "dropped")).toEqual([
    { kind: "dropped", t: expect.any(Number), count: total - CAP },
  ]);
  // What came before the cap was reached, the page's state, is all there.
  expect(events.some((e) => e.kind === "hook-ready")).toBe(true);
  expect(events.some((e) => e.kind === "client-added")).toBe(true);
});
