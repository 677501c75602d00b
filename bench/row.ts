// What a benchmark row is. One module per row under rows/, listed in rows/index.ts.
import type { BenchEnv } from "./support/env";

export interface Target {
  /** As printed, e.g. "≤ 1 µs". */
  text: string;
  met(value: number): boolean;
}

export const atMost = (limit: number, unit: string): Target => ({ text: `≤ ${limit} ${unit}`, met: (v) => v <= limit });
export const atLeast = (limit: number, unit: string): Target => ({
  text: `≥ ${limit} ${unit}`,
  met: (v) => v >= limit,
});

export interface Measurement {
  /** The figure compared with the target. */
  value: number;
  unit: string;
  /** How the figure came about, for people: the raw figures it was derived from. */
  detail?: string;
  /** Secondary figures worth tracking over time (p95, baselines…), by name, in `unit`. */
  figures?: Record<string, number>;
}

/** A row that cannot be measured (yet): the reason is printed instead of a figure. */
export interface NotAvailable {
  notAvailable: string;
}

export interface Row {
  name: string;
  /** Absent for reference rows, which only describe the machine. */
  target?: Target;
  measure(env: BenchEnv): Promise<Measurement | NotAvailable>;
}
