// The builtins the hook calls after load, taken when this module is evaluated (document_start,
// before any page script). A page may replace JSON.stringify, Array.prototype.push,
// Map.prototype.get, Function.prototype.apply, RegExp.prototype.exec… whenever it likes; the
// hook then still calls the originals, through the saved Reflect.apply, so a page can neither
// see what the hook does nor break it. Everything is a plain function taking its receiver
// first: `mapGet(map, key)`, never `map.get(key)`. This folder is the only place in the hook
// that names a builtin (the lint rules in biome.json hold every other file to it); the DOM's
// event and node builtins are in ./events, which the relay's world shares.
export * from "./events";
import { apply, method, windowAtLoad } from "./events";

const { defineProperty: reflectDefine, getPrototypeOf } = Reflect;
export { getPrototypeOf };

const getter = <T, R>(proto: object, name: string): ((self: T) => R) => {
  const get = Object.getOwnPropertyDescriptor(proto, name)!.get!;
  return (self) => apply(get, self, []) as R;
};

export const stringify = JSON.stringify;
export const parseJson = JSON.parse;
export const toText = String;
export const random = Math.random;
export const min = Math.min;
/** Symbol.for: the registry keys an app and a hook injected again share. */
export const symbolFor = Symbol.for;
export const floor = Math.floor;
export const isView = ArrayBuffer.isView;
export const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
/** Object.defineProperty, which throws where Reflect.defineProperty would return false. */
export const defineProperty = Object.defineProperty;
export const isExtensible = Object.isExtensible;
export const ObjectPrototype = Object.prototype;
export const WeakMapAtLoad = WeakMap;
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
export const join = /* @__PURE__ */ method(Array.prototype.join) as (
  self: readonly unknown[],
  separator: string,
) => string;
export const isArray = Array.isArray;
/** The original push, for the array the app registers its clients on (which must still push for the app). */
export const arrayPush = Array.prototype.push;

// Strings.
export const sliceText = /* @__PURE__ */ method(String.prototype.slice) as (
  self: string,
  start?: number,
  end?: number,
) => string;
export const stringIndexOf = /* @__PURE__ */ method(String.prototype.indexOf) as (
  self: string,
  search: string,
  from?: number,
) => number;
export const charCodeAt = /* @__PURE__ */ method(String.prototype.charCodeAt) as (
  self: string,
  index: number,
) => number;
export const padEnd = /* @__PURE__ */ method(String.prototype.padEnd) as (
  self: string,
  length: number,
  fill: string,
) => string;
export const numberToText = /* @__PURE__ */ method(Number.prototype.toString) as (
  self: number,
  radix?: number,
) => string;
export const symbolToText = /* @__PURE__ */ method(Symbol.prototype.toString) as (self: symbol) => string;
export const trim = /* @__PURE__ */ method(String.prototype.trim) as (self: string) => string;
export const functionSource = /* @__PURE__ */ method(Function.prototype.toString) as (
  self: (...args: never[]) => unknown,
) => string;
export const regexExec = /* @__PURE__ */ method(RegExp.prototype.exec) as (
  self: RegExp,
  text: string,
) => RegExpExecArray | null;

