// Shared by the panel and the background: the envelopes of a request/response exchange over a
// runtime Port, and the method map that types it. A protocol declares its methods once, as
// valibot schemas of each method's params and result (src/shared/protocol/panelBackground.ts);
// the request envelope, its guard and the call's types all come from that declaration.
import * as v from "valibot";

/** What a call needs of a Port: the runtime Port of either end, or a fake in tests. */
export interface RpcPort {
  postMessage(message: unknown): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export interface RpcMethodSchema {
  params: v.GenericSchema;
  result: v.GenericSchema;
}

/** Method name → the schemas of its params and of its result. */
export type RpcMethodSchemas = Record<string, RpcMethodSchema>;

export type RpcMethod<M extends RpcMethodSchemas> = keyof M & string;
export type RpcParams<M extends RpcMethodSchemas, K extends RpcMethod<M>> = v.InferOutput<M[K]["params"]>;
export type RpcResult<M extends RpcMethodSchemas, K extends RpcMethod<M>> = v.InferOutput<M[K]["result"]>;

/** Unique per call and per caller (a random prefix per client): an answer finds only its own call. */
const RpcIdSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(100));

export type RpcRequest<M extends RpcMethodSchemas> = {
  [K in RpcMethod<M>]: { kind: "request"; id: string; method: K; params: RpcParams<M, K> };
}[RpcMethod<M>];

/** The request envelope of every method of `methods`, each with its own params checked. */
export function rpcRequestSchema<M extends RpcMethodSchemas>(methods: M): v.GenericSchema<RpcRequest<M>> {
  const options = Object.entries(methods).map(([method, { params }]) =>
    v.strictObject({ kind: v.literal("request"), id: RpcIdSchema, method: v.literal(method), params }),
  );
  // The options are built from the map at run time: their union is RpcRequest<M>, which the
  // type system cannot follow through Object.entries.
  return v.variant("method", options as [(typeof options)[number], ...typeof options]) as unknown as v.GenericSchema<
    RpcRequest<M>
  >;
}

/** The caller stopped waiting (answered another way, timed out, aborted): the callee may drop the work. */
export const RpcCancelSchema = v.strictObject({ kind: v.literal("cancel"), id: RpcIdSchema });
export type RpcCancel = v.InferOutput<typeof RpcCancelSchema>;

/** The answer to one request. The result is checked against the method's schema by the caller; an
 * undefined result has no key at all once the Port has serialized it. */
export const RpcResponseSchema = v.variant("ok", [
  v.strictObject({
    kind: v.literal("response"),
    id: RpcIdSchema,
    ok: v.literal(true),
    result: v.optional(v.unknown()),
  }),
  v.strictObject({ kind: v.literal("response"), id: RpcIdSchema, ok: v.literal(false), error: v.string() }),
]);
export type RpcResponse = v.InferOutput<typeof RpcResponseSchema>;

export function isRpcResponse(value: unknown): value is RpcResponse {
  return v.is(RpcResponseSchema, value);
}

export function isRpcCancel(value: unknown): value is RpcCancel {
  return v.is(RpcCancelSchema, value);
}
