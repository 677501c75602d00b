// The builtins the hook calls after load, taken when this module is evaluated (document_start,
// before any page script). A page may replace JSON.stringify, Array.prototype.push,
// Map.prototype.get, Function.prototype.apply, RegExp.prototype.exec… whenever it likes; the
// hook then still calls the originals, through the saved Reflect.apply, so a page can neither
// see what the hook does nor break it. Everything is a plain function taking its receiver
// first: `mapGet(map, key)`, never `map.get(key)`. This folder is the only place in the hook
// that names a builtin (the lint rules in biome.json hold every other file to it); the DOM's
// event and node builtins are in ./events, which the relay's world shares.
export * from "./events";
import { apply, getOwnPropertyDescriptor, method, protoGetter, protoMethod, windowAtLoad, type Klass } from "./events";

const { defineProperty: reflectDefine, getPrototypeOf } = Reflect;
export { getPrototypeOf };

export const stringify = JSON.stringify;
export const parseJson = JSON.parse;
export const toText = String;
export const random = Math.random;
export const min = Math.min;
/** Symbol.for: the registry keys an app and a hook injected again share. */
export const symbolFor = Symbol.for;
export const floor = Math.floor;
export const isView = ArrayBuffer.isView;
/** Object.defineProperty, which throws where Reflect.defineProperty would return false. */
export const defineProperty = Object.defineProperty;
export const isExtensible = Object.isExtensible;
export const ObjectPrototype = Object.prototype;
export const WeakMapAtLoad = WeakMap;
export const RegExpAtLoad = RegExp;
export const MapAtLoad = Map;
export const SetAtLoad = Set;
export const ArrayBufferAtLoad = ArrayBuffer;
export const WeakRefAtLoad = WeakRef;
export const FinalizationRegistryAtLoad = FinalizationRegistry;
export const PromiseAtLoad = Promise;
// Constructors of the platform; absent ones (Node in tests) stay undefined.
const platformGlobals = globalThis as Record<string, unknown>;
const platformAtLoad = (name: string) =>
  typeof platformGlobals[name] === "function" ? (platformGlobals[name] as object) : undefined;
export const MediaStreamTrackAtLoad = platformAtLoad("MediaStreamTrack");
export const MediaStreamAtLoad = platformAtLoad("MediaStream");
export const NodeAtLoad = platformAtLoad("Node");
export const WindowAtLoad = platformAtLoad("Window");
export const RequestAtLoad = platformAtLoad("Request") as typeof Request | undefined;

/** Defines an own data or accessor property, whatever Object.prototype has gained meanwhile. */
export function defineOwn(target: object, name: PropertyKey, descriptor: PropertyDescriptor): boolean {
  // The descriptor's own members, in an object that inherits nothing: an Object.prototype.get
  // planted by the page must not make it an accessor. An object spread reads own keys only,
  // through no iterator and no method the page can replace.
  return reflectDefine(target, name, { __proto__: null, ...descriptor } as PropertyDescriptor);
}

// Arrays: appended by index, read by index, never through Array.prototype.
export const join = /* @__PURE__ */ protoMethod(Array, "join") as (
  self: readonly unknown[],
  separator: string,
) => string;
export const isArray = Array.isArray;
/** The original push, for the array the app registers its clients on (which must still push for the app). */
export const arrayPush = Array.prototype.push;

// Strings.
export const sliceText = /* @__PURE__ */ protoMethod(String, "slice") as (
  self: string,
  start?: number,
  end?: number,
) => string;
export const stringIndexOf = /* @__PURE__ */ protoMethod(String, "indexOf") as (
  self: string,
  search: string,
  from?: number,
) => number;
export const charCodeAt = /* @__PURE__ */ protoMethod(String, "charCodeAt") as (self: string, index: number) => number;
export const padEnd = /* @__PURE__ */ protoMethod(String, "padEnd") as (
  self: string,
  length: number,
  fill: string,
) => string;
export const numberToText = /* @__PURE__ */ protoMethod(Number, "toString") as (self: number, radix?: number) => string;
export const symbolToText = /* @__PURE__ */ protoMethod(Symbol, "toString") as (self: symbol) => string;
export const trim = /* @__PURE__ */ protoMethod(String, "trim") as (self: string) => string;
export const functionSource = /* @__PURE__ */ protoMethod(Function, "toString") as (
  self: (...args: never[]) => unknown,
) => string;
export const regexExec = /* @__PURE__ */ protoMethod(RegExp, "exec") as (
  self: RegExp,
  text: string,
) => RegExpExecArray | null;

