// Help while typing: a template for every RTVI type, the history of what was sent, and
// snippets saved per origin of the inspected page.
import { useEffect, useState } from "preact/hooks";
import type { ClientView, SessionStore } from "../model/store";
import { inspectedOrigin, onInspectedNavigation, originOf } from "../inspectedPage";
import { currentSaved, fillDraft, loadSaved, type SavedDraft } from "./draft";
import { clearHistory, deleteSnippet, loadHistory, loadSnippets, onHistoryChanged, onSnippetsChanged, saveSnippet, type HistoryEntry, type Snippet } from "./storage";
import { errorText, fillAnswer } from "./send";
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

function applyTemplate(template: Template, store: SessionStore, client: ClientView | undefined): void {
  if (template.dir === "out") {
    fillDraft("raw-out", { type: template.type, data: formatData(template.data) });
    return;
  }
  // An answer template answers the newest pending request, when there is one.
  if (template.type === "server-response" || template.type === "error-response") {
    const newest = client ? store.pendingRequests(client.key)[0] : undefined;
    if (newest) {
      fillAnswer(newest, template.type);
      return;
    }
  }
  fillDraft("raw-in", { type: template.type, id: "", data: formatData(template.data) });
}

export function Helpers({ store, client }: { store: SessionStore; client: ClientView | undefined }) {
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [inspected, setInspected] = useState<string | undefined>(undefined);
  const [snippets, setSnippets] = useState<Snippet[]>([]);
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
    let cancelled = false;
    const stop = onHistoryChanged((entries) => {
      cancelled = true; // newer than what the first read may still bring
      setHistory(entries);
    });
    loadHistory().then(
      (entries) => !cancelled && setHistory(entries),
      (error) => !cancelled && setProblem(`History unavailable: ${errorText(error)}`),
    );
    return () => {
      cancelled = true;
      stop();
    };
  }, []);

  useEffect(() => {
    if (!origin) {
      setSnippets([]);
      return;
    }
    let cancelled = false;
    const stop = onSnippetsChanged(origin, (entries) => {
      cancelled = true; // newer than what the first read may still bring
      setSnippets(entries);
    });
    loadSnippets(origin).then(
      (entries) => !cancelled && setSnippets(entries),
      (error) => !cancelled && setProblem(`Snippets unavailable: ${errorText(error)}`),
    );
    return () => {
      cancelled = true;
      stop();
    };
  }, [origin]);

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
      await saveSnippet(origin, { ...currentSaved(), name } as Snippet);
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
          if (template) applyTemplate(template, store, client);
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
        disabled={history.length === 0}
        onChange={(event) => {
          const entry = history[Number(event.currentTarget.value)];
          if (entry) loadSaved(entry);
        }}
      >
        <option value="">{history.length === 0 ? "History (empty)" : `History (${history.length})…`}</option>
        {history.map((entry, index) => (
          <option key={`${entry.at}-${index}`} value={String(index)}>
            {describeSaved(entry)}
          </option>
        ))}
      </select>
      {history.length > 0 && (
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
            loadSaved(snippet);
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
