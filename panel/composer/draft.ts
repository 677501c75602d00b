// What the composer holds: its mode and one draft per mode. Kept here rather than in the
// component so that what the user typed survives the composer being unmounted (another view,
// another client), and so that RowActions can fill it ("Edit and resend", "Respond…").
import { useEffect, useState } from "preact/hooks";

/**
 * custom: the seed's custom messaging (sendClientMessage, sendClientRequest, a server-message);
 * text: sendText's send-text; raw-out / raw-in: an RTVI message of any type, sent to the bot or
 * delivered to the client as if the bot had sent it.
 */
export type Mode = "custom" | "text" | "raw-out" | "raw-in";

export const MODES: readonly Mode[] = ["custom", "text", "raw-out", "raw-in"];

export interface Drafts {
  custom: { type: string; data: string; timeoutMs: string };
  text: { content: string; options: string };
  "raw-out": { type: string; data: string };
  "raw-in": { type: string; id: string; data: string };
}

/** One mode's fields, as history and snippets keep them. */
export type SavedDraft = { [M in Mode]: { mode: M; values: Drafts[M] } }[Mode];

export interface ComposerDraft {
  mode: Mode;
  drafts: Drafts;
  /** Bumped when something other than the user's typing fills the composer: it then takes focus. */
  filled: number;
  /** Set when the raw inbound draft answers a request the log shows as pending. */
  answering?: { rtviId: string; requestType: string; clientKey: string };
}

export const DEFAULT_TIMEOUT_MS = 10_000;

function initial(): ComposerDraft {
  return {
    mode: "custom",
    drafts: {
      custom: { type: "", data: "", timeoutMs: String(DEFAULT_TIMEOUT_MS) },
      text: { content: "", options: "{}" },
      "raw-out": { type: "", data: "{}" },
      "raw-in": { type: "server-message", id: "", data: "{}" },
    },
    filled: 0,
  };
}

let current = initial();
const listeners = new Set<() => void>();

function publish(next: ComposerDraft): void {
  current = next;
  for (const listener of listeners) listener();
}

export function getDraft(): ComposerDraft {
  return current;
}

export function subscribeDraft(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function setMode(mode: Mode): void {
  if (mode !== current.mode) publish({ ...current, mode });
}

/** The user typed: patches one mode's draft. */
export function updateDraft<M extends Mode>(mode: M, patch: Partial<Drafts[M]>): void {
  const answering = mode === "raw-in" && "id" in patch ? undefined : current.answering;
  publish({ ...current, answering, drafts: { ...current.drafts, [mode]: { ...current.drafts[mode], ...patch } } });
}

/** Fills one mode's draft from elsewhere (a log row, the history, a snippet) and shows that mode. */
export function fillDraft<M extends Mode>(mode: M, values: Partial<Drafts[M]>, answering?: ComposerDraft["answering"]): void {
  publish({
    mode,
    drafts: { ...current.drafts, [mode]: { ...current.drafts[mode], ...values } },
    filled: current.filled + 1,
    answering,
  });
}

export function loadSaved(saved: SavedDraft): void {
  fillDraft(saved.mode, saved.values as never);
}

export function currentSaved(): SavedDraft {
  const mode = current.mode;
  return { mode, values: { ...current.drafts[mode] } } as SavedDraft;
}

/** For tests: back to the empty composer. */
export function resetDraft(): void {
  publish(initial());
}

export function useDraft(): ComposerDraft {
  const [seen, setSeen] = useState(current);
  useEffect(() => {
    const unsubscribe = subscribeDraft(() => setSeen(current));
    // A fill between the first render and this subscription would otherwise not show.
    setSeen(current);
    return unsubscribe;
  }, []);
  return seen === current ? seen : current;
}
