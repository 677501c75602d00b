// Runs in the panel. Pairs each outbound request with its answer by the client and the RTVI
// id, keeps the set of requests still waiting (what "Respond…" looks through on every render),
// and notes when the client settled a request itself with no answer on the wire: client-js's
// timeout, or newer clients' rejection on disconnect / clearQueue, with its reason (the hook
// reports both: src/hook/clientInstrumentation.ts). Such a request was never answered by the bot.
import type { MessageRow } from "./rowLog";

/**
 * What client-js's own timeout rejects a request with (MessageDispatcher._gc,
 * docs/client-js-internals.md, "Requests a client settles itself"): such a rejection is shown as
 * a timeout. Sessions saved before the hook reported reasons name timeouts by a
 * `request-timeout` event instead.
 */
export const CLIENT_TIMEOUT_REASON = "Timed out waiting for response";

/** A request and its answer, as far as they are known. */
export interface RequestPair {
  request?: MessageRow;
  answer?: MessageRow;
  /** When client-js gave up waiting. */
  timedOutAt?: number;
  /** When and why the client rejected it itself (its disconnect, its clearQueue). */
  rejected?: { at: number; reason: string };
}

export type RequestState =
  | { state: "pending"; request: MessageRow }
  | { state: "answered" | "failed"; request: MessageRow; answer: MessageRow; latencyMs: number }
  | { state: "timed-out"; request: MessageRow; at: number }
  | { state: "rejected"; request: MessageRow; at: number; reason: string };

/** The answers a request can get; each names the request by its id. */
const ANSWER_TYPES = new Set(["server-response", "error-response", "bot-ready", "append-to-context-result"]);
/** Outbound types that always get an answer, whatever the client says. */
const ALWAYS_ANSWERED = new Set(["client-ready"]);

/** An outbound message the bot is expected to answer: a request client-js awaits, or one of ALWAYS_ANSWERED. */
function awaitsAnswer(row: MessageRow): boolean {
  return Boolean(row.request) || ALWAYS_ANSWERED.has(row.type);
}

function pairKey(clientKeyText: string, rtviId: string): string {
  return `${clientKeyText}|${rtviId}`;
}

export class RequestPairs {
  private readonly pairs = new Map<string, RequestPair>();
  /** The pairs whose request still waits. */
  private readonly waiting = new Set<RequestPair>();

  /** Takes a message row that has an RTVI id: a request opens a pair, an answer closes one. */
  add(row: MessageRow, rtviId: string): void {
    const key = pairKey(row.clientKey, rtviId);
    if (row.dir === "out") {
      // client-js gives every message a fresh id, a replay included: a repeated id is a new
      // request all the same.
      const replaced = this.pairs.get(key);
      if (replaced) this.waiting.delete(replaced);
      const pair: RequestPair = { request: row };
      this.pairs.set(key, pair);
      if (awaitsAnswer(row)) this.waiting.add(pair);
      return;
    }
    if (!ANSWER_TYPES.has(row.type)) return;
    const pair = this.pairs.get(key);
    // A request the client already settled itself takes no answer: a late one is not its answer.
    if (pair?.request && !pair.answer && !pair.rejected) {
      pair.answer = row;
      this.waiting.delete(pair);
    }
  }

  /** client-js gave up on a request of this client. */
  timedOut(clientKeyText: string, requestId: string, t: number): void {
    const pair = this.pairs.get(pairKey(clientKeyText, requestId));
    if (pair && !pair.answer) {
      pair.timedOutAt = t;
      this.waiting.delete(pair);
    }
  }

  /** The client rejected a request of this client itself, without an answer from the bot. */
  rejectedByClient(clientKeyText: string, requestId: string, t: number, reason: string): void {
    if (reason === CLIENT_TIMEOUT_REASON) {
      this.timedOut(clientKeyText, requestId, t);
      return;
    }
    const pair = this.pairs.get(pairKey(clientKeyText, requestId));
    if (pair && !pair.answer && pair.timedOutAt === undefined) {
      pair.rejected = { at: t, reason };
      this.waiting.delete(pair);
    }
  }

  /** A row left the log: the pair it belongs to goes with it. */
  forget(row: MessageRow): void {
    if (row.rtviId === undefined) return;
    const key = pairKey(row.clientKey, row.rtviId);
    const pair = this.pairs.get(key);
    if (pair && (pair.request === row || pair.answer === row)) {
      this.pairs.delete(key);
      this.waiting.delete(pair);
    }
  }

  clear(): void {
    this.pairs.clear();
    this.waiting.clear();
  }

  /** Where a row stands as a request, or what it answers; undefined for a message that expects nothing. */
  stateOf(row: MessageRow): RequestState | undefined {
    if (row.rtviId === undefined) return undefined;
    const pair = this.pairs.get(pairKey(row.clientKey, row.rtviId));
    const request = pair?.request;
    if (!pair || !request) return undefined;
    if (pair.answer) {
      return {
        state: pair.answer.type === "error-response" ? "failed" : "answered",
        request,
        answer: pair.answer,
        latencyMs: pair.answer.t - request.t,
      };
    }
    if (row !== request) return undefined;
    if (pair.timedOutAt !== undefined) return { state: "timed-out", request, at: pair.timedOutAt };
    if (pair.rejected) return { state: "rejected", request, at: pair.rejected.at, reason: pair.rejected.reason };
    if (awaitsAnswer(request)) return { state: "pending", request };
    return undefined;
  }

  /** Requests still waiting for an answer, newest first. */
  pending(clientKeyText?: string): MessageRow[] {
    const pending: MessageRow[] = [];
    for (const { request } of this.waiting) {
      if (request && (clientKeyText === undefined || request.clientKey === clientKeyText)) pending.push(request);
    }
    return pending.sort((a, b) => b.seq - a.seq);
  }
}
