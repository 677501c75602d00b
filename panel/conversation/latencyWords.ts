// Runs in the panel. The words the view uses for each latency definition and for a turn with
// no latency, so the Turns table and the Latency summary say the same thing.
import type { LatencyFrom, Turn } from "./types";

export const LATENCY_FROM: Record<LatencyFrom, { short: string; long: string }> = {
  "vad-user-stopped-speaking": {
    short: "VAD",
    long: "from the server's raw VAD stop (vad-user-stopped-speaking) to bot-started-speaking",
  },
  "user-stopped-speaking": {
    short: "turn end",
    long: "from the server's end-of-turn decision (user-stopped-speaking) to bot-started-speaking",
  },
  "send-text": { short: "text", long: "from the client's send-text to bot-started-speaking" },
};

/** Why a turn has no latency. */
export function noLatencyReason(turn: Turn): string {
  if (turn.kind === "bot") return "bot spoke first";
  if (turn.preempted) return "bot never spoke (user went on)";
  if (turn.botSpeech.length === 0) return "bot never spoke";
  return "not measured";
}
