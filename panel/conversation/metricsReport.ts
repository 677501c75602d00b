// Runs in the panel. Reads one `metrics` message: time to first byte per processor, token
// usage and TTS characters. A real server sends one key per message (ttfb, processing, ttfa,
// tokens, characters…), values in seconds, and first an inventory of every service with zeros
// (docs: test/shared/fixtures/real-pipecat-text-session.json, the message after client-ready).
import type { ServiceKind, TokenUsage } from "./types";

export interface MetricsReport {
  ttfb: { processor: string; ms: number }[];
  tokens?: TokenUsage;
  characters: number;
  /** Every processor the message names, and whether every value in it is zero (the inventory). */
  processors: string[];
  allZero: boolean;
}

function entries(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value)
    ? value.filter((item): item is Record<string, unknown> => !!item && typeof item === "object")
    : [];
}

function num(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}

export function readMetrics(data: unknown): MetricsReport {
  const report: MetricsReport = { ttfb: [], characters: 0, processors: [], allZero: true };
  if (!data || typeof data !== "object") return report;
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    for (const entry of entries(value)) {
      const processor = typeof entry.processor === "string" ? entry.processor : undefined;
      if (processor && !report.processors.includes(processor)) report.processors.push(processor);
      if (key === "tokens") {
        const tokens = {
          prompt: num(entry.prompt_tokens),
          completion: num(entry.completion_tokens),
          total: num(entry.total_tokens),
        };
        if (tokens.total === 0) tokens.total = tokens.prompt + tokens.completion;
        report.tokens = report.tokens
          ? {
              prompt: report.tokens.prompt + tokens.prompt,
              completion: report.tokens.completion + tokens.completion,
              total: report.tokens.total + tokens.total,
            }
          : tokens;
        if (tokens.total !== 0) report.allZero = false;
        continue;
      }
      const seconds = num(entry.value);
      if (seconds !== 0) report.allZero = false;
      if (key === "ttfb" && processor && seconds > 0) report.ttfb.push({ processor, ms: seconds * 1000 });
      if (key === "characters") report.characters += seconds;
    }
  }
  if (report.processors.length === 0 && !report.tokens) report.allZero = false;
  return report;
}

/**
 * Which service a processor is, from its name (Pipecat names them after their class:
 * "OpenAILLMService#0", "DeepgramSTTService#0", "CartesiaTTSService#0").
 */
export function serviceKind(processor: string): ServiceKind {
  if (/STT|Whisper|Transcri/i.test(processor)) return "STT";
  if (/TTS/i.test(processor)) return "TTS";
  if (/LLM/i.test(processor)) return "LLM";
  return "other";
}
