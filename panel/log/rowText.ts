// Runs in the panel. How a row reads in the log: its time and a one-line summary of its payload,
// and for a folded group (./rowGroups.ts) the text it carries.
import { rowMessage, type MessageRow } from "../model/store";
import type { RowGroup } from "../model/rowGroups";
import { forDisplay } from "../model/largeBytes";

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

/** The payload on one line: the `data` JSON (a send-file's inline bytes as their size), cut short. */
export function summarize(row: MessageRow): string {
  let summary = summaries.get(row);
  if (summary === undefined) {
    let text: string;
    try {
      text = JSON.stringify((forDisplay(rowMessage(row)) as { data?: unknown }).data ?? null) ?? "";
    } catch {
      text = row.json;
    }
    summary = cut(text);
    summaries.set(row, summary);
  }
  return summary;
}

/** A `data.text` that is a string, or undefined (the page's data: anything may be there). */
function textOf(row: MessageRow): string | undefined {
  try {
    const data = rowMessage(row).data as { text?: unknown } | null | undefined;
    return typeof data?.text === "string" ? data.text : undefined;
  } catch {
    return undefined;
  }
}

function spokenStatusOf(row: MessageRow): string | undefined {
  try {
    const data = rowMessage(row).data as { spoken_status?: unknown } | null | undefined;
    return typeof data?.spoken_status === "string" ? data.spoken_status : undefined;
  } catch {
    return undefined;
  }
}

function cut(text: string): string {
  return text.length > SUMMARY_LENGTH ? `${text.slice(0, SUMMARY_LENGTH)}…` : text;
}

interface GroupText {
  members: number;
  /** The tokens' texts joined so far (bot-llm-text). */
  joined: string;
  summary: string;
}
// A response still streaming renders again with each token: only the new tokens are parsed.
const groupTexts = new WeakMap<RowGroup, GroupText>();

/**
 * A folded group on one line: a response's tokens joined, or a segment's text as its latest
 * update has it, with how far it was spoken.
 */
export function summarizeGroup(group: RowGroup, rowAt: (position: number) => MessageRow): string {
  const members = group.members;
  const known = groupTexts.get(group);
  if (known?.members === members.length) return known.summary;
  let summary: string;
  let joined = known?.joined ?? "";
  if (group.type === "bot-llm-text") {
    for (let index = known?.members ?? 0; index < members.length; index++)
      joined += textOf(rowAt(members[index])) ?? "";
    summary = cut(JSON.stringify(joined));
  } else {
    const latest = rowAt(members[members.length - 1]);
    const status = spokenStatusOf(latest);
    summary = cut(`${JSON.stringify(textOf(latest) ?? "")}${status ? ` · ${status}` : ""}`);
  }
  groupTexts.set(group, { members: members.length, joined, summary });
  return summary;
}
