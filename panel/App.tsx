// The panel's layout and the state that ties its parts together: the selected client, the
// filter, the selected row and whether its detail is open.
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { isLive, showStore, useStore } from "./useStore";
import type { MessageRow } from "./model/store";
import { DEFAULT_FILTER, FilteredLog, type FilterSpec } from "./model/filter";
import { exportSession, importSession } from "./model/sessionFile";
import { currentTabId, isInDevtools } from "./connection";
import { reloadInspectedPage } from "./inspectedPage";
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

type View = "messages" | "connection" | "problems";

const VIEW_NAMES: Record<View, string> = { messages: "Messages", connection: "Connection", problems: "Hook errors" };

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
  const live = isLive(store);
  const [tabId, setTabId] = useState(currentTabId());
  const [view, setView] = useState<View>("messages");
  const [selectedClientKey, setSelectedClientKey] = useState<string>();
  const [filter, setFilter] = useState<FilterSpec>(DEFAULT_FILTER);
  const [timeBase, setTimeBase] = useState<TimeBase>("clock");
  const [selectedSeq, setSelectedSeq] = useState<number>();
  const [detailOpen, setDetailOpen] = useState(false);
  const [importState, setImportState] = useState<{ name?: string; error?: string }>({});
  const filterRef = useRef<HTMLInputElement>(null);

  // One filtered view per store; it tests only new rows unless the filter changed.
  const filtered = useMemo(() => new FilteredLog(), [store]);
  const specChanged = useRef<FilterSpec>();
  if (specChanged.current !== filter) {
    specChanged.current = filter;
    const start = performance.now();
    filtered.setSpec(filter);
    filtered.sync(store.rows, store.visibleLength());
    performance.clearMeasures(FILTER_MEASURE);
    performance.measure(FILTER_MEASURE, { start });
  } else {
    filtered.sync(store.rows, store.visibleLength());
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

  const onImport = async (file: File) => {
    const result = importSession(await file.text());
    if ("error" in result) {
      setImportState({ error: result.error });
      return;
    }
    setImportState({ name: file.name });
    setSelectedSeq(undefined);
    setSelectedClientKey(undefined);
    showStore(result.store);
  };

  return (
    <div class="panel">
      {isInDevtools() && live && <SiteAccessBar presence={store.hookPresence()} />}
      {!live && (
        <div class="banner" role="note">
          Viewing {importState.name ?? "a saved session"}, offline: no page is attached.{" "}
          <button type="button" onClick={() => showStore()}>
            Back to live
          </button>
        </div>
      )}
      <Toolbar
        live={live}
        paused={store.pausedAt !== undefined}
        onPause={(paused) => store.setPaused(paused)}
        onClear={() => {
          store.clear();
          setSelectedSeq(undefined);
          setDetailOpen(false);
        }}
        preserveLog={store.preserveLog}
        onPreserveLog={(preserve) => store.setPreserveLog(preserve)}
        filter={filter}
        onFilter={setFilter}
        filterError={filtered.error}
        filterRef={filterRef}
        timeBase={timeBase}
        onTimeBase={setTimeBase}
        onExport={() => downloadJson(exportSession(store), `pipecat-session-${new Date().toISOString().replace(/[:.]/g, "-")}.json`)}
        onImport={(file) => void onImport(file)}
      />
      {importState.error && (
        <p class="field-error" role="alert">
          Import failed: {importState.error}
        </p>
      )}
      {clients.length === 0 && live ? (
        <EmptyState hookPresence={store.hookPresence()} onReload={reloadInspectedPage} />
      ) : (
        <ClientPicker store={store} selected={selectedClient} onSelect={setSelectedClientKey} />
      )}
      <div role="tablist" class="views">
        {(Object.keys(VIEW_NAMES) as View[])
          .filter((name) => name !== "problems" || store.problems.length > 0)
          .map((name) => (
            <button key={name} type="button" role="tab" aria-selected={view === name} onClick={() => setView(name)}>
              {VIEW_NAMES[name]}
            </button>
          ))}
      </div>
      {view === "connection" ? (
        <div role="tabpanel" aria-label="Connection" class="connection-view">
          {selectedClient ? <ConnectionView client={selectedClient} /> : <p>No client selected.</p>}
        </div>
      ) : view === "problems" ? (
        <div role="tabpanel" aria-label="Hook errors" class="problems-view">
          <ProblemsView problems={store.problems} />
        </div>
      ) : (
        <div role="tabpanel" aria-label="Messages" class="messages-view">
          <TypeChips store={store} filter={filter} onFilter={setFilter} />
          <div class={`log-and-detail${detailOpen && selectedRow ? " with-detail" : ""}`}>
            <LogGrid
              store={store}
              indices={filtered.indices}
              selectedSeq={selectedSeq}
              onSelect={setSelectedSeq}
              onOpen={(seq) => {
                setSelectedSeq(seq);
                setDetailOpen(store.rowBySeq(seq)?.kind === "message");
              }}
              timeBase={timeBase}
            />
            {detailOpen && selectedRow && (
              <aside class="detail" aria-label="Message detail">
                {live && <RowActions store={store} row={selectedRow} client={rowClient} />}
                <DetailPane store={store} row={selectedRow} onSelect={setSelectedSeq} onClose={() => setDetailOpen(false)} />
              </aside>
            )}
          </div>
          {live && <Composer store={store} client={selectedClient} />}
        </div>
      )}
      <StatusBar store={store} shown={filtered.shownMessages} hiddenNoisy={filtered.hiddenNoisy} client={selectedClient} />
    </div>
  );
}
