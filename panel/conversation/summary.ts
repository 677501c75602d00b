// Runs in the panel. The Latency summary's figures, computed from the model when the view
// renders (a thousand turns sort in well under a millisecond): turns, p50 / p95 / worst
// voice-to-voice latency with the worst turn's biggest reported contributor, interruptions,
// connect → bot-ready, token and TTS character totals, the pipeline's services.
import type { ConversationModel } from "./conversationModel";
import type { LatencyFrom, Mark, TokenUsage, TtfbReport, Turn } from "./types";

export interface Summary {
  turns: number;
  measured: number;
  /** How many latencies each definition gave. */
  definitions: Partial<Record<LatencyFrom, number>>;
  p50?: Turn;
  p95?: Turn;
  worst?: Turn;
  /** The worst turn's largest time to first byte, when the server reported metrics for it. */
  worstContributor?: TtfbReport;
  interruptions: number;
  connectToReady?: { ms: number; from: "connection call" | "first message"; end: Mark };
  tokens: TokenUsage;
  ttsCharacters: number;
  services: string[];
}

/** The turn at a percentile of latency (nearest rank) among turns sorted by it. */
function atPercentile(sorted: readonly Turn[], percentile: number): Turn | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.ceil((percentile / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** `connectT`: when the client's connection call (startBot / startBotAndConnect) began, if it made one. */
export function summarize(model: ConversationModel, connectT?: number): Summary {
  const measured = model.turns.filter((turn) => turn.latency !== undefined);
  const sorted = [...measured].sort((a, b) => a.latency!.ms - b.latency!.ms);
  const definitions: Summary["definitions"] = {};
  for (const turn of measured) definitions[turn.latency!.from] = (definitions[turn.latency!.from] ?? 0) + 1;
  const worst = sorted.at(-1);
  const worstContributor = worst?.ttfb.reduce<TtfbReport | undefined>(
    (largest, report) => (largest === undefined || report.ms > largest.ms ? report : largest),
    undefined,
  );
  const tokens = { prompt: 0, completion: 0, total: 0 };
  for (const report of model.tokens) {
    tokens.prompt += report.prompt;
    tokens.completion += report.completion;
    tokens.total += report.total;
  }
  let connectToReady: Summary["connectToReady"];
  const ready = model.botReady;
  const start = connectT ?? model.firstMessage?.t;
  if (ready && start !== undefined && ready.t >= start) {
    connectToReady = {
      ms: ready.t - start,
      from: connectT === undefined ? "first message" : "connection call",
      end: ready,
    };
  }
  return {
    turns: model.turns.length,
    measured: measured.length,
    definitions,
    p50: atPercentile(sorted, 50),
    p95: atPercentile(sorted, 95),
    worst,
    worstContributor,
    interruptions: model.turns.filter((turn) => turn.interruption !== undefined).length,
    connectToReady,
    tokens,
    ttsCharacters: model.characters.reduce((sum, report) => sum + report.value, 0),
    services: model.services?.names ?? [],
  };
}
