// Page hook (MAIN world): the frames a hooked WebSocket client never got. websocket-transport
// hands each frame it receives to its serializer's `deserialize` and drops, with only a console
// error ("Failed to deserialize incoming message"), every frame that fails there: 1.7.1 decodes
// audio and message frames alone, so the `interruption` frame a Pipecat bot sends on every
// interruption fails as "Unknown frame kind". Wrapping that one method sees exactly what fails,
// whatever the transport's version or serializer, for the price of one promise reaction per frame:
// reading the socket's Blobs beside the transport would cost a read each (docs/measured-facts.md,
// "Reading a WebSocket Blob"). A failed frame is read once and logged at wire level, not delivered.
import { captureMessage, reportError } from "./outbox";
import type { HookedClient } from "./registry";
import { wrapOwnMethod } from "./ownMethod";
import { describeError, shortText } from "./bounds";
import { describeFrame } from "./wire/protobuf";
import {
  BlobAtLoad,
  PromiseAtLoad,
  Uint8ArrayAtLoad,
  apply,
  blobArrayBuffer,
  isInstance,
  promiseThen,
} from "./builtins";

const ignore = () => undefined;

/** Logs each frame the client's transport fails to deserialize, with the transport's own reason. */
export function tapUndeliveredFrames(record: HookedClient): void {
  const serializer: unknown = record.transport._serializer;
  if (typeof serializer !== "object" || serializer === null) return;
  const fail = (error: unknown) => reportError("undelivered frame", error);
  const report = (data: unknown, error: unknown) => {
    try {
      const reason = shortText(
        `websocket-transport could not decode this frame and dropped it: ${describeError(error)}`,
      );
      const log = (bytes?: Uint8Array) => {
        let msg: unknown = { type: "unreadable frame", data: {} };
        try {
          msg = describeFrame(bytes!);
        } catch {
          // No bytes, or none of a Pipecat frame: the client's reason, logged with it, says the rest.
        }
        captureMessage(record.clientId, "in", "wire", msg, undefined, undefined, undefined, reason);
      };
      // websocket-transport takes a Blob, and fails on anything else ("Unknown data type"): a
      // socket whose binaryType was set to "arraybuffer" hands it bytes.
      if (isInstance(data, BlobAtLoad)) {
        promiseThen(blobArrayBuffer(data as Blob), (buffer) => log(new Uint8ArrayAtLoad(buffer)), fail);
      } else log(isInstance(data, Uint8ArrayAtLoad) ? (data as Uint8Array) : undefined);
    } catch (failure) {
      fail(failure);
    }
  };
  wrapOwnMethod(
    serializer,
    "deserialize",
    (deserialize) =>
      function (this: unknown, data: unknown) {
        const result = apply(deserialize, this, arguments);
        // websocket-transport awaits the result and catches its failure: ours is a second, silent reaction.
        try {
          if (isInstance(result, PromiseAtLoad))
            promiseThen(result as Promise<unknown>, ignore, (error) => report(data, error));
        } catch (error) {
          fail(error);
        }
        return result;
      },
  );
}
