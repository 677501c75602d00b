/**
 * The bot's "voice" on the WebSocket transport: a quiet tone in 20 ms frames,
 * sent at real-time pace (50 frames a second) while the bot speaks, as a real
 * bot streams its TTS audio.
 */
import type { AudioFrame } from "./frames.ts";

/** The rate WebSocketTransport plays bot audio at (its PLAYER_SAMPLE_RATE default). */
export const BOT_SAMPLE_RATE = 24_000;
export const FRAME_MS = 20;
const SAMPLES_PER_FRAME = (BOT_SAMPLE_RATE * FRAME_MS) / 1000;
const TONE_HZ = 220;
// About -26 dBFS: audible in a demo, never loud.
const AMPLITUDE = 0.05 * 0x7fff;

export class BotAudio {
  private timer: NodeJS.Timeout | undefined;
  private samplesSent = 0;

  constructor(private readonly sendFrame: (frame: AudioFrame) => void) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.sendFrame(this.nextFrame()), FRAME_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private nextFrame(): AudioFrame {
    const pcm = Buffer.alloc(SAMPLES_PER_FRAME * 2);
    for (let i = 0; i < SAMPLES_PER_FRAME; i++) {
      // Phase continues from frame to frame, so the tone has no clicks.
      const t = (this.samplesSent + i) / BOT_SAMPLE_RATE;
      pcm.writeInt16LE(Math.round(AMPLITUDE * Math.sin(2 * Math.PI * TONE_HZ * t)), i * 2);
    }
    this.samplesSent += SAMPLES_PER_FRAME;
    return { audio: pcm, sampleRate: BOT_SAMPLE_RATE, numChannels: 1 };
  }
}
