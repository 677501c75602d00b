// Runs in the panel. Help while typing: a template for every RTVI type, the history of what was
// sent, and snippets saved per origin of the inspected page. Each fills the composer's draft.
import { useSignal } from "@preact/signals";
import { useEffect, useState } from "preact/hooks";
import type { ClientView, SessionStore } from "../model/store";
import { inspectedOrigin, onInspectedNavigation, originOf } from "../inspectedPage";
import { fillAnswer } from "./answer";
import { useDraftState, type DraftState, type SavedDraft } from "./draft";
import { errorText } from "./feedback";
import {
  clearHistory,
  deleteSnippet,
  followSnippets,
  history,
  refreshHistory,
  saveSnippet,
  type Snippet,
} from "./storage";
import { TEMPLATES, formatData, type Template } from "./templates";

const TEMPLATE_GROUPS = [
  { dir: "out", label: "Client → bot (raw outbound)" },
  { dir: "in", label: "Bot → client (raw inbound)" },
] as const;

const MODE_SHORT = { custom: "custom", text: "text", "raw-out": "out", "raw-in": "in" } as const;

function compact(text: string, max = 60): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}

/** One line for a history entry or a snippet. */
export function describeSaved(saved: SavedDraft): string {
  switch (saved.mode) {
    case "custom":
      return `custom · ${saved.values.type} · ${compact(saved.values.data)}`;
    case "text":
      return `text · ${compact(saved.values.content)}`;
    case "raw-out":
    case "raw-in":
      return `${MODE_SHORT[saved.mode]} · ${saved.values.type}${saved.mode === "raw-in" && saved.values.id ? ` #${saved.values.id}` : ""} · ${compact(saved.values.data)}`;
  }
}

/** Snippets are kept per origin: an opaque one ("null") would mix pages that share nothing. */
function snippetOrigin(url: string | undefined): string | undefined {
  const origin = originOf(url);
  return origin === "null" ? undefined : origin;
}

function applyTemplate(
  drafts: DraftState,
  template: Template,
  store: SessionStore,
  client: ClientView | undefined,
): void {
  if (template.dir === "out") {
    drafts.fill("raw-out", { type: template.type, data: formatData(template.data) });
    return;
  }
  // An answer template answers the newest pending request, when there is one.
  if (template.type === "server-response" || template.type === "error-response") {
    const newest = client ? store.pendingRequests(client.key)[0] : undefined;
    if (newest) {
      fillAnswer(drafts, newest, template.type);
      return;
    }
  }
  drafts.fill("raw-in", { type: template.type, id: "", data: formatData(template.data) });
}

export function Helpers({ store, client }: { store: SessionStore; client: ClientView | undefined }) {
  const drafts = useDraftState();
  const [inspected, setInspected] = useState<string | undefined>(undefined);
  const snippetList = useSignal<Snippet[]>([]);
  const [snippetName, setSnippetName] = useState("");
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const origin = snippetOrigin(inspected) ?? snippetOrigin(client?.url);

  useEffect(() => {
    let navigated = false;
    void inspectedOrigin().then((found) => {
      // A navigation reported since is newer than this eval, which may have reached the old document.
      if (!navigated && found) setInspected(found);
    });
    const stop = onInspectedNavigation((found) => {
      navigated = true;
      setInspected(found);
    });
    return () => {
      navigated = true;
      stop();
    };
  }, []);

  useEffect(() => {
    let mounted = true;
    refreshHistory().catch((error) => mounted && setProblem(`History unavailable: ${errorText(error)}`));
    return () => {
      mounted = false;
    };
  }, []);

  useEffect(() => {
    snippetList.value = [];
    if (!origin) return;
    return followSnippets(origin, snippetList, (error) => setProblem(`Snippets unavailable: ${errorText(error)}`));
  }, [origin]);

  const entries = history.value;
  const snippets = snippetList.value;

  const guarded = async (action: () => Promise<void>) => {
    try {
      setProblem(undefined);
      await action();
    } catch (error) {
      setProblem(errorText(error));
    }
  };

  const save = () =>
    guarded(async () => {
      const name = snippetName.trim();
      if (!origin) throw new Error("No origin to save the snippet under: the inspected page's origin is unknown.");
      if (!name) throw new Error("Name the snippet first.");
      await saveSnippet(origin, { ...drafts.saved(), name } as Snippet);
    });

  const remove = () =>
    guarded(async () => {
      if (!origin) return;
      await deleteSnippet(origin, snippetName.trim());
      setSnippetName("");
    });

  const snippetExists = snippets.some((snippet) => snippet.name === snippetName.trim());

  return (
    <div class="composer-helpers">
      <select
        aria-label="Template"
        value=""
        onChange={(event) => {
          const template = TEMPLATES.find((candidate) => candidate.type === event.currentTarget.value);
          if (template) applyTemplate(drafts, template, store, client);
        }}
      >
        <option value="">Template…</option>
        {TEMPLATE_GROUPS.map(({ dir, label }) => (
          <optgroup key={dir} label={label}>
            {TEMPLATES.filter((template) => template.dir === dir).map((template) => (
              <option key={template.type} value={template.type} title={template.note}>
                {template.type}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <select
        aria-label="History"
        value=""
        disabled={entries.length === 0}
        onChange={(event) => {
          const entry = entries[Number(event.currentTarget.value)];
          if (entry) drafts.load(entry);
        }}
      >
        <option value="">{entries.length === 0 ? "History (empty)" : `History (${entries.length})…`}</option>
        {entries.map((entry, index) => (
          <option key={`${entry.at}-${index}`} value={String(index)}>
            {describeSaved(entry)}
          </option>
        ))}
      </select>
      {entries.length > 0 && (
        <button type="button" onClick={() => void guarded(clearHistory)}>
          Forget history
        </button>
      )}
      <span class="composer-snippets" title={origin ? `Snippets for ${origin}` : undefined}>
        <select
          aria-label="Snippets"
          value=""
          disabled={snippets.length === 0}
          onChange={(event) => {
            const snippet = snippets.find((candidate) => candidate.name === event.currentTarget.value);
            if (!snippet) return;
            setSnippetName(snippet.name);
            drafts.load(snippet);
          }}
        >
          <option value="">{snippets.length === 0 ? "No snippets" : `Snippets (${snippets.length})…`}</option>
          {snippets.map((snippet) => (
            <option key={snippet.name} value={snippet.name}>
              {snippet.name} — {describeSaved(snippet)}
            </option>
          ))}
        </select>
        <input
          type="text"
          aria-label="Snippet name"
          placeholder="snippet name"
          value={snippetName}
          onInput={(event) => setSnippetName(event.currentTarget.value)}
        />
        <button type="button" disabled={!origin} onClick={() => void save()}>
          Save snippet
        </button>
        <button type="button" disabled={!origin || !snippetExists} onClick={() => void remove()}>
          Delete snippet
        </button>
      </span>
      {problem && (
        <span class="composer-helpers-problem" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}
