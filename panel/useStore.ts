import { useEffect, useState } from "preact/hooks";
import { store, type SessionStore } from "./store";

/** Re-renders the calling component whenever the store changes (at most once a frame). */
export function useStore(): SessionStore {
  const [, setVersion] = useState(store.version);
  useEffect(() => store.subscribe(() => setVersion(store.version)), []);
  return store;
}
