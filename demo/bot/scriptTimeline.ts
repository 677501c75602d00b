/**
 * Runs in the demo bot (Node) and in tests: the pieces the scripted conversation
 * (conversationScript.ts) is built from: a user's utterance, an LLM run with or without a
 * function call, the bot's speech with or without a barge-in, each as the events a real Pipecat
 * server sends for it, at times derived from a few given ones (so the figures in EXPECTED_TURNS
 * follow from them: ttfb is first byte minus start, and so on).
 */
import type { ExpectedFunctionCall, ScriptEvent } from "./conversationScript.ts";
import {
  botOutput,
  charactersMetric,
  type FunctionCall,
  functionCallInProgress,
  functionCallStarted,
  functionCallStopped,
  llmTokens,
  serviceMetric,
  tokensMetric,
  ttfaMetric,
} from "./observerEvents.ts";
import type { BotSwitches } from "./switches.ts";

const WORD_MS = 100;
const AUDIO_LEVEL_MS = 150;
const USER_LEVELS = [0.42, 0.37, 0.45, 0.31];
const BOT_LEVELS = [0.18, 0.24, 0.21, 0.15];

/** Collects events; `sorted()` orders them by time, same-time events in the order they were added. */
export class Timeline {
  private readonly events: ScriptEvent[] = [];
  constructor(readonly switches: BotSwitches) {}
  add(at: number, type: string, data?: object): void {
    this.events.push(data === undefined ? { at, type } : { at, type, data });
  }
  /** An audio level every 150 ms from `from` (offset by half a step, so it never ties) until `to`. */
  levels(type: "user-audio-level" | "bot-audio-level", from: number, to: number, values: number[]): void {
    if (!this.switches.audioLevels) return;
    for (let at = from + AUDIO_LEVEL_MS / 2, i = 0; at < to; at += AUDIO_LEVEL_MS, i++) {
      this.add(at, type, { value: values[i % values.length] });
    }
  }
  sorted(): ScriptEvent[] {
    return this.events
      .map((event, i) => ({ event, i }))
      .sort((a, b) => a.event.at - b.event.at || a.i - b.i)
      .map(({ event }) => event);
  }
}

export interface Utterance {
  start: number;
  interims: [number, string][];
  vadStop: number;
  final: [number, string];
  stop: number;
}

export function userSpeaks(tl: Timeline, u: Utterance, alreadyStarted = false): void {
  if (!alreadyStarted) userStarts(tl, u.start);
  tl.levels("user-audio-level", u.start, u.vadStop, USER_LEVELS);
  const transcription = (text: string, final: boolean) => ({ text, user_id: "demo-user", final });
  for (const [at, text] of u.interims) tl.add(at, "user-transcription", transcription(text, false));
  if (tl.switches.vad) tl.add(u.vadStop, "vad-user-stopped-speaking");
  tl.add(u.final[0], "user-transcription", transcription(u.final[1], true));
  tl.add(u.final[0], "metrics", serviceMetric("ttfb", "stt", (u.final[0] - u.vadStop) / 1000));
  tl.add(u.stop, "user-stopped-speaking");
}

function userStarts(tl: Timeline, at: number): void {
  if (tl.switches.vad) tl.add(at, "vad-user-started-speaking");
  tl.add(at, "user-started-speaking");
}

/** An LLM run that asks for a function call; the call's stopped event comes `durationMs` after it started. */
export function inferCall(tl: Timeline, start: number, firstByte: number, spec: ExpectedFunctionCall): void {
  const call: FunctionCall = { name: spec.name, toolCallId: spec.toolCallId, arguments: spec.arguments };
  tl.add(start, "bot-llm-started");
  tl.add(firstByte, "metrics", serviceMetric("ttfb", "llm", (firstByte - start) / 1000));
  tl.add(firstByte, "llm-function-call-started", functionCallStarted(spec.report, call));
  tl.add(firstByte + 10, "llm-function-call-in-progress", functionCallInProgress(spec.report, call));
  tl.add(firstByte + 10, "metrics", tokensMetric(250, 12));
  tl.add(firstByte + 10, "bot-llm-stopped");
  tl.add(firstByte + spec.durationMs, "llm-function-call-stopped", functionCallStopped(spec.report, call, spec.result));
}

/** An LLM run that writes `text` (maybe nothing), a token every 10 ms from its first byte. */
export function inferText(tl: Timeline, start: number, firstByte: number, text: string): void {
  tl.add(start, "bot-llm-started");
  tl.add(firstByte, "metrics", serviceMetric("ttfb", "llm", (firstByte - start) / 1000));
  const tokens = text ? llmTokens(text) : [];
  for (const [i, token] of tokens.entries()) tl.add(firstByte + 10 * i, "bot-llm-text", { text: token });
  const end = firstByte + 10 * tokens.length;
  if (text) tl.add(end, "bot-transcription", { text });
  tl.add(end, "metrics", tokensMetric(280, tokens.length));
  tl.add(end, "bot-llm-stopped");
  tl.add(end, "metrics", serviceMetric("processing", "llm", (end - start) / 1000));
}

export interface Speech {
  ttsStart: number;
  speakStart: number;
  text: string;
  segmentId: number;
  /** Words spoken before the barge-in at `bargeIn`; all of them when there is none. */
  bargeIn?: { at: number; words: number; stop: number };
}

/** The TTS and the bot's speech: a word every 100 ms, `bot-output` updated for each. */
export function botSpeaks(tl: Timeline, s: Speech): void {
  const words = s.text.split(" ");
  const spokenWords = s.bargeIn?.words ?? words.length;
  tl.add(s.ttsStart, "metrics", charactersMetric(s.text));
  tl.add(s.ttsStart, "metrics", serviceMetric("ttfb", "tts", (s.speakStart - s.ttsStart) / 1000));
  tl.add(s.ttsStart, "bot-tts-started");
  tl.add(s.speakStart, "metrics", ttfaMetric((s.speakStart - s.ttsStart) / 1000));
  tl.add(s.speakStart, "bot-started-speaking");
  tl.add(s.speakStart, "bot-output", botOutput(s.text, s.segmentId, 0));
  for (let i = 0; i < spokenWords; i++) {
    const at = s.speakStart + WORD_MS * i;
    tl.add(at, "bot-output", botOutput(s.text, s.segmentId, i + 1));
    tl.add(at, "bot-tts-text", { text: words[i] });
  }
  if (s.bargeIn) {
    const { at, stop } = s.bargeIn;
    tl.levels("bot-audio-level", s.speakStart, at, BOT_LEVELS);
    userStarts(tl, at);
    tl.add(at, "bot-interrupted");
    tl.add(at, "bot-tts-stopped");
    tl.add(stop, "bot-stopped-speaking");
    return;
  }
  const end = s.speakStart + WORD_MS * words.length;
  tl.levels("bot-audio-level", s.speakStart, end, BOT_LEVELS);
  // The TTS has made all its audio half a word before the last one plays out.
  tl.add(end - WORD_MS - WORD_MS / 2, "bot-tts-stopped");
  tl.add(end, "bot-stopped-speaking");
}
