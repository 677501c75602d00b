// Runs in vitest's unit project. The explanation of what ran for an inbound message
// (panel/handlers/explain.ts), from the facts the page hook reports, taken here off a real
// client-js 1.13.1 client driven through a transport with no network: the events the client
// emitted while it handled the message, each with its listener count then (the hook's
// `emitted`), and the callbacks and listener counts the client holds (the hook's answer to
// describe-handlers). Also what the Connection view lists of what an app registered, off a real
// client-js 1.10.0 (from the demo page that pins it, as test/hook/versions.test.ts takes it).
import { describe, expect, it } from "vitest";
import * as clientJs113 from "@pipecat-ai/client-js";
import { type PipecatClient, RTVIEvent } from "@pipecat-ai/client-js";
import * as clientJs110 from "../../demo/client-js-1.10/node_modules/@pipecat-ai/client-js";
import { inTestTransportClass } from "../support/inTestTransport";
import { describeRegistered, explainHandling, type EmittedEvent, type HandledRow } from "../../panel/handlers/explain";
import type { HandlersNow } from "../../panel/handlers/describeHandlers";

const V113 = { clientVersion: "1.13.1", foundBy: "trap" };

interface Watched {
  client: PipecatClient;
  /** Plays one inbound message; returns the events the client emitted meanwhile, with their listeners then. */
  receive(type: string, data?: unknown): EmittedEvent[];
  /** The client's handlers, as the hook's describe-handlers reads them. */
  handlers(): HandlersNow;
}

function watchedClient(
  callbacks: Record<string, (...args: never[]) => unknown> = {},
  clientJs: typeof clientJs113 = clientJs113,
): Watched {
  const transport = new (inTestTransportClass(clientJs))();
  const client = new clientJs.PipecatClient({ transport, callbacks });
  client.setLogLevel(clientJs.LogLevel.NONE);
  let emitted: EmittedEvent[] = [];
  const emit = client.emit as (this: unknown, event: string, ...args: unknown[]) => boolean;
  client.emit = function (this: PipecatClient, event: string, ...args: unknown[]) {
    emitted.push({ event, listeners: this.listenerCount(event as RTVIEvent) });
    return emit.call(this, event, ...args);
  } as typeof client.emit;
  return {
    client,
    receive(type, data = {}) {
      emitted = [];
      transport.receive({ type, id: "m1", data });
      return emitted;
    },
    handlers() {
      const options = (client as unknown as { _options: { callbacks: Record<string, unknown> } })._options;
      return {
        callbacks: Object.keys(options.callbacks)
          .filter((name) => typeof options.callbacks[name] === "function")
          .sort(),
        listeners: client
          .eventNames()
          .map((event) => ({ event: String(event), count: client.listenerCount(event as RTVIEvent) }))
          .filter(({ count }) => count > 0),
      };
    },
  };
}

const inbound = (type: string, emitted?: readonly EmittedEvent[]): HandledRow => ({
  dir: "in",
  level: "client",
  type,
  emitted,
});

