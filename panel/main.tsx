// Runs in the panel (the Pipecat tab of DevTools, one instance per DevTools window, or the
// panel opened as a page of its own). The composition root: it makes the panel's one store,
// its view state and its connection, in that order and before the first render (the
// connection's listener must be there for the first batches the background replays), and
// hands them down through contexts.
import { render } from "preact";
import browser from "webextension-polyfill";
import { PANEL_PORT_NAME } from "../src/shared/protocol";
import { App } from "./App";
import { ConnectionContext } from "./connectionContext";
import { createPanelConnection } from "./connection";
import { ErrorBoundary } from "./ErrorBoundary";
import { createSessionStore } from "./model/store";
import { followDevtoolsTheme } from "./theme";
import { PanelModelContext } from "./useStore";
import { createViewState } from "./viewState";

const view = createViewState();
// "Preserve log" is the user's choice, read when a new top document begins.
const store = createSessionStore({ keepEarlierSessions: () => view.preserveLog.peek() });

// The connection: the one place the panel's Port is opened.
const connection = createPanelConnection(store, {
  openPort: () => browser.runtime.connect({ name: PANEL_PORT_NAME }),
  devtoolsTabId: browser.devtools?.inspectedWindow?.tabId,
});

followDevtoolsTheme();
render(
  <ErrorBoundary view="Pipecat panel">
    <ConnectionContext.Provider value={connection}>
      <PanelModelContext.Provider value={{ live: store, view }}>
        <App />
      </PanelModelContext.Provider>
    </ConnectionContext.Provider>
  </ErrorBoundary>,
  document.getElementById("app")!,
);
