// Runs in the panel (and wherever a context calls another over a runtime Port): the calling
// end of a request/response exchange. Each call gets an id of its own, a timeout (a default
// per method), an optional AbortSignal; an answer settles only the call of its id, once, and
// answers that come late (after a timeout or a cancel) or name no call are ignored. When the
// Port closes every pending call is rejected with what that means for it: a Port gives no
// answer after it closed, and a caller left waiting would wait for ever.
import * as v from "valibot";
import {
  type RpcMethod,
  type RpcMethodSchemas,
  type RpcParams,
  type RpcPort,
  type RpcRequest,
  type RpcResult,
  isRpcResponse,
} from "./envelopes";
import { RpcError, reasonText } from "./error";

export interface RpcCallPolicy {
  /** How long a call waits for its answer unless it says otherwise. */
  timeoutMs: number;
  /** What the caller reads when no answer came within `timeoutMs`. */
  timeoutMessage(timeoutMs: number): string;
  /** What the caller reads when the Port closed before the answer. */
  disconnectMessage: string;
}

export interface RpcCallOptions {
  /** Rejects with a "timeout" RpcError past this many ms (the method's policy has the default). */
  timeoutMs?: number;
  /** Rejects with a "cancelled" RpcError, caused by the signal's reason, when aborted. */
  signal?: AbortSignal;
}

/** How a call ended, from the callee's answer or from an answer that came another way. */
export type RpcOutcome = { ok: true; result?: unknown } | { ok: false; error: string };

interface PendingCall<M extends RpcMethodSchemas> {
  request: RpcRequest<M>;
  resolve(result: unknown): void;
  reject(error: RpcError): void;
  /** Clears the call's timer and abort listener. */
  release(): void;
}

function cancelled(signal: AbortSignal): RpcError {
  return new RpcError("cancelled", `Cancelled: ${reasonText(signal.reason)}`, { cause: signal.reason });
}

export class RpcClient<M extends RpcMethodSchemas> {
  private readonly pending = new Map<string, PendingCall<M>>();
  /** Ids of this client never meet those of another (an earlier Port's, another panel's). */
  private readonly idPrefix = crypto.randomUUID();
  private nextId = 1;
  private disconnected = false;

  constructor(
    private readonly port: RpcPort,
    private readonly methods: M,
    private readonly policies: { readonly [K in RpcMethod<M>]: RpcCallPolicy },
  ) {
    port.onMessage.addListener((message) => {
      if (isRpcResponse(message)) this.finish(message.id, message);
    });
    port.onDisconnect.addListener(() => {
      this.disconnected = true;
      for (const [id, call] of this.pending) {
        this.take(id);
        call.reject(new RpcError("disconnected", this.policies[call.request.method].disconnectMessage));
      }
    });
  }

  call<K extends RpcMethod<M>>(
    method: K,
    params: RpcParams<M, K>,
    options: RpcCallOptions = {},
  ): Promise<RpcResult<M, K>> {
    const policy = this.policies[method];
    const { signal } = options;
    return new Promise((resolve, reject) => {
      if (this.disconnected) return reject(new RpcError("disconnected", policy.disconnectMessage));
      if (signal?.aborted) return reject(cancelled(signal));
      const id = `${this.idPrefix}:${this.nextId++}`;
      const timeoutMs = options.timeoutMs ?? policy.timeoutMs;
      const timer = setTimeout(
        () => this.giveUp(id, new RpcError("timeout", policy.timeoutMessage(timeoutMs))),
        timeoutMs,
      );
      const onAbort = () => this.giveUp(id, cancelled(signal as AbortSignal));
      signal?.addEventListener("abort", onAbort, { once: true });
      const request = { kind: "request", id, method, params } as RpcRequest<M>;
      const release = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      };
      this.pending.set(id, { request, resolve: resolve as (result: unknown) => void, reject, release });
      try {
        this.port.postMessage(request);
      } catch {
        // Chrome throws on a Port that has just closed, before its onDisconnect has run.
        this.take(id)?.reject(new RpcError("disconnected", policy.disconnectMessage));
      }
    });
  }

  /**
   * Settles a pending call with an answer that came another way (a command's result arrives
   * inside a page batch), if `accepts` agrees it may settle that call. The callee is told to
   * forget the call. Returns whether a call was settled.
   */
  settle(id: string, outcome: RpcOutcome, accepts: (request: RpcRequest<M>) => boolean): boolean {
    const call = this.pending.get(id);
    if (!call || !accepts(call.request)) return false;
    this.finish(id, outcome);
    this.sendCancel(id);
    return true;
  }

  private finish(id: string, outcome: RpcOutcome): void {
    const call = this.take(id);
    if (!call) return;
    const { method } = call.request;
    if (!outcome.ok) {
      call.reject(new RpcError("remote", outcome.error));
      return;
    }
    const checked = v.safeParse(this.methods[method].result, outcome.result);
    if (checked.success) call.resolve(checked.output);
    else call.reject(new RpcError("remote", `Unexpected answer to ${method}: ${checked.issues[0].message}`));
  }

  private giveUp(id: string, error: RpcError): void {
    const call = this.take(id);
    if (!call) return;
    call.reject(error);
    this.sendCancel(id);
  }

  private take(id: string): PendingCall<M> | undefined {
    const call = this.pending.get(id);
    if (!call) return undefined;
    this.pending.delete(id);
    call.release();
    return call;
  }

  private sendCancel(id: string): void {
    if (this.disconnected) return;
    try {
      this.port.postMessage({ kind: "cancel", id });
    } catch {
      // The Port has just closed: the callee forgets every call then anyway.
    }
  }
}
