// The DOM builtins for events and nodes, taken when this module is evaluated: at document_start
// in the page hook (MAIN world), and in the content relay's world too, which reads batches
// through src/shared/batchHandoff.ts. Standalone (it imports nothing) so that the relay's
// bundle takes this file alone, not the hook's other builtins (./index). Every function takes
// its receiver first: `addListener(target, type, listener)`, never `target.addEventListener(…)`.
export const { apply } = Reflect;
export const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;

/** A method of a prototype as a plain function taking its receiver first. */
export const method =
  <T, A extends unknown[], R>(fn: (this: T, ...args: A) => R) =>
  (self: T, ...args: A): R =>
    apply(fn as (...args: unknown[]) => R, self, args);

/** A class, or anything with a `prototype` whose members are taken by name. */
export type Klass<P> = { prototype: P };

/**
 * A method of a class's prototype, by name: `protoMethod(Map, "get")`. Named rather than read
 * here (`Map.prototype.get`), so that the bundler drops what a bundle never calls, reads included.
 */
export const protoMethod = <P>(klass: Klass<P>, name: keyof P) =>
  method(klass.prototype[name] as (...args: unknown[]) => unknown);

/**
 * A getter of a class's prototype, by name, as a plain function. Where there is none (where
 * tests run the hook: happy-dom's events, Node's MessageChannel), the member is an own field,
 * read as one.
 */
export function protoGetter<T, R>(klass: Klass<unknown>, name: PropertyKey): (self: T) => R {
  const get = getOwnPropertyDescriptor(klass.prototype, name)?.get;
  return get ? (self) => apply(get, self, []) as R : (self) => (self as Record<PropertyKey, R>)[name];
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
export const addListener = /* @__PURE__ */ protoMethod(EventTarget, "addEventListener") as ListenerMethod;
export const removeListener = /* @__PURE__ */ protoMethod(EventTarget, "removeEventListener") as ListenerMethod;
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

export const eventCurrentTarget = /* @__PURE__ */ protoGetter<Event, EventTarget | null>(Event, "currentTarget");
export const eventType = /* @__PURE__ */ protoGetter<Event, string>(Event, "type");
export const messageEventData = /* @__PURE__ */ protoGetter<MessageEvent, unknown>(MessageEvent, "data");
export const stopImmediatePropagation = /* @__PURE__ */ protoMethod(Event, "stopImmediatePropagation") as (
  self: Event,
) => void;
export const MouseEventAtLoad = MouseEvent;
export const UIEventAtLoad = UIEvent;
export const TextAtLoad = Text;

// Nodes: the batch node is made, written and read only through these.
const createText = Document.prototype.createTextNode;
const documentAtLoad = document;
export const createTextNode = (): Text => apply(createText, documentAtLoad, [""]) as Text;
export const setNodeData = /* @__PURE__ */ method(getOwnPropertyDescriptor(CharacterData.prototype, "data")!.set!) as (
  self: CharacterData,
  data: string,
) => void;
export const nodeData = /* @__PURE__ */ protoGetter<CharacterData, string>(CharacterData, "data");
// From a node: where tests run the hook, Node's dispatchEvent is not EventTarget.prototype's.
export const dispatchOnNode = /* @__PURE__ */ method(createTextNode().dispatchEvent) as (
  self: Node,
  event: Event,
) => boolean;
