// Runs in the panel. The panel's one way to talk to the background and, through it, to the
// inspected page: created once by the composition root (panel/main.tsx) and handed down through
// this context, so no module opens a Port at import and tests can pass a fake.
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { HookedTab, PanelToPage, Rule, SiteAccess } from "../src/shared/protocol";

export interface CallOptions {
  /** Rejects with a timeout error past this many ms (each call has a default). */
  timeoutMs?: number;
  /** Rejects with the signal's reason when aborted; a late answer is then ignored. */
  signal?: AbortSignal;
}

export interface SiteAnswer {
  origin: string;
  access: SiteAccess;
  error?: string;
}

export interface PanelConnection {
  /** The tab followed: the inspected one in DevTools, the picked one when the panel is a page. */
  readonly tabId: number | undefined;
  readonly inDevtools: boolean;
  /** Starts following a tab (when the panel is a page of its own). */
  inspectTab(tabId: number): void;
  /** Sends a command to one frame's hook; resolves with the hook's result, rejects with why not. */
  sendCommand(frameId: number, command: PanelToPage, options?: CallOptions): Promise<unknown>;
  /** The tabs whose hooks are connected. */
  listTabs(options?: CallOptions): Promise<HookedTab[]>;
  /** Whether the hook runs on `origin`, or turns it on or off there. */
  siteRequest(action: "status" | "hook" | "unhook", origin: string, options?: CallOptions): Promise<SiteAnswer>;
  /** Puts these rules in force in every frame of the followed tab, now and after reloads, while the panel is open. */
  setRules(rules: Rule[]): Promise<void>;
}

export const ConnectionContext = createContext<PanelConnection | undefined>(undefined);

export function useConnection(): PanelConnection {
  const connection = useContext(ConnectionContext);
  if (!connection) throw new Error("useConnection() outside the panel's ConnectionContext");
  return connection;
}
