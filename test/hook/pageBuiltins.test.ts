// A page may replace any builtin after the hook loaded (JSON.stringify, Array.prototype.push,
// Map.prototype.get, Function.prototype.apply…). The hook took what it calls at load: with
// every one of them replaced by a function that throws, capturing, serializing, adopting a
// client, trimming its replay memory and running the panel's rules (src/controls/, which use
// only what the hook lends them) give exactly what they give on an untouched page.
// The client here is a plain object of client-js's shape, so only the hook's code runs while
// the builtins are replaced.
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { installHookForTest, type HookHarness } from "../support/hookHarness";

/** A WebSocket stand-in whose prototype has `send`, all the wire tap touches; in place before the hook loads. */
class FakeWebSocket extends EventTarget {
  sent = 0;
  send(_data: unknown): void {
    this.sent++;
  }
}

let hook: HookHarness;
// Imported after the harness: it must catch the hook's handshake before the outbox loads.
let toSafeJson: typeof import("../../src/hook/serialize").toSafeJson;
let utf8Length: typeof import("../../src/hook/serialize").utf8Length;
let adoptClient: typeof import("../../src/hook/clients").adoptClient;
let flush: typeof import("../../src/hook/outbox").flush;
beforeAll(async () => {
  vi.stubGlobal("WebSocket", FakeWebSocket);
  hook = await installHookForTest();
  ({ toSafeJson, utf8Length } = await import("../../src/hook/serialize"));
  ({ adoptClient } = await import("../../src/hook/clients"));
  ({ flush } = await import("../../src/hook/outbox"));
  await hook.drain();
});
afterAll(() => {
  hook.close();
  vi.unstubAllGlobals();
});

// The test's own tools, taken before anything is replaced.
const getDescriptor = Object.getOwnPropertyDescriptor;
const getPrototype = Object.getPrototypeOf;
const startsWith = String.prototype.startsWith;
const typedArrayPrototype = getPrototype(Uint8Array.prototype) as object;
const define = Reflect.defineProperty;
const applyOriginal = Reflect.apply;

/**
 * happy-dom stands in for the browser's native DOM, and Node's own modules for its native
 * TextDecoder and Blob: code that calls no page globals in a browser. Their calls (happy-dom's
 * CharacterData data setter calls String) go to the original.
 */
function isCalledByThePlatform(): boolean {
  // Raw call sites: formatting a stack as text runs the test runner's code, which calls replaced builtins.
  const format = Error.prepareStackTrace;
  Error.prepareStackTrace = (_error, sites) => sites;
  const sites = new Error().stack as unknown as NodeJS.CallSite[];
  Error.prepareStackTrace = format;
  // 0 is this function, 1 the replacement, 2 its caller.
  const file = sites[2]?.getFileName() ?? "";
  return file.includes("/happy-dom/") || applyOriginal(startsWith, file, ["node:"]);
}

