/**
 * The React demo page's UI (runs in the browser, inside PipecatClientProvider): voice-ui-kit's
 * connect button, status, button and conversation beside the page's own controls, all reaching
 * the client through client-react's hooks, as a React app does. The last `server-message` the
 * client received is shown as text in a labelled field, for people and tests to read.
 */
import { RTVIEvent } from "@pipecat-ai/client-js";
import { usePipecatClient, usePipecatClientTransportState, useRTVIClientEvent } from "@pipecat-ai/client-react";
import { Button, ClientStatus, ConnectButton, Conversation } from "@pipecat-ai/voice-ui-kit";
import { useCallback, useState } from "react";
import { startAndConnect, type TransportKind } from "./client.ts";

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function App({ kind }: { kind: TransportKind }) {
  const client = usePipecatClient();
  const transportState = usePipecatClientTransportState();
  const [lastServerMessage, setLastServerMessage] = useState("");
  const [language, setLanguage] = useState("fr-FR");
  const [problem, setProblem] = useState("");

  useRTVIClientEvent(
    RTVIEvent.ServerMessage,
    useCallback((data: unknown) => setLastServerMessage(JSON.stringify(data)), []),
  );

  const connect = () => {
    if (!client) return;
    setProblem("");
    startAndConnect(client, kind).catch((e: unknown) => setProblem(`Connect failed: ${errorText(e)}`));
  };
  const disconnect = () => {
    client?.disconnect().catch((e: unknown) => setProblem(`Disconnect failed: ${errorText(e)}`));
  };
  const sendLanguage = () => {
    try {
      client?.sendClientMessage("set-language", { language });
    } catch (e) {
      setProblem(`Set language failed: ${errorText(e)}`);
    }
  };

  return (
    <main className="page">
      <header className="header">
        <h1>Pipecat DevTools React demo</h1>
        <p role="status">state: {transportState}</p>
        <ClientStatus />
      </header>

      <section aria-labelledby="h-connection">
        <h2 id="h-connection">Connection</h2>
        <p>Transport: {kind}</p>
        <ConnectButton onConnect={connect} onDisconnect={disconnect} />
        {problem && <p role="alert">{problem}</p>}
      </section>

      <section aria-labelledby="h-language">
        <h2 id="h-language">Language</h2>
        <div className="row">
          <label htmlFor="language">Language</label>
          <input
            id="language"
            type="text"
            value={language}
            onChange={(e: { target: HTMLInputElement }) => setLanguage(e.target.value)}
          />
          <Button disabled={transportState !== "ready"} onClick={sendLanguage}>
            Set language
          </Button>
        </div>
        <label htmlFor="last-server-message">Last server message</label>
        <textarea id="last-server-message" rows={3} readOnly spellCheck={false} value={lastServerMessage} />
      </section>

      <section className="conversation" aria-labelledby="h-conversation">
        <h2 id="h-conversation">Conversation</h2>
        <Conversation textRenderMode="instant" />
      </section>
    </main>
  );
}
