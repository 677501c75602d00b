// Page hook (MAIN world): clients seen only from their traffic (the hook came after they were
// built, src/hook/wire/), one made up per socket or data channel, and their retirement once a
// hooked client turns out to own the channel.
import type { WireMessage } from "./wire";
import { captureMessage, emit, timestamp } from "./outbox";
import { newWireClientId } from "./registry";
import { WeakMapAtLoad, weakMapDelete, weakMapGet, weakMapSet } from "./builtins";

const wireClients = new WeakMapAtLoad<object, string>();

/** Logs a message read off the wire, under a client made up for its channel. */
export function captureWireMessage({ kind, channel, dir, msg }: WireMessage): void {
  let clientId = weakMapGet(wireClients, channel);
  if (!clientId) {
    clientId = newWireClientId();
    weakMapSet(wireClients, channel, clientId);
    emit({ kind: "client-added", t: timestamp(), client: { clientId, transport: kind, foundBy: "wire" } });
  }
  captureMessage(clientId, dir, "wire", msg);
}

/**
 * A channel first read off the wire (its first frames came before the client wrote to it,
 * e.g. microphone audio under load) turned out to be a hooked client's: the made-up client
 * goes away so the panel shows one client, not two.
 */
export function retireWireClient(channel: object): void {
  const clientId = weakMapGet(wireClients, channel);
  if (!clientId) return;
  weakMapDelete(wireClients, channel);
  emit({ kind: "client-removed", t: timestamp(), clientId });
}