/** Every builtin the hook could be tempted to call, replaced by a thrower until `restore()`. */
function replaceBuiltins(): { restore(): void; calls: string[] } {
  const calls: string[] = [];
  const all: [object, string, PropertyKey[]][] = [
    [JSON, "JSON", ["stringify", "parse"]],
    [Object, "Object", ["keys", "entries", "fromEntries", "defineProperty", "getOwnPropertyDescriptor", "assign"]],
    [Reflect, "Reflect", ["apply", "defineProperty"]],
    [Array, "Array", ["isArray", "from"]],
    [
      Array.prototype,
      "Array.prototype",
      ["push", "pop", "includes", "indexOf", "map", "forEach", "join", "slice", "filter", Symbol.iterator],
    ],
    [
      Map.prototype,
      "Map.prototype",
      ["get", "set", "has", "delete", "keys", "values", "entries", "forEach", "size", Symbol.iterator],
    ],
    [Set.prototype, "Set.prototype", ["add", "has", "forEach", "values", Symbol.iterator]],
    [WeakMap.prototype, "WeakMap.prototype", ["get", "set", "has", "delete"]],
    [WeakSet.prototype, "WeakSet.prototype", ["add", "has"]],
    [WeakRef.prototype, "WeakRef.prototype", ["deref"]],
    [EventTarget.prototype, "EventTarget.prototype", ["addEventListener", "removeEventListener"]],
    [TextDecoder.prototype, "TextDecoder.prototype", ["decode"]],
    [TextEncoder.prototype, "TextEncoder.prototype", ["encode"]],
    [Blob.prototype, "Blob.prototype", ["arrayBuffer", "size"]],
    [typedArrayPrototype, "TypedArray.prototype", ["subarray", "length", "buffer", "byteOffset", "byteLength"]],
    [Promise.prototype, "Promise.prototype", ["then", "catch"]],
    [FinalizationRegistry.prototype, "FinalizationRegistry.prototype", ["register"]],
    [Function.prototype, "Function.prototype", ["apply", "call", "bind"]],
    [RegExp.prototype, "RegExp.prototype", ["exec", "test"]],
    [String.prototype, "String.prototype", ["charCodeAt", "slice", "trim", "padEnd", "toString", "startsWith"]],
    [Number.prototype, "Number.prototype", ["toString"]],
    [Symbol.prototype, "Symbol.prototype", ["toString"]],
    [Math, "Math", ["random", "min", "max"]],
    [Promise, "Promise", ["resolve"]],
    [
      globalThis,
      "globalThis",
      ["String", "Map", "WeakMap", "WeakSet", "WeakRef", "ArrayBuffer", "Blob", "Uint8Array", "DataView"],
    ],
  ];
  // Everything prepared first: once replacing starts, this function calls nothing replaceable.
  const plan = all.flatMap(([definedOn, label, keys]) =>
    keys.map((key) => {
      let owner = definedOn;
      const name = `${label}.${String(key)}`;
      // Where it is defined: happy-dom's EventTarget inherits its methods from a base class.
      while (!getDescriptor(owner, key)) owner = getPrototype(owner)!;
      const descriptor = getDescriptor(owner, key)!;
      const thrower = function (this: unknown, ...args: unknown[]) {
        if (isCalledByThePlatform())
          return applyOriginal((descriptor.value ?? descriptor.get) as (...args: unknown[]) => unknown, this, args);
        calls[calls.length] = name;
        throw new Error(`the page's ${name}`);
      };
      const replacement: PropertyDescriptor =
        "value" in descriptor ? { ...descriptor, value: thrower } : { ...descriptor, get: thrower };
      return { owner, key, descriptor, replacement };
    }),
  );
  for (let i = 0; i < plan.length; i++) define(plan[i].owner, plan[i].key, plan[i].replacement);
  return {
    calls,
    restore() {
      for (let i = plan.length - 1; i >= 0; i--) define(plan[i].owner, plan[i].key, plan[i].descriptor);
    },
  };
}

/** While the page's replacements are in place. Restores them whatever happens. */
function withReplacedBuiltins<T>(run: () => T): { result: T; calls: string[] } {
  const page = replaceBuiltins();
  try {
    return { result: run(), calls: page.calls };
  } finally {
    page.restore();
  }
}

function awkwardValue() {
  const cyclic: Record<string, unknown> = { name: "loop" };
  cyclic.self = cyclic;
  return {
    type: "client-message",
    text: "héllo €uro 😀",
    big: 12n,
    fn: function handler() {},
    sym: Symbol("s"),
    bytes: new Uint8Array(16),
    view: new DataView(new ArrayBuffer(4)),
    buffer: new ArrayBuffer(8),
    map: new Map<unknown, unknown>([
      ["a", 1],
      [2, { b: true }],
    ]),
    set: new Set([1, "two"]),
    cyclic,
    date: new Date(0),
    blob: new Blob(["abc"]),
  };
}

it("serializes the same after the page replaced the builtins", () => {
  const value = awkwardValue();
  const expected = { json: toSafeJson(value), size: utf8Length(toSafeJson(value)) };
  const { result, calls } = withReplacedBuiltins(() => {
    const json = toSafeJson(value);
    return { json, size: utf8Length(json) };
  });
  expect(calls).toEqual([]);
  expect(result).toEqual(expected);
  expect(JSON.parse(result.json)).toMatchObject({
    map: { a: 1, 2: { b: true } },
    set: [1, "two"],
    view: "[DataView 4 bytes]",
    blob: "[Blob 3 bytes]",
  });
});

