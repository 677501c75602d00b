// Facts about the page DevTools inspects, read through the devtools API (the panel has no
// access to the page itself).
import browser from "webextension-polyfill";

/** The origin of a URL ("null" for an opaque one), or undefined for what is not a URL. */
export function originOf(url: unknown): string | undefined {
  if (typeof url !== "string") return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * The inspected page's origin. The expression is a constant of ours: no page data is ever
 * evaluated. Its answer comes from the page, so it is only taken as a URL and reduced to that
 * URL's origin (`location` itself cannot be redefined by a page: it is unforgeable).
 */
export async function inspectedOrigin(): Promise<string | undefined> {
  try {
    // The polyfill resolves with the result alone in Chrome, Firefox's native API with [result, error].
    const answer: unknown = await browser.devtools.inspectedWindow.eval("location.href");
    return originOf(Array.isArray(answer) ? answer[0] : answer);
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
  const onNavigated = (url: string) => listener(originOf(url));
  navigated.addListener(onNavigated);
  return () => navigated.removeListener(onNavigated);
}
