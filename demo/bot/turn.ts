/**
 * Runs in the demo bot (Node): one conversation turn, asked for by `start-turn` (spoken) or
 * `send-text` (typed). The LLM calls `get_weather` on the client and waits for its result, then
 * the bot answers. Every message a real Pipecat server sends in such a turn, in its order
 * (test/shared/fixtures/real-pipecat-text-session.json), shaped by the session's switches
 * (switches.ts), with small fixed delays. Apart from timestamps and the tool call id, the same
 * scenario always produces the same messages (demo/bot/README.md, "A conversation turn").
 */
import { randomBytes } from "node:crypto";
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

export type SpeechState = "started" | "interrupted" | "stopped";

export type FunctionCallOutcome = { answered: true; result: unknown } | { answered: false };

/** What a turn needs from the bot that plays it. */
export interface TurnContext {
  readonly switches: BotSwitches;
  send(type: string, data?: object): void;
  /** Waits; rejects when the session ends, which ends the turn. */
  pause(ms: number): Promise<void>;
  /** Waits for the client's `llm-function-call-result` for this tool call, or gives up. */
  functionCallResult(toolCallId: string): Promise<FunctionCallOutcome>;
  speechChanged(state: SpeechState): void;
  /** A new bot-output segment id: increasing within the session, as the server numbers them. */
  newSegmentId(): number;
}

export type TurnInput = { spoken: string } | { typed: string };

const WEATHER_ARGUMENTS = { location: "San Francisco" };
const USER_ID = "demo-user";
/** What the user says when barging in on an interrupted turn. */
const BARGE_IN_TEXT = "Wait.";

const STEP_MS = 30;
const TOKEN_MS = 10;
// One bot-tts-text per word, paced like speech, so the bot audibly "speaks" for a while.
const WORD_MS = 60;

// Audio levels cycle through fixed values: they look like speech and stay deterministic.
const USER_LEVELS = [0.31, 0.27];
const BOT_LEVELS = [0.18, 0.24, 0.21, 0.15];

/** A turn whose user text contains this word is cut short mid-speech by the user. */
const INTERRUPT_WORD = "interrupt";

export async function playTurn(ctx: TurnContext, input: TurnInput): Promise<void> {
  let userText: string;
  if ("spoken" in input) {
    userText = input.spoken;
    await userSpeaks(ctx, userText);
  } else {
    userText = input.typed;
    // A real server interrupts the bot for every send-text, even when it is silent.
    ctx.send("bot-interrupted");
    ctx.speechChanged("interrupted");
    await ctx.pause(STEP_MS);
  }
  const reply = replyFor(await callWeatherFunction(ctx));
  await generateReply(ctx, reply);
  await botSpeaks(ctx, reply, userText.toLowerCase().includes(INTERRUPT_WORD));
}

function transcription(text: string, final: boolean) {
  return { text, user_id: USER_ID, timestamp: new Date().toISOString(), final };
}

async function userSpeaks(ctx: TurnContext, text: string): Promise<void> {
  const { vad, audioLevels } = ctx.switches;
  if (vad) ctx.send("vad-user-started-speaking");
  ctx.send("user-started-speaking");
  await ctx.pause(STEP_MS);
  if (audioLevels) ctx.send("user-audio-level", { value: USER_LEVELS[0] });
  ctx.send("user-transcription", transcription(firstHalf(text), false));
  await ctx.pause(STEP_MS);
  if (audioLevels) ctx.send("user-audio-level", { value: USER_LEVELS[1] });
  if (vad) ctx.send("vad-user-stopped-speaking");
  ctx.send("user-transcription", transcription(text, true));
  ctx.send("metrics", serviceMetric("ttfb", "stt", 0.093));
  await ctx.pause(STEP_MS);
  ctx.send("user-stopped-speaking");
  await ctx.pause(STEP_MS);
}

