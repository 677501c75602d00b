// Every message that crosses a boundary between the extension's contexts.
//
//   hook (page, MAIN world) ⇄ MessagePort (commands) and a shared DOM node (batches)
//     ⇄ relay (content, ISOLATED) ⇄ runtime Port ⇄ background ⇄ runtime Port ⇄ panel
//
// PageToPanel and PanelToPage are what the hook and the panel say to each other; the
// other unions are the envelopes each hop wraps them in. Anything that arrives from the
// page is untrusted: the guards below are the only way in.

export const RTVI_LABEL = "rtvi-ai";

/** Marks the one window message that hands the relay its private MessagePort. */
export const HOOK_HANDSHAKE = "pipecat-devtools:hook-port";

/**
 * The window event (a MouseEvent whose relatedTarget is a detached Text node) by which the
 * hook hands the relay the node it fires its batches on, once the relay said it listens.
 * Both worlds share the DOM and one JavaScript heap: a string set as the node's data is read
 * by the other world without a copy, where a MessagePort post serializes it twice (3.7 against
 * 0.5 µs per KB, Chromium 156). The node is never in the document: only its holders see it.
 */
export const HOOK_NODE_EVENT = "pipecat-devtools:hook-node";
/** Fired on the batch node, a UIEvent whose `detail` is the count: the node's data is the batch's `events` (HookToRelay). */
export const BATCH_EVENT = "pipecat-devtools:batch";
/** The same for a batch HookToRelay marks `keep`. */
export const KEEP_BATCH_EVENT = "pipecat-devtools:keep-batch";

export const PAGE_PORT_NAME = "pipecat-devtools:page";
export const PANEL_PORT_NAME = "pipecat-devtools:panel";

export type Direction = "in" | "out";

/**
 * client: through the transport's handler or sendMessage; wire: decoded from the socket or
 * data channel (the client was built before the hook); event: an event the client emitted,
 * for direct-to-LLM transports whose traffic never passes the handler.
 */
export type CaptureLevel = "client" | "wire" | "event";

export type TransportKind =
  | "websocket"
  | "smallwebrtc"
  | "daily"
  | "gemini-live"
  | "openai-realtime"
  | "other";

/** An RTVI message as seen on the wire: `{label, type, id, data}`. */
export interface RtviMessage {
  label?: string;
  type: string;
  id?: string;
  data?: unknown;
}

export interface ClientInfo {
  clientId: string;
  transport: TransportKind;
  /** How the hook found it: the trapped property, the app's own registration, or only its traffic. */
  foundBy: "trap" | "registry" | "wire";
  state?: string;
  clientVersion?: string;
  rtviVersion?: string;
  botVersion?: string;
  botAbout?: unknown;
}

/**
 * A `startBot` / `startBotAndConnect` call: the seed's connection-time configuration. Values
 * are sent as the app passed them; the panel masks secrets (Authorization, tokens) on display.
 */
export interface ConnectionCall {
  endpoint: string;
  requestData?: unknown;
  headers: [string, string][];
  durationMs?: number;
  response?: unknown;
  error?: string;
}

// ---------------------------------------------------------------------------
// Page → panel

export type PageToPanel =
  | {
      kind: "hook-ready";
      t: number;
      url: string;
      isTop: boolean;
      hookVersion: string;
      /** Injected after the page had started running (extension installed or updated later). */
      late: boolean;
    }
  | { kind: "client-added"; t: number; client: ClientInfo }
  | { kind: "client-updated"; t: number; clientId: string; patch: Partial<ClientInfo> }
  | { kind: "client-removed"; t: number; clientId: string }
  | {
      kind: "message";
      /** Per-page sequence number: the id a replay names. */
      messageId: number;
      t: number;
      clientId: string;
      dir: Direction;
      level: CaptureLevel;
      /**
       * UTF-8 bytes of the message's JSON before it was cut: sent only with `truncated`. For
       * any other message the panel measures the JSON it makes of `msg`, which is the same
       * text (measuring it on the page cost the app's thread ~0.8 µs per KB).
       */
      size?: number;
      msg: RtviMessage;
      /** Set when the message was cut to the size cap. */
      truncated?: boolean;
      /** Set when the extension itself sent or injected it. */
      origin?: "devtools";
      /** Set on an outbound request the client awaits an answer to (sendClientRequest), with its timeout. */
      request?: { timeoutMs: number };
    }
  /** A request the client gave up on: its timeout passed with no answer (client-js settles it itself). */
  | { kind: "request-timeout"; t: number; clientId: string; requestId: string }
  | ({ kind: "connection"; t: number; clientId: string } & ConnectionCall)
  | { kind: "hook-error"; t: number; where: string; message: string }
  /** Messages the hook let go, oldest first, while no relay took its batches. */
  | { kind: "dropped"; t: number; count: number }
  | { kind: "command-result"; t: number; commandId: string; ok: boolean; error?: string; value?: unknown };