/** A client of client-js's shape whose methods use no builtin at all. */
function plainClient() {
  const sent: unknown[] = [];
  const received: unknown[] = [];
  const emitted: unknown[] = [];
  const transport: Record<string, unknown> = {
    state: "ready",
    initialize() {},
    connect() {},
    sendMessage(msg: unknown) {
      sent[sent.length] = msg;
    },
    _onMessage(msg: unknown) {
      received[received.length] = msg;
    },
  };
  const client: Record<string, unknown> = {
    _transport: transport,
    state: "ready",
    connect() {},
    sendClientMessage() {},
    emit(event: unknown, state: unknown) {
      emitted[emitted.length] = [event, state];
    },
    startBot() {
      // biome-ignore lint/suspicious/noThenProperty: a result that only looks like a promise, as a page's may
      return { then: undefined };
    },
  };
  return { client, transport, sent, received, emitted };
}

it("adopts a client, captures both ways, trims replay memory and flushes, after the page replaced the builtins", async () => {
  const app = plainClient();
  const outbound = 1_100; // past twice the replay memory: the hook trims it in bulk
  const inbound = { type: "server-message", data: { n: 1, map: new Map([["k", "v"]]) } };
  const { calls } = withReplacedBuiltins(() => {
    adoptClient(app.client, "registry");
    (app.transport._onMessage as (msg: unknown) => void)(inbound);
    for (let i = 0; i < outbound; i++)
      (app.transport.sendMessage as (msg: unknown) => void)({ type: "client-message", id: `m${i}`, data: { i } });
    (app.client.emit as (event: string, state: string) => void)("transportStateChanged", "ready");
    flush();
  });
  expect(calls).toEqual([]);
  // The app's own functions ran as usual.
  expect(app.received).toHaveLength(1);
  expect(app.sent).toHaveLength(outbound);
  expect(app.emitted).toEqual([["transportStateChanged", "ready"]]);

  const events = await hook.drain();
  expect(events.filter((e) => e.kind === "hook-error")).toEqual([]);
  const added = events.find((e) => e.kind === "client-added");
  expect(added).toMatchObject({ client: { foundBy: "registry" } });
  const clientId = added?.kind === "client-added" ? added.client.clientId : "";
  const messages = events.filter((e) => e.kind === "message");
  expect(messages).toHaveLength(outbound + 1);
  expect(messages[0]).toMatchObject({ clientId, dir: "in", msg: { type: "server-message", data: { n: 1 } } });
  // Inbound messages are JSON from the wire; one that is not is still written whole.
  expect(messages[0]).toMatchObject({ msg: { data: { map: {} } } });
  expect(messages.at(-1)).toMatchObject({ clientId, dir: "out", msg: { id: `m${outbound - 1}` } });
  expect(events.find((e) => e.kind === "client-updated")).toMatchObject({ clientId, patch: { state: "ready" } });

  // Only the newest messages are kept for replay, and a replay still finds them.
  const last = messages.at(-1)!;
  const replayed = await hook.command({
    kind: "replay",
    clientId,
    messageId: last.kind === "message" ? last.messageId : 0,
  });
  expect(replayed).toMatchObject({ ok: true });
  const first = messages[1];
  const forgotten = await hook.command({
    kind: "replay",
    clientId,
    messageId: first.kind === "message" ? first.messageId : 0,
  });
  expect(forgotten).toMatchObject({ ok: false, error: expect.stringContaining("no longer kept") });
});

it("runs the panel's rules on messages in flight, after the page replaced the builtins", async () => {
  const app = plainClient();
  adoptClient(app.client, "registry");
  hook.relay({
    kind: "rules",
    rules: [
      {
        id: "drop-secrets",
        enabled: true,
        match: { direction: "in", type: "server-message", data: "/secret\\d/i" },
        action: "drop",
      },
    ],
  });
  // A command answered after the rules is the barrier: the port delivers in order.
  await hook.command({ kind: "settle-paused", messageId: 0, outcome: "drop" });
  const secret = { type: "server-message", data: { text: "SECRET7" } };
  const plain = { type: "server-message", data: { text: "public" } };
  const { calls } = withReplacedBuiltins(() => {
    (app.transport._onMessage as (msg: unknown) => void)(secret);
    (app.transport._onMessage as (msg: unknown) => void)(plain);
    flush();
  });
  hook.relay({ kind: "panel-closed" });
  expect(calls).toEqual([]);
  expect(app.received).toEqual([plain]);
  const events = await hook.drain();
  expect(events.filter((e) => e.kind === "hook-error")).toEqual([]);
  expect(events.filter((e) => e.kind === "message").map((e) => e.kind === "message" && [e.msg.data, e.rule])).toEqual([
    [secret.data, { ruleId: "drop-secrets", effect: "dropped" }],
    [plain.data, undefined],
  ]);
});

