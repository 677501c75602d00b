// One version: the hook reports the manifest's, not a copy of it.
import { expect, it } from "vitest";
import manifest from "../../manifest.json";
import { installHookForTest } from "../support/hookHarness";

it("announces the manifest's version", async () => {
  const hook = await installHookForTest();
  const { HOOK_VERSION } = await import("../../src/hook/hook");
  expect(HOOK_VERSION).toBe(manifest.version);
  const ready = (await hook.drain()).find((e) => e.kind === "hook-ready");
  expect(ready).toMatchObject({ kind: "hook-ready", hookVersion: manifest.version });
  hook.close();
});
