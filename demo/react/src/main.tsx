/**
 * The React demo page's entry (runs in the browser; demo/react/vite.config.ts builds it): one
 * PipecatClient for the page, handed to client-react's provider, nothing exposed globally, so
 * Pipecat DevTools can only find it as it finds any bundled app's client.
 */
import "@pipecat-ai/voice-ui-kit/styles.css";
import "./style.css";
import { PipecatClientProvider } from "@pipecat-ai/client-react";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";
import { createClient, TRANSPORT_KIND } from "./client.ts";

const client = createClient(TRANSPORT_KIND);
const root = document.getElementById("root");
if (!root) throw new Error("#root missing");

createRoot(root).render(
  <StrictMode>
    <PipecatClientProvider client={client}>
      <App kind={TRANSPORT_KIND} />
    </PipecatClientProvider>
  </StrictMode>,
);
