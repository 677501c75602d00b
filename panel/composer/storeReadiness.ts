// Runs in the panel. The readiness of a client as a store shows it: whether that store is the
// live one (panel/useStore.ts) and still lists the client.
import { isLive } from "../useStore";
import type { ClientView, SessionStore } from "../model/store";
import { readiness, type Readiness } from "./readiness";

export function readinessIn(store: SessionStore, client: ClientView | undefined): Readiness {
  return readiness(client, { live: isLive(store), listed: client !== undefined && store.clients.has(client.key) });
}
