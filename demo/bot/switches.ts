/**
 * Runs in the demo bot (Node): what a session's start request (the client's `requestData`) switches
 * on. A real Pipecat server decides these in its code (RTVIObserverParams); the demo bot lets the
 * client choose, so one server can show every report level (demo/bot/README.md, "Switches").
 */
import type { FunctionCallReport } from "./observerEvents.ts";

export interface BotSwitches {
  /** `functionCallReport`: "none" (the server's default), "name" or "full". */
  functionCallReport: FunctionCallReport;
  /** `vad: true`: raw VAD events (`vad-user-started/stopped-speaking`) beside the turn decisions. */
  vad: boolean;
  /** `audioLevels: true`: `user-audio-level` and `bot-audio-level` while someone speaks. */
  audioLevels: boolean;
}

export const DEFAULT_SWITCHES: BotSwitches = { functionCallReport: "none", vad: false, audioLevels: false };

const REPORT_LEVELS: readonly FunctionCallReport[] = ["none", "name", "full"];

/** The switches in a start request's JSON body; anything missing or malformed keeps its default. */
export function switchesFrom(requestData: unknown): BotSwitches {
  if (typeof requestData !== "object" || requestData === null) return DEFAULT_SWITCHES;
  const { functionCallReport, vad, audioLevels } = requestData as Record<string, unknown>;
  return {
    functionCallReport: REPORT_LEVELS.find((level) => level === functionCallReport) ?? "none",
    vad: vad === true,
    audioLevels: audioLevels === true,
  };
}
