// Page hook (MAIN world): what the hook watches on an adopted client besides its transport's
// traffic: its requests (marked with their timeout; those the client settles itself, by its
// timeout or, in newer clients, on disconnect / clearQueue, reported with its reason) and the
// events it emits (state changes; for direct-to-LLM transports every event, their only traffic).
import type { AnyObject } from "./recognition";
import type { HookedClient } from "./registry";
import { captureMessage, emit, reportError, timestamp } from "./outbox";
import { wrapOwnMethod } from "./ownMethod";
import { NO_EVENTS, currentSend, sendAsRequest, type PendingRequest } from "./sendContext";
import { MAX_EMITTED } from "../shared/protocol/limits";
import { describeError, idText, shortText } from "./bounds";
import { PromiseAtLoad, apply, isArray, isInstance, promiseThen, toText } from "./builtins";

/** client-js's default: MessageDispatcher.dispatch(data, type, timeout = 10000). */
const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/** Anything above is not a timeout a page can mean (nor a number JSON can print, for Infinity). */
const MAX_TIMEOUT_MS = 2_147_483_647;

function requestTimeout(timeout: unknown): number {
  return typeof timeout === "number" && timeout > 0 && timeout <= MAX_TIMEOUT_MS ? timeout : DEFAULT_REQUEST_TIMEOUT_MS;
}

/**
 * Marks requests (sendClientRequest goes through the dispatcher; sendClientMessage does not)
 * so the panel knows which outbound messages await an answer, and reports when the client
 * settles one itself, with its reason: client-js's timeout, and newer clients' disconnect and
 * clearQueue, reject with a new error-response of their own id, which never passes the
 * transport (docs/client-js-internals.md, "Requests a client settles itself"), as does an
 * error its send threw; the bot's error-response carries the request's id and the panel pairs it. The app gets back the very
 * promise dispatch returned.
 */
export function watchRequests(record: HookedClient): void {
  const dispatcher = record.client!._messageDispatcher as AnyObject | undefined;
  if (typeof dispatcher !== "object" || dispatcher === null) return;
  wrapOwnMethod(
    dispatcher,
    "dispatch",
    (dispatch) =>
      function (this: unknown, _data: unknown, _type: unknown, timeout: unknown) {
        const request: PendingRequest = { timeoutMs: requestTimeout(timeout), id: undefined };
        const args = arguments;
        const result = sendAsRequest(request, () => apply(dispatch, this, args));
        try {
          const requestId = request.id;
          // An empty id names nothing the panel could pair (and the validators take none).
          if (typeof requestId === "string" && requestId !== "" && isInstance(result, PromiseAtLoad)) {
            promiseThen(
              result as Promise<unknown>,
              () => undefined,
              (reason) => {
                // The bot's answer carries the request's id; what the client makes up has a
                // new one (its error-response's `data.error` says why), or none (an Error).
                if ((reason as { id?: unknown } | null)?.id !== requestId) {
                  emit({
                    kind: "request-rejected",
                    t: timestamp(),
                    clientId: record.clientId,
                    requestId: idText(requestId),
                    reason: describeError(reason),
                  });
                }
              },
            );
          }
        } catch (error) {
          reportError("request capture", error);
        }
        return result;
      },
  );
}

/**
 * How many listeners an EventEmitter (the `events` package client-js extends) has for an event,
 * read from its `_events` table rather than by calling the page's listenerCount.
 */
export function listenersOf(emitter: unknown, event: string): number {
  const listeners = (emitter as { _events?: Record<string, unknown> } | null)?._events?.[event];
  return typeof listeners === "function" ? 1 : isArray(listeners) ? listeners.length : 0;
}

/**
 * Notes the events the client emits while it handles an inbound message (./transportTaps.ts),
 * and state changes; for direct-to-LLM transports, also logs every event the client emits,
 * since that is the only place their traffic shows.
 */
export function watchEvents(record: HookedClient, captureAll: boolean): void {
  wrapOwnMethod(
    record.client!,
    "emit",
    (emitEvent) =>
      function (this: unknown, event: unknown, ...args: unknown[]) {
        try {
          const handling = currentSend.handling;
          if (handling?.emitted && typeof event === "string" && handling.emitted.length < MAX_EMITTED) {
            if (handling.emitted === NO_EVENTS) handling.emitted = [];
            handling.emitted[handling.emitted.length] = { event, listeners: listenersOf(this, event) };
          }
          if (event === "transportStateChanged") {
            const patch = { state: shortText(toText(args[0])) };
            emit({ kind: "client-updated", t: timestamp(), clientId: record.clientId, patch });
          } else if (captureAll && typeof event === "string") {
            captureMessage(record.clientId, "in", "event", { type: event, data: args.length === 1 ? args[0] : args });
          }
        } catch (error) {
          reportError("event capture", error);
        }
        return apply(emitEvent, this, arguments);
      },
  );
}
