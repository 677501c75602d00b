// Test data (Node, vitest): one event of each kind as the page hook emits it (src/hook/hook.ts,
// src/hook/clients.ts, src/hook/outbox.ts), and which of its fields the validators bound how,
// for the table-driven tests in test/shared/forgedEvents.test.ts.
import type { PageToPanel, PageToPanelKind } from "../../src/shared/protocol";

/** How a field is bounded (PAGE_LIMITS in src/shared/protocol/limits.ts). */
/** `object`: a strict object of declared keys; `json`: any JSON the page chose, bounded in depth and size. */
export type FieldRule = "id" | "short" | "text" | "time" | "count" | "boolean" | "object" | "json";

export interface Sample {
  event: PageToPanel;
  /** Paths (dot-separated) of the fields the hook always sends, and how each is bounded. */
  required: Record<string, FieldRule>;
  /** The same for fields it sends only sometimes: each is present in `event`. */
  optional: Record<string, FieldRule>;
}

const t = 1_796_607_973_168.4;

export const SAMPLES: Record<PageToPanelKind, Sample> = {
  "hook-ready": {
    event: { kind: "hook-ready", t, url: "http://localhost:5173/", isTop: true, hookVersion: "0.1.0", late: false },
    required: { t: "time", url: "text", isTop: "boolean", hookVersion: "short", late: "boolean" },
    optional: {},
  },
  "client-added": {
    event: {
      kind: "client-added",
      t,
      client: {
        clientId: "2ikb-1",
        transport: "smallwebrtc",
        foundBy: "trap",
        state: "ready",
        clientVersion: "1.13.1",
      },
    },
    required: { t: "time", client: "object", "client.clientId": "id" },
    optional: { "client.state": "short", "client.clientVersion": "short" },
  },
  "client-updated": {
    event: { kind: "client-updated", t, clientId: "2ikb-1", patch: { state: "connected" } },
    required: { t: "time", clientId: "id", patch: "object", "patch.state": "short" },
    optional: {},
  },
  "client-removed": {
    event: { kind: "client-removed", t, clientId: "2ikb-w1" },
    required: { t: "time", clientId: "id" },
    optional: {},
  },
  message: {
    event: {
      kind: "message",
      messageId: 7,
      t,
      clientId: "2ikb-1",
      dir: "out",
      level: "client",
      size: 300_000,
      truncated: true,
      origin: "devtools",
      request: { timeoutMs: 10_000 },
      rule: { ruleId: "r-1", effect: "delayed", delayMs: 500 },
      emitted: [{ event: "serverMessage", listeners: 2 }],
      msg: {
        label: "rtvi-ai",
        type: "client-message",
        id: "c11a3fa4",
        data: { t: "set-language", d: { language: "fr" } },
      },
    },
    required: {
      messageId: "count",
      t: "time",
      clientId: "id",
      msg: "object",
      "msg.type": "short",
      "request.timeoutMs": "time",
      "rule.ruleId": "id",
      "emitted.0.event": "short",
      "emitted.0.listeners": "count",
    },
    optional: {
      size: "count",
      truncated: "boolean",
      request: "object",
      "msg.label": "short",
      "msg.data": "json",
      rule: "object",
      "rule.delayMs": "count",
    },
  },
  "pause-ended": {
    event: {
      kind: "pause-ended",
      t,
      clientId: "2ikb-1",
      messageId: 7,
      outcome: "edited",
      msg: { label: "rtvi-ai", type: "client-message", id: "c11a3fa4", data: { t: "set-language", d: {} } },
    },
    required: { t: "time", clientId: "id", messageId: "count", "msg.type": "short" },
    optional: { msg: "object", "msg.data": "json" },
  },
  "request-timeout": {
    event: { kind: "request-timeout", t, clientId: "2ikb-1", requestId: "9f1c2e07" },
    required: { t: "time", clientId: "id", requestId: "id" },
    optional: {},
  },
  "request-rejected": {
    event: {
      kind: "request-rejected",
      t,
      clientId: "2ikb-1",
      requestId: "9f1c2e07",
      reason: "Disconnected before response was received",
    },
    required: { t: "time", clientId: "id", requestId: "id", reason: "text" },
    optional: {},
  },
  connection: {
    event: {
      kind: "connection",
      t,
      clientId: "2ikb-1",
      endpoint: "http://localhost:7860/start",
      method: "POST",
      requestData: { createDailyRoom: true, body: { voice: "alloy" } },
      headers: [["Authorization", "Bearer abc"]],
      durationMs: 182.5,
      response: { room_url: "https://example.daily.co/r", token: "xyz" },
    },
    required: { t: "time", clientId: "id", endpoint: "text" },
    optional: { method: "short", requestData: "json", durationMs: "time", response: "json" },
  },
  "hook-error": {
    event: {
      kind: "hook-error",
      t,
      where: "outbound capture",
      message: "Cannot read properties of undefined (reading 'id')",
    },
    required: { t: "time", where: "short", message: "text" },
    optional: {},
  },
  dropped: {
    event: { kind: "dropped", t, count: 12 },
    required: { t: "time", count: "count" },
    optional: {},
  },
  "command-result": {
    event: {
      kind: "command-result",
      t,
      commandId: "cmd-3",
      ok: false,
      error: "No client 2ikb-9 in this frame",
      value: { language: "fr" },
    },
    required: { t: "time", commandId: "id", ok: "boolean" },
    optional: { error: "text", value: "json" },
  },
};

/** A deep copy with `value` at `path` (undefined removes the field). */
export function withField(event: unknown, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(event) as Record<string, unknown>;
  const keys = path.split(".");
  let parent = copy;
  for (const key of keys.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  const last = keys[keys.length - 1];
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return copy;
}

/** A JSON value nested `levels` deep (arrays in arrays), parsed from text as a batch would be. */
export function nested(levels: number): unknown {
  return JSON.parse(`${"[".repeat(levels)}${"]".repeat(levels)}`);
}
