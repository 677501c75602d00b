// Runs in the panel. The composer's memory in extension storage (browser.storage.local): what
// was sent (the history, newest first, shared by every site) and named snippets, kept per
// origin of the inspected page. Each is shown from a signal: the history as this panel last
// read or wrote it, an origin's snippets as storage last said (other tabs' panels write them
// too). What is read back is checked: storage written by an older version may hold another shape.
import { signal, type ReadonlySignal, type Signal } from "@preact/signals";
import browser, { type Storage } from "webextension-polyfill";
import { MODES, type SavedDraft } from "./draft";

export const HISTORY_KEY = "composer.history";
export const HISTORY_LIMIT = 50;
const SNIPPETS_PREFIX = "composer.snippets:";

export type HistoryEntry = SavedDraft & { at: number };
export type Snippet = SavedDraft & { name: string };

const shownHistory = signal<HistoryEntry[]>([]);
/** Counts this panel's writes: a read that started before one is older than what it wrote. */
let historyWrites = 0;

/** The history, newest first, as this panel last read or wrote it. */
export const history: ReadonlySignal<HistoryEntry[]> = shownHistory;

function showHistory(entries: HistoryEntry[]): void {
  historyWrites++;
  shownHistory.value = entries;
}

export function snippetsKey(origin: string): string {
  return `${SNIPPETS_PREFIX}${origin}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isSaved(value: unknown): value is SavedDraft {
  return (
    isRecord(value) &&
    typeof value.mode === "string" &&
    (MODES as readonly string[]).includes(value.mode) &&
    isRecord(value.values) &&
    Object.values(value.values).every((field) => typeof field === "string")
  );
}

async function readList(key: string): Promise<unknown[]> {
  const stored = await browser.storage.local.get(key);
  const list = stored[key];
  return Array.isArray(list) ? list : [];
}

export async function loadHistory(): Promise<HistoryEntry[]> {
  const list = await readList(HISTORY_KEY);
  return list.filter(
    (entry): entry is HistoryEntry => isSaved(entry) && typeof (entry as HistoryEntry).at === "number",
  );
}

/** Reads the history into `history`, unless this panel wrote it meanwhile. */
export async function refreshHistory(): Promise<void> {
  const writesBefore = historyWrites;
  const entries = await loadHistory();
  if (historyWrites === writesBefore) shownHistory.value = entries;
}

function sameDraft(a: SavedDraft, b: SavedDraft): boolean {
  return a.mode === b.mode && JSON.stringify(a.values) === JSON.stringify(b.values);
}

/** Adds what was just sent at the top; the same draft sent again moves up instead of repeating. */
export async function pushHistory(saved: SavedDraft, at = Date.now()): Promise<HistoryEntry[]> {
  const history = (await loadHistory()).filter((entry) => !sameDraft(entry, saved));
  const next = [{ ...saved, at } as HistoryEntry, ...history].slice(0, HISTORY_LIMIT);
  await browser.storage.local.set({ [HISTORY_KEY]: next });
  showHistory(next);
  return next;
}

export async function clearHistory(): Promise<void> {
  await browser.storage.local.remove(HISTORY_KEY);
  showHistory([]);
}

function toSnippets(list: unknown): Snippet[] {
  if (!Array.isArray(list)) return [];
  return list.filter((entry): entry is Snippet => isSaved(entry) && typeof (entry as Snippet).name === "string");
}

export async function loadSnippets(origin: string): Promise<Snippet[]> {
  return toSnippets(await readList(snippetsKey(origin)));
}

/**
 * Keeps `shown` equal to an origin's snippets: read once, then set after each write to them,
 * from this composer or from the panel of another tab, so that it is always what storage holds
 * last. Returns the function that stops following.
 */
export function followSnippets(
  origin: string,
  shown: Signal<Snippet[]>,
  onReadError: (error: unknown) => void,
): () => void {
  const key = snippetsKey(origin);
  let changed = false;
  const onChanged = (changes: Record<string, Storage.StorageChange>, area: string) => {
    if (area !== "local" || !(key in changes)) return;
    changed = true; // newer than what the first read may still bring
    shown.value = toSnippets(changes[key].newValue);
  };
  browser.storage.onChanged.addListener(onChanged);
  let following = true;
  loadSnippets(origin).then(
    (snippets) => {
      if (following && !changed) shown.value = snippets;
    },
    (error) => following && onReadError(error),
  );
  return () => {
    following = false;
    browser.storage.onChanged.removeListener(onChanged);
  };
}

/** Saves under `name`, replacing a snippet of that name. Sorted by name. */
export async function saveSnippet(origin: string, snippet: Snippet): Promise<Snippet[]> {
  const others = (await loadSnippets(origin)).filter((entry) => entry.name !== snippet.name);
  const next = [...others, snippet].sort((a, b) => a.name.localeCompare(b.name));
  await browser.storage.local.set({ [snippetsKey(origin)]: next });
  return next;
}

export async function deleteSnippet(origin: string, name: string): Promise<Snippet[]> {
  const next = (await loadSnippets(origin)).filter((entry) => entry.name !== name);
  if (next.length === 0) await browser.storage.local.remove(snippetsKey(origin));
  else await browser.storage.local.set({ [snippetsKey(origin)]: next });
  return next;
}
