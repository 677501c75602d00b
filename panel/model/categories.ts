// What kind of message a row is, in the words a Pipecat developer uses: the log colours rows
// by it and the type chips group by it. Types come from client-js's RTVIMessageType, plus the
// ones servers send that client-js does not know (docs/client-js-internals.md).
export type Category =
  | "lifecycle"
  | "request"
  | "response"
  | "server-message"
  | "speaking"
  | "transcript"
  | "llm"
  | "tts"
  | "metrics"
  | "function-call"
  | "error"
  | "ui"
  | "noise"
  | "other";

const CATEGORY_BY_TYPE: Record<string, Category> = {
  "client-ready": "lifecycle",
  "bot-ready": "lifecycle",
  "disconnect-bot": "lifecycle",
  "client-message": "request",
  "send-text": "request",
  "append-to-context": "request",
  dtmf: "request",
  "server-response": "response",
  "error-response": "error",
  "append-to-context-result": "response",
  "server-message": "server-message",
  "user-started-speaking": "speaking",
  "user-stopped-speaking": "speaking",
  "bot-started-speaking": "speaking",
  "bot-stopped-speaking": "speaking",
  "user-mute-started": "speaking",
  "user-mute-stopped": "speaking",
  "vad-user-started-speaking": "speaking",
  "vad-user-stopped-speaking": "speaking",
  "bot-interrupted": "speaking",
  "user-transcription": "transcript",
  "bot-transcription": "transcript",
  "bot-output": "transcript",
  "user-llm-text": "llm",
  "bot-llm-text": "llm",
  "bot-llm-started": "llm",
  "bot-llm-stopped": "llm",
  "bot-llm-search-response": "llm",
  "bot-tts-text": "tts",
  "bot-tts-started": "tts",
  "bot-tts-stopped": "tts",
  metrics: "metrics",
  "llm-function-call": "function-call",
  "llm-function-call-started": "function-call",
  "llm-function-call-in-progress": "function-call",
  "llm-function-call-stopped": "function-call",
  "llm-function-call-result": "function-call",
  error: "error",
  "ui-event": "ui",
  "ui-snapshot": "ui",
  "ui-cancel-job-group": "ui",
  "ui-command": "ui",
  "ui-job-group": "ui",
  "user-audio-level": "noise",
  "bot-audio-level": "noise",
  "remote-audio-level": "noise",
  "local-audio-level": "noise",
  "system-log": "noise",
};

export function categoryOf(type: string): Category {
  return Object.hasOwn(CATEGORY_BY_TYPE, type) ? CATEGORY_BY_TYPE[type] : "other";
}

/** Hidden until the user asks for them: they arrive many times a second and say little. */
export function isNoisy(type: string): boolean {
  return categoryOf(type) === "noise";
}

export const CATEGORY_LABELS: Record<Category, string> = {
  lifecycle: "Lifecycle",
  request: "Requests",
  response: "Responses",
  "server-message": "Server messages",
  speaking: "Speaking",
  transcript: "Transcripts",
  llm: "LLM",
  tts: "TTS",
  metrics: "Metrics",
  "function-call": "Function calls",
  error: "Errors",
  ui: "UI",
  noise: "Audio levels and logs",
  other: "Other",
};
