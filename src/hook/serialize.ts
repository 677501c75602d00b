// Turns page values into JSON text that is safe to post out of the page. Runs at flush
// time, never on the app's own call path.

/** Messages whose JSON is larger than this are cut; the event keeps the original size. */
export const MESSAGE_SIZE_CAP = 256 * 1024;

function describeObject(value: object): string | undefined {
  if (ArrayBuffer.isView(value)) {
    return `[${value.constructor?.name ?? "TypedArray"} ${value.byteLength} bytes]`;
  }
  if (value instanceof ArrayBuffer) return `[ArrayBuffer ${value.byteLength} bytes]`;
  if (typeof Blob !== "undefined" && value instanceof Blob) return `[Blob ${value.size} bytes]`;
  if (typeof MediaStreamTrack !== "undefined" && value instanceof MediaStreamTrack) {
    return `[MediaStreamTrack ${value.kind} ${value.label || value.id}]`;
  }
  if (typeof MediaStream !== "undefined" && value instanceof MediaStream) {
    return `[MediaStream ${value.id}]`;
  }
  if (typeof Node !== "undefined" && value instanceof Node) return `[${value.nodeName}]`;
  if (typeof Window !== "undefined" && value instanceof Window) return "[Window]";
  return undefined;
}

/**
 * JSON.stringify that never throws: cycles, functions, symbols, BigInt, typed arrays,
 * media objects and DOM nodes become readable placeholder strings, Maps and Sets become
 * arrays, and getters that throw are reported instead of propagated.
 */
export function toSafeJson(value: unknown): string {
  const ancestors: object[] = [];
  const replacer = function (this: unknown, _key: string, raw: unknown): unknown {
    switch (typeof raw) {
      case "bigint":
        return `[BigInt ${raw}]`;
      case "function":
        return `[Function ${raw.name || "anonymous"}]`;
      case "symbol":
        return `[${raw.toString()}]`;
      case "undefined":
        return raw;
      case "object": {
        if (raw === null) return raw;
        // JSON.stringify calls the replacer with the holder as `this`: drop the
        // ancestors we have climbed back out of, then a repeat is a real cycle.
        while (ancestors.length > 0 && ancestors[ancestors.length - 1] !== this) ancestors.pop();
        if (ancestors.includes(raw)) return "[Circular]";
        const described = describeObject(raw);
        if (described !== undefined) return described;
        ancestors.push(raw);
        if (raw instanceof Map) return Object.fromEntries(raw);
        if (raw instanceof Set) return [...raw];
        return raw;
      }
      default:
        return raw;
    }
  };
  try {
    return JSON.stringify(value, replacer) ?? "null";
  } catch (error) {
    return JSON.stringify(`[Unserializable: ${String((error as Error)?.message ?? error)}]`);
  }
}

const NON_ASCII = /[^\x00-\x7f]/;

/** UTF-8 length of a string without allocating an encoded copy. */
export function utf8Length(text: string): number {
  // Most RTVI JSON is ASCII: one native scan instead of a loop over every character.
  if (!NON_ASCII.test(text)) return text.length;
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 2; // a surrogate pair is 4 bytes for 2 UTF-16 units
      i++;
    } else bytes += 2;
  }
  return bytes;
}
