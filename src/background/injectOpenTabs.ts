// Content scripts declared in the manifest reach only pages loaded after install. Tabs that
// were already open (the extension was installed or updated while the app was running) get
// the relay and the hook injected now: the hook arrives late, sees what it can from the wire,
// and the panel offers a reload to hook fully.
import type { Browser } from "webextension-polyfill";
import { hookedPatterns, manifestScript } from "./siteAccess";

export async function injectIntoOpenTabs(browser: Browser): Promise<void> {
  const tabs = await browser.tabs.query({ url: await hookedPatterns(browser) });
  const relay = manifestScript(browser, "ISOLATED");
  const hook = manifestScript(browser, "MAIN");
  await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id === undefined) return;
      const target = { tabId: tab.id, allFrames: true };
      try {
        // The relay first: it must be listening when the hook posts its handshake.
        await browser.scripting.executeScript({ target, files: relay, injectImmediately: true });
        await browser.scripting.executeScript({
          target,
          files: hook,
          world: "MAIN",
          injectImmediately: true,
        } as Parameters<Browser["scripting"]["executeScript"]>[0]);
      } catch {
        // A tab that closed or navigated meanwhile, or a frame we may not enter: nothing to do.
      }
    }),
  );
}