// Collections.
export const mapGet = /* @__PURE__ */ protoMethod(Map, "get") as <K, V>(self: Map<K, V>, key: K) => V | undefined;
export const mapSet = /* @__PURE__ */ protoMethod(Map, "set") as <K, V>(self: Map<K, V>, key: K, value: V) => Map<K, V>;
export const mapDelete = /* @__PURE__ */ protoMethod(Map, "delete") as <K, V>(self: Map<K, V>, key: K) => boolean;
export const mapForEach = /* @__PURE__ */ protoMethod(Map, "forEach") as <K, V>(
  self: Map<K, V>,
  each: (value: V, key: K) => void,
) => void;
export const setForEach = /* @__PURE__ */ protoMethod(Set, "forEach") as <V>(
  self: Set<V>,
  each: (value: V) => void,
) => void;
export const mapSize = /* @__PURE__ */ protoGetter<Map<unknown, unknown>, number>(Map, "size");
export const weakMapGet = /* @__PURE__ */ protoMethod(WeakMap, "get") as <K extends object, V>(
  self: WeakMap<K, V>,
  key: K,
) => V | undefined;
export const weakMapSet = /* @__PURE__ */ protoMethod(WeakMap, "set") as <K extends object, V>(
  self: WeakMap<K, V>,
  key: K,
  value: V,
) => WeakMap<K, V>;
export const weakMapHas = /* @__PURE__ */ protoMethod(WeakMap, "has") as <K extends object, V>(
  self: WeakMap<K, V>,
  key: K,
) => boolean;
export const weakMapDelete = /* @__PURE__ */ protoMethod(WeakMap, "delete") as <K extends object, V>(
  self: WeakMap<K, V>,
  key: K,
) => boolean;
export const weakRefDeref = /* @__PURE__ */ protoMethod(WeakRef, "deref") as <T extends object>(
  self: WeakRef<T>,
) => T | undefined;
export const registerFinalizer = /* @__PURE__ */ protoMethod(FinalizationRegistry, "register") as <T>(
  self: FinalizationRegistry<T>,
  target: object,
  held: T,
) => void;
export const promiseThen = /* @__PURE__ */ protoMethod(Promise, "then") as <T>(
  self: Promise<T>,
  onFulfilled: (value: T) => unknown,
  onRejected: (error: unknown) => unknown,
) => Promise<unknown>;
const resolveAtLoad = Promise.resolve;
export const promiseResolve = (value: unknown): Promise<unknown> => apply(resolveAtLoad, PromiseAtLoad, [value]);
export const byteLengthOfBuffer = /* @__PURE__ */ protoGetter<ArrayBuffer, number>(ArrayBuffer, "byteLength");
/** %TypedArray%, the class every typed array's extends. */
const TypedArray = getPrototypeOf(Uint8Array) as Klass<Uint8Array>;
export const typedArrayName = /* @__PURE__ */ protoGetter<ArrayBufferView, string | undefined>(
  TypedArray,
  Symbol.toStringTag,
);
export const typedArrayByteLength = /* @__PURE__ */ protoGetter<ArrayBufferView, number>(TypedArray, "byteLength");
export const dataViewByteLength = /* @__PURE__ */ protoGetter<DataView, number>(DataView, "byteLength");

