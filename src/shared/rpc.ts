// Shared by the panel and the background: one typed request/response layer over a runtime
// Port (./rpc/): ids, a timeout per call, cancellation, every pending call rejected with its
// reason when the Port closes. A protocol declares its methods once as valibot schemas.
export { type RpcCallOptions, type RpcCallPolicy, RpcClient, type RpcOutcome } from "./rpc/client";
export {
  type RpcMethod,
  type RpcMethodSchemas,
  type RpcParams,
  type RpcPort,
  type RpcRequest,
  type RpcResult,
  RpcCancelSchema,
  RpcResponseSchema,
  rpcRequestSchema,
} from "./rpc/envelopes";
export { RpcError, type RpcErrorCode, reasonText } from "./rpc/error";
export { type RpcCallContext, type RpcHandlers, serveRpc } from "./rpc/server";
