// Facts about the page DevTools inspects, read through the devtools API (the panel has no
// access to the page itself).
import browser from "webextension-polyfill";

export async function inspectedOrigin(): Promise<string | undefined> {
  try {
    // The polyfill resolves with the result alone in Chrome, Firefox's native API with [result, error].
    const answer: unknown = await browser.devtools.inspectedWindow.eval("location.origin");
    const origin = Array.isArray(answer) ? answer[0] : answer;
    return typeof origin === "string" ? origin : undefined;
  } catch {
    return undefined;
  }
}

export function reloadInspectedPage(): void {
  void browser.devtools.inspectedWindow.reload({});
}

/** Calls back with the new page's origin after each navigation of the inspected page. */
export function onInspectedNavigation(listener: (origin: string | undefined) => void): () => void {
  const navigated = browser.devtools?.network?.onNavigated;
  if (!navigated) return () => {};
  // The event's URL, not an eval: during the navigation an eval may still reach the old document.
  const onNavigated = (url: string) => {
    let origin: string | undefined;
    try {
      origin = new URL(url).origin;
    } catch {
      origin = undefined;
    }
    listener(origin);
  };
  navigated.addListener(onNavigated);
  return () => navigated.removeListener(onNavigated);
}
