// How a row reads in the log: its time and a one-line summary of its payload.
import { rowMessage, type MessageRow } from "../model/store";

const SUMMARY_LENGTH = 300;

// One formatter for every row: toLocaleTimeString builds one per call, ~0.4 ms each here,
// which was most of the script that rendering a screenful of new rows cost (a filter change, a jump).
const clockTime = new Intl.DateTimeFormat(undefined, { timeStyle: "medium", hourCycle: "h23" });

export function formatClockTime(t: number): string {
  return `${clockTime.format(t)}.${String(new Date(t).getMilliseconds()).padStart(3, "0")}`;
}

export function formatTime(t: number, relativeTo: number | undefined): string {
  if (relativeTo === undefined) return formatClockTime(t);
  const seconds = (t - relativeTo) / 1000;
  return `${seconds >= 0 ? "+" : "−"}${Math.abs(seconds).toFixed(3)} s`;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

// Rows on screen are rendered again on every scroll step: parse each message once.
const summaries = new WeakMap<MessageRow, string>();

/** The payload on one line: the `data` JSON, cut short. */
export function summarize(row: MessageRow): string {
  let summary = summaries.get(row);
  if (summary === undefined) {
    let text: string;
    try {
      text = JSON.stringify(rowMessage(row).data ?? null) ?? "";
    } catch {
      text = row.json;
    }
    summary = text.length > SUMMARY_LENGTH ? `${text.slice(0, SUMMARY_LENGTH)}…` : text;
    summaries.set(row, summary);
  }
  return summary;
}
