// Panel entry. Runs in the Pipecat tab of DevTools, one instance per DevTools window.
// The connection module is imported first so its Port listens before anything renders.
import "./connection";
import { render } from "preact";
import { App } from "./App";
import { followDevtoolsTheme } from "./theme";

followDevtoolsTheme();
render(<App />, document.getElementById("app")!);
