// A client built before the hook (extension installed later, or a frame the traps missed)
// is found through the app's own registration, pushed before or after the hook loads.
import { expect, it } from "vitest";
import { LogLevel, PipecatClient } from "@pipecat-ai/client-js";
import { InTestTransport } from "../support/inTestTransport";
import { installHookForTest } from "../support/hookHarness";

it("drains what the app pushed before the hook loaded, and takes later pushes", async () => {
  const early = new PipecatClient({ transport: new InTestTransport() });
  early.setLogLevel(LogLevel.WARN);
  const registry: unknown[] = [early];
  (globalThis as Record<symbol, unknown>)[Symbol.for("pipecat.devtools")] = registry;

  const hook = await installHookForTest();
  const first = (await hook.drain()).filter((e) => e.kind === "client-added");
  expect(first).toEqual([expect.objectContaining({ client: expect.objectContaining({ foundBy: "registry" }) })]);

  // Built before the hook too, pushed after: its already-assigned handler is taken over.
  const transport = new InTestTransport();
  const serverMessages: unknown[] = [];
  const late = new PipecatClient({ transport, callbacks: { onServerMessage: (data) => serverMessages.push(data) } });
  late.setLogLevel(LogLevel.WARN);
  registry.push(late);
  transport.receive({ type: "server-message", id: "m", data: { late: true } });
  const events = await hook.drain();
  expect(events.filter((e) => e.kind === "client-added")).toHaveLength(1);
  expect(events.find((e) => e.kind === "message")).toMatchObject({ dir: "in", msg: { type: "server-message" } });
  expect(serverMessages).toEqual([{ late: true }]);
  expect(registry).toHaveLength(2);
  hook.close();
});
