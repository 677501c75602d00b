// Page hook (MAIN world): the two taps on an adopted transport. Inbound, its `_onMessage` becomes
// an accessor whose getter returns a wrapper around whatever handler client-js assigns, so every
// inbound message is seen, including the types client-js drops without an event; outbound, an
// own `sendMessage` wraps the prototype's, so everything the client sends is seen, client-ready
// included. Both capture first, then call the app's own function exactly as it was called.
import { captureMessage, reportError } from "./outbox";
import { recordFor, type HookedClient } from "./registry";
import type { AnyObject } from "./recognition";
import { wrapOwnMethod } from "./ownMethod";
import { NO_EVENTS, currentSend, deliverForRule, handleNotingEvents, sendAsClient } from "./sendContext";
import { controls, type InFlight, type MatchedRule } from "./controlsKit";
import type { CapturedMessage } from "../shared/protocol/pageEventEncoder";
import type { RuleMark } from "../shared/protocol";
import { WeakMapAtLoad, apply, defineOwn, getPrototypeOf, weakMapGet, weakMapSet } from "./builtins";

type Handler = (msg: unknown) => unknown;

/** captureMessage's arguments a tap leaves out. */
const u = undefined;

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

function origin(): "devtools" | undefined {
  return currentSend.byDevtools ? "devtools" : undefined;
}

/**
 * Routes every inbound message through a wrapper, however often the transport's handler is
 * reassigned later, and wraps its sendMessage; returns the own, enumerable `_onMessage` the
 * transport is to have.
 */
export function adoptTransport(transport: AnyObject, handler: unknown): PropertyDescriptor {
  const record = recordFor(transport);
  const route: InboundRoute = {
    inner: handler as Handler | undefined,
    wrapped: function (this: unknown, msg: unknown) {
      let captured: CapturedMessage | undefined;
      const attached = controls;
      let active: MatchedRule | undefined;
      try {
        const made = currentSend.rule;
        active = made || !attached ? undefined : attached.ruleFor("in", record.clientId, msg);
        if (!active) captured = captureMessage(record.clientId, "in", "client", msg, origin(), u, u, u, made);
        // A client the hook found whole has its emit watched (./clientInstrumentation.ts).
        if (captured && record.client) captured.emitted = NO_EVENTS;
      } catch (error) {
        reportError("inbound capture", error);
      }
      if (active && attached) return attached.act(active, inboundFlight(record, route, this, msg));
      const inner = route.inner;
      if (!inner) return undefined;
      return handleNotingEvents(captured, inner, this, arguments);
    },
  };
  weakMapSet(inboundRoutes, transport, route);
  record.deliver = (msg) => apply(route.wrapped, transport, [msg]);
  tapOutbound(record);
  return routedOnMessage;
}

/** A rule's delivery of a message it made: through the inbound tap, which logs it with the mark. */
function deliverMarked(record: HookedClient, msg: unknown, rule: RuleMark): void {
  deliverForRule(rule, () => record.deliver?.(msg));
}

function inboundFlight(record: HookedClient, route: InboundRoute, handlerThis: unknown, msg: unknown): InFlight {
  return {
    clientId: record.clientId,
    dir: "in",
    msg,
    isRequest: false,
    capture: (rule) => captureMessage(record.clientId, "in", "client", msg, origin(), u, u, u, rule).messageId,
    pass: (next) => {
      const inner = route.inner;
      return inner ? apply(inner, handlerThis, [next]) : undefined;
    },
    deliver: (next, rule) => deliverMarked(record, next, rule),
  };
}

function tapOutbound(record: HookedClient): void {
  wrapOwnMethod(
    record.transport,
    "sendMessage",
    (send) =>
      function (this: unknown, msg: unknown) {
        const request = currentSend.request;
        const attached = controls;
        let active: MatchedRule | undefined;
        try {
          const made = currentSend.rule;
          active = made || !attached ? undefined : attached.ruleFor("out", record.clientId, msg);
          if (!active)
            captureMessage(record.clientId, "out", "client", msg, origin(), request?.timeoutMs, record.sent, u, made);
          if (request) request.id = (msg as { id?: unknown } | null)?.id;
        } catch (error) {
          reportError("outbound capture", error);
        }
        if (active && attached) {
          return attached.act(active, {
            clientId: record.clientId,
            dir: "out",
            msg,
            isRequest: request !== undefined,
            capture: (rule) =>
              captureMessage(record.clientId, "out", "client", msg, origin(), request?.timeoutMs, record.sent, u, rule)
                .messageId,
            pass: (next) => sendAsClient(() => apply(send, this, [next])),
            deliver: (next, rule) => deliverMarked(record, next, rule),
          });
        }
        // The socket or channel this writes to is covered from now on (src/hook/hook.ts, isCovered).
        const args = arguments;
        return sendAsClient(() => apply(send, this, args));
      },
  );
}
