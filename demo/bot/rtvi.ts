/** The RTVI envelope, as the demo bot receives and sends it. */
import { randomBytes } from "node:crypto";

const RTVI_LABEL = "rtvi-ai";

export interface RtviMessage<Data = unknown> {
  label: typeof RTVI_LABEL;
  type: string;
  id: string;
  data: Data;
}

/**
 * What the bot sends. A real Pipecat server dumps its messages without None fields: only
 * bot-ready, server-response and error-response carry an `id` (the request's), observer events
 * have none, and events without a payload have no `data` (test/shared/fixtures/real-pipecat-text-session.json).
 */
export interface BotMessage {
  label: typeof RTVI_LABEL;
  type: string;
  id?: string;
  data?: unknown;
}

/** A fresh message id: 8 hex characters, the same shape client-js uses. */
export function newMessageId(): string {
  return randomBytes(4).toString("hex");
}

export function rtviMessage<Data>(type: string, data: Data, id = newMessageId()): RtviMessage<Data> {
  return { label: RTVI_LABEL, type, id, data };
}

/**
 * The message as an RTVI envelope, or undefined when it is not one. Like the
 * Pipecat server, the bot requires a label, a type and an id on everything the
 * client sends, and `data` to be an object when present.
 */
export function asRtviMessage(value: unknown): RtviMessage<Record<string, unknown> | null> | undefined {
  if (!isObject(value)) return undefined;
  const { label, type, id, data } = value;
  if (label !== RTVI_LABEL || typeof type !== "string" || typeof id !== "string" || id === "") {
    return undefined;
  }
  if (data !== undefined && data !== null && !isObject(data)) return undefined;
  return { label, type, id, data: data ?? null };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An event with no id: `data` only when there is a payload. */
export function botEvent(type: string, data?: object): BotMessage {
  return data === undefined ? { label: RTVI_LABEL, type } : { label: RTVI_LABEL, type, data };
}

/** Inbound text as parsed JSON, or the text itself when it is not JSON (the bot answers that with an error). */
export function parseInbound(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
