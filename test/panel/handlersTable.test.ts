// Runs in vitest's unit project. Holds panel/handlers/clientJsHandlers.ts to the real clients it
// describes: client-js 1.13.1 and 1.0.0 (installed side by side under an npm alias) and 1.10.0
// (from the demo page that pins it, as test/hook/versions.test.ts takes it). Each client is
// given a spy for every callback name and its emit is recorded; every RTVIMessageType value and
// the types Pipecat servers send that client-js does not list are played as inbound messages,
// and the callbacks it called and the events it emitted must be what the table says.
import { describe, expect, it, vi } from "vitest";
import * as clientJs113 from "@pipecat-ai/client-js";
import * as clientJs110 from "../../demo/client-js-1.10/node_modules/@pipecat-ai/client-js";
import * as clientJs10 from "@pipecat-ai/client-js-1.0";
import { inTestTransportClass } from "../support/inTestTransport";
import {
  calledCallbacks,
  emits,
  emittedEvents,
  inboundHandling,
  tableVersion,
  wrappedCallbacks,
} from "../../panel/handlers/clientJsHandlers";

/** Types Pipecat servers send that no client-js checked lists (docs/client-js-internals.md), and types some releases know. */
const OTHER_TYPES = [
  "bot-interrupted",
  "vad-user-started-speaking",
  "vad-user-stopped-speaking",
  "user-audio-level",
  "system-log",
  "append-to-context-result",
  "ui-task",
  "user-llm-text",
  "user-mute-started",
  "bot-output",
];

/** Data each type's case reads: the rest get {}. */
const DATA: Record<string, unknown> = {
  "bot-ready": { version: "2.1.0" },
  error: { error: "boom", fatal: false },
  "llm-function-call": { function_name: "lookup", tool_call_id: "t1", args: {} },
  "llm-function-call-in-progress": { function_name: "lookup", tool_call_id: "t1", arguments: {} },
};

type ClientJs = typeof clientJs113;

/** Every callback name any checked release calls, each a spy that notes its name. */
function spyCallbacks(called: string[]): Record<string, () => void> {
  const names = new Set([...calledCallbacks(13), ...calledCallbacks(9), ...calledCallbacks(0)]);
  return Object.fromEntries([...names].map((name) => [name, vi.fn(() => void called.push(name))]));
}

function clientFor(clientJs: ClientJs, callbacks?: Record<string, () => void>) {
  const Transport = inTestTransportClass(clientJs as never);
  const transport = new Transport();
  const client = new clientJs.PipecatClient({ transport: transport as never, callbacks: callbacks as never });
  client.setLogLevel(clientJs.LogLevel.NONE);
  return { client, transport };
}

describe.each([
  ["1.13.1", clientJs113 as ClientJs],
  ["1.10.0", clientJs110 as unknown as ClientJs],
  ["1.0.0", clientJs10 as unknown as ClientJs],
])("client-js %s", (version, clientJs) => {
  const table = tableVersion(version);
  if ("unsupported" in table) throw new Error(table.unsupported);
  const { minor } = table;
  const types = [...new Set([...Object.values(clientJs.RTVIMessageType), ...OTHER_TYPES])];

  it.each(types)("%s: calls the callback and emits the event the table names, or none", (type) => {
    const called: string[] = [];
    const { client, transport } = clientFor(clientJs, spyCallbacks(called));
    const emitted: string[] = [];
    const emit = client.emit as (this: unknown, event: string, ...args: unknown[]) => boolean;
    client.emit = function (this: typeof client, event: string, ...args: unknown[]) {
      emitted.push(event);
      return emit.call(this, event, ...args);
    } as typeof client.emit;
    // The event "error" throws from emit with no listener; client-js catches that, and a listener avoids it.
    client.on(clientJs.RTVIEvent.Error, () => undefined);

    transport.receive({ type, id: "m1", data: DATA[type] ?? {} });

    const handling = inboundHandling(type, minor);
    if (handling !== undefined && emits(handling)) {
      expect(called).toEqual([handling.callback]);
      expect(emitted).toEqual([handling.event]);
    } else {
      expect(called).toEqual([]);
      expect(emitted).toEqual([]);
    }
  });

  it("holds its own wrapper under exactly the names the table lists as wrapped", () => {
    const { client } = clientFor(clientJs);
    const callbacks = (client as unknown as { _options: { callbacks: Record<string, unknown> } })._options.callbacks;
    const functions = Object.keys(callbacks).filter((name) => typeof callbacks[name] === "function");
    expect(functions.sort()).toEqual([...wrappedCallbacks(minor)].sort());
  });

  it("emits every RTVIEvent but serverResponse (and, before 1.3, llmFunctionCall), as the table lists", () => {
    const all = Object.values(clientJs.RTVIEvent) as string[];
    const never = all.filter((event) => !emittedEvents(minor).has(event));
    expect(never.sort()).toEqual(minor < 3 ? ["llmFunctionCall", "serverResponse"] : ["serverResponse"]);
    expect([...emittedEvents(minor)].filter((event) => !all.includes(event))).toEqual([]);
  });
});

describe("the release a client is read at", () => {
  it("is the client's own for 1.0 to 1.13, and says so for anything else", () => {
    expect(tableVersion("1.13.1")).toEqual({ minor: 13, label: "client-js 1.13" });
    expect(tableVersion("1.0.0")).toEqual({ minor: 0, label: "client-js 1.0" });
    expect(tableVersion("1.14.0-beta.1")).toMatchObject({ minor: 13, label: "client-js 1.14" });
    expect(tableVersion("1.14.0")).toHaveProperty("caveat", expect.stringContaining("newer than the releases checked"));
    expect(tableVersion(undefined)).toMatchObject({ minor: 13, label: "client-js" });
    expect(tableVersion("0.4.1")).toEqual({
      unsupported: "client-js 0.4.1 is not in the handler table, which covers client-js 1.0 to 1.13.",
    });
  });
});
