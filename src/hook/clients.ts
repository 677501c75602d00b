// Page hook (MAIN world): adopts a PipecatClient once found (by the traps, the app's own
// registration, or a late hook): its transport's taps, its record, its announcement to the
// panel, the watches on its connection call, requests and events, and on the frames a WebSocket
// transport drops.
import type { ClientInfo } from "../shared/protocol";
import { deliversToCallbacks, transportKind, type AnyObject } from "./recognition";
import { announce, isKnownTransport, recordFor, recordOfClient, registerClient, type HookedClient } from "./registry";
import { adoptTransport } from "./transportTaps";
import { watchStartBot } from "./connectionCalls";
import { watchEvents, watchRequests } from "./clientInstrumentation";
import { tapUndeliveredFrames } from "./undeliveredFrames";
import { defineOwn } from "./builtins";

/** A client is announced once; its transport may have been adopted a moment before. */
export function adoptClient(client: AnyObject, foundBy: ClientInfo["foundBy"]): HookedClient | undefined {
  const known = recordOfClient(client);
  if (known) return known;
  const transport = client._transport as AnyObject;
  if (!isKnownTransport(transport)) {
    // Found after construction (cooperative registration, late hook): take over the
    // handler the transport already holds.
    defineOwn(transport, "_onMessage", adoptTransport(transport, transport._onMessage));
  }
  const record = recordFor(transport);
  registerClient(record, client, foundBy);
  announce(record);
  const kind = transportKind(transport);
  watchEvents(record, deliversToCallbacks(kind));
  watchStartBot(record);
  watchRequests(record);
  if (kind === "websocket") tapUndeliveredFrames(record);
  return record;
}
