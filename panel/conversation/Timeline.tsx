// Runs in the panel. The "Timeline" region: lanes for the user (raw VAD when the server sends
// it, and the turn), each turn's latency span, the bot speaking, LLM, TTS and function calls,
// with a mark where the bot was interrupted. Wheel zooms about the pointer (a horizontal or
// shift-wheel pans), dragging pans, the buttons zoom, show everything or follow the live edge,
// which it does until the user moves away. Clicking a span selects its rows in Messages.
//
// It is driven like a user drives it: wheel and pointer events on its <svg>, or its buttons;
// the svg's data-window-start / data-window-end give the window shown (hook timestamps, ms),
// for tests and the bench to check. The geometry is in ./timelineLayout.ts.
//
// A pan or zoom step re-renders only this component (the window is its own state, so the
// Turns table and the Transcript above it in ./ConversationView.tsx are not rendered again).
// It draws only the spans in the window, found by binary search in lanes sorted once per model
// version, and keys each lane's bars by position, so a step updates the attributes of the
// <rect>s already there rather than replacing them all (their x changes at every step). The
// plot is contained (CSS `contain: strict`, at the svg's own size), so a step's layout and paint
// stop at its box instead of walking the hour's 1 000-row Turns table
// (bench/rows/conversationTimeline.ts measures a step).
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import type { ConversationModel } from "./conversationModel";
import { formatMs } from "./format";
import {
  barAt,
  bars,
  barsPath,
  followWindow,
  panWindow,
  sessionLanes,
  ticks,
  visibleInterruptions,
  visibleSpans,
  zoomWindow,
  type Bar,
  type TimeWindow,
} from "./timelineLayout";
import type { SelectRows } from "./TurnsTable";

const GUTTER = 52;
const LANE_HEIGHT = 16;
const BAR_HEIGHT = LANE_HEIGHT - 6;
const AXIS_HEIGHT = 16;
const DEFAULT_WIDTH = 480;
/** What the timeline shows at first and when following: the last minute, or the whole session if shorter. */
const INITIAL_MS = 60_000;
const DRAG_THRESHOLD_PX = 3;

function initialWindow(origin: number, edge: number): TimeWindow {
  const width = Math.max(2000, Math.min(INITIAL_MS, edge - origin));
  return followWindow({ start: edge - width, end: edge }, edge);
}

/**
 * A lane with more bars than this in view (zoomed out over a long session) is drawn as one
 * path (two when some bars are interrupted ones), without a hover title per bar: bars a few
 * pixels wide cannot be pointed at one by one, and hundreds of <rect>s were what a zoom or
 * pan step spent its time on. A click on the path still finds its bar by x (barAt). Zoomed
 * in, each bar is a <rect> with its title. The same holds for interruption marks.
 */
const TITLED_BARS = 120;

