// Test support (Node, vitest): makes a real client-js 1.13 MessageDispatcher settle its pending
// requests as newer client-js does (docs/client-js-internals.md, "Requests a client settles
// itself"): disconnect() and clearQueue() reject each with a new error-response of its own id and
// the reason, where 1.13's drop them unsettled. Only those two methods change, on the instance:
// dispatch, resolve and the timeout stay 1.13's own, and the hook's wrapper of dispatch with them.
import { RTVIMessage, RTVIMessageType, type PipecatClient } from "@pipecat-ai/client-js";

interface Queued {
  message: RTVIMessage;
  reject: (reason: unknown) => void;
}
interface Dispatcher {
  _queue: Queued[];
  _gcInterval: ReturnType<typeof setInterval> | undefined;
  clearQueue(reason?: string): void;
  disconnect(): void;
}

export function rejectLikeNewerClients(client: PipecatClient): void {
  const dispatcher = (client as unknown as { _messageDispatcher: Dispatcher })._messageDispatcher;
  dispatcher.clearQueue = function (reason = "Request cleared before response was received") {
    for (const queued of this._queue) {
      const data = queued.message.data as { t?: unknown; d?: unknown } | undefined;
      queued.reject(
        new RTVIMessage(RTVIMessageType.ERROR_RESPONSE, {
          error: reason,
          msgType: data?.t,
          data: data?.d,
          fatal: false,
        }),
      );
    }
    this._queue = [];
  };
  dispatcher.disconnect = function () {
    this.clearQueue("Disconnected before response was received");
    clearInterval(this._gcInterval);
    this._gcInterval = undefined;
  };
}
