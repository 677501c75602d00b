// Runs in the panel. The panel's layout and the state that ties its parts together: the
// selected client, the filter, the selected row and whether its detail is open, and the rules of
// the inspected origin (panel/rules/), with the messages they hold shown above every view. Each
// view sits in its own error boundary, so one that fails to render leaves the others working.
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { isLive, usePanelModel, useStore } from "./useStore";
import { visibleLength } from "./viewState";
import type { MessageRow } from "./model/store";
import { DEFAULT_FILTER, FilteredLog, type FilterSpec } from "./model/filter";
import { exportSession, importSession } from "./model/sessionFile";
import { useConnection } from "./connectionContext";
import { reloadInspectedPage } from "./inspectedPage";
import { ErrorBoundary } from "./ErrorBoundary";
import { TabPicker } from "./TabPicker";
import { ConnectionView } from "./ConnectionView";
import { SiteAccessBar } from "./SiteAccessBar";
import { ClientPicker, defaultClient } from "./ClientPicker";
import { StatusBar } from "./StatusBar";
import { Toolbar } from "./toolbar/Toolbar";
import { TypeChips } from "./toolbar/TypeChips";
import { LogGrid, type TimeBase } from "./log/LogGrid";
import { DetailPane } from "./detail/DetailPane";
import { EmptyState } from "./EmptyState";
import { Composer } from "./composer/Composer";
import { RowActions } from "./composer/RowActions";
import { ProblemsView } from "./ProblemsView";
import { ConversationView } from "./conversation/ConversationView";
import { RulesView } from "./rules/RulesView";
import { PausedMessages } from "./rules/PausedMessages";
import { pausedMessagesFeed } from "./rules/pausedFeed";
import { ruleHitsIn } from "./rules/ruleHits";
import { RuleNamesContext } from "./rules/ruleMarkText";
import { ruleNames } from "./rules/ruleNames";
import { useRulesState } from "./rules/useRulesState";

type View = "messages" | "conversation" | "connection" | "rules" | "problems";

const VIEW_NAMES: Record<View, string> = {
  messages: "Messages",
  conversation: "Conversation",
  connection: "Connection",
  rules: "Rules",
  problems: "Hook errors",
};

/** Marks each filter change for the bench (`npm run bench` reads it through the DevTools protocol). */
const FILTER_MEASURE = "pipecat-devtools:filter";

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.tagName === "INPUT" || element.tagName === "TEXTAREA" || element.isContentEditable);
}

