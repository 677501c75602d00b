// Where the hook runs is the user's choice: local development origins by default, any other
// site only after "Hook this site", which asks the browser for that one origin, registers
// the hook there, remembers it and reloads. The same bar turns it off again.
import { useEffect, useState } from "preact/hooks";
import browser from "webextension-polyfill";
import type { SiteAccess } from "../src/shared/protocol/panelBackground";
import { originPattern } from "../src/shared/origins";
import { reasonText } from "../src/shared/rpc";
import { useConnection } from "./connectionContext";
import { inspectedOrigin, onInspectedNavigation, reloadInspectedPage } from "./inspectedPage";

export function SiteAccessBar({ presence }: { presence: "absent" | "late" | "full" }) {
  const connection = useConnection();
  const [origin, setOrigin] = useState<string>();
  const [access, setAccess] = useState<SiteAccess>();
  const [error, setError] = useState<string>();
  /** While the browser's permission prompt is open. */
  const [asking, setAsking] = useState(false);

  useEffect(() => {
    /** The status asked for last: a newer page's replaces it, so an older answer never lands after. */
    let asking: AbortController | undefined;
    const refresh = async (current: string | undefined) => {
      asking?.abort();
      if (!current) return;
      const controller = new AbortController();
      asking = controller;
      setOrigin(current);
      try {
        setAccess((await connection.siteRequest("status", current, { signal: controller.signal })).access);
      } catch {
        // Cancelled by a newer page, or the background did not answer: the bar stays as it was
        // (hidden until a status is known), and the next navigation asks again.
      }
    };
    void inspectedOrigin().then(refresh);
    const stopFollowing = onInspectedNavigation((current) => void refresh(current));
    return () => {
      asking?.abort();
      stopFollowing();
    };
  }, [connection]);

  if (!origin || !access) return null;

  async function hookSite(site: string) {
    setError(undefined);
    let granted: boolean;
    // permissions.request must be the first thing the click does: browsers require a gesture.
    const request = browser.permissions.request({ origins: [originPattern(site)] });
    setAsking(true);
    try {
      granted = await request;
    } catch (failure) {
      setError(`Could not ask for access to ${site}: ${(failure as Error)?.message ?? failure}`);
      return;
    } finally {
      setAsking(false);
    }
    if (!granted) {
      setError(`Access to ${site} was not granted: nothing changed.`);
      return;
    }
    await changeSite("hook", site);
  }

  async function changeSite(action: "hook" | "unhook", site: string) {
    try {
      const answer = await connection.siteRequest(action, site);
      setAccess(answer.access);
      if (answer.error) setError(answer.error);
      else reloadInspectedPage();
    } catch (failure) {
      // Timed out, or the background restarted: the hook may or may not be registered now.
      setError(reasonText(failure));
    }
  }

  if (access === "default" && presence === "full" && !error) return null;
  if (access === "impossible") {
    return (
      <div class="site-bar" role="note">
        This page ({origin}) cannot be inspected.
      </div>
    );
  }
  if (access === "off") {
    return (
      <div class="site-bar" role="note" aria-label="Site access">
        Pipecat DevTools does not watch {origin}.{" "}
        <button type="button" onClick={() => void hookSite(origin)}>
          Hook this site
        </button>{" "}
        <span class="hint">
          {asking
            ? "waiting for your answer in the browser's prompt…"
            : "asks for access to this site only, then reloads the page"}
        </span>
        {error && <p role="alert">{error}</p>}
      </div>
    );
  }
  return (
    <div class="site-bar" role="note" aria-label="Site access">
      {presence !== "full" && (
        <>
          {presence === "late"
            ? "The hook arrived after this page started (the extension was installed or updated): clients built before it are seen from their traffic only. "
            : "The hook is not in this page yet. "}
          <button type="button" onClick={reloadInspectedPage}>
            Reload page
          </button>{" "}
          <span class="hint">to hook fully</span>{" "}
        </>
      )}
      {access === "chosen" && (
        <>
          Hooked because you chose to.{" "}
          <button type="button" onClick={() => void changeSite("unhook", origin)}>
            Stop hooking this site
          </button>
        </>
      )}
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
