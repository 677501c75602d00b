// The store the panel shows: the live one fed by the inspected tab, or a session read from
// a file. Components re-render whenever the shown store changes (coalesced by the store).
import { useEffect, useState } from "preact/hooks";
import { store as liveStore, type SessionStore } from "./model/store";

let shown: SessionStore = liveStore;
const switchListeners = new Set<() => void>();

/** Shows an imported session, or the live one again with no argument. */
export function showStore(next: SessionStore = liveStore): void {
  shown = next;
  for (const listener of switchListeners) listener();
}

export function isLive(store: SessionStore): boolean {
  return store === liveStore;
}

export function useStore(): SessionStore {
  const [, setTick] = useState(0);
  const current = shown;
  useEffect(() => {
    const rerender = () => setTick((tick) => tick + 1);
    const unsubscribe = current.subscribe(rerender);
    switchListeners.add(rerender);
    // Effects run after paint, and a hidden panel may not paint for a while: a change that
    // landed between the first render and this subscription would otherwise never show.
    rerender();
    return () => {
      unsubscribe();
      switchListeners.delete(rerender);
    };
  }, [current]);
  return current;
}