// Collections.
export const mapGet = /* @__PURE__ */ method(Map.prototype.get) as <K, V>(self: Map<K, V>, key: K) => V | undefined;
export const mapSet = /* @__PURE__ */ method(Map.prototype.set) as <K, V>(
  self: Map<K, V>,
  key: K,
  value: V,
) => Map<K, V>;
export const mapDelete = /* @__PURE__ */ method(Map.prototype.delete) as <K, V>(self: Map<K, V>, key: K) => boolean;
export const mapForEach = /* @__PURE__ */ method(Map.prototype.forEach) as <K, V>(
  self: Map<K, V>,
  each: (value: V, key: K) => void,
) => void;
export const setForEach = /* @__PURE__ */ method(Set.prototype.forEach) as <V>(
  self: Set<V>,
  each: (value: V) => void,
) => void;
export const mapSize = /* @__PURE__ */ getter<Map<unknown, unknown>, number>(Map.prototype, "size");
export const weakMapGet = /* @__PURE__ */ method(WeakMap.prototype.get) as <K extends object, V>(
  self: WeakMap<K, V>,
  key: K,
) => V | undefined;
export const weakMapSet = /* @__PURE__ */ method(WeakMap.prototype.set) as <K extends object, V>(
  self: WeakMap<K, V>,
  key: K,
  value: V,
) => WeakMap<K, V>;
export const weakMapHas = /* @__PURE__ */ method(WeakMap.prototype.has) as <K extends object, V>(
  self: WeakMap<K, V>,
  key: K,
) => boolean;
export const weakMapDelete = /* @__PURE__ */ method(WeakMap.prototype.delete) as <K extends object, V>(
  self: WeakMap<K, V>,
  key: K,
) => boolean;
export const weakRefDeref = /* @__PURE__ */ method(WeakRef.prototype.deref) as <T extends object>(
  self: WeakRef<T>,
) => T | undefined;
export const registerFinalizer = /* @__PURE__ */ method(FinalizationRegistry.prototype.register) as <T>(
  self: FinalizationRegistry<T>,
  target: object,
  held: T,
) => void;
export const promiseThen = /* @__PURE__ */ method(Promise.prototype.then) as <T>(
  self: Promise<T>,
  onFulfilled: (value: T) => unknown,
  onRejected: (error: unknown) => unknown,
) => Promise<unknown>;
const resolveAtLoad = Promise.resolve;
export const promiseResolve = (value: unknown): Promise<unknown> => apply(resolveAtLoad, PromiseAtLoad, [value]);
export const byteLengthOfBuffer = /* @__PURE__ */ getter<ArrayBuffer, number>(ArrayBuffer.prototype, "byteLength");
const typedArrayPrototype = getPrototypeOf(Uint8Array.prototype) as object;
export const typedArrayName = /* @__PURE__ */ getter<ArrayBufferView, string | undefined>(
  typedArrayPrototype,
  Symbol.toStringTag as unknown as string,
);
export const typedArrayByteLength = /* @__PURE__ */ getter<ArrayBufferView, number>(typedArrayPrototype, "byteLength");
export const dataViewByteLength = /* @__PURE__ */ getter<DataView, number>(DataView.prototype, "byteLength");

// What the wire taps call on each frame: bytes and blobs.
export const startsWith = /* @__PURE__ */ method(String.prototype.startsWith) as (
  self: string,
  search: string,
) => boolean;
export const Uint8ArrayAtLoad = Uint8Array;
export const DataViewAtLoad = DataView;
export const typedArrayLength = /* @__PURE__ */ getter<Uint8Array, number>(typedArrayPrototype, "length");
export const typedArraySubarray = /* @__PURE__ */ method((typedArrayPrototype as Uint8Array).subarray) as (
  self: Uint8Array,
  begin: number,
  end?: number,
) => Uint8Array;
export const typedArrayBuffer = /* @__PURE__ */ getter<ArrayBufferView, ArrayBufferLike>(typedArrayPrototype, "buffer");
export const typedArrayByteOffset = /* @__PURE__ */ getter<ArrayBufferView, number>(typedArrayPrototype, "byteOffset");
export const dataViewBuffer = /* @__PURE__ */ getter<DataView, ArrayBufferLike>(DataView.prototype, "buffer");
export const dataViewByteOffset = /* @__PURE__ */ getter<DataView, number>(DataView.prototype, "byteOffset");
const decoderAtLoad = new TextDecoder();
const decode = TextDecoder.prototype.decode;
export const decodeUtf8 = (bytes: Uint8Array): string => apply(decode, decoderAtLoad, [bytes]) as string;
export const BlobAtLoad = Blob;
export const blobSize = /* @__PURE__ */ getter<Blob, number>(Blob.prototype, "size");
export const blobArrayBuffer = /* @__PURE__ */ method(Blob.prototype.arrayBuffer) as (
  self: Blob,
) => Promise<ArrayBuffer>;

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
const channelPort1 = getOwnPropertyDescriptor(MessageChannel.prototype, "port1")?.get;
const channelPort2 = getOwnPropertyDescriptor(MessageChannel.prototype, "port2")?.get;
/** The two ends of a channel; where the engine defines them as own fields (Node, in tests) there is no getter to save. */
export function channelPorts(channel: MessageChannel): { port1: MessagePort; port2: MessagePort } {
  return channelPort1 && channelPort2
    ? { port1: apply(channelPort1, channel, []) as MessagePort, port2: apply(channelPort2, channel, []) as MessagePort }
    : { port1: channel.port1, port2: channel.port2 };
}
// From a port the engine made: where tests run the hook, the global MessagePort is another class.
const probePort = new MessageChannel().port1;
const portPrototype = getPrototypeOf(probePort) as MessagePort;
export const closePort = /* @__PURE__ */ method(portPrototype.close) as (self: MessagePort) => void;
export const setPortOnMessage = /* @__PURE__ */ method(getOwnPropertyDescriptor(portPrototype, "onmessage")!.set!) as (
  self: MessagePort,
  listener: (event: MessageEvent) => void,
) => void;
closePort(probePort);