/** A Pipecat WebSocket `message` frame (protobuf Frame.message.data) carrying `json`, lengths under 128. */
function messageFrame(json: string): Uint8Array {
  const data = new TextEncoder().encode(json);
  return new Uint8Array([0x22, data.length + 2, 0x0a, data.length, ...data]);
}

it("reads a socket's frames off the wire both ways, after the page replaced the builtins", async () => {
  const socket = new FakeWebSocket();
  const outbound = messageFrame('{"label":"rtvi-ai","type":"client-ready","id":"w1"}');
  const inbound = messageFrame('{"label":"rtvi-ai","type":"bot-ready","id":"w1"}').buffer;
  const audio = new Uint8Array([0x12, 0x02, 0x0a, 0x00]);
  const event = new MessageEvent("message", { data: inbound });
  const view = new DataView(outbound.buffer); // a page may send any view of its bytes
  const { calls } = withReplacedBuiltins(() => {
    socket.send(view);
    socket.send(audio);
    socket.dispatchEvent(event);
    flush();
  });
  expect(calls).toEqual([]);
  expect(socket.sent).toBe(2);
  const events = await hook.drain();
  expect(events.filter((e) => e.kind === "hook-error")).toEqual([]);
  expect(
    events.filter((e) => e.kind === "message").map((e) => e.kind === "message" && `${e.dir} ${e.level} ${e.msg.type}`),
  ).toEqual(["out wire client-ready", "in wire bot-ready"]);
});

it("logs a frame a WebSocket transport drops, after the page replaced the builtins", async () => {
  const app = plainClient();
  // websocket-transport's shape (src/hook/recognition.ts): a serializer whose deserialize fails,
  // as it does on an interruption frame, with a promise made before the page replaced anything.
  const failed = Promise.reject(new Error("Unknown frame kind"));
  failed.catch(() => undefined);
  app.transport._ws = null;
  app.transport._serializer = { deserialize: () => failed };
  // An interruption frame (Frame.interruption = 5) named "InterruptionFrame", as bytes: reading
  // a Blob is the platform's code (happy-dom's here), which this harness cannot tell apart.
  const frame = new Uint8Array([0x2a, 0x13, 0x12, 0x11, ...new TextEncoder().encode("InterruptionFrame")]);
  let handedBack: unknown;
  // The page's builtins stay replaced across the hook's reaction to the failure: from a timer,
  // so that the test runner, which chains on this test's own promise, is not running meanwhile.
  const calls = await new Promise<string[]>((resolve, reject) => {
    setTimeout(async () => {
      const page = replaceBuiltins();
      try {
        adoptClient(app.client, "registry");
        handedBack = (app.transport._serializer as { deserialize(data: Uint8Array): unknown }).deserialize(frame);
        await undefined; // the hook's reaction, queued first, has run
        flush();
        resolve(page.calls);
      } catch (error) {
        reject(error);
      } finally {
        page.restore();
      }
    });
  });
  expect(calls).toEqual([]);
  expect(handedBack).toBe(failed);
  const events = await hook.drain();
  expect(events.filter((e) => e.kind === "hook-error")).toEqual([]);
  const added = events.find((e) => e.kind === "client-added");
  const clientId = added?.kind === "client-added" ? added.client.clientId : "";
  expect(events.filter((e) => e.kind === "message")).toEqual([
    expect.objectContaining({
      clientId,
      dir: "in",
      level: "wire",
      msg: { type: "interruption", data: { name: "InterruptionFrame" } },
      undelivered: "websocket-transport could not decode this frame and dropped it: Unknown frame kind",
    }),
  ]);
});
