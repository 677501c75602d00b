// Unit tests (Node, vitest): the guards of the envelopes each hop between page and background
// wraps events and commands in (src/shared/protocol/hops.ts, panelToPage.ts; the hook reads
// RelayToHook unchecked, it cannot carry valibot, so its schema is tested as such), table-driven:
// what each hop really sends passes; wrong types, missing and extra keys, prototype keys and
// ids past their bound do not.
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import {
  isBackgroundToRelay,
  isHookToRelay,
  isRelayToBackground,
  PAGE_LIMITS,
  panelToPageSchema,
  relayToHookSchema,
} from "../../src/shared/protocol";

const events = '[{"kind":"dropped","t":1,"count":2}]';
const sendText = {
  kind: "send-raw",
  clientId: "2ikb-1",
  msg: { type: "send-text", data: { content: "hi", options: {} } },
};
const withProto = (value: object) => JSON.parse(`{"__proto__":{},${JSON.stringify(value).slice(1)}`);

const tables: [string, (value: unknown) => boolean, object[], unknown[]][] = [
  [
    "HookToRelay",
    isHookToRelay,
    [
      { kind: "batch", count: 1, events },
      { kind: "batch", count: 0, events: "[]", keep: true },
    ],
    [
      { kind: "batch", count: -1, events },
      { kind: "batch", count: 1.5, events },
      { kind: "batch", count: "1", events },
      { kind: "batch", count: 1, events: [] },
      { kind: "batch", count: 1, events, keep: "yes" },
      { kind: "batch", count: 1, events, frameId: 0 },
      { kind: "ack", count: 1, events },
    ],
  ],
  [
    "RelayToBackground",
    isRelayToBackground,
    [
      { kind: "batch", relayId: "r-1", seq: 0, count: 1, events },
      { kind: "batch", relayId: "r-1", seq: 9, count: 1, events, dropped: 4, keep: true },
    ],
    [
      { kind: "batch", relayId: "", seq: 0, count: 1, events },
      { kind: "batch", relayId: "r".repeat(PAGE_LIMITS.idChars + 1), seq: 0, count: 1, events },
      { kind: "batch", relayId: "r-1", seq: Number.NaN, count: 1, events },
      { kind: "batch", relayId: "r-1", seq: 0, count: 1, events, dropped: -4 },
      { kind: "batch", relayId: "r-1", seq: 0, count: 1, events, tabId: 3 },
      { kind: "batch", relayId: "r-1", seq: 0, count: 1 },
    ],
  ],
  [
    "BackgroundToRelay",
    isBackgroundToRelay,
    [
      { kind: "ack", seq: 3 },
      { kind: "command", commandId: "c-1", command: sendText },
    ],
    [
      { kind: "ack", seq: "3" },
      { kind: "ack", seq: 3, frameId: 0 },
      { kind: "command", commandId: "c-1", command: {} },
      { kind: "command", commandId: "c-1", command: { ...sendText, frameId: 2 } },
      { kind: "command", commandId: 1, command: sendText },
    ],
  ],
  [
    "RelayToHook",
    (value) => v.is(relayToHookSchema, value),
    [{ kind: "relay-ready" }, { kind: "command", commandId: "c-1", command: sendText }],
    [{ kind: "relay-ready", node: 1 }, { kind: "command", commandId: "c-1" }, { kind: "ready" }],
  ],
  [
    "PanelToPage",
    (value) => v.is(panelToPageSchema, value),
    [
      sendText,
      { kind: "send-message", clientId: "c", msgType: "set-language", data: { language: "fr" } },
      { kind: "send-message", clientId: "c", msgType: "ping" },
      { kind: "send-request", clientId: "c", msgType: "get-language", data: {}, timeoutMs: 4_000 },
      { kind: "inject", clientId: "c", msg: { label: "rtvi-ai", type: "server-response", id: "a1", data: { t: "x" } } },
      { kind: "replay", clientId: "c", messageId: 12 },
      { kind: "replay", clientId: "c", messageId: 12, msg: { type: "client-message", data: { t: "x" } } },
    ],
    [
      { kind: "send-request", clientId: "c", msgType: "get-language", data: {}, timeoutMs: Number.POSITIVE_INFINITY },
      { kind: "send-raw", clientId: "c", msg: { data: {} } },
      JSON.parse('{"kind":"send-raw","clientId":"c","msg":{"type":"x","__proto__":{}}}'),
      { kind: "replay", clientId: "c", messageId: -1 },
      { kind: "eval", clientId: "c", code: "1" },
    ],
  ],
];

describe.each(tables)("%s", (_name, guard, valid, forged) => {
  it.each(valid.map((value) => [JSON.stringify(value), value]))("accepts %s", (_json, value) => {
    expect(guard(value)).toBe(true);
    // What crosses a port is JSON: the same value after a round trip passes too.
    expect(guard(JSON.parse(JSON.stringify(value)))).toBe(true);
  });

  it.each(valid.map((value) => [JSON.stringify(value), value]))(
    "rejects %s with an own __proto__ key",
    (_json, value) => {
      expect(guard(withProto(value))).toBe(false);
    },
  );

  it.each(forged.map((value) => [JSON.stringify(value), value]))("rejects %s", (_json, value) => {
    expect(guard(value)).toBe(false);
  });

  it.each([null, undefined, "batch", 3, []])("rejects %s", (value) => {
    expect(guard(value)).toBe(false);
  });
});
