// Runs in the panel. How the Conversation view writes times and durations.

/** A duration: "412 ms" under a second, "1.24 s" above. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return "–";
  return Math.abs(ms) < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

const two = (n: number) => String(n).padStart(2, "0");

/** The wall-clock time of a hook timestamp, to the second: "14:03:27". */
export function formatClock(t: number): string {
  const date = new Date(t);
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

/** A value the page sent, as one line of text, cut to what a cell shows. */
export function formatValue(value: unknown, max = 160): string {
  if (value === undefined) return "";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
