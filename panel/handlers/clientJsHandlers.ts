// Runs in the panel. What client-js 1.x does with each inbound RTVI message type, release by
// release: the callback it calls, the RTVIEvent it emits, what else it does, and the types it
// drops; which callback names its own wrappers hold; which callbacks it ever calls and which
// events it ever emits. Read off PipecatClient's handleMessage switch and its constructor's
// wrappedCallbacks in node_modules/@pipecat-ai/client-js/dist/index.module.js (1.13.1:
// handleMessage :2341, wrappedCallbacks :1592) and
// node_modules/@pipecat-ai/client-js-1.0/dist/index.module.js (1.0.0: :956, :612), and for the
// releases between from client-js/client/client.ts at each release's version commit in
// https://github.com/pipecat-ai/pipecat-client-web (patch releases changed none of it).
// test/panel/handlersTable.test.ts holds the real 1.0.0, 1.10.0 and 1.13.1 clients to it.
// Over 300 lines as one concern: it is a data table of client-js's behaviour, one entry per
// RTVI type, kept whole so it reads against client-js's own switch.

/** The newest client-js 1.x minor release checked; all from 1.0 on were. */
export const NEWEST_CHECKED_MINOR = 13;

/** A type client-js hands to the app: it calls a callback, then emits an event. */
export interface Emits {
  /** The callback's name in the client's options. */
  callback: string;
  /**
   * client-js's own wrapper sits under the callback's name in the client's `_options.callbacks`:
   * the wrapper calls the app's callback, if it passed one, then emits the event. Otherwise
   * client-js calls the app's callback from `_options.callbacks` itself, then emits.
   */
  wrapped: boolean;
  /** The RTVIEvent client-js emits (its string value), after the callback. */
  event: string;
  /** What client-js does first, or after, besides the callback and the event. */
  also?: string;
}

/** A type client-js handles with neither callback nor event: what it does instead. */
export interface Instead {
  instead: string;
}

export type InboundHandling = Emits | Instead;

export const emits = (handling: InboundHandling): handling is Emits => "event" in handling;

/** Minor releases of client-js 1.x, both ends included. */
interface Span {
  since: number;
  until?: number;
}

const wrapper = (callback: string, event: string, also?: string): Emits => ({ callback, wrapped: true, event, also });
const direct = (callback: string, event: string, also?: string): Emits => ({ callback, wrapped: false, event, also });

const RUNS_FUNCTION_HANDLER =
  "first runs the handler registerFunctionCallHandler() registered for its function_name, if any";

/** Each inbound type's handling and the releases it holds for; a type with no entry for a release falls to the switch's default: dropped. */
const INBOUND: readonly (Span & { type: string; handling: InboundHandling })[] = [
  {
    type: "bot-ready",
    since: 0,
    handling: wrapper("onBotReady", "botReady", "first resolves the promise connect() returned"),
  },
  { type: "error", since: 0, handling: wrapper("onError", "error", "disconnects afterwards when data.fatal is true") },
  {
    type: "server-response",
    since: 0,
    handling: { instead: "answers the app's sendClientRequest promise instead of an event" },
  },
  {
    type: "error-response",
    since: 0,
    handling: wrapper("onMessageError", "messageError", "first rejects the app's sendClientRequest promise of its id"),
  },
  { type: "user-started-speaking", since: 0, handling: wrapper("onUserStartedSpeaking", "userStartedSpeaking") },
  { type: "user-stopped-speaking", since: 0, handling: wrapper("onUserStoppedSpeaking", "userStoppedSpeaking") },
  { type: "bot-started-speaking", since: 0, handling: wrapper("onBotStartedSpeaking", "botStartedSpeaking") },
  { type: "bot-stopped-speaking", since: 0, handling: wrapper("onBotStoppedSpeaking", "botStoppedSpeaking") },
  { type: "user-mute-started", since: 6, handling: wrapper("onUserMuteStarted", "userMuteStarted") },
  { type: "user-mute-stopped", since: 6, handling: wrapper("onUserMuteStopped", "userMuteStopped") },
  { type: "user-transcription", since: 0, handling: wrapper("onUserTranscript", "userTranscript") },
  { type: "bot-output", since: 5, handling: wrapper("onBotOutput", "botOutput") },
  { type: "bot-transcription", since: 0, handling: wrapper("onBotTranscript", "botTranscript") },
  { type: "user-llm-text", since: 12, handling: direct("onUserLlmText", "userLlmText") },
  { type: "bot-llm-text", since: 0, handling: wrapper("onBotLlmText", "botLlmText") },
  { type: "bot-llm-started", since: 0, handling: wrapper("onBotLlmStarted", "botLlmStarted") },
  { type: "bot-llm-stopped", since: 0, handling: wrapper("onBotLlmStopped", "botLlmStopped") },
  { type: "bot-tts-text", since: 0, handling: wrapper("onBotTtsText", "botTtsText") },
  { type: "bot-tts-started", since: 0, handling: wrapper("onBotTtsStarted", "botTtsStarted") },
  { type: "bot-tts-stopped", since: 0, handling: wrapper("onBotTtsStopped", "botTtsStopped") },
  { type: "metrics", since: 0, handling: direct("onMetrics", "metrics") },
  { type: "server-message", since: 0, handling: direct("onServerMessage", "serverMessage") },
  // 1.0 to 1.3 handle it as a server-message (its case falls through to SERVER_MESSAGE's).
  {
    type: "append-to-context-result",
    since: 0,
    until: 3,
    handling: direct("onServerMessage", "serverMessage", "handles it as a server-message"),
  },
  { type: "ui-command", since: 9, handling: direct("onUICommand", "uiCommand") },
  { type: "ui-task", since: 9, until: 9, handling: direct("onUITask", "uiTask") },
  { type: "ui-job-group", since: 10, handling: direct("onUIJobGroup", "uiJobGroup") },
  {
    type: "llm-function-call",
    since: 0,
    until: 2,
    handling: {
      instead:
        "only runs the handler registerFunctionCallHandler() registered for its function_name, with no callback or event",
    },
  },
  {
    type: "llm-function-call",
    since: 3,
    handling: direct("onLLMFunctionCall", "llmFunctionCall", RUNS_FUNCTION_HANDLER),
  },
  {
    type: "llm-function-call-started",
    since: 6,
    handling: direct("onLLMFunctionCallStarted", "llmFunctionCallStarted"),
  },
  {
    type: "llm-function-call-in-progress",
    since: 6,
    handling: direct("onLLMFunctionCallInProgress", "llmFunctionCallInProgress", RUNS_FUNCTION_HANDLER),
  },
  {
    type: "llm-function-call-stopped",
    since: 6,
    handling: direct("onLLMFunctionCallStopped", "llmFunctionCallStopped"),
  },
  { type: "bot-llm-search-response", since: 0, handling: direct("onBotLlmSearchResponse", "botLlmSearchResponse") },
];

