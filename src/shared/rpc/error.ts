// Shared by the panel and the background: why a request/response call failed, as the caller
// sees it. The code says what kind of failure it was (a caller may retry a timeout, not a
// remote refusal); the message says what happened in words a user can act on.

export type RpcErrorCode =
  /** No answer within the call's time. */
  | "timeout"
  /** The Port closed before the answer came (the background restarted, the page navigated). */
  | "disconnected"
  /** The caller gave up (its AbortSignal fired). */
  | "cancelled"
  /** The other side answered with an error. */
  | "remote";

export class RpcError extends Error {
  override readonly name = "RpcError";

  constructor(
    readonly code: RpcErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A readable text for anything thrown: an Error's message, or the value itself. */
export function reasonText(reason: unknown): string {
  if (reason instanceof Error) return reason.message;
  return typeof reason === "string" ? reason : String(reason);
}
