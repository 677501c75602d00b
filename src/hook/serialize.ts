// Turns page values into JSON text that is safe to post out of the page. Runs at flush
// time, never on the app's own call path. Every builtin it calls was taken at load
// (./builtins): a page replacing JSON.stringify or Map.prototype.forEach changes nothing here.
import {
  byteLengthOfBuffer,
  charCodeAt,
  dataViewByteLength,
  defineOwn,
  isInstance,
  isView,
  mapForEach,
  MapAtLoad,
  SetAtLoad,
  ArrayBufferAtLoad,
  regexExec,
  setForEach,
  stringify,
  symbolToText,
  toText,
  typedArrayByteLength,
  typedArrayName,
  BlobAtLoad,
  blobSize,
} from "./builtins";
import { NON_ASCII } from "../shared/utf8";

/** Messages whose JSON is larger than this are cut; the event keeps the original size. */
export const MESSAGE_SIZE_CAP = 256 * 1024;

// Constructors as they were at load; absent ones (Node in tests) stay undefined.
const globals = globalThis as Record<string, unknown>;
const atLoad = (name: string) => (typeof globals[name] === "function" ? (globals[name] as Function) : undefined);
const MediaStreamTrackAtLoad = atLoad("MediaStreamTrack");
const MediaStreamAtLoad = atLoad("MediaStream");
const NodeAtLoad = atLoad("Node");
const WindowAtLoad = atLoad("Window");

function describeObject(value: object): string | undefined {
  if (isView(value)) {
    const name = typedArrayName(value);
    return name === undefined
      ? `[DataView ${dataViewByteLength(value as DataView)} bytes]`
      : `[${name} ${typedArrayByteLength(value)} bytes]`;
  }
  // By prototype (cheap); the saved getters then throw for an impostor, which toSafeJson reports.
  if (isInstance(value, ArrayBufferAtLoad)) return `[ArrayBuffer ${byteLengthOfBuffer(value as ArrayBuffer)} bytes]`;
  // Their fields are the page's own data: read, never called.
  if (isInstance(value, BlobAtLoad)) return `[Blob ${blobSize(value as Blob)} bytes]`;
  if (isInstance(value, MediaStreamTrackAtLoad)) {
    const track = value as MediaStreamTrack;
    return `[MediaStreamTrack ${track.kind} ${track.label || track.id}]`;
  }
  if (isInstance(value, MediaStreamAtLoad)) return `[MediaStream ${(value as MediaStream).id}]`;
  if (isInstance(value, NodeAtLoad)) return `[${(value as Node).nodeName}]`;
  if (isInstance(value, WindowAtLoad)) return "[Window]";
  return undefined;
}

/** A Map as an object of its entries (as Object.fromEntries would make it). */
function mapToObject(map: Map<unknown, unknown>): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  mapForEach(map, (value, key) => {
    defineOwn(object, typeof key === "symbol" ? key : toText(key), { value, writable: true, enumerable: true, configurable: true });
  });
  return object;
}

function setToArray(set: Set<unknown>): unknown[] {
  const array: unknown[] = [];
  setForEach(set, (value) => {
    array[array.length] = value;
  });
  return array;
}

/**
 * JSON.stringify that never throws: cycles, functions, symbols, BigInt, typed arrays,
 * media objects and DOM nodes become readable placeholder strings, Maps and Sets become
 * arrays, and getters that throw are reported instead of propagated.
 */
export function toSafeJson(value: unknown): string {
  // The objects from the root down to the one being written, by index (no Array.prototype).
  const ancestors: object[] = [];
  let depth = 0;
  const replacer = function (this: unknown, _key: string, raw: unknown): unknown {
    switch (typeof raw) {
      case "bigint":
        return `[BigInt ${toText(raw)}]`;
      case "function":
        return `[Function ${(raw as Function).name || "anonymous"}]`;
      case "symbol":
        return `[${symbolToText(raw)}]`;
      case "undefined":
        return raw;
      case "object": {
        if (raw === null) return raw;
        // JSON.stringify calls the replacer with the holder as `this`: drop the
        // ancestors we have climbed back out of, then a repeat is a real cycle.
        while (depth > 0 && ancestors[depth - 1] !== this) depth--;
        for (let i = 0; i < depth; i++) if (ancestors[i] === raw) return "[Circular]";
        const described = describeObject(raw);
        if (described !== undefined) return described;
        ancestors[depth++] = raw;
        if (isInstance(raw, MapAtLoad)) return mapToObject(raw as Map<unknown, unknown>);
        if (isInstance(raw, SetAtLoad)) return setToArray(raw as Set<unknown>);
        return raw;
      }
      default:
        return raw;
    }
  };
  try {
    return stringify(value, replacer) ?? "null";
  } catch (error) {
    return stringify(`[Unserializable: ${describe(error)}]`);
  }
}

function describe(error: unknown): string {
  try {
    return toText((error as Error)?.message ?? error);
  } catch {
    return "(an error that cannot be printed)";
  }
}

/** UTF-8 length of a string without allocating an encoded copy. */
export function utf8Length(text: string): number {
  // Most RTVI JSON is ASCII: one native scan instead of a loop over every character.
  if (regexExec(NON_ASCII, text) === null) return text.length;
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = charCodeAt(text, i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 2; // a surrogate pair is 4 bytes for 2 UTF-16 units
      i++;
    } else bytes += 2;
  }
  return bytes;
}
