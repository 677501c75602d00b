// What the composer and the row actions may do with a client, and how a command is sent.
import { sendCommand } from "../connection";
import { isLive } from "../useStore";
import { rowMessage, type ClientView, type MessageRow, type SessionStore } from "../model/store";
import type { PanelToPage } from "../../src/shared/protocol";
import { fillDraft } from "./draft";
import { formatData } from "./templates";

/** Why an action is not possible right now; undefined when it is. */
export interface Readiness {
  send?: string;
  inject?: string;
}

export function readiness(store: SessionStore, client: ClientView | undefined): Readiness {
  if (!isLive(store)) {
    const reason = "You are viewing a session from a file: nothing can be sent. Go back to the live session to send.";
    return { send: reason, inject: reason };
  }
  if (!client) {
    const reason = "No client selected: the composer sends through the selected PipecatClient.";
    return { send: reason, inject: reason };
  }
  if (!store.clients.has(client.key) || client.removedAt !== undefined) {
    const reason = `Client ${client.clientId} is gone (its page reloaded, or the app dropped it): select another client.`;
    return { send: reason, inject: reason };
  }
  if (client.foundBy === "wire") {
    const reason = `Client ${client.clientId} is only seen on the wire (it was built before the hook arrived): reload the page to send through it.`;
    return { send: reason, inject: reason };
  }
  if (client.state !== "ready") {
    // The hook refuses to send then, as client-js would (BotNotReadyError). Injecting runs the
    // client's own inbound handling, which works in any state: useful to try the app's
    // reactions (an error, a server-message) with no bot connected at all.
    return {
      send: `Sending needs a ready client; ${client.clientId} is ${client.state ?? "in an unknown state"} (client-js would throw BotNotReadyError). Injecting still works.`,
    };
  }
  return {};
}

/** How long the panel waits for the page to confirm a command before saying so. */
export const CONFIRM_WITHIN_MS = 10_000;
/** A request is answered by client-js itself within its timeout plus its 2 s check interval. */
export const REQUEST_GRACE_MS = 5_000;

/**
 * Sends one command to the client's frame. Rejects with the hook's reason, or when the page
 * says nothing within `waitMs` (it navigated away, or the frame is gone).
 */
export function runCommand(frameId: number, command: PanelToPage, waitMs = CONFIRM_WITHIN_MS): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const silence = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`The page did not answer within ${Math.round(waitMs / 1000)} s (did it reload or navigate?)`)),
      waitMs,
    );
  });
  return Promise.race([sendCommand(frameId, command), silence]).finally(() => clearTimeout(timer));
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export type AnswerKind = "server-response" | "error-response";

/** The data of a faked answer to a request of type `requestType` (client-message's `t`). */
export function answerData(kind: AnswerKind, requestType: string): unknown {
  return kind === "server-response" ? { t: requestType, d: {} } : { error: "Faked from Pipecat DevTools" };
}

/** The `t` of a client-message request (what server-response's `t` repeats). */
export function requestTypeOf(row: MessageRow): string {
  try {
    const data = rowMessage(row).data as { t?: unknown } | undefined;
    return typeof data?.t === "string" ? data.t : row.type;
  } catch {
    return row.type;
  }
}

/**
 * Fills the raw inbound mode with an answer to a pending request: its id, and a server-response
 * `{t, d}` (or an error-response `{error}`). client-ready is answered by bot-ready.
 */
export function fillAnswer(row: MessageRow, kind: AnswerKind = "server-response"): void {
  const id = row.rtviId ?? "";
  if (row.type === "client-ready") {
    fillDraft("raw-in", { type: "bot-ready", id, data: formatData({ version: "2.1.0", about: {} }) });
    return;
  }
  const requestType = requestTypeOf(row);
  fillDraft("raw-in", { type: kind, id, data: formatData(answerData(kind, requestType)) }, { rtviId: id, requestType, clientKey: row.clientKey });
}

export type Feedback = { tone: "pending" | "ok" | "error"; text: string } | undefined;

/**
 * Errors are alerts; the rest is announced politely without role="status": the panel's status
 * bar is its one status, which automation and screen readers find by that role.
 */
export function liveRegion(tone: "pending" | "ok" | "error") {
  return tone === "error" ? ({ role: "alert" } as const) : ({ "aria-live": "polite" } as const);
}
