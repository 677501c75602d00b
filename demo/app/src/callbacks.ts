/**
 * PipecatClient callbacks that write every RTVI-level callback to the event
 * log. Media and device callbacks (tracks, audio levels, device lists) are left
 * out: their timing and content depend on the machine, not on the bot.
 */
import type { RTVIEventCallbacks } from "@pipecat-ai/client-js";
import type { EventLog } from "./eventLog.ts";

type CallbackName = keyof RTVIEventCallbacks;
type AnyCallback = (...args: unknown[]) => void;

const LOGGED: readonly CallbackName[] = [
  "onTransportStateChanged",
  "onConnected",
  "onDisconnected",
  "onBotStarted",
  "onBotConnected",
  "onBotReady",
  "onBotDisconnected",
  "onError",
  "onMessageError",
  "onServerMessage",
  "onMetrics",
  "onUserStartedSpeaking",
  "onUserStoppedSpeaking",
  "onBotStartedSpeaking",
  "onBotStoppedSpeaking",
  "onUserMuteStarted",
  "onUserMuteStopped",
  "onUserTranscript",
  "onUserLlmText",
  "onBotOutput",
  "onBotTranscript",
  "onBotLlmText",
  "onBotLlmStarted",
  "onBotLlmStopped",
  "onBotTtsText",
  "onBotTtsStarted",
  "onBotTtsStopped",
  "onLLMFunctionCallStarted",
  "onLLMFunctionCallInProgress",
  "onLLMFunctionCallStopped",
  "onLLMFunctionCall",
  "onBotLlmSearchResponse",
  "onUICommand",
  "onUIJobGroup",
];

/** How a callback's arguments appear in the log (default: as they are). */
const SHOWN_AS: Partial<Record<CallbackName, (...args: unknown[]) => unknown[]>> = {
  // The start response carries a URL with the server's port and a token: keys only.
  onBotStarted: (response) => [Object.keys(response ?? {}).sort()],
};

/** Callbacks that log, then call the matching one of `extra` (if any). */
export function loggingCallbacks(log: EventLog, extra: RTVIEventCallbacks = {}): RTVIEventCallbacks {
  const callbacks: Partial<Record<CallbackName, AnyCallback>> = {};
  for (const name of LOGGED) {
    const shownAs = SHOWN_AS[name];
    const then = extra[name] as AnyCallback | undefined;
    callbacks[name] = (...args) => {
      log.add(name, ...(shownAs ? shownAs(...args) : args));
      then?.(...args);
    };
  }
  return callbacks as RTVIEventCallbacks;
}
