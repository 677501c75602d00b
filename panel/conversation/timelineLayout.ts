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

/** Every span of one lane, sorted by start, with the running maximum of their ends. */
export interface LaneIndex {
  name: LaneName;
  spans: LaneSpan[];
  /** `maxEnd[i]`: the latest end among `spans[0..i]`; never decreasing, so it can be searched too. */
  maxEnd: Float64Array;
}

/** The session's lanes and interruption marks, built once per model version (see `sessionLanes`). */
export interface SessionLanes {
  lanes: LaneIndex[];
  /** Interruptions by time: `t` and the turn's number. */
  interruptions: { t: number; turn: number }[];
}

function indexed(name: LaneName, spans: LaneSpan[]): LaneIndex {
  spans.sort((a, b) => a.start - b.start);
  const maxEnd = new Float64Array(spans.length);
  let latest = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < spans.length; i++) {
    latest = Math.max(latest, spans[i].end);
    maxEnd[i] = latest;
  }
  return { name, spans, maxEnd };
}

/** All the lanes' spans of the session, sorted by start: a whole pass over the model. */
export function buildSessionLanes(model: ConversationModel): SessionLanes {
  const now = model.lastT;
  const lanes: Record<LaneName, LaneSpan[]> = { VAD: [], User: [], Latency: [], Bot: [], LLM: [], TTS: [], Calls: [] };
  const interruptions: { t: number; turn: number }[] = [];
  for (const span of model.vad)
    lanes.VAD.push(spanOf(span, now, [span.startSeq, ...(span.endSeq ? [span.endSeq] : [])], "VAD: user speaking"));
  for (const turn of model.turns) {
    const name = `Turn ${turn.number}`;
    if (turn.user) {
      lanes.User.push(spanOf(turn.user, now, turn.seqs, `${name}: user speaking`));
    } else if (turn.kind === "text") {
      lanes.User.push({ start: turn.start, end: turn.start, seqs: turn.seqs, label: `${name}: text sent` });
    }
    const latency = turn.latency;
    if (latency) {
      lanes.Latency.push({
        start: latency.start.t,
        end: latency.end.t,
        seqs: [latency.start.seq, latency.end.seq],
        label: `${name}: latency ${Math.round(latency.ms)} ms`,
      });
    }
    for (const span of turn.botSpeech) {
      const bar = spanOf(span, now, turn.seqs, `${name}: bot speaking${turn.interruption ? " (interrupted)" : ""}`);
      bar.interrupted = turn.interruption !== undefined;
      lanes.Bot.push(bar);
    }
    for (const span of turn.llm) lanes.LLM.push(spanOf(span, now, turn.seqs, `${name}: LLM`));
    for (const span of turn.tts) lanes.TTS.push(spanOf(span, now, turn.seqs, `${name}: TTS`));
    if (turn.interruption) interruptions.push({ t: turn.interruption.t, turn: turn.number });
  }
  for (const call of model.calls) {
    lanes.Calls.push({
      start: call.start.t,
      end: (call.stopped ?? call.clientResult)?.t ?? now,
      seqs: call.seqs,
      label: `Function call ${call.number}${call.name ? `: ${call.name}` : ""}`,
    });
  }
  const names: LaneName[] =
    model.vad.length > 0
      ? ["VAD", "User", "Latency", "Bot", "LLM", "TTS", "Calls"]
      : ["User", "Latency", "Bot", "LLM", "TTS", "Calls"];
  interruptions.sort((a, b) => a.t - b.t);
  return { lanes: names.map((name) => indexed(name, lanes[name])), interruptions };
}

const built = new WeakMap<ConversationModel, { version: number; lastT: number; lanes: SessionLanes }>();

/**
 * The session's lanes, rebuilt only when the model took something in (its `version`) or its
 * live edge moved (open spans end at `lastT`); panning and zooming reuse them.
 */
export function sessionLanes(model: ConversationModel): SessionLanes {
  const cached = built.get(model);
  if (cached && cached.version === model.version && cached.lastT === model.lastT) return cached.lanes;
  const lanes = buildSessionLanes(model);
  built.set(model, { version: model.version, lastT: model.lastT, lanes });
  return lanes;
}

/** First index in [0, length) for which `after(i)` holds, `after` being false then true. */
function firstWhere(length: number, after: (i: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (after(mid)) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** The spans of a lane that meet the window, found by binary search rather than a pass over the session. */
export function visibleSpans(lane: LaneIndex, window: TimeWindow): LaneSpan[] {
  const { spans, maxEnd } = lane;
  // Before `from` every span ended before the window; from `to` on every span starts after it.
  const from = firstWhere(spans.length, (i) => maxEnd[i] >= window.start);
  const to = firstWhere(spans.length, (i) => spans[i].start > window.end);
  const result: LaneSpan[] = [];
  for (let i = from; i < to; i++) if (spans[i].end >= window.start) result.push(spans[i]);
  return result;
}

/** The lanes' spans that meet the window. */
export function laneSpans(model: ConversationModel, window: TimeWindow): Lane[] {
  return sessionLanes(model).lanes.map((lane) => ({ name: lane.name, spans: visibleSpans(lane, window) }));
}

/** The interruptions inside the window. */
export function visibleInterruptions(lanes: SessionLanes, window: TimeWindow): { t: number; turn: number }[] {
  const all = lanes.interruptions;
  const from = firstWhere(all.length, (i) => all[i].t >= window.start);
  const to = firstWhere(all.length, (i) => all[i].t > window.end);
  return all.slice(from, to);
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
    // A span too narrow to point at that touches the bar before joins it, however long that bar
    // has grown: zoomed out over an hour, a lane is then a few bars of activity, not a thousand.
    if (last && width <= MIN_BAR_PX * 2 && x <= last.x + last.width + 1) {
      last.width = Math.max(last.width, x + width - last.x);
      last.count++;
      continue;
    }
    last = { x, width, span, count: 1 };
    result.push(last);
  }
  return result;
}

/**
 * The bars of one lane as one SVG path (`x` offset by `left`, from `top`, `height` tall): a
 * dense lane, zoomed out, is then one node whose `d` changes at a step, not hundreds of
 * <rect>s to diff and lay out (bench/rows/conversationTimeline.ts).
 */
export function barsPath(laneBars: readonly Bar[], left: number, top: number, height: number): string {
  let d = "";
  for (const bar of laneBars)
    d += `M${(left + bar.x).toFixed(1)} ${top}h${bar.width.toFixed(1)}v${height}h${(-bar.width).toFixed(1)}z`;
  return d;
}

/** How far (px) from a bar a click on a drawn path still counts as on it: thin bars are 2 px wide. */
const HIT_SLOP_PX = 2;

/**
 * The bar drawn at `px` in a lane's bars: the last one covering it (drawn on top), else the
 * nearest within a slop; undefined elsewhere. A pass over the lane's bars, once per click.
 */
export function barAt(laneBars: readonly Bar[], px: number): Bar | undefined {
  let best: Bar | undefined;
  let bestDistance = HIT_SLOP_PX;
  for (const bar of laneBars) {
    const distance = px < bar.x ? bar.x - px : Math.max(0, px - (bar.x + bar.width));
    if (distance <= bestDistance) {
      best = bar;
      bestDistance = distance;
    }
  }
  return best;
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
