import { useState } from "preact/hooks";
import { useStore } from "./useStore";
import type { LogRow } from "./store";
import { currentTabId } from "./connection";
import { TabPicker } from "./TabPicker";

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
  if (tabId === undefined) return <TabPicker onPick={setTabId} />;
  const rows = store.rows.slice(-VISIBLE_ROWS);
  const clients = [...store.clients.values()];
  return (
    <div class="panel">
      <header class="clients" aria-label="Clients">
        {clients.length === 0 ? (
          <span>No PipecatClient found in this tab yet.</span>
        ) : (
          clients.map((client) => (
            <span class="client" key={client.key}>
              {client.clientId} · {client.transport} · {client.state ?? "?"}
              {client.clientVersion ? ` · client-js ${client.clientVersion}` : ""}
            </span>
          ))
        )}
      </header>
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
      <footer role="status" class="status">
        {store.rows.length} messages
        {store.dropped > 0 ? ` · ${store.dropped} dropped` : ""}
        {store.truncated > 0 ? ` · ${store.truncated} truncated` : ""}
        {store.problems.length > 0 ? ` · ${store.problems.length} hook errors` : ""}
      </footer>
    </div>
  );
}