export function Timeline({ model, onSelect }: { model: ConversationModel; onSelect: SelectRows }) {
  const origin = model.firstMessage?.t ?? model.turns[0]?.start ?? model.lastT;
  const edge = model.lastT || origin;
  const [width, setWidth] = useState(DEFAULT_WIDTH);
  const [following, setFollowing] = useState(true);
  const [chosen, setChosen] = useState<TimeWindow>();
  const wrapper = useRef<HTMLDivElement>(null);
  /** The pointer's drag: `moved` stays true until the next press, so the click that ends a drag selects nothing. */
  const drag = useRef<{ x: number; shown: TimeWindow; moved: boolean; down: boolean }>();

  useLayoutEffect(() => {
    const element = wrapper.current;
    if (!element || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => setWidth(element.clientWidth || DEFAULT_WIDTH));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const base = chosen ?? initialWindow(origin, edge);
  const shown = following ? followWindow(base, edge) : base;
  const plot = Math.max(40, width - GUTTER);
  const msPerPx = (shown.end - shown.start) / plot;
  const session = sessionLanes(model);
  const lanes = session.lanes;
  const height = AXIS_HEIGHT + lanes.length * LANE_HEIGHT;

  const move = (next: TimeWindow, follow = false) => {
    setChosen(next);
    setFollowing(follow);
  };
  const zoomAt = (factor: number, anchorPx?: number) =>
    move(
      zoomWindow(
        shown,
        factor,
        anchorPx === undefined ? (shown.start + shown.end) / 2 : shown.start + anchorPx * msPerPx,
      ),
      following && anchorPx === undefined,
    );

  const onWheel = (event: WheelEvent) => {
    event.preventDefault();
    const box = (event.currentTarget as SVGSVGElement).getBoundingClientRect();
    if (event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
      move(panWindow(shown, (event.shiftKey ? event.deltaY : event.deltaX) * msPerPx));
    } else {
      // A WheelEvent is a MouseEvent in browsers; where it carries no position, zoom about the middle.
      const pointer = Number.isFinite(event.clientX) ? event.clientX - box.left - GUTTER : plot / 2;
      zoomAt(Math.exp(event.deltaY * 0.002), Math.max(0, pointer));
    }
  };
  const onPointerDown = (event: PointerEvent) => {
    drag.current = { x: event.clientX, shown, moved: false, down: true };
    (event.currentTarget as Element).setPointerCapture?.(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent) => {
    const state = drag.current;
    if (!state?.down) return;
    const dx = event.clientX - state.x;
    if (!state.moved && Math.abs(dx) < DRAG_THRESHOLD_PX) return;
    state.moved = true;
    move(panWindow(state.shown, -dx * msPerPx));
  };
  const onPointerUp = () => {
    if (drag.current) drag.current.down = false;
  };
  const select = (seqs: readonly number[]) => {
    if (!drag.current?.moved) onSelect(seqs);
  };

  const x = (t: number) => GUTTER + (t - shown.start) / msPerPx;
  // The bars drawn, by lane: one click handler on the plot finds a bar's rows from its data-*
  // attributes, instead of a handler per bar (hundreds, zoomed out) patched at every step.
  const drawn = lanes.map((lane) => bars(visibleSpans(lane, shown), shown, plot));
  const laneBars = (lane: (typeof lanes)[number]) => drawn[lanes.indexOf(lane)];
  const onBarClick = (event: MouseEvent) => {
    const target = event.target as Element;
    const lane = drawn[Number(target.getAttribute("data-lane"))];
    if (!target.hasAttribute("data-lane") || !lane) return;
    const bar = target.hasAttribute("data-bar")
      ? lane[Number(target.getAttribute("data-bar"))]
      : barAt(lane, event.clientX - (event.currentTarget as Element).getBoundingClientRect().left - GUTTER);
    if (bar) select(bar.span.seqs);
  };
  const interruptions = visibleInterruptions(session, shown);

  return (
    <section aria-label="Timeline" class="timeline">
      <div class="timeline-controls">
        <button type="button" aria-label="Zoom in" onClick={() => zoomAt(0.5)}>
          +
        </button>
        <button type="button" aria-label="Zoom out" onClick={() => zoomAt(2)}>
          −
        </button>
        <button type="button" onClick={() => move({ start: origin, end: Math.max(edge, origin + 1000) })}>
          Show all
        </button>
        <button type="button" aria-pressed={following} onClick={() => move(shown, !following)}>
          Follow live edge
        </button>
        <span class="muted">{formatMs(shown.end - shown.start)} shown</span>
      </div>
      <div ref={wrapper} class="timeline-plot" style={{ height: `${height}px`, contain: "strict" }}>
        {/* biome-ignore lint/a11y/useKeyWithClickEvents: a click on a bar selects its rows; the Turns table is the keyboard path to the same rows */}
        <svg
          width={width}
          height={height}
          role="img"
          aria-label="Turns over time: user, latency, bot, LLM, TTS and function-call lanes"
          data-window-start={shown.start}
          data-window-end={shown.end}
          onWheel={onWheel}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
          onClick={onBarClick}
        >
          {ticks(shown, plot, origin).map((at) => (
            <g key={at}>
              <line class="tick" x1={x(origin + at)} x2={x(origin + at)} y1={0} y2={height} />
              <text class="tick-label" x={x(origin + at) + 2} y={11}>
                {formatMs(at)}
              </text>
            </g>
          ))}
          {lanes.map((lane, index) => {
            const y = AXIS_HEIGHT + index * LANE_HEIGHT;
            return (
              <g key={lane.name} class={`lane lane-${lane.name.toLowerCase()}`}>
                <text class="lane-label" x={2} y={y + 12}>
                  {lane.name}
                </text>
                {laneBars(lane).length > TITLED_BARS ? (
                  <DenseLane bars={laneBars(lane)} lane={index} top={y + 3} />
                ) : (
                  laneBars(lane).map((bar, position) => (
                    <rect
                      // By position, not by span: a step then updates the <rect>s already drawn.
                      key={position}
                      class={bar.span.interrupted ? "span interrupted" : "span"}
                      x={GUTTER + bar.x}
                      y={y + 3}
                      width={bar.width}
                      height={BAR_HEIGHT}
                      data-lane={index}
                      data-bar={position}
                    >
                      <title>{bar.count > 1 ? `${bar.count} spans from ${bar.span.label}` : bar.span.label}</title>
                    </rect>
                  ))
                )}
              </g>
            );
          })}
          {interruptions.length > TITLED_BARS ? (
            <path
              class="interruption-mark"
              d={interruptions.map((mark) => `M${x(mark.t).toFixed(1)} ${AXIS_HEIGHT}V${height}`).join("")}
            >
              <title>{`${interruptions.length} interruptions: zoom in to tell them apart`}</title>
            </path>
          ) : (
            interruptions.map((mark) => (
              <line
                key={mark.turn}
                class="interruption-mark"
                x1={x(mark.t)}
                x2={x(mark.t)}
                y1={AXIS_HEIGHT}
                y2={height}
              >
                <title>{`Turn ${mark.turn} interrupted`}</title>
              </line>
            ))
          )}
        </svg>
      </div>
    </section>
  );
}

/** A lane too dense for a <rect> per bar: its bars as one path, its interrupted ones as another. */
function DenseLane({ bars: laneBars, lane, top }: { bars: Bar[]; lane: number; top: number }) {
  const interrupted = laneBars.filter((bar) => bar.span.interrupted);
  const plain = interrupted.length > 0 ? laneBars.filter((bar) => !bar.span.interrupted) : laneBars;
  return (
    <>
      <path class="span" d={barsPath(plain, GUTTER, top, BAR_HEIGHT)} data-lane={lane} />
      {interrupted.length > 0 && (
        <path class="span interrupted" d={barsPath(interrupted, GUTTER, top, BAR_HEIGHT)} data-lane={lane} />
      )}
    </>
  );
}
