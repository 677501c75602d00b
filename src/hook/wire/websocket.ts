// Pipecat's WebSocket transport sends one protobuf `pipecat.Frame` per WebSocket message.
// Audio frames pass ~50 times a second each way, so every binary frame is judged by its
// first byte (the tag of its one field) and only `message` frames, which carry RTVI, are decoded.
// Text frames are other serializers' (Twilio's JSON): not RTVI.
import {
  ArrayBufferAtLoad,
  BlobAtLoad,
  DataViewAtLoad,
  Uint8ArrayAtLoad,
  WeakMapAtLoad,
  blobArrayBuffer,
  blobSize,
  dataViewBuffer,
  dataViewByteLength,
  dataViewByteOffset,
  isInstance,
  isView,
  promiseResolve,
  promiseThen,
  setTimer,
  typedArrayBuffer,
  typedArrayByteLength,
  typedArrayByteOffset,
  typedArraySubarray,
  weakMapGet,
  weakMapSet,
} from "../builtins";
import { tapChannels, type ChannelSink } from "./channel";
import type { WireMessage, WireTapOptions } from "./index";
import { MESSAGE_FRAME_TAG, readMessageFrame } from "./protobuf";

/**
 * Blobs (Pipecat's binaryType) are read asynchronously, and each read costs the page's thread
 * hundreds of µs: a channel's blobs wait this long and are read together, as one Blob of all
 * of them, in wire order. Audio is then a fraction of one read; only its first byte is looked at.
 */
const BLOB_BATCH_MS = 10;
const ignore = () => undefined;

interface BlobQueue {
  entries: { dir: WireMessage["dir"]; blob: Blob }[];
  /** The last batch's read: the next one waits for it, so reports keep wire order. */
  reading: Promise<unknown>;
  scheduled: boolean;
}

/** The bytes of what a page may send: an ArrayBuffer or any view of one. */
function bytesOf(data: unknown): Uint8Array | undefined {
  // First: what the transport's serializer sends, ~50 audio frames a second, taken as it is.
  if (isInstance(data, Uint8ArrayAtLoad)) return data as Uint8Array;
  if (isInstance(data, ArrayBufferAtLoad)) return new Uint8ArrayAtLoad(data as ArrayBuffer);
  if (isInstance(data, DataViewAtLoad)) {
    const view = data as DataView;
    return new Uint8ArrayAtLoad(dataViewBuffer(view), dataViewByteOffset(view), dataViewByteLength(view));
  }
  if (!isView(data)) return undefined;
  const view = data as ArrayBufferView;
  return new Uint8ArrayAtLoad(typedArrayBuffer(view), typedArrayByteOffset(view), typedArrayByteLength(view));
}

export function tapWebSockets(options: WireTapOptions): () => void {
  const proto = globalThis.WebSocket?.prototype;
  if (!proto) return () => {};
  const queues = new WeakMapAtLoad<EventTarget, BlobQueue>();
  return tapChannels("websocket", proto, options, (channel, dir, data, sink) => {
    // Inbound is an ArrayBuffer if the page set binaryType; outbound may be any view.
    const bytes = bytesOf(data);
    if (bytes) {
      if (bytes[0] === MESSAGE_FRAME_TAG) sink.report(channel, dir, readMessageFrame(bytes));
      return;
    }
    if (isInstance(data, BlobAtLoad)) {
      let queue = weakMapGet(queues, channel);
      if (!queue) {
        queue = { entries: [], reading: promiseResolve(undefined), scheduled: false };
        weakMapSet(queues, channel, queue);
      }
      queue.entries[queue.entries.length] = { dir, blob: data as Blob };
      if (!queue.scheduled) {
        queue.scheduled = true;
        const ready = queue;
        setTimer(() => {
          ready.scheduled = false;
          const entries = ready.entries;
          ready.entries = [];
          ready.reading = promiseThen(ready.reading, () => readBlobs(channel, entries, sink), ignore);
        }, BLOB_BATCH_MS);
      }
    }
  });
}

/**
 * Reads a batch of frames at once and reports the `message` frames among them, by their first
 * byte. Never rejects: whatever fails is the sink's, which leaves the socket alone from then on.
 */
function readBlobs(
  channel: EventTarget,
  entries: BlobQueue["entries"],
  sink: ChannelSink,
): Promise<unknown> | undefined {
  const fail = (error: unknown) => sink.fail(channel, error);
  try {
    const blobs: Blob[] = [];
    for (let i = 0; i < entries.length; i++) blobs[i] = entries[i].blob;
    return promiseThen(
      blobArrayBuffer(new BlobAtLoad(blobs)),
      (buffer) => {
        try {
          const all = new Uint8ArrayAtLoad(buffer);
          let offset = 0;
          for (let i = 0; i < entries.length; i++) {
            const size = blobSize(entries[i].blob);
            const frame = typedArraySubarray(all, offset, offset + size);
            offset += size;
            if (frame[0] === MESSAGE_FRAME_TAG) sink.report(channel, entries[i].dir, readMessageFrame(frame));
          }
        } catch (error) {
          fail(error);
        }
      },
      fail,
    );
  } catch (error) {
    fail(error);
    return undefined;
  }
}
