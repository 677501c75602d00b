// Runs in the panel. How components reach the model: the live store and the view state,
// made by the composition root (panel/main.tsx) and handed down in this context. useStore()
// gives the store shown (the live one, or a session read from a file) and renders its caller
// again on each of its coalesced changes (the store's `changes` signal).
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { SessionStore } from "./model/store";
import type { ViewState } from "./viewState";

export interface PanelModel {
  /** The store fed by the inspected tab. */
  live: SessionStore;
  view: ViewState;
}

export const PanelModelContext = createContext<PanelModel | undefined>(undefined);

export function usePanelModel(): PanelModel {
  const model = useContext(PanelModelContext);
  if (!model) throw new Error("usePanelModel() outside the panel's PanelModelContext");
  return model;
}

export function useStore(): SessionStore {
  const { live, view } = usePanelModel();
  const store = view.imported.value?.store ?? live;
  useStoreChanges(store);
  return store;
}

/**
 * Renders the calling component again after each change of `store`. Once @preact/signals is
 * loaded, a component that keeps hook state renders again only when a prop changed or a signal
 * it read did (preactjs/preact#4012): one that shows a store it was passed, the same object
 * after every change, must read the store's signal. Reading it in render subscribes the component.
 */
export function useStoreChanges(store: SessionStore): void {
  void store.changes.value;
}

/** Whether a store is fed by a page (commands can reach it), not read from a file. */
export function isLive(store: SessionStore): boolean {
  return store.source === "page";
}
