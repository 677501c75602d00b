// The DOM builtins for events and nodes, taken when this module is evaluated: at document_start
// in the page hook (MAIN world), and in the content relay's world too, which reads batches
// through src/shared/batchHandoff.ts. Standalone (it imports nothing) so that the relay's
// bundle takes this file alone, not the hook's other builtins (./index). Every function takes
// its receiver first: `addListener(target, type, listener)`, never `target.addEventListener(…)`.
export const { apply } = Reflect;
const getOwnDescriptor = Object.getOwnPropertyDescriptor;

/** A method of a prototype as a plain function taking its receiver first. */
export const method =
  <T, A extends unknown[], R>(fn: (this: T, ...args: A) => R) =>
  (self: T, ...args: A): R =>
    apply(fn as (...args: unknown[]) => R, self, args);

/** A DOM getter; where tests run the hook (happy-dom) events carry these as own fields instead. */
function domGetter<T, R>(proto: object, name: string): (self: T) => R {
  const get = getOwnDescriptor(proto, name)?.get;
  return get ? (self) => apply(get, self, []) as R : (self) => (self as Record<string, R>)[name];
}

/** Function.prototype[Symbol.hasInstance] is frozen; a constructor's own one (a page may add it) is never asked. */
const hasInstance = Function.prototype[Symbol.hasInstance];
export const isInstance = (value: unknown, klass: object | undefined): boolean =>
  klass !== undefined && (apply(hasInstance, klass, [value]) as boolean);

type ListenerMethod = (
  self: EventTarget,
  type: string,
  listener: (event: Event) => void,
  options?: AddEventListenerOptions | boolean,
) => void;
export const addListener = /* @__PURE__ */ method(EventTarget.prototype.addEventListener) as ListenerMethod;
export const removeListener = /* @__PURE__ */ method(EventTarget.prototype.removeEventListener) as ListenerMethod;
// The window's own: where tests run the hook, the window is no EventTarget of the DOM's.
export const windowAtLoad = window;
const windowAdd = window.addEventListener;
const windowRemove = window.removeEventListener;
const windowDispatch = window.dispatchEvent;
type WindowListenerMethod = (
  type: string,
  listener: (event: Event) => void,
  options?: AddEventListenerOptions | boolean,
) => void;
export const addWindowListener: WindowListenerMethod = (type, listener, options) =>
  apply(windowAdd, windowAtLoad, [type, listener, options]);
export const removeWindowListener: WindowListenerMethod = (type, listener, options) =>
  apply(windowRemove, windowAtLoad, [type, listener, options]);
export const dispatchOnWindow = (event: Event): boolean => apply(windowDispatch, windowAtLoad, [event]) as boolean;

export const eventCurrentTarget = /* @__PURE__ */ domGetter<Event, EventTarget | null>(
  Event.prototype,
  "currentTarget",
);
export const eventType = /* @__PURE__ */ domGetter<Event, string>(Event.prototype, "type");
export const messageEventData = /* @__PURE__ */ domGetter<MessageEvent, unknown>(MessageEvent.prototype, "data");
export const stopImmediatePropagation = /* @__PURE__ */ method(Event.prototype.stopImmediatePropagation) as (
  self: Event,
) => void;
export const MouseEventAtLoad = MouseEvent;
export const UIEventAtLoad = UIEvent;
export const TextAtLoad = Text;

// Nodes: the batch node is made, written and read only through these.
const createText = Document.prototype.createTextNode;
const documentAtLoad = document;
export const createTextNode = (): Text => apply(createText, documentAtLoad, [""]) as Text;
const nodeDataDescriptor = getOwnDescriptor(CharacterData.prototype, "data")!;
export const setNodeData = /* @__PURE__ */ method(nodeDataDescriptor.set!) as (
  self: CharacterData,
  data: string,
) => void;
export const nodeData = /* @__PURE__ */ method(nodeDataDescriptor.get!) as (self: CharacterData) => string;
// From a node: where tests run the hook, Node's dispatchEvent is not EventTarget.prototype's.
export const dispatchOnNode = /* @__PURE__ */ method(createTextNode().dispatchEvent) as (
  self: Node,
  event: Event,
) => boolean;
