// What the hook knows about each PipecatClient it found, and the wrappers that report
// its traffic. Objects are recognised by shape: class names are minified in app bundles.
import type { ClientInfo, PanelToPage, RtviMessage, TransportKind } from "../shared/protocol";
import { RTVI_LABEL } from "../shared/protocol";
import { captureMessage, emit, reportError, timestamp, type ReplayMemory } from "./outbox";
// Everything called after load was taken at load: see ./builtins.
import {
  FinalizationRegistryAtLoad,
  MapAtLoad,
  WeakMapAtLoad,
  WeakRefAtLoad,
  apply,
  defineOwn,
  entries,
  getPrototypeOf,
  isArray,
  isInstance,
  PromiseAtLoad,
  mapDelete,
  mapGet,
  mapSet,
  mapValues,
  numberToText,
  padEnd,
  promiseResolve,
  promiseThen,
  random,
  registerFinalizer,
  sliceText,
  toText,
  trim,
  weakMapDelete,
  weakMapGet,
  weakMapHas,
  weakMapSet,
  weakRefDeref,
} from "./builtins";

type AnyObject = Record<string, any>;

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
// Weak everywhere: the hook must never keep an app's client alive. When one is collected,
// the panel hears that it went away.
const byId = new MapAtLoad<string, WeakRef<HookedClient>>();
const collected = new FinalizationRegistryAtLoad<string>((clientId) => {
  mapDelete(byId, clientId);
  emit({ kind: "client-removed", t: timestamp(), clientId });
});

/** Set while the extension itself sends or injects, so the log can mark those messages. */
let commandInProgress = false;
/** Set while a hooked client sends: the socket or channel it writes to needs no wire tap. */
let clientSendsInProgress = 0;

export function isInsideClientSend(): boolean {
  return clientSendsInProgress > 0;
}

const idPrefix = Math.random().toString(36).slice(2, 6);
let nextClientNumber = 1;

export function looksLikeTransport(value: unknown): value is AnyObject {
  const t = value as AnyObject;
  return (
    typeof t === "object" &&
    t !== null &&
    typeof t.sendMessage === "function" &&
    typeof t.initialize === "function" &&
    typeof t.connect === "function"
  );
}

export function looksLikeClient(value: unknown): value is AnyObject {
  const c = value as AnyObject;
  return (
    typeof c === "object" &&
    c !== null &&
    looksLikeTransport(c._transport) &&
    typeof c.connect === "function" &&
    (typeof c.sendClientMessage === "function" || typeof c.sendMessage === "function")
  );
}

/** Recognised by the fields each transport's constructor sets (checked in their 1.x dists). */
export function transportKind(t: AnyObject): TransportKind {
  if ("_openai_channel" in t || "_openai_cxn" in t) return "openai-realtime";
  if ("_botResponseID" in t || "_service_options" in t) return "gemini-live";
  if ("_serializer" in t && "_ws" in t) return "websocket";
  if ("pc_id" in t && "dc" in t) return "smallwebrtc";
  if ("_daily" in t || "_dailyCallClient" in t) return "daily";
  return "other";
}

/** These talk to the LLM directly: most of what they receive goes to the client's callbacks, not `_onMessage`. */
function deliversToCallbacks(kind: TransportKind): boolean {
  return kind === "gemini-live" || kind === "openai-realtime";
}

function recordFor(transport: AnyObject): HookedClient {
  let record = weakMapGet(byTransport, transport);
  if (!record) {
    record = { clientId: `${idPrefix}-${nextClientNumber++}`, transport, sent: new MapAtLoad() };
    weakMapSet(byTransport, transport, record);
    mapSet(byId, record.clientId, new WeakRefAtLoad(record));
  }
  return record;
}

function origin(): "devtools" | undefined {
  return commandInProgress ? "devtools" : undefined;
}

type Handler = (msg: unknown) => unknown;

/** Per adopted transport: the handler client-js gave it, and the wrapper that reports each message first. */
interface InboundRoute {
  inner: Handler | undefined;
  wrapped: Handler;
}

const inboundRoutes = new WeakMapAtLoad<object, InboundRoute>();

/** The route of a transport, or of the transport an object inherits `_onMessage` from. */
function routeOf(target: object): InboundRoute | undefined {
  for (let object: object | null = target; object; object = getPrototypeOf(object)) {
    const route = weakMapGet(inboundRoutes, object);
    if (route) return route;
  }
  return undefined;
}

