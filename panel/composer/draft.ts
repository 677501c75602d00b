// Runs in the panel. What the composer holds: its mode and one draft per mode, in a signal.
// Kept outside the component so that what the user typed survives the composer being
// unmounted (another view, another client), and so that RowActions and the helpers can fill
// it ("Edit and resend", "Respond…", a template).
import { signal } from "@preact/signals";
import { createContext } from "preact";
import { useContext } from "preact/hooks";

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

/** The request a raw inbound draft answers, when it was filled from a pending request. */
export interface Answering {
  rtviId: string;
  requestType: string;
  clientKey: string;
}

export interface ComposerDraft {
  mode: Mode;
  drafts: Drafts;
  /** Bumped when something other than the user's typing fills the composer: it then takes focus. */
  filled: number;
  /** Set when the raw inbound draft answers a request the log shows as pending. */
  answering?: Answering;
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

/**
 * The drafts of one panel, in one signal. A component that reads `value` re-renders when it
 * changes; event handlers read `peek()`.
 */
export class DraftState {
  private readonly draft = signal<ComposerDraft>(initial());

  get value(): ComposerDraft {
    return this.draft.value;
  }

  peek(): ComposerDraft {
    return this.draft.peek();
  }

  setMode(mode: Mode): void {
    const current = this.draft.peek();
    if (mode !== current.mode) this.draft.value = { ...current, mode };
  }

  /** The user typed: patches one mode's draft. Editing the id ends the answer to a pending request. */
  update<M extends Mode>(mode: M, patch: Partial<Drafts[M]>): void {
    const current = this.draft.peek();
    const answering = mode === "raw-in" && "id" in patch ? undefined : current.answering;
    this.draft.value = {
      ...current,
      answering,
      drafts: { ...current.drafts, [mode]: { ...current.drafts[mode], ...patch } },
    };
  }

  /** Fills one mode's draft from elsewhere (a log row, the history, a snippet) and shows that mode. */
  fill<M extends Mode>(mode: M, values: Partial<Drafts[M]>, answering?: Answering): void {
    const current = this.draft.peek();
    this.draft.value = {
      mode,
      drafts: { ...current.drafts, [mode]: { ...current.drafts[mode], ...values } },
      filled: current.filled + 1,
      answering,
    };
  }

  load(saved: SavedDraft): void {
    this.fill(saved.mode, saved.values as never);
  }

  /** The shown mode's fields, as history and snippets keep them. */
  saved(): SavedDraft {
    const { mode, drafts } = this.draft.peek();
    return { mode, values: { ...drafts[mode] } } as SavedDraft;
  }
}

/**
 * The composer's drafts and the row actions that fill them share one DraftState: by default
 * the panel's, which lives as long as the panel; a test provides a fresh one.
 */
export const DraftContext = createContext(new DraftState());

export function useDraftState(): DraftState {
  return useContext(DraftContext);
}
