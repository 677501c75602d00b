// Runs in the relay, the background and the panel (never in the page hook): checks a value the
// page sent as arbitrary JSON (a message's data, a start response, a command's value) for what
// the panel can afford to hold and render: JSON types only, nesting and size within bounds.

/**
 * Nesting counts containers: a string is 0 deep, `{}` 1, `{"a":[1]}` 2. Size is an estimate
 * of the JSON text that never exceeds its length (so what the hook cut to fit always passes):
 * string contents and keys unescaped, one character per number, four per boolean or null,
 * brackets, commas and colons exactly.
 */
export interface JsonBounds {
  depth: number;
  chars: number;
}

/**
 * Undefined when `value` is JSON within `bounds`, else what is wrong. Walks with a stack of
 * its own, not by recursion: a forged value nested 10 000 deep must not overflow the caller's
 * stack, and the walk stops at the first excess, so a huge value costs no more than its bound.
 */
export function jsonProblem(value: unknown, bounds: JsonBounds): string | undefined {
  const pending: unknown[] = [value];
  const depths: number[] = [0];
  let chars = 0;
  while (pending.length > 0) {
    const item = pending.pop();
    const depth = depths.pop()!;
    switch (typeof item) {
      case "string":
        chars += item.length + 2;
        break;
      case "number":
        if (!Number.isFinite(item)) return "not a finite number";
        chars += 1;
        break;
      case "boolean":
        chars += 4;
        break;
      case "undefined":
        // An absent value in an object built in memory: JSON.stringify leaves it out.
        break;
      case "object": {
        if (item === null) {
          chars += 4;
          break;
        }
        if (depth >= bounds.depth) return `nested deeper than ${bounds.depth} levels`;
        if (Array.isArray(item)) {
          // Counted (brackets, commas) before any is stacked: a forged array of millions stops here.
          chars += item.length === 0 ? 2 : item.length + 1;
          if (chars > bounds.chars) break;
          for (let i = 0; i < item.length; i++) {
            pending.push(item[i]);
            depths.push(depth + 1);
          }
        } else {
          const record = item as Record<string, unknown>;
          const keys = Object.keys(record);
          // Braces and commas, then each key with its quotes and colon.
          chars += keys.length === 0 ? 2 : keys.length + 1;
          for (let i = 0; i < keys.length && chars <= bounds.chars; i++) {
            pending.push(record[keys[i]]);
            depths.push(depth + 1);
            chars += keys[i].length + 3;
          }
        }
        break;
      }
      default:
        return `a ${typeof item} is not JSON`;
    }
    if (chars > bounds.chars) return `longer than ${bounds.chars} characters`;
  }
  return undefined;
}
