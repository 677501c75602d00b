// The composer's parts without a component: the command builder (every command it builds,
// every message a field shows, nothing built for a draft with an error), the readiness rules
// that decide which buttons work, and the drafts' state.
import { effect } from "@preact/signals";
import { describe, expect, it } from "vitest";
import { REQUEST_GRACE_MS, buildCommand, type ComposerAction } from "../../panel/composer/buildCommand";
import { DraftState, type Drafts } from "../../panel/composer/draft";
import { readiness, type Readiness } from "../../panel/composer/readiness";
import type { ClientView } from "../../panel/model/store";

const client: ClientView = {
  clientId: "c-1",
  key: "3:c-1",
  frameId: 3,
  transport: "websocket",
  foundBy: "trap",
  state: "ready",
  addedAt: 1,
  connections: [],
};
const READY: Readiness = {};

function drafts(patch: { [M in keyof Drafts]?: Partial<Drafts[M]> } = {}): Drafts {
  return {
    custom: { type: "", data: "", timeoutMs: "10000", ...patch.custom },
    text: { content: "", options: "{}", ...patch.text },
    "raw-out": { type: "", data: "{}", ...patch["raw-out"] },
    "raw-in": { type: "server-message", id: "", data: "{}", ...patch["raw-in"] },
  };
}

describe("buildCommand: commands", () => {
  it("sends a client message; empty data is no data, as sendClientMessage(type) sends", () => {
    expect(
      buildCommand(
        "send-message",
        drafts({ custom: { type: " set-language ", data: '{"language": "fr"}' } }),
        client,
        READY,
      ),
    ).toEqual({
      command: { kind: "send-message", clientId: "c-1", msgType: "set-language", data: { language: "fr" } },
      frameId: 3,
      label: "Sent set-language",
      timeoutMs: undefined,
    });
    const built = buildCommand("send-message", drafts({ custom: { type: "start-turn" } }), client, READY);
    expect(built).toMatchObject({ command: { kind: "send-message", msgType: "start-turn", data: undefined } });
  });

  it("sends a request with its timeout (10 000 ms when empty), and waits for it that long plus client-js's grace", () => {
    const built = buildCommand(
      "send-request",
      drafts({ custom: { type: "get-language", timeoutMs: " 2500 " } }),
      client,
      READY,
    );
    expect(built).toEqual({
      command: { kind: "send-request", clientId: "c-1", msgType: "get-language", data: {}, timeoutMs: 2500 },
      frameId: 3,
      label: "Sent get-language",
      timeoutMs: 2500 + REQUEST_GRACE_MS,
    });
    const defaulted = buildCommand(
      "send-request",
      drafts({ custom: { type: "get-language", timeoutMs: "" } }),
      client,
      READY,
    );
    expect(defaulted).toMatchObject({ command: { timeoutMs: 10_000 }, timeoutMs: 10_000 + REQUEST_GRACE_MS });
  });

  it("injects a server-message with the data, whatever the type field holds (even none)", () => {
    expect(
      buildCommand("inject-server-message", drafts({ custom: { type: "", data: '{"msg": "x"}' } }), client, READY),
    ).toMatchObject({
      command: { kind: "inject", clientId: "c-1", msg: { type: "server-message", data: { msg: "x" } } },
      label: "Injected server-message",
    });
    expect(buildCommand("inject-server-message", drafts(), client, READY)).toMatchObject({
      command: { msg: { type: "server-message", data: {} } },
    });
  });

  it("sends text as send-text with its options, kept as typed (spaces included)", () => {
    expect(
      buildCommand(
        "send-text",
        drafts({ text: { content: " Hi ", options: '{"audio_response": false}' } }),
        client,
        READY,
      ),
    ).toMatchObject({
      command: {
        kind: "send-raw",
        msg: { type: "send-text", data: { content: " Hi ", options: { audio_response: false } } },
      },
      label: "Sent send-text",
    });
  });

  it("sends a raw outbound message of any type, {} data when empty", () => {
    expect(buildCommand("send-raw", drafts({ "raw-out": { type: "dtmf", data: "" } }), client, READY)).toMatchObject({
      command: { kind: "send-raw", clientId: "c-1", msg: { type: "dtmf", data: {} } },
      label: "Sent dtmf",
    });
  });

  it("injects a raw inbound message with its id when given, and no data when empty", () => {
    const answer = drafts({ "raw-in": { type: "server-response", id: " beef0001 ", data: '{"t": "x", "d": {}}' } });
    expect(buildCommand("inject-raw", answer, client, READY)).toMatchObject({
      command: { kind: "inject", msg: { type: "server-response", id: "beef0001", data: { t: "x", d: {} } } },
      label: "Injected server-response",
    });
    const bare = buildCommand(
      "inject-raw",
      drafts({ "raw-in": { type: "bot-started-speaking", data: " " } }),
      client,
      READY,
    );
    expect(bare).toMatchObject({ command: { msg: { type: "bot-started-speaking" } } });
    expect("command" in bare && bare.command.kind === "inject" && Object.keys(bare.command.msg)).toEqual(["type"]);
  });
});