function downloadJson(value: unknown, name: string): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value)], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function App() {
  const store = useStore();
  const { view: viewState, live: liveStore } = usePanelModel();
  const connection = useConnection();
  // The rules follow the live tab, whatever session is shown.
  const rules = useRulesState(connection, liveStore.clients.values());
  // One map per set of rules: every log row reads it, and a new one each render would redraw them all.
  const namesOfRules = useMemo(() => ruleNames(rules.rules.value), [rules.rules.value]);
  const live = isLive(store);
  const pausedAfterSeq = live ? viewState.pausedAfterSeq.value : undefined;
  const shownLength = visibleLength(store, pausedAfterSeq);
  const [tabId, setTabId] = useState(connection.tabId);
  const [view, setView] = useState<View>("messages");
  const [selectedClientKey, setSelectedClientKey] = useState<string>();
  const [filter, setFilter] = useState<FilterSpec>(DEFAULT_FILTER);
  const [timeBase, setTimeBase] = useState<TimeBase>("clock");
  const [selectedSeq, setSelectedSeq] = useState<number>();
  const [detailOpen, setDetailOpen] = useState(false);
  const [importError, setImportError] = useState<string>();
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const filterRef = useRef<HTMLInputElement>(null);

  // One filtered view per store; it tests only new rows unless the filter changed.
  const filtered = useMemo(() => new FilteredLog(), [store]);
  const specChanged = useRef<FilterSpec>();
  if (specChanged.current !== filter) {
    specChanged.current = filter;
    const start = performance.now();
    filtered.setSpec(filter);
    filtered.sync(store.rows, shownLength);
    performance.clearMeasures(FILTER_MEASURE);
    performance.measure(FILTER_MEASURE, { start });
  } else {
    filtered.sync(store.rows, shownLength);
  }

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "/" && !isTyping(event.target)) {
        event.preventDefault();
        filterRef.current?.focus();
        filterRef.current?.select();
      } else if (event.key === "Escape" && !isTyping(event.target) && detailOpen) {
        setDetailOpen(false);
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [detailOpen]);

  if (tabId === undefined && live) return <TabPicker onPick={setTabId} />;

  const clients = [...store.clients.values()];
  const selectedClient = store.clients.get(selectedClientKey ?? "") ?? defaultClient(clients);
  const selectedEntry = selectedSeq === undefined ? undefined : store.rowBySeq(selectedSeq);
  const selectedRow: MessageRow | undefined = selectedEntry?.kind === "message" ? selectedEntry : undefined;
  const rowClient = selectedRow ? store.clients.get(selectedRow.clientKey) : undefined;
  const rulesOn = rules.rules.value.filter((rule) => rule.enabled).length;

  const onImport = async (file: File) => {
    const result = importSession(await file.text());
    if ("error" in result) {
      setImportError(result.error);
      return;
    }
    setImportError(undefined);
    setSelectedSeq(undefined);
    setSelectedClientKey(undefined);
    viewState.imported.value = { store: result.store, name: file.name };
  };

  return (
    <RuleNamesContext.Provider value={namesOfRules}>
      <div class="panel">
        {connection.inDevtools && live && <SiteAccessBar presence={store.hookPresence()} />}
        {!live && (
          <div class="banner" role="note">
            Viewing {viewState.imported.value?.name ?? "a saved session"}, offline: no page is attached.{" "}
            <button type="button" onClick={() => (viewState.imported.value = undefined)}>
              Back to live
            </button>
          </div>
        )}
        <Toolbar
          live={live}
          paused={pausedAfterSeq !== undefined}
          onPause={(paused) => (viewState.pausedAfterSeq.value = paused ? store.lastSeq() : undefined)}
          onClear={() => {
            store.clear();
            setSelectedSeq(undefined);
            setDetailOpen(false);
          }}
          preserveLog={viewState.preserveLog.value}
          onPreserveLog={(preserve) => (viewState.preserveLog.value = preserve)}
          filter={filter}
          onFilter={setFilter}
          filterError={filtered.error}
          filterRef={filterRef}
          timeBase={timeBase}
          onTimeBase={setTimeBase}
          includeSecrets={includeSecrets}
          onIncludeSecrets={setIncludeSecrets}
          onExport={() =>
            downloadJson(
              exportSession(store, { includeSecrets }),
              `pipecat-session-${new Date().toISOString().replace(/[:.]/g, "-")}.json`,
            )
          }
          onImport={(file) => void onImport(file)}
        />
        {importError && (
          <p class="field-error" role="alert">
            Import failed: {importError}
          </p>
        )}
        {clients.length === 0 && live ? (
          <EmptyState hookPresence={store.hookPresence()} onReload={reloadInspectedPage} />
        ) : (
          <ClientPicker store={store} selected={selectedClient} onSelect={setSelectedClientKey} />
        )}
        {live && (
          <ErrorBoundary view="Paused messages">
            <PausedMessages {...pausedMessagesFeed(liveStore, connection, rules.rules.value)} />
          </ErrorBoundary>
        )}
        <div role="tablist" class="views">
          {(Object.keys(VIEW_NAMES) as View[])
            .filter((name) => name !== "problems" || store.problems.length > 0 || store.rejections.length > 0)
            .map((name) => (
              <button key={name} type="button" role="tab" aria-selected={view === name} onClick={() => setView(name)}>
                {VIEW_NAMES[name]}
                {name === "rules" && rulesOn > 0 && (
                  // Seen at a glance from any view; the tab's name stays "Rules".
                  <span class="views-count" aria-hidden="true">
                    {rulesOn}
                  </span>
                )}
              </button>
            ))}
        </div>
        {view === "conversation" ? (
          <div role="tabpanel" aria-label="Conversation" class="conversation-view">
            <ErrorBoundary view="Conversation">
              {selectedClient ? (
                <ConversationView
                  store={store}
                  client={selectedClient}
                  onSelectRows={(seqs) => {
                    // The log selects one row: a turn's (or figure's) first row, shown in Messages.
                    setSelectedSeq(seqs[0]);
                    setView("messages");
                  }}
                />
              ) : (
                <p>No client selected.</p>
              )}
            </ErrorBoundary>
          </div>
        ) : view === "connection" ? (
          <div role="tabpanel" aria-label="Connection" class="connection-view">
            <ErrorBoundary view="Connection">
              {selectedClient ? <ConnectionView client={selectedClient} /> : <p>No client selected.</p>}
            </ErrorBoundary>
          </div>
        ) : view === "rules" ? (
          <div role="tabpanel" aria-label="Rules" class="rules-view">
            <ErrorBoundary view="Rules">
              <RulesView
                state={rules}
                hits={ruleHitsIn(liveStore.rows.filter((row) => row.kind === "message"))}
                clients={clients}
                seenTypes={store.typeCounts.keys()}
              />
            </ErrorBoundary>
          </div>
        ) : view === "problems" ? (
          <div role="tabpanel" aria-label="Hook errors" class="problems-view">
            <ErrorBoundary view="Hook errors">
              <ProblemsView problems={store.problems} rejections={store.rejections} rejected={store.rejected} />
            </ErrorBoundary>
          </div>
        ) : (
          <div role="tabpanel" aria-label="Messages" class="messages-view">
            <TypeChips store={store} filter={filter} onFilter={setFilter} />
            <div class={`log-and-detail${detailOpen && selectedRow ? " with-detail" : ""}`}>
              <ErrorBoundary view="Messages">
                <LogGrid
                  store={store}
                  log={filtered}
                  selectedSeq={selectedSeq}
                  onSelect={setSelectedSeq}
                  onOpen={(seq) => {
                    setSelectedSeq(seq);
                    setDetailOpen(store.rowBySeq(seq)?.kind === "message");
                  }}
                  timeBase={timeBase}
                />
              </ErrorBoundary>
              {detailOpen && selectedRow && (
                <aside class="detail" aria-label="Message detail">
                  <ErrorBoundary view="Message detail">
                    {live && (
                      <RowActions
                        store={store}
                        row={selectedRow}
                        client={rowClient}
                        rules={rules}
                        onOpenRules={() => setView("rules")}
                      />
                    )}
                    <DetailPane
                      store={store}
                      row={selectedRow}
                      onSelect={setSelectedSeq}
                      onClose={() => setDetailOpen(false)}
                    />
                  </ErrorBoundary>
                </aside>
              )}
            </div>
            {live && (
              <ErrorBoundary view="Composer">
                <Composer store={store} client={selectedClient} />
              </ErrorBoundary>
            )}
          </div>
        )}
        <StatusBar
          store={store}
          pausedBehind={pausedAfterSeq === undefined ? undefined : store.rows.length - shownLength}
          shown={filtered.shownMessages}
          hiddenNoisy={filtered.hiddenNoisy}
          client={selectedClient}
        />
      </div>
    </RuleNamesContext.Provider>
  );
}