describe("what ran for an inbound message", () => {
  it("names the onServerMessage callback and the serverMessage listeners that ran", () => {
    const seen: unknown[] = [];
    const page = watchedClient({ onServerMessage: (data: never) => void seen.push(data) });
    page.client.on(RTVIEvent.ServerMessage, () => undefined);
    page.client.on(RTVIEvent.ServerMessage, () => undefined);
    const emitted = page.receive("server-message", { hello: 1 });
    expect(seen).toEqual([{ hello: 1 }]);
    expect(explainHandling(inbound("server-message", emitted), V113, page.handlers())).toEqual({
      summary: "Ran: onServerMessage callback; 2 listeners for serverMessage",
      notes: [],
    });
  });

  it("says client-js 1.13 drops bot-interrupted without an event or callback", () => {
    const page = watchedClient({ onServerMessage: () => undefined });
    page.client.on(RTVIEvent.ServerMessage, () => undefined);
    const emitted = page.receive("bot-interrupted");
    expect(emitted).toEqual([]);
    expect(explainHandling(inbound("bot-interrupted", emitted), V113, page.handlers())?.summary).toBe(
      "Nothing ran: client-js 1.13 drops bot-interrupted without an event or callback",
    );
  });

  it("says no listener and no callback ran for a server-message the app registered nothing for", () => {
    const page = watchedClient();
    const emitted = page.receive("server-message");
    expect(explainHandling(inbound("server-message", emitted), V113, page.handlers())?.summary).toBe(
      "Nothing ran: no listener for serverMessage and no onServerMessage callback",
    );
  });

  it("says a server-response answers the sendClientRequest promise, and that serverResponse listeners never run", () => {
    const page = watchedClient();
    page.client.on(RTVIEvent.ServerResponse, () => undefined);
    const emitted = page.receive("server-response");
    expect(explainHandling(inbound("server-response", emitted), V113, page.handlers())).toEqual({
      summary: "Nothing ran: client-js 1.13 answers the app's sendClientRequest promise instead of an event",
      notes: ["The 1 listener for serverResponse never run: client-js 1.13 never emits serverResponse."],
    });
  });

  it("says an onBotReady is wrapped, and that a botReady listener added later missed it", () => {
    const page = watchedClient({ onBotReady: () => undefined });
    const emitted = page.receive("bot-ready", { version: "2.1.0" });
    page.client.on(RTVIEvent.BotReady, () => undefined);
    expect(explainHandling(inbound("bot-ready", emitted), V113, page.handlers())).toEqual({
      summary: "No listener for botReady",
      notes: [
        "client-js 1.13 first resolves the promise connect() returned.",
        "client-js 1.13 calls your onBotReady if you passed one; it wraps it, so whether you did is not visible here.",
        "There is 1 listener for botReady now: added after this message came, so it missed it.",
        "connect() resolves on bot-ready, so a listener added after awaiting it comes too late for botReady.",
      ],
    });
  });

  it("says the event was never emitted when the callback client-js calls first threw", () => {
    const page = watchedClient({
      onServerMessage: () => {
        throw new Error("app bug");
      },
    });
    page.client.on(RTVIEvent.ServerMessage, () => undefined);
    let emitted: EmittedEvent[] = [];
    expect(() => {
      emitted = page.receive("server-message");
    }).toThrow("app bug");
    const explanation = explainHandling(inbound("server-message", emitted), V113, page.handlers());
    expect(explanation?.summary).toBe("Nothing emitted: client-js 1.13 did not emit serverMessage for it");
    expect(explanation?.notes).toContain(
      "Its handling stopped before the event: most likely the onServerMessage callback, which client-js 1.13 calls first, threw (the page's console shows the error).",
    );
  });

  it("says whether a callback ran is unknown while the page has not answered", () => {
    const page = watchedClient({ onServerMessage: () => undefined });
    const emitted = page.receive("server-message");
    expect(explainHandling(inbound("server-message", emitted), V113, undefined)).toEqual({
      summary: "No listener for serverMessage",
      notes: ["Whether you passed an onServerMessage callback is not known here."],
    });
  });

  it("reads each client at its own release: user-llm-text is dropped by 1.10 and handed over by 1.13", () => {
    const page = watchedClient();
    page.client.on(RTVIEvent.UserLlmText, () => undefined);
    const emitted = page.receive("user-llm-text", { text: "hi" });
    expect(explainHandling(inbound("user-llm-text", emitted), V113, page.handlers())?.summary).toBe(
      "Ran: 1 listener for userLlmText",
    );
    expect(explainHandling(inbound("user-llm-text", []), { clientVersion: "1.10.0" }, undefined)?.summary).toBe(
      "Nothing ran: client-js 1.10 drops user-llm-text without an event or callback",
    );
  });

  it("says what client-js would run when the hook could not watch the client", () => {
    const page = watchedClient({ onMetrics: () => undefined });
    page.client.on(RTVIEvent.Metrics, () => undefined);
    expect(explainHandling(inbound("metrics"), V113, page.handlers())).toEqual({
      summary: "Not watched: client-js 1.13 calls onMetrics and emits metrics for metrics",
      notes: [
        "The hook could not watch what this client emitted while it handled the message.",
        "You passed onMetrics.",
        "There is 1 listener for metrics now.",
      ],
    });
  });

  it("says a frame the transport dropped, or one seen only on the wire, was not handled by the client", () => {
    const dropped: HandledRow = {
      dir: "in",
      level: "wire",
      type: "interruption",
      undelivered: "websocket-transport could not decode this frame and dropped it: Unknown frame kind",
    };
    expect(explainHandling(dropped, V113, undefined)).toEqual({
      summary: "Not handled by the client: seen on the wire only",
      notes: ["websocket-transport could not decode this frame and dropped it: Unknown frame kind"],
    });
    const lateHook = explainHandling({ dir: "in", level: "wire", type: "bot-ready" }, { foundBy: "wire" }, undefined);
    expect(lateHook?.summary).toBe("Not known: seen on the wire only");
  });

  it("says which release it read when the client's is unknown, newer or not described", () => {
    expect(explainHandling(inbound("bot-interrupted", []), {}, undefined)).toEqual({
      summary: "Nothing ran: client-js drops bot-interrupted without an event or callback",
      notes: ["This client's client-js version is not known: read as client-js 1.13 handles it."],
    });
    expect(explainHandling(inbound("bot-interrupted", []), { clientVersion: "1.14.0" }, undefined)?.notes).toEqual([
      "client-js 1.14 is newer than the releases checked (1.0 to 1.13): read as 1.13 handles it.",
    ]);
    expect(explainHandling(inbound("bot-ready", []), { clientVersion: "0.4.1" }, undefined)).toEqual({
      summary: "Nothing ran: the client emitted no event with a listener for it",
      notes: ["client-js 0.4.1 is not in the handler table, which covers client-js 1.0 to 1.13."],
    });
  });

  it("explains nothing for an outbound message", () => {
    expect(explainHandling({ dir: "out", level: "client", type: "client-ready" }, V113, undefined)).toBeUndefined();
  });
});

describe("what an app registered on its client", () => {
  it("lists the app's own callbacks apart from client-js's wrappers, and marks names client-js never calls or emits", () => {
    const page = watchedClient(
      { onServerMessage: () => undefined, onServerMesage: () => undefined },
      clientJs110 as unknown as typeof clientJs113,
    );
    page.client.on(RTVIEvent.ServerMessage, () => undefined);
    page.client.on(RTVIEvent.ServerResponse, () => undefined);
    page.client.on(RTVIEvent.UserLlmText, () => undefined);
    const registered = describeRegistered(page.handlers(), "1.10.0");
    expect(registered.callbacks).toEqual([
      {
        name: "onServerMesage",
        note: "client-js 1.10 never calls onServerMesage (a transport may call callbacks of its own): check its spelling.",
      },
      { name: "onServerMessage" },
    ]);
    expect(registered.wrapped).toContain("onBotReady");
    expect(registered.wrapped).not.toContain("onServerMessage");
    expect(registered.listeners).toEqual([
      { name: "serverMessage", count: 1 },
      {
        name: "serverResponse",
        count: 1,
        note: "client-js 1.10 never emits serverResponse: a server-response answers the app's sendClientRequest promise instead of an event.",
      },
      { name: "userLlmText", count: 1, note: "client-js 1.10 never emits userLlmText (client-js 1.13 does)." },
    ]);
  });
});
