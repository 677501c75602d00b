// Runs in the background (and wherever a context answers calls over a runtime Port): the
// answering end of a request/response exchange. Each request is checked against its method's
// schema and handed to that method's handler with an AbortSignal, which fires when the caller
// stops waiting (its cancel, or its Port closing): work kept for a call, such as a command
// waiting on a page's frame, is dropped then, and the call is never answered after it.
import * as v from "valibot";
import {
  type RpcMethod,
  type RpcMethodSchemas,
  type RpcParams,
  type RpcPort,
  type RpcRequest,
  type RpcResponse,
  type RpcResult,
  isRpcCancel,
  rpcRequestSchema,
} from "./envelopes";
import { reasonText } from "./error";

export interface RpcCallContext {
  id: string;
  /** Aborted when the caller no longer waits for the answer. */
  signal: AbortSignal;
}

export type RpcHandlers<M extends RpcMethodSchemas> = {
  readonly [K in RpcMethod<M>]: (
    params: RpcParams<M, K>,
    context: RpcCallContext,
  ) => RpcResult<M, K> | Promise<RpcResult<M, K>>;
};

function requestId(message: unknown): string | undefined {
  if (typeof message !== "object" || message === null || (message as { kind?: unknown }).kind !== "request")
    return undefined;
  const { id } = message as { id?: unknown };
  return typeof id === "string" ? id : undefined;
}

/** Answers the requests that arrive on `port` with `handlers`; other messages are left to other listeners. */
export function serveRpc<M extends RpcMethodSchemas>(port: RpcPort, methods: M, handlers: RpcHandlers<M>): void {
  const requestSchema = rpcRequestSchema(methods);
  const running = new Map<string, AbortController>();

  function reply(response: RpcResponse): void {
    try {
      port.postMessage(response);
    } catch {
      // The caller's Port has just closed: it rejects its calls itself.
    }
  }

  async function run(request: RpcRequest<M>): Promise<void> {
    const controller = new AbortController();
    running.get(request.id)?.abort(new Error("Replaced by a request with the same id"));
    running.set(request.id, controller);
    const handler = handlers[request.method as RpcMethod<M>] as (params: unknown, context: RpcCallContext) => unknown;
    let response: RpcResponse;
    try {
      const result = await handler(request.params, { id: request.id, signal: controller.signal });
      response = { kind: "response", id: request.id, ok: true, result };
    } catch (error) {
      response = { kind: "response", id: request.id, ok: false, error: reasonText(error) };
    }
    if (controller.signal.aborted) return;
    running.delete(request.id);
    reply(response);
  }

  port.onMessage.addListener((message) => {
    if (isRpcCancel(message)) {
      running.get(message.id)?.abort(new Error("The caller stopped waiting"));
      running.delete(message.id);
      return;
    }
    const id = requestId(message);
    if (id === undefined) return;
    const checked = v.safeParse(requestSchema, message);
    if (checked.success) void run(checked.output);
    else reply({ kind: "response", id, ok: false, error: `Malformed request: ${checked.issues[0].message}` });
  });
  port.onDisconnect.addListener(() => {
    for (const controller of running.values()) controller.abort(new Error("The caller's Port closed"));
    running.clear();
  });
}
