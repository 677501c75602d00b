// Just enough protobuf to take the RTVI JSON out of a Pipecat WebSocket frame:
// `Frame { oneof frame { …; MessageFrame message = 4; … } }`, `MessageFrame { string data = 1; }`.
// Both ends (protobuf-ts in the browser, Python protobuf in the bot) write a Frame as its one
// set field, so a frame's first byte is that field's tag. protobufjs would be many times the
// size of the whole hook, which runs on every page.
import { decodeUtf8, typedArrayLength, typedArraySubarray } from "../builtins";

/** Field 4, wire type 2 (length-delimited): a `message` frame. Audio is 0x12, text 0x0a. */
export const MESSAGE_FRAME_TAG = 0x22;
const DATA_FIELD_TAG = 0x0a; // MessageFrame.data: field 1, wire type 2

/** The RTVI JSON text of a `message` frame. Throws on anything else or on malformed bytes. */
export function readMessageFrame(bytes: Uint8Array): string {
  const length = typedArrayLength(bytes);
  let pos = 0;
  const varint = (): number => {
    let value = 0;
    // Up to 10 bytes (64 bits); past 2^53 precision is lost, which only matters to skipped fields.
    for (let shift = 0; shift < 70 && pos < length; shift += 7) {
      const byte = bytes[pos++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
    throw new RangeError("bad varint");
  };
  if (varint() !== MESSAGE_FRAME_TAG) throw new TypeError("not a message frame");
  const frameLength = varint();
  const end = pos + frameLength;
  if (end > length) throw new RangeError("truncated frame");
  let data = "";
  while (pos < end) {
    const tag = varint();
    if (tag === DATA_FIELD_TAG) {
      const dataLength = varint();
      data = decodeUtf8(typedArraySubarray(bytes, pos, pos + dataLength));
      pos += dataLength;
      continue;
    }
    // Fields a newer Pipecat may add: skip by wire type.
    const wireType = tag % 8;
    if (wireType === 0) varint();
    else if (wireType === 1) pos += 8;
    else if (wireType === 2) {
      const skipped = varint(); // apart: `pos += varint()` would add to the pos before the varint
      pos += skipped;
    } else if (wireType === 5) pos += 4;
    else throw new TypeError(`bad wire type ${wireType}`);
  }
  // Any field that ran past the frame's end means the lengths lied.
  if (pos !== end) throw new RangeError("truncated frame");
  return data;
}
