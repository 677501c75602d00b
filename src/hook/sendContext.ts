// Page hook (MAIN world): what is being sent right now. The hook's wrappers run synchronously
// inside the app's calls, on the page's one thread: each sets the context around the call it
// wraps, and what the hook captures inside that call reads it. One object, changed only through
// the functions below, each of which restores what was there before, however its call ends.

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
}

const context: SendContext = { byDevtools: false, clientSends: 0, request: undefined };

/** Read-only: set only by the functions below. */
export const currentSend: Readonly<SendContext> = context;

/** Runs a panel command's send or inject: everything captured inside is the extension's own. */
export function sendAsDevtools<T>(run: () => T): T {
  const outer = context.byDevtools;
  context.byDevtools = true;
  try {
    return run();
  } finally {
    context.byDevtools = outer;
  }
}

/** Runs a hooked client's own sendMessage. */
export function sendAsClient<T>(run: () => T): T {
  context.clientSends++;
  try {
    return run();
  } finally {
    context.clientSends--;
  }
}

/** Runs a client's dispatch of a request: the outbound capture inside notes the id it is sent with. */
export function sendAsRequest<T>(request: PendingRequest, run: () => T): T {
  const outer = context.request;
  context.request = request;
  try {
    return run();
  } finally {
    context.request = outer;
  }
}
