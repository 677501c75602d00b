// Pipecat's WebSocket transport sends one protobuf `pipecat.Frame` per WebSocket message.
// Audio frames pass ~50 times a second each way, so every binary frame is judged by its
// first byte (the tag of its one field) and only `message` frames, which carry RTVI, are read.
// Text frames are other serializers' (Twilio's JSON): not RTVI.
import { tapChannels, type ChannelSink } from "./channel";
import type { WireMessage, WireTapOptions } from "./index";
import { MESSAGE_FRAME_TAG, readMessageFrame } from "./protobuf";

export function tapWebSockets(options: WireTapOptions): () => void {
  const proto = globalThis.WebSocket?.prototype;
  if (!proto) return () => {};
  // Blobs are read asynchronously: chaining each channel's reads keeps reports in wire order.
  const blobReads = new WeakMap<EventTarget, Promise<void>>();
  return tapChannels("websocket", proto, options, (channel, dir, data, sink) => {
    if (data instanceof Blob) {
      const read = (blobReads.get(channel) ?? Promise.resolve())
        .then(() => readBlob(channel, dir, data, sink))
        .catch((error: unknown) => sink.fail(channel, error));
      blobReads.set(channel, read);
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

/** Reads the first byte, and the rest only when it says `message` frame. */
async function readBlob(channel: EventTarget, dir: WireMessage["dir"], blob: Blob, sink: ChannelSink) {
  const tag = new Uint8Array(await blob.slice(0, 1).arrayBuffer())[0];
  if (tag === MESSAGE_FRAME_TAG) sink.report(channel, dir, readMessageFrame(new Uint8Array(await blob.arrayBuffer())));
}
