/**
 * Pipecat's protobuf `pipecat.Frame`, the wire format of the WebSocket
 * transport (client: ProtobufFrameSerializer in @pipecat-ai/websocket-transport).
 * The schema is Pipecat's frames.proto; the client's copy lacks `interruption`,
 * so client-js logs "Unknown frame kind" for one, as it does with a real bot.
 */
import protobuf from "protobufjs";

const FRAMES_PROTO = `
syntax = "proto3";
package pipecat;

message TextFrame {
  uint64 id = 1;
  string name = 2;
  string text = 3;
}

message AudioRawFrame {
  uint64 id = 1;
  string name = 2;
  bytes audio = 3;
  uint32 sample_rate = 4;
  uint32 num_channels = 5;
  optional uint64 pts = 6;
}

message TranscriptionFrame {
  uint64 id = 1;
  string name = 2;
  string text = 3;
  string user_id = 4;
  string timestamp = 5;
}

message MessageFrame {
  string data = 1;
}

message InterruptionFrame {
  uint64 id = 1;
  string name = 2;
}

message Frame {
  oneof frame {
    TextFrame text = 1;
    AudioRawFrame audio = 2;
    TranscriptionFrame transcription = 3;
    MessageFrame message = 4;
    InterruptionFrame interruption = 5;
  }
}
`;

const Frame = protobuf.parse(FRAMES_PROTO).root.lookupType("pipecat.Frame");

export type FrameKind = "text" | "audio" | "transcription" | "message" | "interruption";

export interface AudioFrame {
  /** 16-bit little-endian PCM. */
  audio: Uint8Array;
  sampleRate: number;
  numChannels: number;
}

export type DecodedFrame =
  | { kind: "message"; data: string }
  | { kind: "audio"; audio: AudioFrame }
  | { kind: Exclude<FrameKind, "message" | "audio"> };

/** A MessageFrame carrying one RTVI message as JSON text. */
export function encodeMessageFrame(json: string): Uint8Array {
  return encode({ message: { data: json } });
}

export function encodeAudioFrame({ audio, sampleRate, numChannels }: AudioFrame): Uint8Array {
  return encode({ audio: { name: "audio", audio, sampleRate, numChannels } });
}

export function encodeInterruptionFrame(): Uint8Array {
  return encode({ interruption: { name: "InterruptionFrame" } });
}

/** Throws on bytes that are not a `pipecat.Frame` or carry none of its kinds. */
export function decodeFrame(bytes: Uint8Array): DecodedFrame {
  const frame = Frame.decode(bytes) as protobuf.Message & {
    frame?: FrameKind;
    message?: { data: string };
    audio?: AudioFrame;
  };
  switch (frame.frame) {
    case "message":
      return { kind: "message", data: frame.message!.data };
    case "audio":
      return { kind: "audio", audio: frame.audio! };
    case undefined:
      throw new Error("Frame carries no known kind");
    default:
      return { kind: frame.frame };
  }
}

function encode(fields: Record<string, unknown>): Uint8Array {
  return Frame.encode(Frame.create(fields)).finish();
}