/**
 * The `_onMessage` of every adopted transport. One accessor pair for all of them: V8 keeps
 * objects whose accessors match along the same transition in fast mode, where a pair per
 * transport would make every transport after the first a dictionary object, and each
 * property read client-js makes on it slower.
 */
const routedOnMessage: PropertyDescriptor = {
  configurable: true,
  enumerable: true,
  get(this: object) {
    const route = routeOf(this);
    return route?.inner ? route.wrapped : route?.inner;
  },
  set(this: object, value: unknown) {
    const route = weakMapGet(inboundRoutes, this);
    if (route) route.inner = value as Handler | undefined;
    // An object that inherits from a transport gets its own property, as a plain assignment gives it.
    else defineOwn(this, "_onMessage", { value, writable: true, enumerable: true, configurable: true });
  },
};

/**
 * Routes every inbound message through a wrapper, however often the transport's handler is
 * reassigned later; returns the own, enumerable `_onMessage` the transport is to have.
 */
export function adoptTransport(transport: AnyObject, handler: unknown): PropertyDescriptor {
  const record = recordFor(transport);
  const route: InboundRoute = {
    inner: handler as Handler | undefined,
    wrapped: function (this: unknown, msg: unknown) {
      try {
        captureMessage(record.clientId, "in", "client", msg, origin());
      } catch (error) {
        reportError("inbound capture", error);
      }
      const inner = route.inner;
      return inner ? apply(inner, this, arguments) : undefined;
    },
  };
  weakMapSet(inboundRoutes, transport, route);
  record.deliver = (msg) => apply(route.wrapped, transport, [msg]);
  wrapOutbound(record);
  return routedOnMessage;
}

function wrapOutbound(record: HookedClient): void {
  const transport = record.transport;
  const send = transport.sendMessage;
  if ((send as { __pipecatDevtools?: true }).__pipecatDevtools) return;
  const wrapped = function (this: unknown, msg: unknown) {
    try {
      captureMessage(record.clientId, "out", "client", msg, origin(), requestInProgress?.timeoutMs, record.sent);
      if (requestInProgress) requestInProgress.id = (msg as { id?: unknown } | null)?.id;
    } catch (error) {
      reportError("outbound capture", error);
    }
    clientSendsInProgress++;
    try {
      return apply(send, this, arguments);
    } finally {
      clientSendsInProgress--;
    }
  };
  defineOwn(wrapped, "__pipecatDevtools", { value: true });
  defineOwn(transport, "sendMessage", {
    configurable: true,
    enumerable: false,
    writable: true,
    value: wrapped,
  });
}

function announce(record: HookedClient): void {
  const transport = record.transport;
  emit({
    kind: "client-added",
    t: timestamp(),
    client: { clientId: record.clientId, transport: transportKind(transport), foundBy: record.foundBy!, state: transport.state },
  });
}

/** Tells a new relay about every client still alive. */
export function announceClients(): void {
  const refs = mapValues(byId);
  for (let i = 0; i < refs.length; i++) {
    const record = weakRefDeref(refs[i]);
    if (record?.client) announce(record);
  }
}

// Clients seen only from their traffic: one per socket or data channel.
const wireClients = new WeakMapAtLoad<object, string>();
let nextWireNumber = 1;

