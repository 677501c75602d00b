// The clients of the inspected tab and its frames. The selected one is what the Connection
// view shows and what the composer talks to.
import type { ClientView, SessionStore } from "./model/store";
import { protocolMismatch } from "./model/clientRegistry";

/** The client a developer most likely means: the newest that is still there and fully hooked. */
export function defaultClient(clients: ClientView[]): ClientView | undefined {
  const alive = clients.filter((client) => client.removedAt === undefined);
  return alive.findLast((client) => client.foundBy !== "wire") ?? alive.at(-1) ?? clients.at(-1);
}

function describe(client: ClientView): string {
  const parts = [client.clientId, client.transport, client.state ?? "?"];
  // The library client-ready names (a wrapper like client-react may name itself), and client-js's
  // own version when known: the two differ in a voice-ui-kit app.
  if (client.library && !client.library.startsWith("@pipecat-ai/client-js ")) parts.push(client.library);
  if (client.clientVersion) parts.push(`client-js ${client.clientVersion}`);
  if (client.botVersion) parts.push(`bot ${client.botVersion}`);
  if (client.protocolRefusal !== undefined) parts.push("⚠ protocol refused");
  else if (protocolMismatch(client)) parts.push("⚠ protocol mismatch");
  if (client.frameId !== 0) parts.push(`frame ${client.url ?? client.frameId}`);
  if (client.foundBy === "wire") parts.push("seen on the wire only");
  if (client.removedAt !== undefined) parts.push("gone");
  return parts.join(" · ");
}

export function ClientPicker({
  store,
  selected,
  onSelect,
}: {
  store: SessionStore;
  selected: ClientView | undefined;
  onSelect: (key: string) => void;
}) {
  const clients = [...store.clients.values()];
  return (
    <section class="clients" aria-label="Clients">
      {clients.length === 0 ? (
        <span>No PipecatClient found in this tab yet.</span>
      ) : (
        clients.map((client) => (
          <button
            type="button"
            class={`client${client.removedAt !== undefined ? " client-gone" : ""}`}
            key={client.key}
            aria-pressed={client === selected}
            title={client.botAbout === undefined ? undefined : `Bot about: ${JSON.stringify(client.botAbout)}`}
            onClick={() => onSelect(client.key)}
          >
            {describe(client)}
          </button>
        ))
      )}
    </section>
  );
}