describe("buildCommand: bad input is reported by field, and nothing is built", () => {
  const cases: [string, ComposerAction, Drafts, Record<string, string | RegExp>][] = [
    ["an empty type", "send-message", drafts({ custom: { type: "  " } }), { type: "Enter a message type." }],
    ["an empty raw type", "send-raw", drafts({ "raw-out": { type: "" } }), { type: "Enter a message type." }],
    ["an empty inbound type", "inject-raw", drafts({ "raw-in": { type: "" } }), { type: "Enter a message type." }],
    [
      "invalid JSON, with its line and column",
      "send-message",
      drafts({ custom: { type: "set-language", data: '{\n  "language": fr-FR\n}' } }),
      { data: /^Invalid JSON at line 2, column 15: expected a value/ },
    ],
    [
      "invalid JSON in a request",
      "send-request",
      drafts({ custom: { type: "x", data: "{a: 1}" } }),
      { data: /^Invalid JSON at line 1, column 2: expected a property name in double quotes/ },
    ],
    [
      "invalid JSON injected as a server-message",
      "inject-server-message",
      drafts({ custom: { data: '{"a": 1,}' } }),
      { data: /^Invalid JSON at line 1, column 9: trailing comma/ },
    ],
    [
      "a negative timeout",
      "send-request",
      drafts({ custom: { type: "x", timeoutMs: "-5" } }),
      { timeout: "The timeout is a whole number of milliseconds above 0." },
    ],
    [
      "a zero timeout",
      "send-request",
      drafts({ custom: { type: "x", timeoutMs: "0" } }),
      { timeout: "The timeout is a whole number of milliseconds above 0." },
    ],
    [
      "a fractional timeout",
      "send-request",
      drafts({ custom: { type: "x", timeoutMs: "1.5" } }),
      { timeout: "The timeout is a whole number of milliseconds above 0." },
    ],
    [
      "a timeout that is no number",
      "send-request",
      drafts({ custom: { type: "x", timeoutMs: "10s" } }),
      { timeout: "The timeout is a whole number of milliseconds above 0." },
    ],
    ["empty text", "send-text", drafts({ text: { content: "" } }), { content: "Enter the text to send." }],
    [
      "invalid text options",
      "send-text",
      drafts({ text: { content: "hi", options: "{'a': 1}" } }),
      { options: /^Invalid JSON at line 1, column 2: / },
    ],
    [
      "every field wrong at once",
      "send-request",
      drafts({ custom: { type: "", data: "[1,", timeoutMs: "x" } }),
      { type: "Enter a message type.", data: /^Invalid JSON at line 1, column 4: /, timeout: /whole number/ },
    ],
    [
      "no text and invalid options",
      "send-text",
      drafts({ text: { content: "", options: "nope" } }),
      { content: "Enter the text to send.", options: /^Invalid JSON at line 1, column 1: expected a value/ },
    ],
  ];
  it.each(cases)("%s", (_, action, input, expected) => {
    const built = buildCommand(action, input, client, READY);
    expect(built).not.toHaveProperty("command");
    const errors = (built as { errors: Record<string, string> }).errors;
    expect(Object.keys(errors).sort()).toEqual(Object.keys(expected).sort());
    for (const [field, message] of Object.entries(expected)) {
      if (typeof message === "string") expect(errors[field]).toBe(message);
      else expect(errors[field]).toMatch(message);
    }
  });
});

