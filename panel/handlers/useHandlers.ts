// Runs in the panel. A client's handlers as its page reports them (./describeHandlers.ts), for a
// component to show: asked when shown, and again every second while asked to follow them and the
// client is connected. Only a live page is asked: a session read from a file names clients of a
// page that may be gone, or whose ids now name other clients.
import { useContext, useEffect, useState } from "preact/hooks";
import { ConnectionContext } from "../connectionContext";
import type { ClientView } from "../model/store";
import { PanelModelContext } from "../useStore";
import { describeHandlers, type HandlersNow } from "./describeHandlers";

/**
 * How often a followed client is asked. A call still unanswered then is given up for the next
 * one, as panel/TabPicker.tsx does: a slow answer must not hold the view back for a whole
 * command timeout.
 */
export const REFRESH_MS = 1000;

/** The transport states client-js counts as connected (TransportState "connected" and "ready"). */
const CONNECTED_STATES: ReadonlySet<string> = new Set(["connected", "ready"]);

export interface HandlersState {
  /** Why the page cannot be asked about this client. */
  unavailable?: string;
  /** The newest answer, and when it came (ms since the epoch). */
  now?: HandlersNow;
  at?: number;
  /** Why the newest call failed, until one succeeds. */
  error?: string;
  /** The answer is asked again every second. */
  following: boolean;
}

function whyUnavailable(client: ClientView | undefined, live: boolean, connected: boolean): string | undefined {
  if (client === undefined) return "This message's client is not known.";
  if (!live) return "This session was read from a file: handlers are asked of the live page only.";
  if (!connected) return "The panel is not connected to a page.";
  if (client.foundBy === "wire") {
    return "This client was found by its traffic only (the hook came after it was made), so its callbacks and listeners are out of reach: reload the page to see them.";
  }
  if (client.removedAt !== undefined) return "This client is gone from the page.";
  return undefined;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

interface Answer {
  key: string;
  now?: HandlersNow;
  at?: number;
  error?: string;
}

/**
 * The handlers of `client`, asked when shown and whenever `occasion` changes (the message a
 * detail shows), and every second while `follow` is set and the client is connected.
 */
export function useHandlers(client: ClientView | undefined, follow: boolean, occasion?: unknown): HandlersState {
  const connection = useContext(ConnectionContext);
  const model = useContext(PanelModelContext);
  // The client is the object the live store updates in place, and a component that keeps hook
  // state renders again only when a prop or a signal it read changed (panel/useStore.ts): read
  // the store's change signal, so a new state starts or stops the asking.
  void model?.live.changes.value;
  // A store read from a file only exists in the panel's model: without one, the store is the live one.
  const live = model === undefined || model.view.imported.value === undefined;
  const unavailable = whyUnavailable(client, live, connection !== undefined);
  const following = follow && unavailable === undefined && CONNECTED_STATES.has(client?.state ?? "");
  const [answer, setAnswer] = useState<Answer | undefined>(undefined);
  const key = client?.key;
  const frameId = client?.frameId;
  const clientId = client?.clientId;

  useEffect(() => {
    if (unavailable !== undefined || connection === undefined || key === undefined) return;
    if (frameId === undefined || clientId === undefined) return;
    let current = new AbortController();
    const ask = () => {
      current.abort();
      const call = new AbortController();
      current = call;
      describeHandlers(connection, { frameId, clientId }, { signal: call.signal }).then(
        (now) => {
          if (!call.signal.aborted) setAnswer({ key, now, at: Date.now() });
        },
        (error: unknown) => {
          // Given up for a newer call, or the view went: that call or none will answer.
          if (call.signal.aborted) return;
          setAnswer((previous) =>
            previous?.key === key
              ? { key, now: previous.now, at: previous.at, error: errorText(error) }
              : { key, error: errorText(error) },
          );
        },
      );
    };
    ask();
    const timer = following ? setInterval(ask, REFRESH_MS) : undefined;
    return () => {
      clearInterval(timer);
      current.abort();
    };
  }, [connection, unavailable, key, frameId, clientId, following, occasion]);

  if (unavailable !== undefined) return { unavailable, following: false };
  if (answer === undefined || answer.key !== key) return { following };
  return { now: answer.now, at: answer.at, error: answer.error, following };
}
