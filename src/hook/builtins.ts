// The builtins the hook calls after load, taken when this module is evaluated (document_start,
// before any page script). A page may replace JSON.stringify, Array.prototype.push,
// Map.prototype.get, Function.prototype.apply, RegExp.prototype.exec… whenever it likes; the
// hook then still calls the originals, through the saved Reflect.apply, so a page can neither
// see what the hook does nor break it. Everything is a plain function taking its receiver
// first: `mapGet(map, key)`, never `map.get(key)`.

const { apply, defineProperty: reflectDefine, getPrototypeOf } = Reflect;
export { apply, getPrototypeOf };

const method =
  <T, A extends unknown[], R>(fn: (this: T, ...args: A) => R) =>
  (self: T, ...args: A): R =>
    apply(fn as (...args: unknown[]) => R, self, args);

const getter = <T, R>(proto: object, name: string): ((self: T) => R) => {
  const get = Object.getOwnPropertyDescriptor(proto, name)!.get!;
  return (self) => apply(get, self, []) as R;
};

export const stringify = JSON.stringify;
export const parseJson = JSON.parse;
export const toText = String;
export const random = Math.random;
export const min = Math.min;
export const fromCharCode = String.fromCharCode;
export const isView = ArrayBuffer.isView;
export const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
export const isExtensible = Object.isExtensible;
export const WeakMapAtLoad = WeakMap;
export const MapAtLoad = Map;
export const SetAtLoad = Set;
export const ArrayBufferAtLoad = ArrayBuffer;
export const WeakRefAtLoad = WeakRef;
export const FinalizationRegistryAtLoad = FinalizationRegistry;
export const PromiseAtLoad = Promise;

/** Defines an own data or accessor property, whatever Object.prototype has gained meanwhile. */
export function defineOwn(target: object, name: PropertyKey, descriptor: PropertyDescriptor): boolean {
  // A descriptor inherits nothing: an Object.prototype.get planted by the page must not make it an accessor.
  const own: PropertyDescriptor = { __proto__: null } as PropertyDescriptor;
  if ("value" in descriptor) own.value = descriptor.value;
  if ("get" in descriptor) own.get = descriptor.get;
  if ("set" in descriptor) own.set = descriptor.set;
  if ("writable" in descriptor) own.writable = descriptor.writable;
  if ("enumerable" in descriptor) own.enumerable = descriptor.enumerable;
  if ("configurable" in descriptor) own.configurable = descriptor.configurable;
  return reflectDefine(target, name, own);
}

// Arrays: appended by index, read by index, never through Array.prototype.
export const join = method(Array.prototype.join) as (self: readonly unknown[], separator: string) => string;
export const isArray = Array.isArray;

// Strings.
export const sliceText = method(String.prototype.slice) as (self: string, start?: number, end?: number) => string;
export const charCodeAt = method(String.prototype.charCodeAt) as (self: string, index: number) => number;
export const padEnd = method(String.prototype.padEnd) as (self: string, length: number, fill: string) => string;
export const numberToText = method(Number.prototype.toString) as (self: number, radix?: number) => string;
export const symbolToText = method(Symbol.prototype.toString) as (self: symbol) => string;
export const trim = method(String.prototype.trim) as (self: string) => string;
export const regexExec = method(RegExp.prototype.exec) as (self: RegExp, text: string) => RegExpExecArray | null;

// Collections.
export const mapGet = method(Map.prototype.get) as <K, V>(self: Map<K, V>, key: K) => V | undefined;
export const mapSet = method(Map.prototype.set) as <K, V>(self: Map<K, V>, key: K, value: V) => Map<K, V>;
export const mapDelete = method(Map.prototype.delete) as <K, V>(self: Map<K, V>, key: K) => boolean;
export const mapForEach = method(Map.prototype.forEach) as <K, V>(self: Map<K, V>, each: (value: V, key: K) => void) => void;
export const setForEach = method(Set.prototype.forEach) as <V>(self: Set<V>, each: (value: V) => void) => void;
export const mapSize = getter<Map<unknown, unknown>, number>(Map.prototype, "size");
export const weakMapGet = method(WeakMap.prototype.get) as <K extends object, V>(self: WeakMap<K, V>, key: K) => V | undefined;
export const weakMapSet = method(WeakMap.prototype.set) as <K extends object, V>(self: WeakMap<K, V>, key: K, value: V) => WeakMap<K, V>;
export const weakMapHas = method(WeakMap.prototype.has) as <K extends object, V>(self: WeakMap<K, V>, key: K) => boolean;
export const weakMapDelete = method(WeakMap.prototype.delete) as <K extends object, V>(self: WeakMap<K, V>, key: K) => boolean;
export const weakRefDeref = method(WeakRef.prototype.deref) as <T extends object>(self: WeakRef<T>) => T | undefined;
export const registerFinalizer = method(FinalizationRegistry.prototype.register) as <T>(
  self: FinalizationRegistry<T>,
  target: object,
  held: T,
) => void;
export const promiseThen = method(Promise.prototype.then) as <T>(
  self: Promise<T>,
  onFulfilled: (value: T) => unknown,
  onRejected: (error: unknown) => unknown,
) => Promise<unknown>;
const resolveAtLoad = Promise.resolve;
export const promiseResolve = (value: unknown): Promise<unknown> => apply(resolveAtLoad, PromiseAtLoad, [value]);
/** Function.prototype[Symbol.hasInstance] is frozen, and `C.prototype` of a builtin is too. */
const hasInstance = Function.prototype[Symbol.hasInstance];
export const isInstance = (value: unknown, constructor: Function | undefined): boolean =>
  constructor !== undefined && (apply(hasInstance, constructor, [value]) as boolean);