/** The names client-js's constructor puts its own wrapper under (each calls the app's callback of that name, then emits). */
const WRAPPED: readonly (Span & { names: readonly string[] })[] = [
  {
    since: 0,
    names: [
      "onAvailableCamsUpdated",
      "onAvailableMicsUpdated",
      "onAvailableSpeakersUpdated",
      "onBotConnected",
      "onBotDisconnected",
      "onBotLlmStarted",
      "onBotLlmStopped",
      "onBotLlmText",
      "onBotReady",
      "onBotStartedSpeaking",
      "onBotStoppedSpeaking",
      "onBotTranscript",
      "onBotTtsStarted",
      "onBotTtsStopped",
      "onBotTtsText",
      "onCamUpdated",
      "onConnected",
      "onDisconnected",
      "onError",
      "onLocalAudioLevel",
      "onMessageError",
      "onMicUpdated",
      "onParticipantJoined",
      "onParticipantLeft",
      "onRemoteAudioLevel",
      "onScreenShareError",
      "onScreenTrackStarted",
      "onScreenTrackStopped",
      "onSpeakerUpdated",
      "onTrackStarted",
      "onTrackStopped",
      "onTransportStateChanged",
      "onUserStartedSpeaking",
      "onUserStoppedSpeaking",
      "onUserTranscript",
    ],
  },
  { since: 1, names: ["onDeviceError"] },
  { since: 4, names: ["onBotStarted"] },
  { since: 5, names: ["onBotOutput"] },
  { since: 6, names: ["onUserMuteStarted", "onUserMuteStopped"] },
  { since: 11, names: ["onUnsupportedFeature"] },
];

/** The callbacks client-js calls itself, besides those it wraps (from handleMessage and elsewhere in the client). */
const DIRECT_CALLBACKS: readonly (Span & { names: readonly string[] })[] = [
  { since: 0, names: ["onMetrics", "onServerMessage", "onBotLlmSearchResponse"] },
  { since: 3, names: ["onLLMFunctionCall"] },
  { since: 6, names: ["onLLMFunctionCallStarted", "onLLMFunctionCallInProgress", "onLLMFunctionCallStopped"] },
  { since: 8, names: ["onMediaStateChanged"] },
  { since: 9, names: ["onUICommand"] },
  { since: 9, until: 9, names: ["onUITask"] },
  { since: 10, names: ["onUIJobGroup"] },
  { since: 12, names: ["onUserLlmText"] },
];

