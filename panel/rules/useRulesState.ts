// Runs in the panel. The panel's one RulesState (./rulesState.ts), made at the App's first render
// and kept for the panel's life, following the inspected page's origin: the devtools API's when
// the panel is in DevTools, else (the panel opened as a page of its own, or before the eval
// answers) the origin of the tab's top-frame client.
import { useEffect, useState } from "preact/hooks";
import type { PanelConnection } from "../connectionContext";
import { inspectedOrigin, onInspectedNavigation, originOf } from "../inspectedPage";
import type { ClientView } from "../model/store";
import { RulesState } from "./rulesState";

/** Rules are kept per origin: an opaque one ("null") would mix pages that share nothing. */
function ruleOrigin(url: string | undefined): string | undefined {
  const origin = originOf(url);
  return origin === "null" ? undefined : origin;
}

/** The origin of the newest client still there, one in the top frame first (frame 0 is the top in both browsers). */
export function originOfClients(clients: Iterable<ClientView>): string | undefined {
  const alive = [...clients].filter((client) => client.removedAt === undefined);
  const newest = alive.findLast((client) => client.frameId === 0) ?? alive.at(-1);
  return ruleOrigin(newest?.url);
}

function useInspectedOrigin(): string | undefined {
  const [origin, setOrigin] = useState<string | undefined>(undefined);
  useEffect(() => {
    let navigated = false;
    void inspectedOrigin().then((found) => {
      // A navigation reported since is newer than this eval, which may have reached the old document.
      if (!navigated && found) setOrigin(ruleOrigin(found));
    });
    const stop = onInspectedNavigation((found) => {
      navigated = true;
      setOrigin(ruleOrigin(found));
    });
    return () => {
      navigated = true;
      stop();
    };
  }, []);
  return origin;
}

export function useRulesState(connection: PanelConnection, clients: Iterable<ClientView>): RulesState {
  const [rules] = useState(() => new RulesState(connection));
  const origin = useInspectedOrigin() ?? originOfClients(clients);
  useEffect(() => {
    void rules.showOrigin(origin);
  }, [rules, origin]);
  return rules;
}
