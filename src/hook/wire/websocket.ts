// Pipecat's WebSocket transport sends one protobuf `pipecat.Frame` per WebSocket message.
// Audio frames pass ~50 times a second each way, so every binary frame is judged by its
// first byte (the tag of its one field) and only `message` frames, which carry RTVI, are decoded.
// Text frames are other serializers' (Twilio's JSON): not RTVI.
import { tapChannels, type ChannelSink } from "./channel";
import type { WireMessage, WireTapOptions } from "./index";
import { MESSAGE_FRAME_TAG, readMessageFrame } from "./protobuf";

/**
 * Blobs (Pipecat's binaryType) are read asynchronously, and each read costs the page's thread
 * hundreds of µs: a channel's blobs wait this long and are read together, as one Blob of all
 * of them, in wire order. Audio is then a fraction of one read; only its first byte is looked at.
 */
const BLOB_BATCH_MS = 10;
const setTimer = setTimeout.bind(globalThis);
const BlobAtLoad = Blob;

interface BlobQueue {
  entries: { dir: WireMessage["dir"]; blob: Blob }[];
  /** The last batch's read: the next one waits for it, so reports keep wire order. */
  reading: Promise<void>;
  scheduled: boolean;
}

export function tapWebSockets(options: WireTapOptions): () => void {
  const proto = globalThis.WebSocket?.prototype;
  if (!proto) return () => {};
  const queues = new WeakMap<EventTarget, BlobQueue>();
  return tapChannels("websocket", proto, options, (channel, dir, data, sink) => {
    if (data instanceof BlobAtLoad) {
      let queue = queues.get(channel);
      if (!queue) {
        queue = { entries: [], reading: Promise.resolve(), scheduled: false };
        queues.set(channel, queue);
      }
      queue.entries[queue.entries.length] = { dir, blob: data };
      if (!queue.scheduled) {
        queue.scheduled = true;
        const ready = queue;
        setTimer(() => {
          ready.scheduled = false;
          const entries = ready.entries;
          ready.entries = [];
          ready.reading = ready.reading.then(() => readBlobs(channel, entries, sink)).catch((error: unknown) => sink.fail(channel, error));
        }, BLOB_BATCH_MS);
      }
      return;
    }
    // Inbound is an ArrayBuffer if the page set binaryType; outbound may be any view.
    const bytes =
      data instanceof ArrayBuffer
        ? new Uint8Array(data)
        : ArrayBuffer.isView(data)
          ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
          : undefined;
    if (bytes?.[0] === MESSAGE_FRAME_TAG) sink.report(channel, dir, readMessageFrame(bytes));
  });
}

/** Reads a batch of frames at once and reports the `message` frames among them, by their first byte. */
async function readBlobs(channel: EventTarget, entries: BlobQueue["entries"], sink: ChannelSink): Promise<void> {
  // By index, not Array.prototype.map: a page may have replaced it.
  const blobs: Blob[] = [];
  for (let i = 0; i < entries.length; i++) blobs[i] = entries[i].blob;
  const all = new Uint8Array(await new BlobAtLoad(blobs).arrayBuffer());
  let offset = 0;
  for (const { dir, blob } of entries) {
    const frame = all.subarray(offset, offset + blob.size);
    offset += blob.size;
    if (frame[0] === MESSAGE_FRAME_TAG) sink.report(channel, dir, readMessageFrame(frame));
  }
}
