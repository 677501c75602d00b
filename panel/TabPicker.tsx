// Shown when the panel is opened as a page of its own instead of inside DevTools: how to
// use the tool, and the tabs whose pages are hooked, to follow one of them here.
import { useEffect, useState } from "preact/hooks";
import type { HookedTab } from "../src/shared/protocol/panelBackground";
import { useConnection } from "./connectionContext";

/**
 * How often the list is asked for. A call still unanswered then is given up for the next one:
 * an answer lost while the background started (an event page waking in Firefox) must not
 * hold the list back for a whole call timeout.
 */
const REFRESH_MS = 1000;

export function TabPicker({ onPick }: { onPick: (tabId: number) => void }) {
  const connection = useConnection();
  const [tabs, setTabs] = useState<HookedTab[]>([]);
  useEffect(() => {
    let current = new AbortController();
    const refresh = () => {
      current.abort();
      const call = new AbortController();
      current = call;
      connection
        .listTabs({ signal: call.signal })
        .then((next) => {
          if (!call.signal.aborted) setTabs(next);
        })
        // Given up, or the background restarted or was slow: the list stays as it was until the next answer.
        .catch(() => {});
    };
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => {
      clearInterval(timer);
      current.abort();
    };
  }, [connection]);
  return (
    <section class="tab-picker" aria-label="Inspect a tab">
      <h1>Pipecat DevTools</h1>
      <p>
        Open DevTools (F12) on a page that uses <code>@pipecat-ai/client-js</code> and choose the <b>Pipecat</b> tab.
        Pages on localhost, 127.0.0.1 and [::1] are hooked by default.
      </p>
      <h2>Hooked tabs</h2>
      {tabs.length === 0 ? (
        <p>No hooked tab yet.</p>
      ) : (
        <ul>
          {tabs.map((tab) => (
            <li key={tab.tabId}>
              <button
                type="button"
                onClick={() => {
                  connection.inspectTab(tab.tabId);
                  onPick(tab.tabId);
                }}
              >
                Inspect {tab.url || `tab ${tab.tabId}`}
              </button>{" "}
              {tab.events} events
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
