/**
 * Runs in the demo bot (Node): one record per call of the start endpoint, what the client asked
 * for and every RTVI message exchanged, with the time each was received or sent (so tests can
 * compare what the panel measured with what the bot actually did, late timers and all).
 */
import { randomBytes } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { BotMessage } from "./rtvi.ts";

const TRANSPORT_KINDS = ["websocket", "smallwebrtc"] as const;
export type TransportKind = (typeof TRANSPORT_KINDS)[number];

export function isTransportKind(value: unknown): value is TransportKind {
  return TRANSPORT_KINDS.includes(value as TransportKind);
}

/** A session's transport: one of /api/start's, or Daily, which only the runner's `/start` starts. */
export type SessionTransport = TransportKind | "daily";

export interface SessionRecord {
  id: string;
  transport: SessionTransport;
  /** The JSON body of the start request (the client's `requestData`); null when there was none. */
  requestData: unknown;
  /** Every header of the start request, as Node received them (names in lower case). */
  headers: IncomingHttpHeaders;
  /** ISO 8601 time of the start request. */
  startedAt: string;
  /** Every message the bot got, in order, as parsed JSON (malformed ones included); not audio, pings or signalling. */
  received: unknown[];
  /** Date.now() when each of `received` arrived, same order. */
  receivedAt: number[];
  /** Every RTVI message the bot sent, in order. */
  sent: BotMessage[];
  /** Date.now() when each of `sent` was handed to the transport, same order. */
  sentAt: number[];
}

/**
 * An array whose `push` also notes the time in `times`: the bot (script.ts) pushes each message
 * just before it hands it over or right as it arrives. The `push` is an own, non-enumerable
 * property, so the array still serializes and compares as a plain one.
 */
function timedLog<T>(times: number[]): T[] {
  const log: T[] = [];
  Object.defineProperty(log, "push", {
    value: (...items: T[]): number => {
      const now = Date.now();
      for (let i = 0; i < items.length; i++) times.push(now);
      return Array.prototype.push.apply(log, items);
    },
  });
  return log;
}

export class SessionStore {
  private readonly records = new Map<string, SessionRecord>();

  create(transport: SessionTransport, requestData: unknown, headers: IncomingHttpHeaders): SessionRecord {
    const receivedAt: number[] = [];
    const sentAt: number[] = [];
    const record: SessionRecord = {
      id: randomBytes(8).toString("hex"),
      transport,
      requestData,
      headers: { ...headers },
      startedAt: new Date().toISOString(),
      received: timedLog(receivedAt),
      receivedAt,
      sent: timedLog(sentAt),
      sentAt,
    };
    this.records.set(record.id, record);
    return record;
  }

  get(id: string): SessionRecord | undefined {
    return this.records.get(id);
  }

  /** The live records (not copies), oldest first. */
  list(): SessionRecord[] {
    return [...this.records.values()];
  }
}