/** The RTVIEvent names client-js ever emits. RTVIEvent also names `serverResponse`, which no 1.x release emits. */
const EMITTED: readonly (Span & { names: readonly string[] })[] = [
  {
    since: 0,
    names: [
      "availableCamsUpdated",
      "availableMicsUpdated",
      "availableSpeakersUpdated",
      "botConnected",
      "botDisconnected",
      "botLlmSearchResponse",
      "botLlmStarted",
      "botLlmStopped",
      "botLlmText",
      "botReady",
      "botStartedSpeaking",
      "botStoppedSpeaking",
      "botTranscript",
      "botTtsStarted",
      "botTtsStopped",
      "botTtsText",
      "camUpdated",
      "connected",
      "disconnected",
      "error",
      "localAudioLevel",
      "messageError",
      "metrics",
      "micUpdated",
      "participantConnected",
      "participantLeft",
      "remoteAudioLevel",
      "screenShareError",
      "screenTrackStarted",
      "screenTrackStopped",
      "serverMessage",
      "speakerUpdated",
      "trackStarted",
      "trackStopped",
      "transportStateChanged",
      "userStartedSpeaking",
      "userStoppedSpeaking",
      "userTranscript",
    ],
  },
  { since: 1, names: ["deviceError"] },
  { since: 3, names: ["llmFunctionCall"] },
  { since: 4, names: ["botStarted"] },
  { since: 5, names: ["botOutput"] },
  {
    since: 6,
    names: [
      "llmFunctionCallStarted",
      "llmFunctionCallInProgress",
      "llmFunctionCallStopped",
      "userMuteStarted",
      "userMuteStopped",
    ],
  },
  { since: 8, names: ["mediaStateUpdated"] },
  { since: 9, names: ["uiCommand"] },
  { since: 9, until: 9, names: ["uiTask"] },
  { since: 10, names: ["uiJobGroup"] },
  { since: 11, names: ["unsupportedFeature"] },
  { since: 12, names: ["userLlmText"] },
];

/** The release of the table a client is read at. */
export interface TableVersion {
  /** The client-js 1.x minor release read. */
  minor: number;
  /** "client-js 1.13", or "client-js" when its version is not known. */
  label: string;
  /** Why the release read is not the client's own, when it is not. */
  caveat?: string;
}

/** A client the table does not describe (client-js 0.x's RTVIClient, a 2.x), and why. */
export interface Undescribed {
  unsupported: string;
}

const NEWEST = `1.${NEWEST_CHECKED_MINOR}`;

/**
 * The table release to read for a client-js version: its own, or for an unknown version or a
 * 1.x newer than those checked, the newest checked, with a caveat saying so.
 */
export function tableVersion(clientVersion: string | undefined): TableVersion | Undescribed {
  if (clientVersion === undefined) {
    return {
      minor: NEWEST_CHECKED_MINOR,
      label: "client-js",
      caveat: `This client's client-js version is not known: read as client-js ${NEWEST} handles it.`,
    };
  }
  const match = /^(\d+)\.(\d+)/.exec(clientVersion);
  const major = match ? Number(match[1]) : Number.NaN;
  const minor = match ? Number(match[2]) : Number.NaN;
  if (major !== 1) {
    return {
      unsupported: `client-js ${clientVersion} is not in the handler table, which covers client-js 1.0 to ${NEWEST}.`,
    };
  }
  if (minor > NEWEST_CHECKED_MINOR) {
    return {
      minor: NEWEST_CHECKED_MINOR,
      label: `client-js 1.${minor}`,
      caveat: `client-js 1.${minor} is newer than the releases checked (1.0 to ${NEWEST}): read as ${NEWEST} handles it.`,
    };
  }
  return { minor, label: `client-js 1.${minor}` };
}

export function isUndescribed(version: TableVersion | Undescribed): version is Undescribed {
  return "unsupported" in version;
}

const holds = (span: Span, minor: number) => minor >= span.since && (span.until === undefined || minor <= span.until);

/** What client-js 1.`minor` does with an inbound type; undefined for a type it drops (its switch's default). */
export function inboundHandling(type: string, minor: number): InboundHandling | undefined {
  return INBOUND.find((entry) => entry.type === type && holds(entry, minor))?.handling;
}

function namesAt(spans: readonly (Span & { names: readonly string[] })[], minor: number): Set<string> {
  return new Set(spans.filter((span) => holds(span, minor)).flatMap((span) => span.names));
}

/** The callback names client-js 1.`minor`'s own wrappers hold in `_options.callbacks`, passed or not. */
export function wrappedCallbacks(minor: number): ReadonlySet<string> {
  return namesAt(WRAPPED, minor);
}

/** Every callback name client-js 1.`minor` calls: those it wraps and those it calls from the options itself. */
export function calledCallbacks(minor: number): ReadonlySet<string> {
  return new Set([...namesAt(WRAPPED, minor), ...namesAt(DIRECT_CALLBACKS, minor)]);
}

/** Every RTVIEvent name client-js 1.`minor` emits. */
export function emittedEvents(minor: number): ReadonlySet<string> {
  return namesAt(EMITTED, minor);
}
