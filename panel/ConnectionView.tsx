// Runs in the panel. What is known of one client (its library and client-js's version, both
// protocol versions and whether they match or the bot refused the client's, the bot's about and
// capabilities) and the seed's connection-time configuration: the startBot /
// startBotAndConnect method and endpoint, requestData, headers and response, with secrets
// masked until clicked; between them, the app's handlers on the client, live (panel/handlers/).
import { useState } from "preact/hooks";
import type { ClientView } from "./model/store";
import { protocolMismatch } from "./model/clientRegistry";
import { isSecretName, maskSecret } from "./secrets";
import { HandlersSection } from "./handlers/HandlersSection";

function SecretValue({ value }: { value: string }) {
  const [revealed, setRevealed] = useState(false);
  return (
    <button type="button" class="secret" title={revealed ? "Hide" : "Reveal"} onClick={() => setRevealed(!revealed)}>
      {revealed ? value : maskSecret(value)}
    </button>
  );
}

/** A JSON value as text, with the values of secret-named keys masked (one level of objects deep or more). */
function JsonWithSecrets({ value }: { value: unknown }) {
  if (value === null || typeof value !== "object") return <code>{JSON.stringify(value)}</code>;
  const entries = Object.entries(value as Record<string, unknown>);
  return (
    <dl class="json-object">
      {entries.map(([key, item]) => (
        <div key={key}>
          <dt>{key}</dt>
          <dd>
            {isSecretName(key) && typeof item === "string" ? (
              <SecretValue value={item} />
            ) : (
              <JsonWithSecrets value={item} />
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function ClientFacts({ client }: { client: ClientView }) {
  const mismatch = protocolMismatch(client);
  const facts: [string, string | undefined][] = [
    ["Client", client.clientId],
    ["Transport", client.transport],
    ["State", client.state],
    ["Library", client.library],
    ["client-js", client.clientVersion],
    ["RTVI protocol (client)", client.rtviVersion],
    ["RTVI protocol (bot)", client.botVersion],
    [
      "Found by",
      client.foundBy === "trap"
        ? "construction"
        : client.foundBy === "registry"
          ? "the app's registration"
          : "its traffic only",
    ],
    ["Frame", client.frameId === 0 ? "top" : `${client.frameId} · ${client.url ?? ""}`],
  ];
  return (
    <section class="client-facts" aria-label="Client">
      <dl class="headers">
        {facts
          .filter(([, value]) => value !== undefined)
          .map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      {client.protocolRefusal !== undefined ? (
        <p class="field-error" role="status">
          The bot refused this client's protocol version: {client.protocolRefusal}
        </p>
      ) : (
        mismatch !== undefined && (
          <p class="field-error" role="status">
            Protocol versions differ: {mismatch}
          </p>
        )
      )}
      {client.botCapabilities !== undefined && (
        <>
          <h4>Bot capabilities</h4>
          <JsonWithSecrets value={client.botCapabilities} />
        </>
      )}
      {client.botAbout !== undefined && (
        <>
          <h4>Bot about</h4>
          <JsonWithSecrets value={client.botAbout} />
        </>
      )}
    </section>
  );
}

export function ConnectionView({ client }: { client: ClientView }) {
  return (
    <>
      <ClientFacts client={client} />
      <HandlersSection key={client.key} client={client} />
      <ConnectionCalls client={client} />
    </>
  );
}

type Call = ClientView["connections"][number];

/**
 * The call's HTTP method: the hook reports it for a startBot given a Request, whose own method
 * client-js fetches with; given a URL, client-js always POSTs (makeRequest in
 * node_modules/@pipecat-ai/client-js/dist/index.module.js, 1.13.1).
 */
function methodOf(call: Call): string {
  const { method } = call as Call & { method?: unknown };
  return typeof method === "string" ? method : "POST";
}

function ConnectionCalls({ client }: { client: ClientView }) {
  if (client.connections.length === 0) {
    return <p>No startBot / startBotAndConnect call seen for this client (it may have used connect() directly).</p>;
  }
  return (
    <div class="connections">
      {client.connections.map((call, index) => (
        <section key={index} class="connection" aria-label={`Connection ${index + 1}`}>
          <h3>
            {methodOf(call)} {call.endpoint}{" "}
            <span class="timing">
              {call.durationMs === undefined ? "pending" : `${Math.round(call.durationMs)} ms`}
              {call.error ? ` · failed: ${call.error}` : ""}
            </span>
          </h3>
          <h4>requestData</h4>
          <JsonWithSecrets value={call.requestData ?? null} />
          <h4>Headers</h4>
          <dl class="headers">
            {call.headers.map(([name, value]) => (
              <div key={name}>
                <dt>{name}</dt>
                <dd>{isSecretName(name) ? <SecretValue value={value} /> : value}</dd>
              </div>
            ))}
          </dl>
          <h4>Response</h4>
          {call.error ? <p>{call.error}</p> : <JsonWithSecrets value={call.response ?? null} />}
        </section>
      ))}
    </div>
  );
}
