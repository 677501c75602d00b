// Page hook (MAIN world), at flush time, never on the app's own call path: turns page values
// into JSON text that is safe to post out of the page and within the validators' bounds
// (src/shared/protocol/limits.ts). Every builtin it calls was taken at load (./builtins): a page
// replacing JSON.stringify or Map.prototype.forEach changes nothing here.
import {
  MediaStreamAtLoad,
  MediaStreamTrackAtLoad,
  NodeAtLoad,
  WindowAtLoad,
  stringIndexOf,
  byteLengthOfBuffer,
  dataViewByteLength,
  isInstance,
  isView,
  mapForEach,
  MapAtLoad,
  SetAtLoad,
  ArrayBufferAtLoad,
  encodeUtf8,
  typedArrayLength,
  setForEach,
  stringify,
  toText,
  typedArrayByteLength,
  typedArrayName,
  BlobAtLoad,
  blobSize,
} from "./builtins";
import { MAX_DEPTH } from "../shared/protocol/limits";
import { describeError } from "./bounds";

/** What a value nested deeper than the validators allow becomes. */
export const DEPTH_PLACEHOLDER = "[Depth limit]";

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
function mapToObject(map: Map<unknown, unknown>): Record<PropertyKey, unknown> {
  // No prototype: a key "__proto__" is an entry like any other, and no setter the page planted runs.
  const object = { __proto__: null } as unknown as Record<PropertyKey, unknown>;
  mapForEach(map, (value, key) => {
    object[typeof key === "symbol" ? key : toText(key)] = value;
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
 * arrays, objects nested more than `maxDepth` levels deep (the value itself is level 1)
 * become DEPTH_PLACEHOLDER, and getters that throw are reported instead of propagated.
 */
export function toSafeJson(value: unknown, maxDepth: number = MAX_DEPTH): string {
  // The objects from the root down to the one being written, by index (no Array.prototype).
  const ancestors: object[] = [];
  let depth = 0;
  const replacer = function (this: unknown, _key: string, raw: unknown): unknown {
    switch (typeof raw) {
      case "bigint":
        return `[BigInt ${toText(raw)}]`;
      case "function":
        return `[Function ${(raw as { name?: unknown }).name || "anonymous"}]`;
      case "symbol":
        // String() gives a symbol's description itself, calling nothing a page can replace.
        return `[${toText(raw)}]`;
      case "undefined":
        return raw;
      case "object": {
        if (raw === null) return raw;
        // JSON.stringify calls the replacer with the holder as `this`: drop the
        // ancestors we have climbed back out of, then a repeat is a real cycle.
        while (depth > 0 && ancestors[depth - 1] !== this) depth--;
        if (depth >= maxDepth) return DEPTH_PLACEHOLDER;
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
    return stringify(`[Unserializable: ${describeError(error)}]`);
  }
}

/**
 * UTF-8 length of a string. Asked only of a message cut to the size cap (src/shared/protocol/pageEventEncoder.ts),
 * rare enough that an encoded copy costs less than the code to count without one.
 */
export const utf8Length = (text: string): number => typedArrayLength(encodeUtf8(text));

/**
 * Whether JSON text may nest more than `levels` levels: only text with more opening brackets can.
 * A necessary condition, found by a few native scans (about 0.15 µs per KB of typical RTVI JSON,
 * where an exact scan character by character would cost the flush several µs per KB).
 */
export function mayNestDeeperThan(json: string, levels: number): boolean {
  let brackets = 0;
  for (let at = stringIndexOf(json, "{"); at !== -1; at = stringIndexOf(json, "{", at + 1)) {
    if (++brackets > levels) return true;
  }
  for (let at = stringIndexOf(json, "["); at !== -1; at = stringIndexOf(json, "[", at + 1)) {
    if (++brackets > levels) return true;
  }
  return false;
}
