// The wire-tap row's audio frame: a protobuf `pipecat.Frame { audio: AudioRawFrame }` as
// Pipecat's WebSocket transport carries it, 20 ms of 24 kHz mono 16-bit PCM (960 bytes),
// encoded with the demo bot's protobufjs schema by both the page (outbound) and the bench
// server's audio bot (inbound).
import { encodeAudioFrame } from "../../demo/bot/frames";

export const AUDIO_FRAME = { sampleRate: 24_000, numChannels: 1, pcmBytes: 960 } as const;

/** Frame `index` of a stream: the samples vary from frame to frame, as a stream's do. */
export function audioFrame(index: number): Uint8Array<ArrayBuffer> {
  const audio = Uint8Array.from({ length: AUDIO_FRAME.pcmBytes }, (_, i) => (index * 31 + i * 7) & 0xff);
  // A copy into a buffer of its own: protobufjs may hand back a view of a shared pool.
  return new Uint8Array(
    encodeAudioFrame({ audio, sampleRate: AUDIO_FRAME.sampleRate, numChannels: AUDIO_FRAME.numChannels }),
  );
}

/** Where the bench server's audio bot takes WebSocket connections. */
export const AUDIO_BOT_PATH = "/audio";
