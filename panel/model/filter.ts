// Which rows of the log the user wants to see: by direction, by type (the chips), by free
// text or /regex/ across type and payload, with the noisy types hidden until asked for.
// The filtered view is kept incrementally: new rows are tested as they arrive, and only a
// change of the filter itself scans the whole log (at most 50 ms at 100 000 rows: the bench's panel rows, bench/README.md).
import type { LogEntry } from "./store";

export interface FilterSpec {
  text: string;
  showIn: boolean;
  showOut: boolean;
  /** Types the user switched off with their chips. */
  hiddenTypes: ReadonlySet<string>;
  /** Audio levels and system logs: hidden by default. */
  showNoisy: boolean;
}

export const DEFAULT_FILTER: FilterSpec = {
  text: "",
  showIn: true,
  showOut: true,
  hiddenTypes: new Set(),
  showNoisy: false,
};

export type TextMatcher = { test: (text: string) => boolean } | undefined;

/**
 * `/pattern/flags` is a regular expression; anything else is literal text, matched without
 * regard to case. A regex that does not compile is reported, not thrown.
 */
export function parseFilterText(text: string): { matcher: TextMatcher; error?: string } {
  const trimmed = text.trim();
  if (trimmed === "") return { matcher: undefined };
  const regex = /^\/(.+)\/([a-z]*)$/.exec(trimmed);
  if (regex) {
    try {
      // `g` and `y` would make test() stateful across rows.
      return { matcher: new RegExp(regex[1], regex[2].replace(/[gy]/g, "")) };
    } catch (error) {
      return { matcher: { test: () => false }, error: (error as Error).message };
    }
  }
  // A case-insensitive RegExp is faster than lower-casing 100 MB of JSON on every change.
  return { matcher: new RegExp(trimmed.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i") };
}

/** The log as filtered: positions in the store's rows, kept up to date as rows arrive. */
export class FilteredLog {
  /** Positions of the matching rows in `rows`. */
  indices: number[] = [];
  /** Messages (not markers) among them. */
  shownMessages = 0;
  /** Noisy messages the filter hides by default (counted so the panel can say so). */
  hiddenNoisy = 0;
  error: string | undefined;

  private rows: LogEntry[] | undefined;
  private scanned = 0;
  private spec: FilterSpec = DEFAULT_FILTER;
  private matcher: TextMatcher;

  setSpec(spec: FilterSpec): void {
    if (spec === this.spec) return;
    this.spec = spec;
    const parsed = parseFilterText(spec.text);
    this.matcher = parsed.matcher;
    this.error = parsed.error;
    this.reset();
  }

  /** Tests the rows that arrived since the last call (or all, after a clear or a filter change). */
  sync(rows: LogEntry[], length: number): void {
    if (rows !== this.rows || length < this.scanned) {
      this.rows = rows;
      this.reset();
    }
    const { showIn, showOut, hiddenTypes, showNoisy } = this.spec;
    const matcher = this.matcher;
    const indices = this.indices;
    for (let index = this.scanned; index < length; index++) {
      const row = rows[index];
      if (row.kind === "marker") {
        indices.push(index);
        continue;
      }
      if (!(row.dir === "in" ? showIn : showOut)) continue;
      if (hiddenTypes.has(row.type)) continue;
      if (!showNoisy && row.category === "noise") {
        this.hiddenNoisy++;
        continue;
      }
      if (matcher && !matcher.test(row.json)) continue;
      indices.push(index);
      this.shownMessages++;
    }
    this.scanned = length;
  }

  private reset(): void {
    this.indices = [];
    this.shownMessages = 0;
    this.hiddenNoisy = 0;
    this.scanned = 0;
  }
}
