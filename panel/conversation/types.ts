// Runs in the panel. The shapes of the conversation model (./conversationModel.ts): turns,
// their spans on the timeline, the bot's speech, function calls and the metrics the server
// reported. Every time is the hook's timestamp (`row.t`, ms), every row a store seq, so a
// figure can select the rows it came from in Messages.

/** A stretch of time between two rows; `end` is absent while it is still open. */
export interface Span {
  start: number;
  startSeq: number;
  end?: number;
  endSeq?: number;
}

/** One row's moment. */
export interface Mark {
  t: number;
  seq: number;
}

/**
 * Where a voice-to-voice latency starts: the server's raw VAD stop when it sends one (off by
 * default), else its turn decision (`user-stopped-speaking`), or a text turn's `send-text`.
 */
export type LatencyFrom = "vad-user-stopped-speaking" | "user-stopped-speaking" | "send-text";

export interface Latency {
  ms: number;
  from: LatencyFrom;
  start: Mark;
  /** `bot-started-speaking`. */
  end: Mark;
}

export type ServiceKind = "STT" | "LLM" | "TTS" | "other";

export interface TtfbReport {
  processor: string;
  service: ServiceKind;
  ms: number;
  seq: number;
  t: number;
}

export interface TokenUsage {
  prompt: number;
  completion: number;
  total: number;
}

/** One `bot-output` segment, its updates coalesced (./botSpeech.ts). */
export interface BotSegment {
  segmentIds: number[];
  text: string;
  /** What spoken_progress says was spoken, and what was left. */
  spoken: string;
  remaining: string;
  status: "new" | "in-progress" | "completed" | "unknown";
  /** `will_be_spoken: false`: text shown but never meant for speech (a code block). */
  forSpeech: boolean;
  seqs: number[];
}

export interface FunctionCall {
  /** Position in the session, from 1. */
  number: number;
  toolCallId?: string;
  name?: string;
  arguments?: unknown;
  result?: unknown;
  /** Where the lifecycle began: `started`, `in-progress`, `stopped` or the deprecated `llm-function-call`. */
  start: Mark;
  inProgress?: Mark;
  stopped?: Mark;
  /** The client's own `llm-function-call-result`. */
  clientResult?: Mark;
  cancelled: boolean;
  /** Reported by the deprecated `llm-function-call` (the client answers it). */
  deprecated: boolean;
  /** The turn it ran in (its number), if any. */
  turn?: number;
  seqs: number[];
  version: number;
}

export interface Interruption {
  t: number;
  seq: number;
  /** What cut the bot off: the user speaking, a typed message, or only the server's `bot-interrupted`. */
  by: "user" | "send-text" | "server";
  /** From the interruption to `bot-stopped-speaking`. */
  yieldMs?: number;
}

export interface Turn {
  /** Position in the session, from 1: stays when older turns go with the log's oldest rows. */
  number: number;
  /** "bot": the bot spoke with no user turn before it (a greeting). */
  kind: "voice" | "text" | "bot";
  start: number;
  startSeq: number;
  /** Every row this turn was built from, in order. */
  seqs: number[];
  /** Bumped on each change: rows of the view render again only for turns that changed. */
  version: number;
  userFinals: string[];
  userInterim?: string;
  /** A text turn's `send-text` content. */
  typed?: string;
  user?: Span;
  userStopped?: Mark;
  /** The last raw VAD stop while this was the user's turn. */
  vadStop?: Mark;
  segments: BotSegment[];
  /** `bot-transcription` sentences and `bot-tts-text` pieces: the bot's words when no `bot-output` came. */
  transcriptions: string[];
  ttsTexts: string[];
  botSpeech: Span[];
  llm: Span[];
  tts: Span[];
  latency?: Latency;
  interruption?: Interruption;
  /** The user (or a typed message) took the turn while the bot was still preparing its answer. */
  preempted?: Mark;
  hadBotActivity: boolean;
  calls: FunctionCall[];
  ttfb: TtfbReport[];
  tokens: TokenUsage;
  ttsCharacters: number;
}

/** A `metrics` report of token usage, for the chart. */
export interface TokenReport extends TokenUsage {
  t: number;
  seq: number;
}
