/**
 * One scripted conversation turn: the user speaks, the LLM calls `get_weather`
 * on the client and waits for its result, then the bot answers. Every message a
 * real Pipecat bot sends during a turn, in its order, with small fixed delays.
 * The values are fixed too (apart from timestamps and the tool call id), so the
 * same scenario always produces the same messages.
 */
import { randomBytes } from "node:crypto";
import type {
  BotLLMTextData,
  BotOutputData,
  BotTTSTextData,
  LLMFunctionCallInProgressData,
  LLMFunctionCallStartedData,
  LLMFunctionCallStoppedData,
  TranscriptData,
} from "@pipecat-ai/client-js";

export type SpeechState = "started" | "interrupted" | "stopped";

export type FunctionCallOutcome = { answered: true; result: unknown } | { answered: false };

/** What a turn needs from the bot that plays it. */
export interface TurnContext {
  send(type: string, data?: object): void;
  /** Waits; rejects when the session ends, which ends the turn. */
  pause(ms: number): Promise<void>;
  /** Waits for the client's `llm-function-call-result` for this tool call, or gives up. */
  functionCallResult(toolCallId: string): Promise<FunctionCallOutcome>;
  speechChanged(state: SpeechState): void;
}

const WEATHER_FUNCTION = "get_weather";
const WEATHER_ARGUMENTS = { location: "San Francisco" };
const USER_ID = "demo-user";

const STEP_MS = 30;
// One bot-tts-text per word, paced like speech, so the bot audibly "speaks" for a while.
const WORD_MS = 60;
const LLM_TEXT_CHUNKS = 3;

const LLM = { processor: "OpenAILLMService#0", model: "gpt-4o-mini" };
const TTS = { processor: "CartesiaTTSService#0", model: "sonic-2" };

// Audio levels cycle through fixed values: they look like speech and stay deterministic.
const USER_LEVELS = [0.31, 0.27];
const BOT_LEVELS = [0.18, 0.24, 0.21, 0.15];

/** A turn whose user text contains this word is cut short mid-speech. */
const INTERRUPT_WORD = "interrupt";

export async function playTurn(ctx: TurnContext, userText: string): Promise<void> {
  await userSpeaks(ctx, userText);

  ctx.send("bot-llm-started");
  await ctx.pause(STEP_MS);
  const reply = replyFor(await callWeatherFunction(ctx));
  for (const chunk of splitInto(reply, LLM_TEXT_CHUNKS)) {
    ctx.send("bot-llm-text", { text: chunk } satisfies BotLLMTextData);
    await ctx.pause(STEP_MS);
  }
  ctx.send("bot-llm-stopped");

  await botSpeaks(ctx, reply, userText.toLowerCase().includes(INTERRUPT_WORD));
}

async function userSpeaks(ctx: TurnContext, text: string): Promise<void> {
  const transcription = (partial: string, final: boolean): TranscriptData => ({
    text: partial,
    user_id: USER_ID,
    timestamp: new Date().toISOString(),
    final,
  });
  ctx.send("user-started-speaking");
  await ctx.pause(STEP_MS);
  ctx.send("user-audio-level", { value: USER_LEVELS[0] });
  ctx.send("user-transcription", transcription(firstHalf(text), false));
  await ctx.pause(STEP_MS);
  ctx.send("user-audio-level", { value: USER_LEVELS[1] });
  ctx.send("user-transcription", transcription(text, true));
  await ctx.pause(STEP_MS);
  ctx.send("user-stopped-speaking");
  await ctx.pause(STEP_MS);
}

async function callWeatherFunction(ctx: TurnContext): Promise<FunctionCallOutcome> {
  const toolCallId = `call_${randomBytes(12).toString("hex")}`;
  ctx.send("llm-function-call-started", { function_name: WEATHER_FUNCTION } satisfies LLMFunctionCallStartedData);
  await ctx.pause(STEP_MS);
  // client-js runs a handler registered with registerFunctionCallHandler on this
  // message (not on -started), and answers with llm-function-call-result.
  ctx.send("llm-function-call-in-progress", {
    function_name: WEATHER_FUNCTION,
    tool_call_id: toolCallId,
    arguments: WEATHER_ARGUMENTS,
  } satisfies LLMFunctionCallInProgressData);
  const outcome = await ctx.functionCallResult(toolCallId);
  ctx.send("llm-function-call-stopped", {
    function_name: WEATHER_FUNCTION,
    tool_call_id: toolCallId,
    cancelled: false,
    result: outcome.answered ? outcome.result : { error: "The client sent no result in time" },
  } satisfies LLMFunctionCallStoppedData);
  await ctx.pause(STEP_MS);
  return outcome;
}

async function botSpeaks(ctx: TurnContext, reply: string, interrupted: boolean): Promise<void> {
  ctx.send("bot-tts-started");
  ctx.send("bot-started-speaking");
  ctx.speechChanged("started");
  const words = reply.split(" ");
  const spokenWords = interrupted ? words.slice(0, Math.ceil(words.length / 2)) : words;
  for (const [index, word] of spokenWords.entries()) {
    ctx.send("bot-tts-text", { text: word } satisfies BotTTSTextData);
    ctx.send("bot-audio-level", { value: BOT_LEVELS[index % BOT_LEVELS.length] });
    await ctx.pause(WORD_MS);
  }
  if (interrupted) {
    ctx.send("bot-interrupted");
    ctx.speechChanged("interrupted");
  }
  const spoken = spokenWords.join(" ");
  ctx.send("bot-output", { text: spoken, aggregated_by: "sentence", spoken: true } satisfies BotOutputData);
  ctx.send("metrics", metricsFor(spoken));
  await ctx.pause(STEP_MS);
  ctx.send("bot-stopped-speaking");
  ctx.speechChanged("stopped");
  ctx.send("bot-tts-stopped");
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

/** The shapes Pipecat's metrics messages have (client-js types only part of them). */
function metricsFor(spokenText: string) {
  const completionTokens = spokenText.split(" ").length;
  return {
    processing: [{ ...LLM, value: 0.412 }],
    ttfb: [
      { ...LLM, value: 0.287 },
      { ...TTS, value: 0.154 },
    ],
    tokens: [{ ...LLM, prompt_tokens: 312, completion_tokens: completionTokens, total_tokens: 312 + completionTokens }],
    characters: [{ ...TTS, value: spokenText.length }],
  };
}

function firstHalf(text: string): string {
  const words = text.split(" ");
  return words.slice(0, Math.ceil(words.length / 2)).join(" ");
}

/** Splits text at word boundaries into `count` chunks (fewer if it has fewer words) that join back to the text. */
function splitInto(text: string, count: number): string[] {
  const words = text.split(" ");
  const chunks: string[] = [];
  for (let i = 0; i < count; i++) {
    const chunk = words.slice(Math.floor((i * words.length) / count), Math.floor(((i + 1) * words.length) / count));
    if (chunk.length > 0) chunks.push(chunk.join(" "));
  }
  // LLMs stream the spaces too: every chunk but the last keeps its trailing one.
  return chunks.map((chunk, i) => (i < chunks.length - 1 ? `${chunk} ` : chunk));
}
