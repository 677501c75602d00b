// Background: the service worker in Chrome, an event page in Firefox. It routes each
// frame's batches to the panels open on the same tab, keeps a bounded buffer per tab for
// panels opened later, and routes panel commands to the one frame they name, loading the
// panel's controls into that frame first.
/// <reference types="@crxjs/vite-plugin/client" />
import browser from "webextension-polyfill";
// Built on its own (vite.config.ts, STANDALONE_CONTENT_SCRIPTS); this is its file's name. Not
// named index.ts: crxjs also emits a chunk named after the file, which the service worker's
// loader, importing the chunk named index.ts, would take for the background.
import controlsScript from "../controls/attach.ts?script";
import { startRouter } from "./router";
import { syncRegisteredScripts } from "./siteAccess";
import { injectIntoOpenTabs } from "./injectOpenTabs";

startRouter(browser, controlsScript);
// Registrations persist in Chrome but not in every Firefox; and a permission revoked in the
// browser's settings must stop the hook too.
void syncRegisteredScripts(browser).catch((error) => console.warn("Pipecat DevTools: site registrations", error));

// A first install opens the panel as a page: it says how to use the tool and lists the tabs
// it can inspect (Firefox's DevTools cannot be driven by tests; this page can).
browser.runtime.onInstalled.addListener(({ reason }) => {
  if (reason === "install") void browser.tabs.create({ url: browser.runtime.getURL("panel/index.html") });
  void injectIntoOpenTabs(browser).catch((error) => console.warn("Pipecat DevTools: injecting open tabs", error));
});
