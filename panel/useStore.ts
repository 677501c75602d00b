import { useEffect, useState } from "preact/hooks";
import { store, type SessionStore } from "./store";

/** Re-renders the calling component whenever the store changes (coalesced by the store). */
export function useStore(): SessionStore {
  const [renderedVersion, setVersion] = useState(store.version);
  useEffect(() => {
    const unsubscribe = store.subscribe(() => setVersion(store.version));
    // Effects run after paint, and a hidden panel may not paint for a while: a change that
    // landed between the first render and this subscription would otherwise never show.
    if (store.version !== renderedVersion) setVersion(store.version);
    return unsubscribe;
  }, []);
  return store;
}
