// DevTools page. Runs once per DevTools window opened on a tab; its only job is to add
// the Pipecat panel. Firefox wants the panel's path absolute.
import browser from "webextension-polyfill";

void browser.devtools.panels.create("Pipecat", "/panel/icon-128.png", "/panel/index.html");
