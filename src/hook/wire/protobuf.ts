// Page hook (MAIN world): just enough protobuf to read a Pipecat WebSocket frame, `Frame { oneof
// frame { TextFrame text = 1; AudioRawFrame audio = 2; TranscriptionFrame transcription = 3;
// MessageFrame message = 4; InterruptionFrame interruption = 5; } }` (Pipecat's frames.proto, as
// demo/bot/frames.ts has it; `MessageFrame { string data = 1; }`). Both ends (protobuf-ts in the
// browser, Python protobuf in the bot) write a Frame as its one set field, so a frame's first byte
// is that field's tag. protobufjs would be many times the size of the whole hook, which runs on
// every page.
import { decodeUtf8, typedArrayLength, typedArraySubarray } from "../builtins";

/** Field 4, wire type 2 (length-delimited): a `message` frame. Audio is 0x12, text 0x0a. */
export const MESSAGE_FRAME_TAG = 0x22;

// Tables without a prototype: a number read off the wire never reaches what a page planted on Object.prototype.
type Names = Record<number, string | undefined>;

const KINDS = { __proto__: null, 1: "text", 2: "audio", 3: "transcription", 4: "message", 5: "interruption" } as Names;
/** TextFrame, TranscriptionFrame and InterruptionFrame number their fields alike. */
const FRAME_FIELDS = { __proto__: null, 1: "id", 2: "name", 3: "text", 4: "user_id", 5: "timestamp" } as Names;
/** The fields read of each kind; audio's samples are never decoded. */
const FIELDS = {
  __proto__: null,
  1: FRAME_FIELDS,
  3: FRAME_FIELDS,
  4: { __proto__: null, 1: "data" } as Names,
  5: FRAME_FIELDS,
} as Record<number, Names | undefined>;

/** What the tap's error says of bytes that are no Pipecat frame (or, from readMessageFrame, no message frame). */
const malformed = (what: string) => new RangeError(`malformed frame: ${what}`);

/** A frame's kind (its field number in Frame) and the fields of its sub-message that FIELDS names. */
export interface FrameFields {
  kind: number;
  fields: Record<string, string | number>;
}

/** Varints as numbers, length-delimited fields as UTF-8 text, the rest skipped. Throws on malformed bytes. */
export function readFrame(bytes: Uint8Array): FrameFields {
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
    throw malformed("bad varint");
  };
  const tag = varint();
  // Every kind is a sub-message: wire type 2.
  if (tag % 8 !== 2) throw malformed(`tag ${tag}`);
  const kind = (tag - 2) / 8;
  const named = FIELDS[kind];
  const fields = { __proto__: null } as unknown as FrameFields["fields"];
  const frameLength = varint();
  const end = pos + frameLength;
  if (end > length) throw malformed("truncated");
  while (pos < end) {
    const fieldTag = varint();
    // Fields a newer Pipecat may add are skipped by wire type.
    const wireType = fieldTag % 8;
    const name = named?.[(fieldTag - wireType) / 8];
    if (wireType === 0) {
      const value = varint();
      if (name) fields[name] = value;
    } else if (wireType === 2) {
      const size = varint(); // apart: `pos += varint()` would add to the pos before the varint
      if (name) fields[name] = decodeUtf8(typedArraySubarray(bytes, pos, pos + size));
      pos += size;
    } else if (wireType === 1) pos += 8;
    else if (wireType === 5) pos += 4;
    else throw malformed(`wire type ${wireType}`);
  }
  // Any field that ran past the frame's end means the lengths lied.
  if (pos !== end) throw malformed("truncated");
  return { kind, fields };
}

/** The RTVI JSON text of a `message` frame. Throws on anything else or on malformed bytes. */
export function readMessageFrame(bytes: Uint8Array): string {
  if (bytes[0] !== MESSAGE_FRAME_TAG) throw malformed("not a message frame");
  return (readFrame(bytes).fields.data as string | undefined) ?? "";
}

/** A frame as the log shows it: its kind's name (or number) as the type, the fields read as data. */
export function describeFrame(bytes: Uint8Array): { type: string; data: FrameFields["fields"] } {
  const { kind, fields } = readFrame(bytes);
  return { type: KINDS[kind] ?? `unknown frame kind ${kind}`, data: fields };
}