describe("buildCommand: a client that cannot take the action", () => {
  const notReady = readiness({ ...client, state: "connecting" }, { live: true, listed: true });

  it("builds no send for a client that is not ready, with the reason; an injection still goes", () => {
    const custom = drafts({ custom: { type: "x" } });
    for (const action of ["send-message", "send-request", "send-text", "send-raw"] as const) {
      expect(buildCommand(action, custom, client, notReady)).toEqual({ blocked: notReady.send });
    }
    expect(buildCommand("inject-server-message", custom, client, notReady)).toHaveProperty("command");
    expect(buildCommand("inject-raw", custom, client, notReady)).toHaveProperty("command");
  });

  it("reports the block before any field problem", () => {
    const none = readiness(undefined, { live: true, listed: false });
    expect(buildCommand("send-message", drafts(), undefined, none)).toEqual({ blocked: none.send });
    expect(buildCommand("inject-raw", drafts(), undefined, none)).toEqual({ blocked: none.inject });
  });

  it("builds nothing without a client, whatever the readiness given", () => {
    expect(buildCommand("inject-raw", drafts(), undefined, READY)).toEqual({ blocked: "No client selected." });
  });
});

describe("readiness", () => {
  const place = { live: true, listed: true };
  it("allows everything for a ready client in the live session", () => {
    expect(readiness(client, place)).toEqual({});
  });
  it("allows injecting only, with the reason, for a client that is not ready", () => {
    const found = readiness({ ...client, state: "connecting" }, place);
    expect(found.inject).toBeUndefined();
    expect(found.send).toBe(
      "Sending needs a ready client; c-1 is connecting (client-js would throw BotNotReadyError). Injecting still works.",
    );
    expect(readiness({ ...client, state: undefined }, place).send).toContain("c-1 is in an unknown state");
  });
  it.each([
    [
      "a session from a file",
      client,
      { live: false, listed: true },
      /^You are viewing a session from a file: nothing can be sent/,
    ],
    ["no client", undefined, place, /^No client selected: the composer sends through the selected PipecatClient/],
    ["a client no longer listed", client, { live: true, listed: false }, /^Client c-1 is gone/],
    ["a removed client", { ...client, removedAt: 5 }, place, /^Client c-1 is gone/],
    [
      "a client seen on the wire only",
      { ...client, foundBy: "wire" as const },
      place,
      /^Client c-1 is only seen on the wire/,
    ],
  ])("blocks both for %s", (_, who, where, reason) => {
    const found = readiness(who, where);
    expect(found.send).toMatch(reason);
    expect(found.inject).toBe(found.send);
  });
});

describe("DraftState", () => {
  it("patches one mode as the user types, and fills a mode from elsewhere (bumping `filled`, showing that mode)", () => {
    const state = new DraftState();
    const seen: number[] = [];
    const stop = effect(() => void seen.push(state.value.filled));
    state.update("custom", { type: "set-language" });
    state.fill("raw-out", { type: "dtmf" });
    stop();
    expect(state.peek().mode).toBe("raw-out");
    expect(state.peek().drafts.custom.type).toBe("set-language");
    expect(state.peek().drafts["raw-out"]).toEqual({ type: "dtmf", data: "{}" });
    expect(seen).toEqual([0, 0, 1]);
    expect(state.saved()).toEqual({ mode: "raw-out", values: { type: "dtmf", data: "{}" } });
  });

  it("forgets the request it answers once the user edits the id, not the data", () => {
    const state = new DraftState();
    const answering = { rtviId: "beef0001", requestType: "x", clientKey: "3:c-1" };
    state.fill("raw-in", { type: "server-response", id: "beef0001" }, answering);
    state.update("raw-in", { data: "{}" });
    expect(state.peek().answering).toEqual(answering);
    state.update("raw-in", { id: "other" });
    expect(state.peek().answering).toBeUndefined();
  });
});
