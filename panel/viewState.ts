// Runs in the panel. What the user chose about how the log is shown, as opposed to what the
// tab did (panel/model/store.ts): the log paused, earlier sessions preserved, a saved session
// shown instead of the live one. Signals: a component that reads one renders again when it
// changes. Made once by the composition root (panel/main.tsx).
import { signal, type Signal } from "@preact/signals";
import type { SessionStore } from "./model/store";

export interface ViewState {
  /** Set while the live log is paused: the seq of its newest row then; rows keep arriving behind it. */
  pausedAfterSeq: Signal<number | undefined>;
  /** Keep earlier sessions when the page reloads or navigates. */
  preserveLog: Signal<boolean>;
  /** A session read from a file, shown instead of the live one, and the file's name. */
  imported: Signal<{ store: SessionStore; name: string } | undefined>;
}

export function createViewState(): ViewState {
  return { pausedAfterSeq: signal(undefined), preserveLog: signal(false), imported: signal(undefined) };
}

/**
 * The rows of `store` the log shows: all of them, or, while the live log is paused, those it
 * had then. By seq, not by count: rows the store lets go past its limits, or a clear, move
 * every position, and a seq still names the same row.
 */
export function visibleLength(store: SessionStore, pausedAfterSeq: number | undefined): number {
  if (pausedAfterSeq === undefined || store.source !== "page") return store.rows.length;
  return store.countUpTo(pausedAfterSeq);
}
