// Runs in the panel. The Timeline's arithmetic, apart from its rendering so it can be tested
// and driven without a DOM: the visible window (zoom about a point, pan, follow the live
// edge), the spans of each lane taken from the model, and their bars in pixels. Spans outside
// the window are skipped, and spans narrower than a few pixels that touch are merged into one
// bar, so a zoomed-out hour of 1 000 turns draws at most about one bar per pixel per lane.
import type { ConversationModel } from "./conversationModel";
import type { Span } from "./types";

export interface TimeWindow {
  start: number;
  end: number;
}

/** The narrowest window (ms): a few words' worth. */
export const MIN_WINDOW_MS = 200;

export function zoomWindow(window: TimeWindow, factor: number, anchor: number): TimeWindow {
  const width = Math.max(MIN_WINDOW_MS, (window.end - window.start) * factor);
  const ratio = (anchor - window.start) / (window.end - window.start || 1);
  const start = anchor - ratio * width;
  return { start, end: start + width };
}

export function panWindow(window: TimeWindow, deltaMs: number): TimeWindow {
  return { start: window.start + deltaMs, end: window.end + deltaMs };
}

/** The same width, ending at the live edge (with a margin of a twentieth, so the edge shows). */
export function followWindow(window: TimeWindow, edge: number): TimeWindow {
  const width = window.end - window.start;
  const end = edge + width / 20;
  return { start: end - width, end };
}

export type LaneName = "VAD" | "User" | "Latency" | "Bot" | "LLM" | "TTS" | "Calls";

export interface LaneSpan {
  start: number;
  end: number;
  seqs: readonly number[];
  label: string;
  interrupted?: boolean;
}

export interface Lane {
  name: LaneName;
  spans: LaneSpan[];
}

function spanOf(span: Span, now: number, seqs: readonly number[], label: string): LaneSpan {
  return { start: span.start, end: span.end ?? now, seqs, label };
}

/** The lanes' spans that meet the window. */
export function laneSpans(model: ConversationModel, window: TimeWindow): Lane[] {
  const now = model.lastT;
  const meets = (start: number, end: number) => end >= window.start && start <= window.end;
  const lanes: Record<LaneName, LaneSpan[]> = { VAD: [], User: [], Latency: [], Bot: [], LLM: [], TTS: [], Calls: [] };
  for (const span of model.vad) {
    if (meets(span.start, span.end ?? now))
      lanes.VAD.push(spanOf(span, now, [span.startSeq, ...(span.endSeq ? [span.endSeq] : [])], "VAD: user speaking"));
  }
  for (const turn of model.turns) {
    const name = `Turn ${turn.number}`;
    if (turn.user && meets(turn.user.start, turn.user.end ?? now)) {
      lanes.User.push(spanOf(turn.user, now, turn.seqs, `${name}: user speaking`));
    } else if (turn.kind === "text" && meets(turn.start, turn.start)) {
      lanes.User.push({ start: turn.start, end: turn.start, seqs: turn.seqs, label: `${name}: text sent` });
    }
    const latency = turn.latency;
    if (latency && meets(latency.start.t, latency.end.t)) {
      lanes.Latency.push({
        start: latency.start.t,
        end: latency.end.t,
        seqs: [latency.start.seq, latency.end.seq],
        label: `${name}: latency ${Math.round(latency.ms)} ms`,
      });
    }
    for (const span of turn.botSpeech) {
      if (!meets(span.start, span.end ?? now)) continue;
      const bar = spanOf(span, now, turn.seqs, `${name}: bot speaking${turn.interruption ? " (interrupted)" : ""}`);
      bar.interrupted = turn.interruption !== undefined;
      lanes.Bot.push(bar);
    }
    for (const span of turn.llm)
      if (meets(span.start, span.end ?? now)) lanes.LLM.push(spanOf(span, now, turn.seqs, `${name}: LLM`));
    for (const span of turn.tts)
      if (meets(span.start, span.end ?? now)) lanes.TTS.push(spanOf(span, now, turn.seqs, `${name}: TTS`));
  }
  for (const call of model.calls) {
    const end = (call.stopped ?? call.clientResult)?.t ?? now;
    if (meets(call.start.t, end)) {
      lanes.Calls.push({
        start: call.start.t,
        end,
        seqs: call.seqs,
        label: `Function call ${call.number}${call.name ? `: ${call.name}` : ""}`,
      });
    }
  }
  const names: LaneName[] =
    model.vad.length > 0
      ? ["VAD", "User", "Latency", "Bot", "LLM", "TTS", "Calls"]
      : ["User", "Latency", "Bot", "LLM", "TTS", "Calls"];
  return names.map((name) => ({ name, spans: lanes[name] }));
}

export interface Bar {
  x: number;
  width: number;
  span: LaneSpan;
  /** How many spans this bar stands for (merged when too narrow to tell apart). */
  count: number;
}

const MIN_BAR_PX = 2;

/** A lane's spans as bars in a plot `widthPx` wide; spans sorted by start (as the model keeps them). */
export function bars(spans: readonly LaneSpan[], window: TimeWindow, widthPx: number): Bar[] {
  const scale = widthPx / (window.end - window.start);
  const result: Bar[] = [];
  let last: Bar | undefined;
  for (const span of spans) {
    const x = Math.max(0, (span.start - window.start) * scale);
    const right = Math.min(widthPx, (span.end - window.start) * scale);
    const width = Math.max(MIN_BAR_PX, right - x);
    if (last && width <= MIN_BAR_PX * 2 && last.width <= MIN_BAR_PX * 2 + 1 && x <= last.x + last.width + 1) {
      last.width = Math.max(last.width, x + width - last.x);
      last.count++;
      continue;
    }
    last = { x, width, span, count: 1 };
    result.push(last);
  }
  return result;
}

/** Axis ticks (ms from `origin`) about every 80 px, at round steps. */
export function ticks(window: TimeWindow, widthPx: number, origin: number): number[] {
  const steps = [
    100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000,
  ];
  const wanted = ((window.end - window.start) * 80) / Math.max(1, widthPx);
  const step = steps.find((candidate) => candidate >= wanted) ?? steps[steps.length - 1];
  const first = Math.ceil((window.start - origin) / step) * step;
  const result: number[] = [];
  for (let at = first; origin + at <= window.end; at += step) result.push(at);
  return result;
}