export type PageToPanelKind = PageToPanel["kind"];

const PAGE_TO_PANEL_KINDS: ReadonlySet<string> = new Set<PageToPanelKind>([
  "hook-ready",
  "client-added",
  "client-updated",
  "client-removed",
  "message",
  "hook-error",
  "dropped",
  "command-result",
  "connection",
  "request-timeout",
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Shape check for one event the page claims to have sent; the panel still renders it as text. */
export function isPageToPanel(value: unknown): value is PageToPanel {
  if (!isRecord(value) || typeof value.kind !== "string" || !PAGE_TO_PANEL_KINDS.has(value.kind)) {
    return false;
  }
  if (typeof value.t !== "number") return false;
  switch (value.kind) {
    case "message":
      return (
        typeof value.clientId === "string" &&
        typeof value.messageId === "number" &&
        (value.dir === "in" || value.dir === "out") &&
        (value.size === undefined || typeof value.size === "number") &&
        isRecord(value.msg) &&
        typeof value.msg.type === "string"
      );
    case "client-added":
      return isRecord(value.client) && typeof value.client.clientId === "string";
    case "client-updated":
      return typeof value.clientId === "string" && isRecord(value.patch);
    case "client-removed":
      return typeof value.clientId === "string";
    case "command-result":
      return typeof value.commandId === "string" && typeof value.ok === "boolean";
    case "hook-ready":
      return typeof value.url === "string";
    case "hook-error":
      return typeof value.where === "string" && typeof value.message === "string";
    case "dropped":
      return Number.isSafeInteger(value.count) && (value.count as number) >= 0;
    case "connection":
      return typeof value.clientId === "string" && typeof value.endpoint === "string" && Array.isArray(value.headers);
    case "request-timeout":
      return typeof value.clientId === "string" && typeof value.requestId === "string";
  }
  return false;
}

/** Parses a batch the page sent as one JSON string; keeps the valid events and counts the rest. */
export function parsePageBatch(json: string): { events: PageToPanel[]; rejected: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { events: [], rejected: 1 };
  }
  if (!Array.isArray(parsed)) return { events: [], rejected: 1 };
  const events = parsed.filter(isPageToPanel);
  return { events, rejected: parsed.length - events.length };
}

// ---------------------------------------------------------------------------
// Panel → page

export type PanelToPage =
  | { kind: "send-message"; clientId: string; msgType: string; data: unknown }
  | { kind: "send-request"; clientId: string; msgType: string; data: unknown; timeoutMs: number }
  | { kind: "send-raw"; clientId: string; msg: RtviMessage }
  | { kind: "inject"; clientId: string; msg: RtviMessage }
  | { kind: "replay"; clientId: string; messageId: number; msg?: RtviMessage };

// ---------------------------------------------------------------------------
// Hop envelopes

/**
 * hook → relay, fired on the batch node (HOOK_NODE_EVENT). `events` is a JSON array of `count` PageToPanel.
 * `keep` marks a batch of the page's state (its hooks, clients, connections, errors: every
 * event but messages): a tab's buffer keeps those when its budget forces messages out, so a
 * panel opened later still knows the clients whose newest messages it shows.
 */
export type HookToRelay = { kind: "batch"; count: number; events: string; keep?: boolean };

/** relay → hook, over the private MessagePort. `relay-ready`: the relay listens for the batch node. */
export type RelayToHook = HookCommand | { kind: "relay-ready" };
export type HookCommand = { kind: "command"; commandId: string; command: PanelToPage };

/**
 * relay → background. `seq` numbers the batches of one relay (`relayId`, one per document):
 * the background acknowledges by it, and a panel drops a batch it already has (a batch is
 * resent when the service worker was stopped before acknowledging it).
 */
export type RelayToBackground = {
  kind: "batch";
  relayId: string;
  seq: number;
  count: number;
  events: string;
  /** Events the relay had to discard before this batch (it could not keep them all unacknowledged). */
  dropped?: number;
  /** As the hook marked it (HookToRelay). */
  keep?: boolean;
};

/** background → relay. */
export type BackgroundToRelay =
  | { kind: "ack"; seq: number }
  | { kind: "command"; commandId: string; command: PanelToPage };

/** panel → background. */
export type PanelToBackground =
  | { kind: "subscribe"; tabId: number }
  /** A panel opened as a page of its own (not in DevTools) asks which tabs it could inspect. */
  | { kind: "list-tabs" }
  /** Whether the hook runs on an origin, and turning it on or off ("Hook this site"). */
  | { kind: "site"; action: "status" | "hook" | "unhook"; origin: string }
  | { kind: "command"; commandId: string; frameId: number; command: PanelToPage };

/** background → panel. A batch carries the frame it came from; events stay a JSON string until the panel parses them. */
export type BackgroundToPanel =
  | { kind: "batch"; frameId: number; relayId: string; seq: number; count: number; events: string; keep?: boolean }
  /** Events the background had to discard (buffer budget, or a relay that gave up resending). */
  | { kind: "dropped"; count: number }
  | { kind: "command-failed"; commandId: string; error: string }
  | { kind: "tabs"; tabs: HookedTab[] }
  | { kind: "site"; origin: string; access: SiteAccess; error?: string };

/**
 * default: a local development origin, always hooked; chosen: hooked because the user asked;
 * off: not hooked; impossible: not a web page (chrome://, file://, about:).
 */
export type SiteAccess = "default" | "chosen" | "off" | "impossible";

/** A tab in which at least one frame's hook is connected. */
export interface HookedTab {
  tabId: number;
  url: string;
  frames: number;
  events: number;
}

const isOptionalBoolean = (value: unknown) => value === undefined || typeof value === "boolean";

export function isHookToRelay(value: unknown): value is HookToRelay {
  return (
    isRecord(value) &&
    value.kind === "batch" &&
    typeof value.count === "number" &&
    typeof value.events === "string" &&
    isOptionalBoolean(value.keep)
  );
}

export function isBackgroundToRelay(value: unknown): value is BackgroundToRelay {
  if (!isRecord(value)) return false;
  if (value.kind === "ack") return typeof value.seq === "number";
  return value.kind === "command" && typeof value.commandId === "string" && isRecord(value.command);
}

export function isRelayToBackground(value: unknown): value is RelayToBackground {
  return (
    isRecord(value) &&
    value.kind === "batch" &&
    typeof value.relayId === "string" &&
    typeof value.seq === "number" &&
    typeof value.count === "number" &&
    typeof value.events === "string" &&
    isOptionalBoolean(value.keep)
  );
}

export function isPanelToBackground(value: unknown): value is PanelToBackground {
  if (!isRecord(value)) return false;
  if (value.kind === "subscribe") return typeof value.tabId === "number";
  if (value.kind === "list-tabs") return true;
  if (value.kind === "site") {
    return (
      (value.action === "status" || value.action === "hook" || value.action === "unhook") && typeof value.origin === "string"
    );
  }
  return (
    value.kind === "command" &&
    typeof value.commandId === "string" &&
    typeof value.frameId === "number" &&
    isRecord(value.command)
  );
}

export function isBackgroundToPanel(value: unknown): value is BackgroundToPanel {
  if (!isRecord(value)) return false;
  if (value.kind === "batch") {
    return (
      typeof value.frameId === "number" &&
      typeof value.relayId === "string" &&
      typeof value.seq === "number" &&
      typeof value.events === "string"
    );
  }
  if (value.kind === "dropped") return typeof value.count === "number";
  if (value.kind === "tabs") return Array.isArray(value.tabs);
  if (value.kind === "site") return typeof value.origin === "string" && typeof value.access === "string";
  return value.kind === "command-failed" && typeof value.commandId === "string";
}
