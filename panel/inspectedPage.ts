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

export function onInspectedNavigation(listener: () => void): () => void {
  const navigated = browser.devtools?.network?.onNavigated;
  if (!navigated) return () => {};
  navigated.addListener(listener);
  return () => navigated.removeListener(listener);
}