/** The first inference: the LLM asks for get_weather, which the client answers. */
async function callWeatherFunction(ctx: TurnContext): Promise<FunctionCallOutcome> {
  const report = ctx.switches.functionCallReport;
  const call: FunctionCall = {
    name: "get_weather",
    toolCallId: `call_${randomBytes(12).toString("hex")}`,
    arguments: WEATHER_ARGUMENTS,
  };
  ctx.send("bot-llm-started");
  await ctx.pause(STEP_MS);
  ctx.send("metrics", serviceMetric("ttfb", "llm", 0.287));
  ctx.send("llm-function-call-started", functionCallStarted(report, call));
  await ctx.pause(STEP_MS);
  ctx.send("llm-function-call-in-progress", functionCallInProgress(report, call));
  if (report === "none") {
    // Anonymous events cannot run the client's handler (client-js runs it on an in-progress that
    // names the function), so the function is handed to the client the way Pipecat's
    // RTVIProcessor.handle_function_call does: the deprecated llm-function-call.
    ctx.send("llm-function-call", { function_name: call.name, tool_call_id: call.toolCallId, args: call.arguments });
  }
  ctx.send("metrics", tokensMetric(312, 18));
  ctx.send("bot-llm-stopped");
  const outcome = await ctx.functionCallResult(call.toolCallId);
  const result = outcome.answered ? outcome.result : { error: "The client sent no result in time" };
  ctx.send("llm-function-call-stopped", functionCallStopped(report, call, result));
  await ctx.pause(STEP_MS);
  return outcome;
}

/** The second inference: the reply, token by token. */
async function generateReply(ctx: TurnContext, reply: string): Promise<void> {
  ctx.send("bot-llm-started");
  await ctx.pause(STEP_MS);
  ctx.send("metrics", serviceMetric("ttfb", "llm", 0.245));
  const tokens = llmTokens(reply);
  for (const token of tokens) {
    ctx.send("bot-llm-text", { text: token });
    await ctx.pause(TOKEN_MS);
  }
  ctx.send("bot-transcription", { text: reply });
  ctx.send("metrics", tokensMetric(340, tokens.length));
  ctx.send("bot-llm-stopped");
  ctx.send("metrics", serviceMetric("processing", "llm", 0.412));
}

async function botSpeaks(ctx: TurnContext, reply: string, interrupted: boolean): Promise<void> {
  const { vad, audioLevels } = ctx.switches;
  ctx.send("metrics", charactersMetric(reply));
  ctx.send("metrics", serviceMetric("ttfb", "tts", 0.154));
  ctx.send("bot-tts-started");
  await ctx.pause(STEP_MS);
  ctx.send("metrics", ttfaMetric(0.154));
  ctx.send("bot-started-speaking");
  ctx.speechChanged("started");
  const segmentId = ctx.newSegmentId();
  ctx.send("bot-output", botOutput(reply, segmentId, 0));
  const words = reply.split(" ");
  const spokenCount = interrupted ? Math.ceil(words.length / 2) : words.length;
  for (let i = 0; i < spokenCount; i++) {
    ctx.send("bot-output", botOutput(reply, segmentId, i + 1));
    ctx.send("bot-tts-text", { text: words[i] });
    if (audioLevels) ctx.send("bot-audio-level", { value: BOT_LEVELS[i % BOT_LEVELS.length] });
    await ctx.pause(WORD_MS);
  }
  if (!interrupted) {
    // The TTS is done before its audio has played out.
    ctx.send("bot-tts-stopped");
    await ctx.pause(STEP_MS);
    ctx.send("bot-stopped-speaking");
    ctx.speechChanged("stopped");
    return;
  }
  // Barge-in: the user starts speaking, the bot stops mid-sentence.
  if (vad) ctx.send("vad-user-started-speaking");
  ctx.send("user-started-speaking");
  ctx.send("bot-interrupted");
  ctx.speechChanged("interrupted");
  ctx.send("bot-tts-stopped");
  ctx.send("bot-stopped-speaking");
  await ctx.pause(STEP_MS);
  if (vad) ctx.send("vad-user-stopped-speaking");
  ctx.send("user-transcription", transcription(BARGE_IN_TEXT, true));
  ctx.send("user-stopped-speaking");
}

function replyFor(outcome: FunctionCallOutcome): string {
  const place = WEATHER_ARGUMENTS.location;
  if (!outcome.answered) return `Sorry, I could not get the weather in ${place}.`;
  const { result } = outcome;
  if (isWeather(result)) return `It's ${result.conditions} and ${result.temperature} degrees in ${place} right now.`;
  return `Here is the weather in ${place}: ${typeof result === "string" ? result : JSON.stringify(result)}.`;
}

function isWeather(value: unknown): value is { conditions: string; temperature: number | string } {
  if (typeof value !== "object" || value === null) return false;
  const { conditions, temperature } = value as Record<string, unknown>;
  return typeof conditions === "string" && (typeof temperature === "number" || typeof temperature === "string");
}

function firstHalf(text: string): string {
  const words = text.split(" ");
  return words.slice(0, Math.ceil(words.length / 2)).join(" ");
}
