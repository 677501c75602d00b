// Runs in the panel. A template for every RTVI message type client-js knows, for the
// composer's "Template" list.
//
// The list is keyed by client-js's own `RTVIMessageType` enum, imported as a type only: the
// compiler refuses a missing or unknown type (test/panel/composerTemplates.test.ts checks the
// same against the enum's runtime values). A value import would pull all of client-js (and
// bowser, uuid, events) into the panel bundle: 82 KB minified for some 45 strings.
import type {
  BotLLMSearchResponseData,
  BotOutputData,
  BotReadyData,
  ClientMessageData,
  ClientReadyData,
  DTMFData,
  ErrorData,
  LLMFunctionCallData,
  LLMFunctionCallInProgressData,
  LLMFunctionCallResultResponse,
  LLMFunctionCallStartedData,
  LLMFunctionCallStoppedData,
  LLMContextMessage,
  AppendToContextResultData,
  PipecatMetricsData,
  RTVI_PROTOCOL_VERSION,
  RTVIMessageType,
  SendTextOptions,
  TranscriptData,
  UICancelJobGroupData,
  UICommandData,
  UIEventData,
  UIJobGroupData,
} from "@pipecat-ai/client-js";

export type KnownType = `${RTVIMessageType}`;

export interface Template {
  type: string;
  dir: "out" | "in";
  data: unknown;
  /** What the message is for, shown with the template. */
  note: string;
}

const PROTOCOL_VERSION: typeof RTVI_PROTOCOL_VERSION = "2.1.0";

const out = <T>(data: T, note: string) => ({ dir: "out" as const, data, note });
const inbound = <T>(data: T, note: string) => ({ dir: "in" as const, data, note });

const KNOWN = {
  // Client → bot
  "client-ready": out<ClientReadyData>(
    { version: PROTOCOL_VERSION, about: { library: "@pipecat-ai/client-js", library_version: "1.13.1" } },
    "handshake; the bot answers bot-ready with the same id",
  ),
  "disconnect-bot": out({}, "asks the bot to leave"),
  "client-message": out<ClientMessageData>(
    { t: "my-message", d: {} },
    "what sendClientMessage / sendClientRequest send",
  ),
  "send-text": out<{ content: string; options: SendTextOptions }>(
    { content: "Hello", options: {} },
    "what sendText sends",
  ),
  dtmf: out<DTMFData>({ buttons: ["1"] }, "keypad tones (RTVI 2.1)"),
  "ui-event": out<UIEventData>({ event: "click", payload: {} }, "what sendUIEvent sends"),
  "ui-snapshot": out({ tree: { root: { role: "document", name: "" }, captured_at: 0 } }, "accessibility snapshot"),
  "ui-cancel-job-group": out<UICancelJobGroupData>(
    { job_id: "job-1", reason: "cancelled from DevTools" },
    "cancels a UI job group",
  ),
  "append-to-context": out<LLMContextMessage>(
    { role: "user", content: "Hello", run_immediately: false },
    "deprecated; bots 1.x answer error-response",
  ),
  "llm-function-call-result": out<LLMFunctionCallResultResponse>(
    { function_name: "get_weather", tool_call_id: "call_1", arguments: {}, result: {} },
    "the result of a function call",
  ),
  // Bot → client
  "bot-ready": inbound<BotReadyData>({ version: PROTOCOL_VERSION, about: {} }, "answers client-ready, same id"),
  error: inbound<ErrorData>({ error: "Something failed", fatal: false }, "bot error; fatal disconnects"),
  metrics: inbound<PipecatMetricsData>({ processing: [{ processor: "LLM", value: 0.1 }], ttfb: [] }, "timings"),
  "server-message": inbound({ msg: "hello" }, "onServerMessage receives the data"),
  "server-response": inbound({ t: "my-message", d: {} }, "answers a request: same id; resolves it with d"),
  "error-response": inbound({ error: "Unknown request type" }, "fails a request: same id"),
  "append-to-context-result": inbound<AppendToContextResultData>({ result: {} }, "deprecated"),
  "ui-command": inbound<UICommandData>({ command: "scroll_to", payload: {} }, "onUICommand"),
  "ui-job-group": inbound<UIJobGroupData>(
    { kind: "group_started", job_id: "job-1", workers: ["worker"], cancellable: true, at: 0 },
    "onUIJobGroup",
  ),
  "user-started-speaking": inbound({}, ""),
  "user-stopped-speaking": inbound({}, ""),
  "bot-started-speaking": inbound({}, ""),
  "bot-stopped-speaking": inbound({}, ""),
  "user-mute-started": inbound({}, ""),
  "user-mute-stopped": inbound({}, ""),
  "user-transcription": inbound<TranscriptData>(
    { text: "Hello", final: true, timestamp: "2025-01-01T00:00:00.000Z", user_id: "user" },
    "onUserTranscript",
  ),
  "bot-output": inbound<BotOutputData>({ text: "Hello!", aggregated_by: "sentence", spoken: true }, "onBotOutput"),
  "bot-transcription": inbound({ text: "Hello!" }, "deprecated"),
  "user-llm-text": inbound({ text: "Hello" }, ""),
  "bot-llm-text": inbound({ text: "Hel" }, "streamed LLM tokens"),
  "bot-llm-started": inbound({}, ""),
  "bot-llm-stopped": inbound({}, ""),
  "llm-function-call": inbound<LLMFunctionCallData>(
    { function_name: "get_weather", tool_call_id: "call_1", args: {} },
    "deprecated",
  ),
  "llm-function-call-started": inbound<LLMFunctionCallStartedData>({ function_name: "get_weather" }, ""),
  "llm-function-call-in-progress": inbound<LLMFunctionCallInProgressData>(
    { function_name: "get_weather", tool_call_id: "call_1", arguments: {} },
    "runs the app's registerFunctionCallHandler",
  ),
  "llm-function-call-stopped": inbound<LLMFunctionCallStoppedData>(
    { function_name: "get_weather", tool_call_id: "call_1", cancelled: false, result: {} },
    "",
  ),
  "bot-llm-search-response": inbound<BotLLMSearchResponseData>(
    { search_result: "", rendered_content: "", origins: [] },
    "",
  ),
  "bot-tts-text": inbound({ text: "Hello" }, "word being spoken"),
  "bot-tts-started": inbound({}, ""),
  "bot-tts-stopped": inbound({}, ""),
} satisfies Record<KnownType, Omit<Template, "type">>;

/** Sent by Pipecat servers but unknown to client-js 1.13, which drops them without an event. */
const SERVER_ONLY = {
  "bot-interrupted": inbound({}, "unknown to client-js 1.13: no event"),
  "vad-user-started-speaking": inbound({}, "unknown to client-js 1.13: no event"),
  "vad-user-stopped-speaking": inbound({}, "unknown to client-js 1.13: no event"),
  "user-audio-level": inbound({ value: 0.3 }, "unknown to client-js 1.13: no event"),
  "bot-audio-level": inbound({ value: 0.3 }, "unknown to client-js 1.13: no event"),
  "system-log": inbound({ text: "" }, "unknown to client-js 1.13: no event"),
};

export const TEMPLATES: readonly Template[] = [...Object.entries(KNOWN), ...Object.entries(SERVER_ONLY)].map(
  ([type, template]) => ({ type, ...template }),
);

export function templateFor(type: string): Template | undefined {
  return TEMPLATES.find((template) => template.type === type);
}

export function formatData(data: unknown): string {
  return JSON.stringify(data, null, 2);
}
