// Panel commands against a real, ready PipecatClient: each does what it says, is marked as
// the extension's own in the log, or is refused with a reason and sends nothing.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { LogLevel, PipecatClient } from "@pipecat-ai/client-js";
import type { PageToPanel } from "../../src/shared/protocol";
import { PAGE_LIMITS } from "../../src/shared/protocol/limits";
import { InTestTransport } from "../support/inTestTransport";
import { installHookForTest, type HookHarness } from "../support/hookHarness";

let hook: HookHarness;
let transport: InTestTransport;
let client: PipecatClient;
let clientId: string;

beforeAll(async () => {
  hook = await installHookForTest();
  transport = new InTestTransport();
  client = new PipecatClient({ transport });
  client.setLogLevel(LogLevel.WARN);
  const added = (await hook.drain()).find((e) => e.kind === "client-added");
  clientId = added?.kind === "client-added" ? added.client.clientId : "";
  const connected = client.connect();
  while (transport.sent.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
  transport.receive({ type: "bot-ready", id: transport.sent[0].id, data: { version: "2.1.0" } });
  await connected;
  await hook.drain();
});
afterAll(() => hook.close());

function loggedMessages(events: PageToPanel[]) {
  return events.filter((e): e is Extract<PageToPanel, { kind: "message" }> => e.kind === "message");
}

describe("panel commands", () => {
  it("sends any RTVI type raw, with a fresh id and the label", async () => {
    const result = await hook.command({ kind: "send-raw", clientId, msg: { type: "dtmf", data: { buttons: ["1"] } } });
    expect(result.ok).toBe(true);
    expect(transport.sent.at(-1)).toMatchObject({ label: "rtvi-ai", type: "dtmf", data: { buttons: ["1"] } });
    expect(transport.sent.at(-1)!.id).toMatch(/^[0-9a-f]{8}$/);
  });

  it("replays a logged outbound message by its log id, as it was or edited", async () => {
    client.sendClientMessage("set-language", { language: "de" });
    const original = loggedMessages(await hook.drain()).find(
      (m) => m.dir === "out" && m.msg.type === "client-message",
    )!;
    const sentBefore = transport.sent.length;

    expect((await hook.command({ kind: "replay", clientId, messageId: original.messageId })).ok).toBe(true);
    const replayed = transport.sent.at(-1)!;
    expect(replayed).toMatchObject({ type: "client-message", data: { t: "set-language", d: { language: "de" } } });
    expect(replayed.id).not.toBe(original.msg.id);

    const edited = { type: "client-message", data: { t: "set-language", d: { language: "it" } } };
    expect((await hook.command({ kind: "replay", clientId, messageId: original.messageId, msg: edited })).ok).toBe(
      true,
    );
    expect(transport.sent.at(-1)).toMatchObject(edited);
    expect(transport.sent.length).toBe(sentBefore + 2);
    const marked = loggedMessages(hook.history).filter(
      (m) => m.origin === "devtools" && m.msg.type === "client-message",
    );
    expect(marked.length).toBeGreaterThanOrEqual(2);
  });

  it("refuses invalid messages and unknown log ids, sending nothing", async () => {
    const sentBefore = transport.sent.length;
    const refusals = await Promise.all([
      hook.command({ kind: "send-raw", clientId, msg: { type: "" } }),
      hook.command({ kind: "send-raw", clientId, msg: [] as never }),
      hook.command({ kind: "inject", clientId, msg: { type: 42 } as never }),
      hook.command({ kind: "send-message", clientId, msgType: "  ", data: {} }),
      hook.command({ kind: "replay", clientId, messageId: 999_999 }),
      hook.command({ kind: "bogus", clientId } as never),
    ]);
    expect(refusals.map((r) => r.ok)).toEqual([false, false, false, false, false, false]);
    expect(refusals.map((r) => r.error)).toEqual([
      "Invalid message: `type` must be a non-empty string",
      "Invalid message: expected an object with a type",
      "Invalid message: `type` must be a non-empty string",
      "Invalid message: the message type is empty",
      "Message 999999 is no longer kept for replay",
      "Unknown command bogus",
    ]);
    expect(transport.sent.length).toBe(sentBefore);
  });

  it("answers a request with the bot's error-response, and injects a faked response for a pending request", async () => {
    const sentBefore = transport.sent.length;
    const failing = hook.command({ kind: "send-request", clientId, msgType: "nope", data: {}, timeoutMs: 5000 });
    // The request itself, once it went out: not whatever was sent last.
    await vi.waitFor(() => expect(transport.sent).toHaveLength(sentBefore + 1));
    const request = transport.sent[sentBefore];
    expect(request).toMatchObject({ type: "client-message", data: { t: "nope" } });
    transport.receive({ type: "error-response", id: request.id, data: { error: "Unknown request type" } });
    expect(await failing).toMatchObject({ ok: false, error: "Unknown request type" });

    const pending = client.sendClientRequest("get-language", {});
    const requestId = transport.sent.at(-1)!.id;
    const injected = await hook.command({
      kind: "inject",
      clientId,
      msg: { type: "server-response", id: requestId, data: { t: "get-language", d: { language: "faked" } } },
    });
    expect(injected.ok).toBe(true);
    expect(await pending).toEqual({ language: "faked" });
  });

  it("cuts a message over the size cap and keeps its original size", async () => {
    const cap = PAGE_LIMITS.messageChars;
    // Quotes are escaped when the cut JSON becomes the text of `data`: the cut still fits.
    const huge = '"quoted"'.repeat(cap / 8 + 10);
    transport.receive({ type: "server-message", id: "big", data: { huge } });
    const [logged] = loggedMessages(await hook.drain());
    expect(logged.truncated).toBe(true);
    expect(logged.size).toBe(
      JSON.stringify({ label: "rtvi-ai", type: "server-message", id: "big", data: { huge } }).length,
    );
    expect(logged.msg).toMatchObject({ label: "rtvi-ai", type: "server-message", id: "big" });
    expect(JSON.stringify(logged.msg).length).toBeLessThanOrEqual(cap);
    expect(JSON.stringify(logged.msg).length).toBeGreaterThan(cap * 0.9);
  });
});
