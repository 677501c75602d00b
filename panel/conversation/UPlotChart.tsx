/// <reference path="./css.d.ts" />
// Runs in the panel. One uPlot chart (https://github.com/leeoniya/uPlot) in a Preact
// component: made once per set of series, given new data as the session grows, sized to its
// container. Where the document cannot draw on a canvas (happy-dom in the unit tests), it
// draws nothing: every chart in the view has its figures as text beside it.
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { useLayoutEffect, useRef } from "preact/hooks";

export interface ChartSeries {
  label: string;
  color: string;
}

const HEIGHT = 140;

function canDraw(): boolean {
  try {
    return document.createElement("canvas").getContext("2d") !== null;
  } catch {
    return false;
  }
}

export function UPlotChart({ series, data, unit }: { series: ChartSeries[]; data: uPlot.AlignedData; unit: string }) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot>();
  const labels = series.map((item) => item.label).join("\n");

  useLayoutEffect(() => {
    const element = host.current;
    if (!element || !canDraw()) return;
    chart.current = new uPlot(
      {
        width: element.clientWidth || 460,
        height: HEIGHT,
        scales: { x: { time: false } },
        axes: [
          { label: "s from first message", size: 30 },
          { label: unit, size: 44 },
        ],
        series: [
          { label: "s" },
          ...series.map((item) => ({
            label: item.label,
            stroke: item.color,
            spanGaps: true,
            points: { show: true, size: 4 },
          })),
        ],
        legend: { live: false },
      },
      data,
      element,
    );
    const observer =
      typeof ResizeObserver === "undefined"
        ? undefined
        : new ResizeObserver(() => {
            if (element.clientWidth > 0) chart.current?.setSize({ width: element.clientWidth, height: HEIGHT });
          });
    observer?.observe(element);
    return () => {
      observer?.disconnect();
      chart.current?.destroy();
      chart.current = undefined;
    };
    // The chart is made again only when its series change; data changes go through setData below.
  }, [labels, unit]);

  useLayoutEffect(() => {
    chart.current?.setData(data);
  }, [data]);

  return <div ref={host} class="chart" aria-hidden="true" />;
}
