// Runs in the panel. The "Metrics" region: each processor's time to first byte over the session
// as a chart (uPlot, ./UPlotChart.tsx) with its count, median and worst as text, and token
// usage over the session. Times on the x axis are seconds from the client's first message.
import { useMemo } from "preact/hooks";
import type uPlot from "uplot";
import type { ConversationModel } from "./conversationModel";
import { formatMs } from "./format";
import { UPlotChart, type ChartSeries } from "./UPlotChart";
import { ColumnHeads } from "./ColumnHeads";

const COLORS = ["#4e9af1", "#e8a33d", "#5bb974", "#d3605b", "#a57fe0", "#3fb6b2"];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

export function MetricsCharts({ model }: { model: ConversationModel }) {
  const origin = model.firstMessage?.t ?? 0;
  const reports = model.ttfb;
  const tokens = model.tokens;
  // Recomputed only when new reports came (the arrays are replaced or grow, never edited).
  const ttfb = useMemo(() => {
    const processors = [...new Set(reports.map((report) => report.processor))];
    const xs = reports.map((report) => (report.t - origin) / 1000);
    const columns = processors.map((processor) =>
      reports.map((report) => (report.processor === processor ? report.ms : null)),
    );
    const series: ChartSeries[] = processors.map((label, index) => ({ label, color: COLORS[index % COLORS.length] }));
    const rows = processors.map((processor) => {
      const values = reports.filter((report) => report.processor === processor).map((report) => report.ms);
      return { processor, count: values.length, median: median(values), worst: Math.max(...values) };
    });
    return { series, data: [xs, ...columns] as uPlot.AlignedData, rows };
  }, [reports, reports.length, origin]);
  const usage = useMemo(() => {
    let prompt = 0;
    let completion = 0;
    const xs: number[] = [];
    const prompts: number[] = [];
    const completions: number[] = [];
    for (const report of tokens) {
      xs.push((report.t - origin) / 1000);
      prompt += report.prompt;
      completion += report.completion;
      prompts.push(prompt);
      completions.push(completion);
    }
    return { data: [xs, prompts, completions] as uPlot.AlignedData, prompt, completion };
  }, [tokens, tokens.length, origin]);

  return (
    <section aria-label="Metrics" class="metrics">
      <h3>Time to first byte</h3>
      {reports.length === 0 ? (
        <p class="muted">No time-to-first-byte metrics: the server sends them when its pipeline enables metrics.</p>
      ) : (
        <>
          <UPlotChart series={ttfb.series} data={ttfb.data} unit="ms" />
          <table class="conversation-table" aria-label="Time to first byte per processor">
            <ColumnHeads names={["Processor", "Reports", "Median", "Worst"]} />
            <tbody>
              {ttfb.rows.map((row) => (
                <tr key={row.processor}>
                  <td>{row.processor}</td>
                  <td class="number">{row.count}</td>
                  <td class="number">{formatMs(row.median)}</td>
                  <td class="number">{formatMs(row.worst)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h3>Token usage</h3>
      {tokens.length === 0 ? (
        <p class="muted">No token usage reported.</p>
      ) : (
        <>
          <UPlotChart
            series={[
              { label: "prompt tokens (cumulative)", color: COLORS[0] },
              { label: "completion tokens (cumulative)", color: COLORS[1] },
            ]}
            data={usage.data}
            unit="tokens"
          />
          <p>
            {usage.prompt} prompt and {usage.completion} completion tokens in {tokens.length} reports.
          </p>
        </>
      )}
    </section>
  );
}
