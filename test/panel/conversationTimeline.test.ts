// The Timeline's arithmetic (panel/conversation/timelineLayout.ts): zoom about a point, pan,
// following the live edge, merging spans too narrow to tell apart, round axis ticks, and the
// binary search that finds a lane's spans in the window, and a dense lane drawn as one path
// with a click on it resolved to its bar by x.
import { describe, expect, it } from "vitest";
import {
  barAt,
  bars,
  barsPath,
  followWindow,
  MIN_WINDOW_MS,
  panWindow,
  ticks,
  visibleSpans,
  zoomWindow,
  type LaneSpan,
} from "../../panel/conversation/timelineLayout";

const span = (start: number, end: number): LaneSpan => ({ start, end, seqs: [start], label: `${start}` });

describe("timeline layout", () => {
  it("zooms about the anchor, keeps a narrowest window, and pans", () => {
    expect(zoomWindow({ start: 0, end: 1000 }, 0.5, 250)).toEqual({ start: 125, end: 625 });
    expect(zoomWindow({ start: 0, end: 1000 }, 2, 500)).toEqual({ start: -500, end: 1500 });
    const narrow = zoomWindow({ start: 0, end: 1000 }, 0.001, 0);
    expect(narrow.end - narrow.start).toBe(MIN_WINDOW_MS);
    expect(panWindow({ start: 0, end: 1000 }, 300)).toEqual({ start: 300, end: 1300 });
  });

  it("follows the live edge with the same width and a margin", () => {
    expect(followWindow({ start: 0, end: 2000 }, 10_000)).toEqual({ start: 8100, end: 10_100 });
  });

  it("draws wide spans as they are and merges narrow neighbours into one bar", () => {
    const window = { start: 0, end: 1000 };
    // 100 px for 1 000 ms: a 300 ms span is 30 px; ten 1 ms spans 1 ms apart fit in 2 px.
    const wide = bars([span(100, 400)], window, 100);
    expect(wide).toEqual([{ x: 10, width: 30, span: span(100, 400), count: 1 }]);
    const narrow = bars(
      Array.from({ length: 10 }, (_, n) => span(500 + n * 2, 501 + n * 2)),
      window,
      100,
    );
    expect(narrow).toHaveLength(1);
    expect(narrow[0].count).toBe(10);
    // Spans far apart stay apart.
    expect(bars([span(0, 1), span(900, 901)], window, 100)).toHaveLength(2);
  });

  it("puts ticks at round steps about every 80 px", () => {
    expect(ticks({ start: 0, end: 10_000 }, 400, 0)).toEqual([0, 2000, 4000, 6000, 8000, 10_000]);
    expect(ticks({ start: 1500, end: 4000 }, 400, 1000)).toEqual([500, 1000, 1500, 2000, 2500, 3000]);
  });

  it("finds the spans that meet the window, a long one that began well before it included", () => {
    const spans = [span(0, 5000), span(10, 20), span(100, 200), span(300, 400), span(900, 950)];
    let latest = 0;
    const maxEnd = Float64Array.from(spans, (s) => (latest = Math.max(latest, s.end)));
    const lane = { name: "Bot" as const, spans, maxEnd };
    expect(visibleSpans(lane, { start: 150, end: 350 }).map((s) => s.start)).toEqual([0, 100, 300]);
    expect(visibleSpans(lane, { start: 6000, end: 7000 })).toEqual([]);
    expect(visibleSpans(lane, { start: -100, end: -1 })).toEqual([]);
    expect(visibleSpans(lane, { start: 20, end: 100 }).map((s) => s.start)).toEqual([0, 10, 100]);
  });

  it("draws a dense lane as one path and finds the bar a click on it lands on", () => {
    // 0–10 px, then 30–40 px with a span that began inside it drawn on top, at 31–33 px.
    const bar = (x: number, width: number, start: number) => ({ x, width, span: span(start, start + 1), count: 1 });
    const laneBars = [bar(0, 10, 0), bar(30, 10, 300), bar(31, 2, 302)];
    expect(barsPath(laneBars.slice(0, 2), 50, 3, 10)).toBe("M50.0 3h10.0v10h-10.0zM80.0 3h10.0v10h-10.0z");
    expect(barAt(laneBars, 5)?.span.start).toBe(0);
    expect(barAt(laneBars, 31)?.span.start).toBe(302);
    expect(barAt(laneBars, 39)?.span.start).toBe(300);
    // Near a thin bar counts; the empty middle of the lane selects nothing.
    expect(barAt(laneBars, 11.5)?.span.start).toBe(0);
    expect(barAt(laneBars, 20)).toBeUndefined();
    expect(barAt([], 5)).toBeUndefined();
  });
});
