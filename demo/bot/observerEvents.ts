/**
 * Runs in the demo bot (Node) and wherever its script is imported (tests): the payloads a real
 * Pipecat server (RTVI protocol 2.1.0) gives its observer events, as the recorded session in
 * test/shared/fixtures/real-pipecat-text-session.json shows them: fields that would be None are
 * absent, metrics come one key per message, function calls carry what the report level allows.
 * Pure data, no Node modules, so the conversation script (conversationScript.ts) can use it too.
 */

export type FunctionCallReport = "none" | "name" | "full";

/** The pipeline's services, by the processor names Pipecat gives them (class name, `#`, index). */
export const SERVICES = {
  stt: { processor: "DeepgramSTTService#0", model: "nova-3" },
  llm: { processor: "OpenAILLMService#0", model: "gpt-4o-mini" },
  tts: { processor: "CartesiaTTSService#0", model: "sonic-2" },
} as const;

type Service = keyof typeof SERVICES;

/** The first metrics message of a session: every service, all zero, no model (as in the fixture). */
export function metricsInventory() {
  const zeros = Object.values(SERVICES).map(({ processor }) => ({ processor, value: 0 }));
  return { ttfb: zeros, processing: zeros.map((entry) => ({ ...entry })) };
}

/** `metrics` {ttfb} or {processing}: one service's figure in seconds. */
export function serviceMetric(key: "ttfb" | "processing", service: Service, seconds: number) {
  return { [key]: [{ ...SERVICES[service], value: seconds }] };
}

/** `metrics` {tokens}: the LLM's usage; Pipecat names no processor here. */
export function tokensMetric(promptTokens: number, completionTokens: number) {
  return {
    tokens: [
      {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
      },
    ],
  };
}

/** `metrics` {characters}: what the TTS was given to say. */
export function charactersMetric(text: string) {
  return { characters: [{ ...SERVICES.tts, value: text.length }] };
}

/** `metrics` {ttfa}: the TTS's time to first audio (seconds), with its ttfb and leading silence. */
export function ttfaMetric(seconds: number) {
  return { ttfa: [{ ...SERVICES.tts, ttfa: seconds, ttfb: seconds, leading_silence: 0 }] };
}

export interface FunctionCall {
  name: string;
  toolCallId: string;
  arguments: Record<string, unknown>;
}

/** `llm-function-call-started`: `{}` at the default level; never a tool_call_id. */
export function functionCallStarted(report: FunctionCallReport, call: FunctionCall) {
  return report === "none" ? {} : { function_name: call.name };
}

/** `llm-function-call-in-progress`: client-js runs a registered handler on it only when it names the function. */
export function functionCallInProgress(report: FunctionCallReport, call: FunctionCall) {
  if (report === "none") return { tool_call_id: call.toolCallId };
  if (report === "name") return { function_name: call.name, tool_call_id: call.toolCallId };
  return { function_name: call.name, tool_call_id: call.toolCallId, arguments: call.arguments };
}

export function functionCallStopped(
  report: FunctionCallReport,
  call: FunctionCall,
  result: unknown,
  cancelled = false,
) {
  if (report === "none") return { tool_call_id: call.toolCallId, cancelled };
  if (report === "name") return { function_name: call.name, tool_call_id: call.toolCallId, cancelled };
  return { function_name: call.name, tool_call_id: call.toolCallId, cancelled, result };
}

/**
 * The LLM's tokens: one per word, each but the first with its leading space, as OpenAI streams
 * them (the fixture's `bot-llm-text` rows: "You", " said:", " What"…). They join to the text.
 */
export function llmTokens(text: string): string[] {
  return text.split(" ").map((word, i) => (i === 0 ? word : ` ${word}`));
}

/**
 * `bot-output` for one segment (a sentence): `new` when it is made, then once per spoken word,
 * `in-progress` until the last, which is `completed`. `spokenWords` is how many words have been
 * spoken (0 for `new`); spoken_progress splits the text there.
 */
export function botOutput(text: string, segmentId: number, spokenWords: number) {
  const words = text.split(" ");
  const accumulated = words.slice(0, spokenWords).join(" ");
  const remaining = words.slice(spokenWords).join(" ");
  const status = spokenWords === 0 ? "new" : spokenWords === words.length ? "completed" : "in-progress";
  return {
    text,
    aggregated_by: "sentence",
    segment_id: segmentId,
    spoken: spokenWords > 0,
    will_be_spoken: true,
    spoken_status: status,
    spoken_progress: { accumulated_text: accumulated, remaining_text: remaining },
  };
}
