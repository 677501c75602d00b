// Runs in the panel. Masks credentials in what a session export carries of a client's
// connection calls (startBot / startBotAndConnect): header values named like credentials,
// secret-named fields of the request data and the response, and secret-named query
// parameters in any string there (a wsUrl or room URL with ?token=…). Chrome's HAR export
// masks such values by default too; the user can ask for them (the toolbar's "Include
// secrets"). Returns copies: the panel's own views keep the values, masked on screen only.
import { isSecretName, maskQuerySecrets, maskSecret } from "../secrets";
import type { ClientView } from "./store";

type ConnectionRecord = ClientView["connections"][number];

/** Collects the paths of what was masked, e.g. `clients[0].connections[1].response.token`. */
export type MaskedPaths = string[];

function fieldPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function maskString(value: string, path: string, masked: MaskedPaths): string {
  return maskQuerySecrets(value, (name) => masked.push(`${path}?${name}`));
}

/** A JSON value with the values of secret-named fields and secret query parameters masked. */
function maskValue(value: unknown, path: string, masked: MaskedPaths): unknown {
  if (typeof value === "string") return maskString(value, path, masked);
  if (Array.isArray(value)) return value.map((item, index) => maskValue(item, `${path}[${index}]`, masked));
  if (value === null || typeof value !== "object") return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const itemPath = fieldPath(path, key);
    if (isSecretName(key) && item !== null) {
      // A whole value under a secret name (an object of credentials too): which part matters is unknowable.
      copy[key] = maskSecret(typeof item === "string" ? item : "");
      masked.push(itemPath);
    } else {
      // A plain property, even for a key named "__proto__" (a literal assignment would set the prototype).
      Object.defineProperty(copy, key, {
        value: maskValue(item, itemPath, masked),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return copy;
}

function maskConnection(call: ConnectionRecord, path: string, masked: MaskedPaths): ConnectionRecord {
  const copy: ConnectionRecord = {
    ...call,
    endpoint: maskString(call.endpoint, `${path}.endpoint`, masked),
    headers: call.headers.map(([name, value], index): [string, string] => {
      if (!isSecretName(name)) return [name, value];
      masked.push(`${path}.headers[${index}] (${name})`);
      return [name, maskSecret(value)];
    }),
  };
  if (call.requestData !== undefined) copy.requestData = maskValue(call.requestData, `${path}.requestData`, masked);
  if (call.response !== undefined) copy.response = maskValue(call.response, `${path}.response`, masked);
  return copy;
}

/** Copies of the clients with their connection calls' secrets masked, and the paths masked. */
export function maskClientSecrets(clients: readonly ClientView[]): { clients: ClientView[]; masked: MaskedPaths } {
  const masked: MaskedPaths = [];
  const copies = clients.map((client, index) => ({
    ...client,
    connections: client.connections.map((call, callIndex) =>
      maskConnection(call, `clients[${index}].connections[${callIndex}]`, masked),
    ),
  }));
  return { clients: copies, masked };
}
