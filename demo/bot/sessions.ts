/** One record per call of the start endpoint: what the client asked for and every RTVI message exchanged. */
import { randomBytes } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { BotMessage } from "./rtvi.ts";

const TRANSPORT_KINDS = ["websocket", "smallwebrtc"] as const;
export type TransportKind = (typeof TRANSPORT_KINDS)[number];

export function isTransportKind(value: unknown): value is TransportKind {
  return TRANSPORT_KINDS.includes(value as TransportKind);
}

export interface SessionRecord {
  id: string;
  transport: TransportKind;
  /** The JSON body of the start request (the client's `requestData`); null when there was none. */
  requestData: unknown;
  /** Every header of the start request, as Node received them (names in lower case). */
  headers: IncomingHttpHeaders;
  /** ISO 8601 time of the start request. */
  startedAt: string;
  /** Every message the bot got, in order, as parsed JSON (malformed ones included); not audio, pings or signalling. */
  received: unknown[];
  /** Every RTVI message the bot sent, in order. */
  sent: BotMessage[];
}

export class SessionStore {
  private readonly records = new Map<string, SessionRecord>();

  create(transport: TransportKind, requestData: unknown, headers: IncomingHttpHeaders): SessionRecord {
    const record: SessionRecord = {
      id: randomBytes(8).toString("hex"),
      transport,
      requestData,
      headers: { ...headers },
      startedAt: new Date().toISOString(),
      received: [],
      sent: [],
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
