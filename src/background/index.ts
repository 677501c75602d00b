// Background: the service worker in Chrome, an event page in Firefox. It routes each
// frame's batches to the panels open on the same tab, keeps a bounded buffer per tab for
// panels opened later, and routes panel commands to the one frame they name.
import browser from "webextension-polyfill";
import { startRouter } from "./router";

startRouter(browser);