export const byteLengthOfBuffer = getter<ArrayBuffer, number>(ArrayBuffer.prototype, "byteLength");
const typedArrayPrototype = getPrototypeOf(Uint8Array.prototype) as object;
export const typedArrayName = getter<ArrayBufferView, string | undefined>(typedArrayPrototype, Symbol.toStringTag as unknown as string);
export const typedArrayByteLength = getter<ArrayBufferView, number>(typedArrayPrototype, "byteLength");
export const dataViewByteLength = getter<DataView, number>(DataView.prototype, "byteLength");

// What the wire taps call on each frame: sockets, data channels, blobs and bytes.
type ListenerMethod = (self: EventTarget, type: string, listener: (event: Event) => void, options?: AddEventListenerOptions | boolean) => void;
export const addListener = method(EventTarget.prototype.addEventListener) as ListenerMethod;
export const removeListener = method(EventTarget.prototype.removeEventListener) as ListenerMethod;
/** A DOM getter; where tests run the hook (happy-dom) events carry these as own fields instead. */
function domGetter<T, R>(proto: object, name: string): (self: T) => R {
  const get = Object.getOwnPropertyDescriptor(proto, name)?.get;
  return get ? (self) => apply(get, self, []) as R : (self) => (self as Record<string, R>)[name];
}
export const eventCurrentTarget = domGetter<Event, EventTarget | null>(Event.prototype, "currentTarget");
export const messageEventData = domGetter<MessageEvent, unknown>(MessageEvent.prototype, "data");
export const startsWith = method(String.prototype.startsWith) as (self: string, search: string) => boolean;
export const Uint8ArrayAtLoad = Uint8Array;
export const DataViewAtLoad = DataView;
export const typedArrayLength = getter<Uint8Array, number>(typedArrayPrototype, "length");
export const typedArraySubarray = method((typedArrayPrototype as Uint8Array).subarray) as (self: Uint8Array, begin: number, end?: number) => Uint8Array;
export const typedArrayBuffer = getter<ArrayBufferView, ArrayBufferLike>(typedArrayPrototype, "buffer");
export const typedArrayByteOffset = getter<ArrayBufferView, number>(typedArrayPrototype, "byteOffset");
export const dataViewBuffer = getter<DataView, ArrayBufferLike>(DataView.prototype, "buffer");
export const dataViewByteOffset = getter<DataView, number>(DataView.prototype, "byteOffset");
const decoderAtLoad = new TextDecoder();
const decode = TextDecoder.prototype.decode;
export const decodeUtf8 = (bytes: Uint8Array): string => apply(decode, decoderAtLoad, [bytes]) as string;
export const BlobAtLoad = Blob;
export const blobSize = getter<Blob, number>(Blob.prototype, "size");
export const blobArrayBuffer = method(Blob.prototype.arrayBuffer) as (self: Blob) => Promise<ArrayBuffer>;

/** Map iteration without the page's iterators: collects keys in insertion order. */
export function mapKeys<K>(map: Map<K, unknown>): K[] {
  const keys: K[] = [];
  mapForEach(map, (_value, key) => {
    keys[keys.length] = key;
  });
  return keys;
}

export function mapValues<V>(map: Map<unknown, V>): V[] {
  const values: V[] = [];
  mapForEach(map, (value) => {
    values[values.length] = value;
  });
  return values;
}

/** Own enumerable string keys and values, as Object.entries gives them. */
export const entries = Object.entries;
