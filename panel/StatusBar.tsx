// Runs in the panel. "N messages" and everything that qualifies it: what the filter shows,
// what is hidden, paused, lost on the way, cut, or refused, and the selected client's state.
import type { ClientView, SessionStore } from "./model/store";

export function StatusBar({
  store,
  pausedBehind,
  shown,
  hiddenNoisy,
  client,
}: {
  store: SessionStore;
  /** While the log is paused: the rows that arrived behind it. */
  pausedBehind?: number;
  shown: number;
  hiddenNoisy: number;
  client: ClientView | undefined;
}) {
  const total = store.messageCount();
  const parts = [`${total} messages`];
  if (shown !== total) parts.push(`${shown} shown`);
  if (hiddenNoisy > 0) parts.push(`${hiddenNoisy} noisy hidden`);
  if (pausedBehind !== undefined) parts.push(`paused, ${pausedBehind} new`);
  if (store.dropped > 0) parts.push(`${store.dropped} dropped`);
  if (store.removed > 0) parts.push(`${store.removed} oldest removed (panel limit)`);
  if (store.truncated > 0) parts.push(`${store.truncated} truncated`);
  if (store.rejected > 0) parts.push(`${store.rejected} rejected`);
  if (store.problems.length > 0) parts.push(`${store.problems.length} hook errors`);
  return (
    <footer role="status" class="status">
      <span>{parts.join(" · ")}</span>
      {client && <span class="status-connection">{`${client.clientId}: ${client.state ?? "unknown state"}`}</span>}
    </footer>
  );
}
