// Page hook (MAIN world): tells a PipecatClient and its transport by their shape, since class
// names are minified in app bundles, and which transport it is by the fields its constructor sets.
import type { TransportKind } from "../shared/protocol";

/** A page object, read field by field. */
// biome-ignore lint/suspicious/noExplicitAny: the app's objects, whose fields the hook reads and calls as client-js defines them
export type AnyObject = Record<string, any>;

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
export function deliversToCallbacks(kind: TransportKind): boolean {
  return kind === "gemini-live" || kind === "openai-realtime";
}
