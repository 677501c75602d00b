// The place where the panel's controls attach to the hook (src/hook/controlsKit.ts), with the real
// controls (src/controls/): a hook alone refuses commands and says rules cannot act; controls of
// another version refuse to run and say why; the real ones attach once, and what calls the slot
// after them changes nothing.
import { afterAll, beforeAll, expect, it } from "vitest";
import { LogLevel, PipecatClient } from "@pipecat-ai/client-js";
import type { AttachControls } from "../../src/hook/controlsKit";
import { CONTROLS_KEY } from "../../src/shared/protocol/constants";
import { installHookForTest, type HookHarness } from "../support/hookHarness";
import { InTestTransport } from "../support/inTestTransport";

let hook: HookHarness;
let clientId: string;
// Imported once the harness has the hook installed: the hook's modules take the page's builtins as they load.
let NO_CONTROLS: string;
let createControls: typeof import("../../src/controls/createControls").createControls;
const attach = () => (globalThis as Record<symbol, unknown>)[Symbol.for(CONTROLS_KEY)] as AttachControls;
const hookErrors = () => hook.history.filter((e) => e.kind === "hook-error");

beforeAll(async () => {
  hook = await installHookForTest({ controls: false });
  ({ NO_CONTROLS } = await import("../../src/hook/controlsKit"));
  ({ createControls } = await import("../../src/controls/createControls"));
  const client = new PipecatClient({ transport: new InTestTransport() });
  client.setLogLevel(LogLevel.NONE);
  const added = (await hook.drain()).find((e) => e.kind === "client-added");
  clientId = added?.kind === "client-added" ? added.client.clientId : "";
});
afterAll(() => hook.close());

it("offers the slot as a hidden, read-only property the page cannot replace", () => {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, Symbol.for(CONTROLS_KEY));
  expect(descriptor).toMatchObject({ enumerable: false, writable: false, configurable: false });
  expect(typeof descriptor?.value).toBe("function");
});

it("refuses a command and reports rules while no controls run, and sends nothing", async () => {
  const result = await hook.command({ kind: "describe-handlers", clientId });
  expect(result).toMatchObject({ ok: false, error: NO_CONTROLS });
  hook.relay({ kind: "rules", rules: [] });
  hook.relay({
    kind: "rules",
    rules: [{ id: "r1", enabled: true, match: { direction: "in", type: "server-message" }, action: "drop" }],
  });
  // The command after the rules is the barrier: the port delivers in order.
  await hook.command({ kind: "describe-handlers", clientId });
  expect(hookErrors()).toEqual([{ kind: "hook-error", t: expect.any(Number), where: "rules", message: NO_CONTROLS }]);
});

it("lets controls of another version refuse to run, and says why", async () => {
  attach()((kit) => createControls({ ...kit, version: "0.0.0-old" }));
  expect(await hook.command({ kind: "describe-handlers", clientId })).toMatchObject({ ok: false, error: NO_CONTROLS });
  expect(hookErrors().at(-1)).toMatchObject({
    where: "controls",
    message: expect.stringMatching(/^The page's hook is version 0\.0\.0-old, the extension's .+: reload the page$/),
  });
});

it("runs the real controls once attached, and keeps them when the slot is called again", async () => {
  await import("../../src/controls/attach");
  const answered = await hook.command({ kind: "describe-handlers", clientId });
  expect(answered).toMatchObject({ ok: true, value: { callbacks: expect.arrayContaining(["onError"]) } });
  let madeAgain = false;
  attach()((kit) => {
    madeAgain = true;
    return createControls(kit);
  });
  expect(madeAgain).toBe(false);
  expect(await hook.command({ kind: "describe-handlers", clientId })).toMatchObject({ ok: true });
});
