// The one table run.ts prints, as text or JSON.
import { formatValue } from "./format";
import type { Measurement, NotAvailable, Row } from "./row";

export type Verdict = "PASS" | "FAIL" | "ref" | "n/a" | "ERROR";

export interface RowResult {
  name: string;
  /** The figure as printed, or the reason there is none. */
  figure: string;
  value?: number;
  unit?: string;
  target: string;
  verdict: Verdict;
  detail?: string;
  figures?: Record<string, number>;
}

export function rowResult(row: Row, outcome: Measurement | NotAvailable | { error: unknown }): RowResult {
  const target = row.target?.text ?? "—";
  if ("notAvailable" in outcome)
    return { name: row.name, figure: `n/a (${outcome.notAvailable})`, target, verdict: "n/a" };
  if ("error" in outcome) {
    const message = String((outcome.error as Error)?.message ?? outcome.error).split("\n")[0];
    return { name: row.name, figure: "—", target, verdict: "ERROR", detail: message };
  }
  const { value, unit, detail, figures } = outcome;
  const verdict: Verdict = row.target ? (row.target.met(value) ? "PASS" : "FAIL") : "ref";
  return { name: row.name, figure: `${formatValue(value)} ${unit}`, value, unit, target, verdict, detail, figures };
}

export function formatTable(results: readonly RowResult[]): string {
  const header = ["row", "figure", "target", "result"];
  const lines = results.map((r) => [r.name, r.figure, r.target, r.verdict]);
  const widths = header.map((_, column) => Math.max(...[header, ...lines].map((cells) => cells[column].length)));
  const format = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]))
      .join("  ")
      .trimEnd();
  const details = results.filter((r) => r.detail).map((r) => `  ${r.name}: ${r.detail}`);
  return [format(header), widths.map((w) => "-".repeat(w)).join("  "), ...lines.map(format), "", ...details].join("\n");
}
