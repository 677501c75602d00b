// What the relay accepts from a hook's batch node, sized to be posted on a runtime Port. The
// node may be the page's (anyone can imitate the handover), so nothing here trusts the data.
import { isHookToRelay } from "../shared/protocol";
import { PENDING_LIMITS } from "./pendingBatches";

/**
 * Characters of `events` in one post to the background. Posting costs the page's thread
 * ~12 ms per MiB (docs/measured-facts.md, "A runtime Port post from a content script"),
 * so 1 MiB stays within a frame. Chrome refuses a message over 64 MiB of JSON (it throws): even
 * at six bytes a character (a raw control character written as \u00XX) 1 MiB is far from it.
 * The hook's largest event, a message cut to 256 KB, is at most ~512 KB once its text is
 * escaped into a string: it always fits.
 */
export const MAX_EVENTS_CHARS = 1024 * 1024;

/**
 * Above this a batch is not even parsed for splitting: the relay could not keep it all anyway,
 * and parsing it could exhaust the memory the page's process shares with the relay.
 */
export const MAX_SPLIT_CHARS = PENDING_LIMITS.chars;

/** A run of events ready to post: `events` is a JSON array of `count` values. */
export interface EventRun {
  count: number;
  events: string;
}

export interface CheckedBatch {
  runs: EventRun[];
  /** The hook's `keep` (HookToRelay), for every run. */
  keep: boolean;
  /** Events (or whole posts, counted as one) that could not be forwarded. */
  dropped: number;
}

const nothingForwarded = (dropped: number): CheckedBatch => ({ runs: [], keep: false, dropped });

/**
 * Takes what was fired on a batch node: a well-formed batch comes back as runs of at most
 * `maxChars` characters (split only when over, at event boundaries); anything else is counted.
 */
export function checkHookBatch(data: unknown, maxChars = MAX_EVENTS_CHARS): CheckedBatch {
  if (!isHookToRelay(data) || !Number.isSafeInteger(data.count) || data.count < 0) return nothingForwarded(1);
  const { events } = data;
  // A claim is only a claim: never more events than characters.
  const count = Math.min(data.count, events.length);
  const keep = data.keep === true;
  if (events.length <= maxChars) return { runs: [{ count, events }], keep, dropped: 0 };
  const whole = Math.max(count, 1);
  if (events.length > MAX_SPLIT_CHARS) return nothingForwarded(whole);
  const split = splitEvents(events, maxChars);
  return split ? { ...split, keep } : nothingForwarded(whole);
}

/**
 * Re-serializes a JSON array in runs that fit; undefined when it is not a JSON array (or is
 * too much to hold twice in memory: a page may send whatever it likes).
 */
function splitEvents(events: string, maxChars: number): Omit<CheckedBatch, "keep"> | undefined {
  try {
    const parsed: unknown = JSON.parse(events);
    return Array.isArray(parsed) ? runsOf(parsed, maxChars) : undefined;
  } catch {
    return undefined;
  }
}

function runsOf(events: unknown[], maxChars: number): Omit<CheckedBatch, "keep"> {
  const runs: EventRun[] = [];
  let dropped = 0;
  let run: string[] = [];
  let runChars = 2; // the brackets
  const endRun = () => {
    runs.push({ count: run.length, events: `[${run.join(",")}]` });
    run = [];
    runChars = 2;
  };
  for (const event of events) {
    // JSON.parse only yields values JSON.stringify can write back.
    const json = JSON.stringify(event);
    if (json.length + 2 > maxChars) {
      // Only a forged batch has one (the hook cuts messages to 256 KB).
      dropped++;
      continue;
    }
    if (run.length > 0 && runChars + 1 + json.length > maxChars) endRun();
    runChars += (run.length > 0 ? 1 : 0) + json.length;
    run.push(json);
  }
  if (run.length > 0) endRun();
  return { runs, dropped };
}
