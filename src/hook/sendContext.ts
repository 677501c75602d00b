// Page hook (MAIN world): what is being sent right now. The hook's wrappers run synchronously
// inside the app's calls, on the page's one thread: each sets the context around the call it
// wraps, and what the hook captures inside that call reads it. One object, changed only through
// the functions below, each of which restores what was there before, however its call ends.

import type { RuleMark } from "../shared/protocol";
import type { CapturedMessage } from "../shared/protocol/pageEventEncoder";
import { apply } from "./builtins";

/** A request a client's MessageDispatcher is sending: its timeout, then the id it went out with. */
export interface PendingRequest {
  timeoutMs: number;
  id?: unknown;
}

export interface SendContext {
  /** The extension itself sends or injects (a panel command): what is captured meanwhile is marked so. */
  byDevtools: boolean;
  /** Hooked clients' sendMessage calls under way: a socket or channel written to from within needs no wire tap. */
  clientSends: number;
  /** The request being sent, if the message being sent is one. */
  request: PendingRequest | undefined;
  /** A rule delivers a message it made (src/controls/rules.ts): logged with this mark, and no rule acts on it. */
  rule: RuleMark | undefined;
  /** The inbound message the client is handling: the events it emits meanwhile are noted on its row. */
  handling: CapturedMessage | undefined;
}

const context: SendContext = {
  byDevtools: false,
  clientSends: 0,
  request: undefined,
  rule: undefined,
  handling: undefined,
};

/** Read-only: set only by the functions below. */
export const currentSend: Readonly<SendContext> = context;

/** Sets one part of the context around `run`, and puts back what was there however `run` ends. */
function within<K extends keyof SendContext, T>(key: K, value: SendContext[K], run: () => T): T {
  const outer = context[key];
  context[key] = value;
  try {
    return run();
  } finally {
    context[key] = outer;
  }
}

/** Runs a panel command's send or inject: everything captured inside is the extension's own. */
export const sendAsDevtools = <T>(run: () => T): T => within("byDevtools", true, run);

/** Runs a hooked client's own sendMessage: on every message the app sends, so written out. */
export function sendAsClient<T>(run: () => T): T {
  context.clientSends++;
  try {
    return run();
  } finally {
    context.clientSends--;
  }
}

/** Runs a client's dispatch of a request: the outbound capture inside notes the id it is sent with. */
export const sendAsRequest = <T>(request: PendingRequest, run: () => T): T => within("request", request, run);

/** Delivers a message a rule made: the inbound capture inside marks it, and rules leave it alone. */
export const deliverForRule = <T>(rule: RuleMark, run: () => T): T => within("rule", rule, run);

/**
 * A watched row's `emitted` until the client emits something while handling it: one shared empty
 * list, so a message that sets off nothing costs no allocation (./clientInstrumentation.ts makes
 * the row its own list at the first event).
 */
export const NO_EVENTS: { event: string; listeners: number }[] = [];

/**
 * Runs the client's handler for an inbound message, noting on its row the events it emits. On
 * every inbound message, so written out, with no closure to allocate.
 */
export function handleNotingEvents(
  captured: CapturedMessage | undefined,
  handler: (msg: unknown) => unknown,
  handlerThis: unknown,
  args: IArguments,
): unknown {
  const outer = context.handling;
  context.handling = captured;
  try {
    return apply(handler, handlerThis, args);
  } finally {
    context.handling = outer;
  }
}
