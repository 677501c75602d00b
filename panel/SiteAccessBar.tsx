// Where the hook runs is the user's choice: local development origins by default, any other
// site only after "Hook this site", which asks the browser for that one origin, registers
// the hook there, remembers it and reloads. The same bar turns it off again.
import { useEffect, useState } from "preact/hooks";
import browser from "webextension-polyfill";
import type { SiteAccess } from "../src/shared/protocol";
import { originPattern } from "../src/shared/origins";
import { siteRequest } from "./connection";
import { inspectedOrigin, onInspectedNavigation, reloadInspectedPage } from "./inspectedPage";

export function SiteAccessBar({ presence }: { presence: "absent" | "late" | "full" }) {
  const [origin, setOrigin] = useState<string>();
  const [access, setAccess] = useState<SiteAccess>();
  const [error, setError] = useState<string>();
  /** While the browser's permission prompt is open. */
  const [asking, setAsking] = useState(false);

  useEffect(() => {
    const refresh = async (current: string | undefined) => {
      if (!current) return;
      setOrigin(current);
      setAccess((await siteRequest("status", current)).access);
    };
    void inspectedOrigin().then(refresh);
    return onInspectedNavigation((current) => void refresh(current));
  }, []);

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
    const answer = await siteRequest("hook", site);
    setAccess(answer.access);
    if (answer.error) setError(answer.error);
    else reloadInspectedPage();
  }

  async function unhookSite(site: string) {
    const answer = await siteRequest("unhook", site);
    setAccess(answer.access);
    if (answer.error) setError(answer.error);
    else reloadInspectedPage();
  }

  if (access === "default" && presence === "full" && !error) return null;
  if (access === "impossible") {
    return <div class="site-bar" role="note">This page ({origin}) cannot be inspected.</div>;
  }
  if (access === "off") {
    return (
      <div class="site-bar" role="note" aria-label="Site access">
        Pipecat DevTools does not watch {origin}.{" "}
        <button type="button" onClick={() => void hookSite(origin)}>
          Hook this site
        </button>{" "}
        <span class="hint">
          {asking ? "waiting for your answer in the browser's prompt…" : "asks for access to this site only, then reloads the page"}
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
          <button type="button" onClick={() => void unhookSite(origin)}>
            Stop hooking this site
          </button>
        </>
      )}
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
