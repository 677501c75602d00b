// The hook keeps no client alive: when the app drops one, the panel hears it went away.
import { expect, it } from "vitest";
import { LogLevel, PipecatClient } from "@pipecat-ai/client-js";
import { InTestTransport } from "../support/inTestTransport";
import { installHookForTest } from "../support/hookHarness";

const collectGarbage = (globalThis as { gc?: () => void }).gc;

it("reports a client the app dropped as removed", async () => {
  expect(collectGarbage, "vitest.config.ts gives the unit project --expose-gc").toBeTypeOf("function");
  const hook = await installHookForTest();
  let client: PipecatClient | undefined = new PipecatClient({ transport: new InTestTransport() });
  client.setLogLevel(LogLevel.WARN);
  const added = (await hook.drain()).find((e) => e.kind === "client-added");
  const clientId = added?.kind === "client-added" ? added.client.clientId : "";
  client = undefined;
  let removed = false;
  for (let attempt = 0; attempt < 50 && !removed; attempt++) {
    collectGarbage!();
    await new Promise((resolve) => setTimeout(resolve, 20));
    removed = (await hook.drain()).some((e) => e.kind === "client-removed" && e.clientId === clientId);
  }
  expect(removed).toBe(true);
  hook.close();
});