/** Logs a message read off the wire, under a client made up for its channel. */
export function captureWireMessage(kind: TransportKind, channel: object, dir: "in" | "out", msg: unknown): void {
  let clientId = weakMapGet(wireClients, channel);
  if (!clientId) {
    clientId = `${idPrefix}-w${nextWireNumber++}`;
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

/** A client is announced once; its transport may have been adopted a moment before. */
export function adoptClient(client: AnyObject, foundBy: ClientInfo["foundBy"]): HookedClient | undefined {
  if (weakMapHas(byClient, client)) return weakMapGet(byClient, client);
  const transport = client._transport as AnyObject;
  if (!weakMapHas(byTransport, transport)) {
    // Found after construction (cooperative registration, late hook): take over the
    // handler the transport already holds.
    defineOwn(transport, "_onMessage", adoptTransport(transport, transport._onMessage));
  }
  const record = recordFor(transport);
  record.client = client;
  weakMapSet(byClient, client, record);
  registerFinalizer(collected, client, record.clientId);
  record.foundBy = foundBy;
  announce(record);
  watchEvents(record, deliversToCallbacks(transportKind(transport)));
  watchStartBot(record);
  watchRequests(record);
  return record;
}

function headerEntries(headers: unknown): [string, string][] {
  if (!headers) return [];
  const found: [string, string][] = [];
  if (typeof (headers as Headers).forEach === "function" && !isArray(headers)) {
    // The page's own Headers: what it yields is the page's data either way.
    (headers as Headers).forEach((value, name) => {
      found[found.length] = [toText(name), toText(value)];
    });
    return found;
  }
  const pairs = entries(headers as Record<string, unknown>);
  for (let i = 0; i < pairs.length; i++) found[i] = [pairs[i][0], toText(pairs[i][1])];
  return found;
}

const RequestAtLoad = typeof Request === "function" ? Request : undefined;

function endpointText(endpoint: unknown): string {
  if (isInstance(endpoint, RequestAtLoad)) return `${(endpoint as Request).method} ${(endpoint as Request).url}`;
  return toText(endpoint);
}

/**
 * Reports the connection-time call (endpoint, requestData, headers, response, timing).
 * startBotAndConnect looks startBot up on the instance at call time, so one own wrapper sees
 * both. The app gets back the very promise startBot returned.
 */
function watchStartBot(record: HookedClient): void {
  const client = record.client!;
  const startBot = client.startBot;
  if (typeof startBot !== "function") return;
  defineOwn(client, "startBot", {
    configurable: true,
    enumerable: false,
    writable: true,
    value: function (this: unknown, params: { endpoint?: unknown; requestData?: unknown; headers?: unknown }) {
      const started = timestamp();
      const result = apply(startBot, this, arguments);
      try {
        const report = (outcome: { response?: unknown; error?: string }) =>
          emit({
            kind: "connection",
            t: started,
            clientId: record.clientId,
            endpoint: endpointText(params?.endpoint),
            requestData: params?.requestData,
            headers: headerEntries(params?.headers),
            durationMs: timestamp() - started,
            ...outcome,
          });
        promiseThen(
          promiseResolve(result),
          (response) => report({ response }),
          (error) => report({ error: toText((error as Error)?.message ?? error) }),
        );
      } catch (error) {
        reportError("startBot capture", error);
      }
      return result;
    },
  });
}

/** client-js's default: MessageDispatcher.dispatch(data, type, timeout = 10000). */
const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/** Anything above is not a timeout a page can mean (nor a number JSON can print, for Infinity). */
const MAX_TIMEOUT_MS = 2_147_483_647;
/** Set while a client's MessageDispatcher sends a request: its timeout, then the id it was sent with. */
let requestInProgress: { timeoutMs: number; id?: unknown } | undefined;

/**
 * Marks requests (sendClientRequest goes through the dispatcher; sendClientMessage does not)
 * so the panel knows which outbound messages await an answer, and reports when client-js
 * gives up on one: its timeout rejects with a new error-response of its own id, which never
 * passes the transport. The app gets back the very promise dispatch returned.
 */
function watchRequests(record: HookedClient): void {
  const dispatcher = record.client!._messageDispatcher as AnyObject | undefined;
  const dispatch = dispatcher?.dispatch;
  if (typeof dispatch !== "function") return;
  defineOwn(dispatcher!, "dispatch", {
    configurable: true,
    enumerable: false,
    writable: true,
    value: function (this: unknown, _data: unknown, _type: unknown, timeout: unknown) {
      const outer = requestInProgress;
      const request = { timeoutMs: typeof timeout === "number" && timeout > 0 && timeout <= MAX_TIMEOUT_MS ? timeout : DEFAULT_REQUEST_TIMEOUT_MS, id: undefined as unknown };
      requestInProgress = request;
      let result: unknown;
      try {
        result = apply(dispatch, this, arguments);
      } finally {
        requestInProgress = outer;
      }
      try {
        const requestId = request.id;
        if (typeof requestId === "string" && isInstance(result, PromiseAtLoad)) {
          promiseThen(
            result as Promise<unknown>,
            () => undefined,
            (reason) => {
              const answer = reason as { id?: unknown; type?: unknown } | null;
              // An answer from the bot carries the request's id; client-js's own timeout does not.
              if (answer?.type === "error-response" && answer.id !== requestId) {
                emit({ kind: "request-timeout", t: timestamp(), clientId: record.clientId, requestId });
              }
            },
          );
        }
      } catch (error) {
        reportError("request capture", error);
      }
      return result;
    },
  });
}

/**
 * Notes state changes; for direct-to-LLM transports, also logs every event the client emits,
 * since that is the only place their traffic shows.
 */
function watchEvents(record: HookedClient, captureAll: boolean): void {
  const client = record.client!;
  const emitEvent = client.emit;
  if (typeof emitEvent !== "function") return;
  defineOwn(client, "emit", {
    configurable: true,
    enumerable: false,
    writable: true,
    value: function (this: unknown, event: unknown, ...args: unknown[]) {
      try {
        if (event === "transportStateChanged") {
          emit({ kind: "client-updated", t: timestamp(), clientId: record.clientId, patch: { state: toText(args[0]) } });
        } else if (captureAll && typeof event === "string") {
          captureMessage(record.clientId, "in", "event", { type: event, data: args.length === 1 ? args[0] : args });
        }
      } catch (error) {
        reportError("event capture", error);
      }
      return apply(emitEvent, this, arguments);
    },
  });
}

// ---------------------------------------------------------------------------
// Commands from the panel

export class CommandError extends Error {}

function requireClient(clientId: string): AnyObject {
  const ref = mapGet(byId, clientId);
  const record = ref && weakRefDeref(ref);
  if (!record?.client) throw new CommandError(`No client ${clientId} in this frame`);
  return record.client;
}

function requireReady(client: AnyObject): void {
  const state = client._transport?.state ?? client.state;
  if (state !== "ready") throw new CommandError(`Client is not ready (state: ${state ?? "unknown"})`);
}

function freshId(): string {
  return padEnd(sliceText(numberToText(random(), 16), 2, 10), 8, "0");
}

/** What the panel asks to send or inject must at least be an RTVI message with a type. */
function requireMessage(msg: unknown): RtviMessage {
  const candidate = msg as RtviMessage | null;
  if (typeof candidate !== "object" || candidate === null || isArray(candidate)) {
    throw new CommandError("Invalid message: expected an object with a type");
  }
  if (typeof candidate.type !== "string" || trim(candidate.type) === "") {
    throw new CommandError("Invalid message: `type` must be a non-empty string");
  }
  if (candidate.id !== undefined && typeof candidate.id !== "string") {
    throw new CommandError("Invalid message: `id` must be a string");
  }
  return candidate;
}

function requireType(msgType: unknown): string {
  if (typeof msgType !== "string" || trim(msgType) === "") throw new CommandError("Invalid message: the message type is empty");
  return msgType;
}

function asOutbound(msg: RtviMessage): RtviMessage {
  return { id: msg.id || freshId(), label: RTVI_LABEL, type: msg.type, data: msg.data ?? {} };
}

function asDevtools(fn: () => unknown): unknown {
  commandInProgress = true;
  try {
    return fn();
  } finally {
    commandInProgress = false;
  }
}

/** Runs one command; resolves with what to report back, or rejects with a reason. */
export async function runCommand(command: PanelToPage): Promise<unknown> {
  const client = requireClient(command.clientId);
  const record = weakMapGet(byClient, client)!;
  switch (command.kind) {
    case "send-message": {
      const msgType = requireType(command.msgType);
      requireReady(client);
      if (typeof client.sendClientMessage !== "function") throw new CommandError("This client (RTVIClient 0.x) has no sendClientMessage: send it raw");
      asDevtools(() => client.sendClientMessage(msgType, command.data));
      return null;
    }
    case "send-request": {
      const msgType = requireType(command.msgType);
      requireReady(client);
      if (typeof client.sendClientRequest !== "function") throw new CommandError("This client (RTVIClient 0.x) has no sendClientRequest");
      const pending = asDevtools(() => client.sendClientRequest(msgType, command.data, command.timeoutMs)) as Promise<unknown>;
      return await pending;
    }
    case "send-raw": {
      const msg = requireMessage(command.msg);
      requireReady(client);
      asDevtools(() => record.transport.sendMessage(asOutbound(msg)));
      return null;
    }
    case "replay": {
      requireReady(client);
      const original = command.msg ? requireMessage(command.msg) : (mapGet(record.sent, command.messageId) as RtviMessage | undefined);
      if (!original) throw new CommandError(`Message ${command.messageId} is no longer kept for replay`);
      asDevtools(() => record.transport.sendMessage(asOutbound({ ...original, id: freshId() })));
      return null;
    }
    case "inject": {
      const msg = requireMessage(command.msg);
      if (!record.deliver) throw new CommandError("This client has no inbound handler yet");
      asDevtools(() => record.deliver!({ label: RTVI_LABEL, ...msg }));
      return null;
    }
    default:
      throw new CommandError(`Unknown command ${toText((command as { kind?: unknown }).kind)}`);
  }
}
