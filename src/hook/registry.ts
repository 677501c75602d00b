// Page hook (MAIN world): the clients the hook found, by transport, by client and by id, held
// weakly everywhere (the hook must never keep an app's client alive: when one is collected, the
// panel hears that it went away), and their announcement to the panel.
import type { ClientInfo, TransportKind } from "../shared/protocol";
import type { ReplayMemory } from "./outbox";
import { emit, timestamp } from "./outbox";
import { transportKind, type AnyObject } from "./recognition";
import { shortText } from "./bounds";
import {
  FinalizationRegistryAtLoad,
  MapAtLoad,
  WeakMapAtLoad,
  WeakRefAtLoad,
  mapDelete,
  mapGet,
  mapSet,
  mapForEach,
  numberToText,
  random,
  registerFinalizer,
  sliceText,
  weakMapGet,
  weakMapHas,
  weakMapSet,
  weakRefDeref,
} from "./builtins";

export interface HookedClient {
  clientId: string;
  transport: AnyObject;
  client?: AnyObject;
  /** The handler client-js gave the transport; calling it runs the client's whole inbound handling. */
  deliver?: (msg: unknown) => unknown;
  /** Recent outbound messages by log id, for replay. */
  sent: ReplayMemory;
  foundBy?: ClientInfo["foundBy"];
}

const byTransport = new WeakMapAtLoad<object, HookedClient>();
const byClient = new WeakMapAtLoad<object, HookedClient>();
const byId = new MapAtLoad<string, WeakRef<HookedClient>>();
const collected = new FinalizationRegistryAtLoad<string>((clientId) => {
  mapDelete(byId, clientId);
  emit({ kind: "client-removed", t: timestamp(), clientId });
});

/** Ids are [a-z0-9-] only (the encoder writes them unescaped: src/shared/protocol/pageEventEncoder.ts), per page. */
const idPrefix = sliceText(numberToText(random(), 36), 2, 6);
let nextClientNumber = 1;
let nextWireNumber = 1;

/** An id for a client made up from a channel's traffic (./wireClients). */
export function newWireClientId(): string {
  return `${idPrefix}-w${nextWireNumber++}`;
}

/** The record of a transport, made at its first sight. */
export function recordFor(transport: AnyObject): HookedClient {
  let record = weakMapGet(byTransport, transport);
  if (!record) {
    record = { clientId: `${idPrefix}-${nextClientNumber++}`, transport, sent: new MapAtLoad() };
    weakMapSet(byTransport, transport, record);
    mapSet(byId, record.clientId, new WeakRefAtLoad(record));
  }
  return record;
}

export function isKnownTransport(transport: object): boolean {
  return weakMapHas(byTransport, transport);
}

export function recordOfClient(client: object): HookedClient | undefined {
  return weakMapGet(byClient, client);
}

/** The record of a client still alive, by the id the panel names it by. */
export function recordById(clientId: string): HookedClient | undefined {
  const ref = mapGet(byId, clientId);
  return ref && weakRefDeref(ref);
}

/** Ties a client to its transport's record, from now until the app lets it go. */
export function registerClient(record: HookedClient, client: AnyObject, foundBy: ClientInfo["foundBy"]): void {
  record.client = client;
  record.foundBy = foundBy;
  weakMapSet(byClient, client, record);
  registerFinalizer(collected, client, record.clientId);
}

/** A page value that is a string, cut to a short text; anything else is left out. */
const textOrNothing = (value: unknown) => (typeof value === "string" ? shortText(value) : undefined);

export function announce(record: HookedClient): void {
  const transport = record.transport;
  // client-js's own version: PipecatClient's `version` getter (RTVIClient's in 0.x) returns its
  // package.json's, whatever client-ready's `about` names (docs/client-js-internals.md, "Which
  // client-js a client is"). Read like `state`: a page's getter that throws fails the adoption,
  // which the trap reports.
  emit({
    kind: "client-added",
    t: timestamp(),
    client: {
      clientId: record.clientId,
      transport: transportKind(transport),
      foundBy: record.foundBy!,
      state: textOrNothing(transport.state),
      clientVersion: textOrNothing(record.client!.version),
    },
  });
}

/** Tells a new relay about every client still alive. */
export function announceClients(): void {
  mapForEach(byId, (ref) => {
    const record = weakRefDeref(ref);
    if (record?.client) announce(record);
  });
}

/** Whether a client the hook adopted, still alive, has a transport of this kind. */
export function hasHookedTransport(kind: TransportKind): boolean {
  let found = false;
  mapForEach(byId, (ref) => {
    const record = weakRefDeref(ref);
    if (record && transportKind(record.transport) === kind) found = true;
  });
  return found;
}