// What the wire taps call on each frame: bytes and blobs.
export const startsWith = /* @__PURE__ */ protoMethod(String, "startsWith") as (
  self: string,
  search: string,
) => boolean;
export const Uint8ArrayAtLoad = Uint8Array;
export const DataViewAtLoad = DataView;
export const typedArrayLength = /* @__PURE__ */ protoGetter<Uint8Array, number>(TypedArray, "length");
export const typedArraySubarray = /* @__PURE__ */ protoMethod(TypedArray, "subarray") as (
  self: Uint8Array,
  begin: number,
  end?: number,
) => Uint8Array;
export const typedArrayBuffer = /* @__PURE__ */ protoGetter<ArrayBufferView, ArrayBufferLike>(TypedArray, "buffer");
export const typedArrayByteOffset = /* @__PURE__ */ protoGetter<ArrayBufferView, number>(TypedArray, "byteOffset");
export const dataViewBuffer = /* @__PURE__ */ protoGetter<DataView, ArrayBufferLike>(DataView, "buffer");
export const dataViewByteOffset = /* @__PURE__ */ protoGetter<DataView, number>(DataView, "byteOffset");
const decoderAtLoad = new TextDecoder();
const decode = TextDecoder.prototype.decode;
export const decodeUtf8 = (bytes: Uint8Array): string => apply(decode, decoderAtLoad, [bytes]) as string;
const encoderAtLoad = new TextEncoder();
const encode = TextEncoder.prototype.encode;
export const encodeUtf8 = (text: string): Uint8Array => apply(encode, encoderAtLoad, [text]) as Uint8Array;
export const BlobAtLoad = Blob;
export const blobSize = /* @__PURE__ */ protoGetter<Blob, number>(Blob, "size");
export const blobArrayBuffer = /* @__PURE__ */ protoMethod(Blob, "arrayBuffer") as (self: Blob) => Promise<ArrayBuffer>;

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
/** Own enumerable string keys, as Object.keys gives them. */
export const objectKeys = Object.keys;

// Time and timers: the outbox's timestamps and flushes, the wire taps' blob batches.
const performanceAtLoad = performance;
const performanceNowAtLoad = performance.now;
export const performanceNow = (): number => apply(performanceNowAtLoad, performanceAtLoad, []) as number;
export const timeOrigin = performance.timeOrigin;
const setTimeoutAtLoad = setTimeout;
export const setTimer = (run: () => void, ms: number): void => {
  apply(setTimeoutAtLoad, globalThis, [run, ms]);
};

// The private channel to the relay (src/hook/outbox.ts) and the one window message that hands it over.
const postMessageAtLoad = window.postMessage;
export const postToWindow = (message: unknown, transfer: Transferable[]): void => {
  apply(postMessageAtLoad, windowAtLoad, [message, "*", transfer]);
};
export const MessageChannelAtLoad = MessageChannel;
// Where the engine defines the two ends as own fields (Node, in tests) there is no getter to save: they are read as fields.
const channelPort1 = /* @__PURE__ */ protoGetter<MessageChannel, MessagePort>(MessageChannel, "port1");
const channelPort2 = /* @__PURE__ */ protoGetter<MessageChannel, MessagePort>(MessageChannel, "port2");
/** The two ends of a channel. */
export const channelPorts = (channel: MessageChannel): { port1: MessagePort; port2: MessagePort } => ({
  port1: channelPort1(channel),
  port2: channelPort2(channel),
});
// From a port the engine made: where tests run the hook, the global MessagePort is another class.
const probePort = new MessageChannel().port1;
const portPrototype = getPrototypeOf(probePort) as MessagePort;
export const closePort = /* @__PURE__ */ method(portPrototype.close) as (self: MessagePort) => void;
export const setPortOnMessage = /* @__PURE__ */ method(getOwnPropertyDescriptor(portPrototype, "onmessage")!.set!) as (
  self: MessagePort,
  listener: (event: MessageEvent) => void,
) => void;
closePort(probePort);

/** The ones the hook lends the panel's controls (src/hook/controlsKit.ts), which must not take the page's. */
export const LENT_TO_CONTROLS = {
  MapAtLoad,
  RegExpAtLoad,
  floor,
  isArray,
  mapDelete,
  mapForEach,
  mapGet,
  mapSet,
  numberToText,
  objectKeys,
  random,
  regexExec,
  setTimer,
  sliceText,
  stringIndexOf,
  stringify,
  toText,
};
