import { useState } from "preact/hooks";
import { useStore } from "./useStore";
import type { LogRow } from "./store";
import { currentTabId, isInDevtools } from "./connection";
import { TabPicker } from "./TabPicker";
import { ConnectionView } from "./ConnectionView";
import { SiteAccessBar } from "./SiteAccessBar";

type View = "messages" | "connection";

const VISIBLE_ROWS = 500;

function formatTime(t: number): string {
  const date = new Date(t);
  return `${date.toLocaleTimeString(undefined, { hour12: false })}.${String(date.getMilliseconds()).padStart(3, "0")}`;
}

function summary(row: LogRow): string {
  const text = JSON.stringify(row.msg.data ?? null);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

export function App() {
  const store = useStore();
  const [tabId, setTabId] = useState(currentTabId());
  const [view, setView] = useState<View>("messages");
  const [selectedKey, setSelectedKey] = useState<string | undefined>(undefined);
  if (tabId === undefined) return <TabPicker onPick={setTabId} />;
  const rows = store.rows.slice(-VISIBLE_ROWS);
  const clients = [...store.clients.values()];
  const selected = store.clients.get(selectedKey ?? "") ?? clients.at(-1);
  return (
    <div class="panel">
      {isInDevtools() && <SiteAccessBar presence={store.hookPresence()} />}
      <header class="clients" aria-label="Clients">
        {clients.length === 0 ? (
          <span>No PipecatClient found in this tab yet.</span>
        ) : (
          clients.map((client) => (
            <button
              type="button"
              class="client"
              key={client.key}
              aria-pressed={client === selected}
              onClick={() => setSelectedKey(client.key)}
            >
              {client.clientId} · {client.transport} · {client.state ?? "?"}
              {client.clientVersion ? ` · client-js ${client.clientVersion}` : ""}
              {client.botVersion ? ` · bot ${client.botVersion}` : ""}
              {client.foundBy === "wire" ? " · seen on the wire only" : ""}
            </button>
          ))
        )}
      </header>
      <div role="tablist" class="views">
        {(["messages", "connection"] as const).map((name) => (
          <button key={name} type="button" role="tab" aria-selected={view === name} onClick={() => setView(name)}>
            {name === "messages" ? "Messages" : "Connection"}
          </button>
        ))}
      </div>
      {view === "connection" ? (
        <div role="tabpanel" aria-label="Connection" class="connection-view">
          {selected ? <ConnectionView client={selected} /> : <p>No client selected.</p>}
        </div>
      ) : (
      <div role="grid" aria-label="Messages" class="log">
        <div role="row" class="log-head">
          <span role="columnheader">Time</span>
          <span role="columnheader">Dir</span>
          <span role="columnheader">Type</span>
          <span role="columnheader">Id</span>
          <span role="columnheader">Size</span>
          <span role="columnheader">Data</span>
        </div>
        {rows.map((row) => (
          <div role="row" key={row.index} class={`log-row dir-${row.dir}`}>
            <span role="gridcell">{formatTime(row.t)}</span>
            <span role="gridcell">{row.dir === "in" ? "↓" : "↑"}</span>
            <span role="gridcell">{row.type}</span>
            <span role="gridcell">{row.requestId ?? ""}</span>
            <span role="gridcell">{row.size}</span>
            <span role="gridcell">{summary(row)}</span>
          </div>
        ))}
      </div>
      )}
      <footer role="status" class="status">
        {store.rows.length} messages
        {store.dropped > 0 ? ` · ${store.dropped} dropped` : ""}
        {store.truncated > 0 ? ` · ${store.truncated} truncated` : ""}
        {store.problems.length > 0 ? ` · ${store.problems.length} hook errors` : ""}
      </footer>
    </div>
  );
}
