// Runs in the panel. JSON typed by hand in the composer: parsed with JSON.parse, and when that
// fails, located by a small scanner of our own. Browsers word JSON.parse's errors differently
// and some give no position at all ("Unexpected token '}', … is not valid JSON"), so the line and column
// shown under the field never depend on the engine's message.

export interface JsonProblem {
  message: string;
  /** 1-based, as editors count. */
  line: number;
  column: number;
  offset: number;
}

export type JsonResult = { ok: true; value: unknown } | { ok: false; problem: JsonProblem };

/** Parses `text`; an empty (or blank) text gives `empty`. */
export function parseJson(text: string, empty: unknown = undefined): JsonResult {
  if (text.trim() === "") return { ok: true, value: empty };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, problem: locateJsonError(text) };
  }
}

export function describeProblem(problem: JsonProblem): string {
  return `Invalid JSON at line ${problem.line}, column ${problem.column}: ${problem.message}`;
}

class ScanError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Where and why `text` is not JSON (call it only on text JSON.parse refused). */
export function locateJsonError(text: string): JsonProblem {
  let offset = text.length;
  let message = "Invalid JSON";
  try {
    scanDocument(text);
  } catch (error) {
    if (error instanceof ScanError) {
      offset = error.offset;
      message = error.message;
    }
  }
  return { message, offset, ...lineAndColumn(text, offset) };
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < text.length; index++) {
    if (text[index] === "\n") {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function scanDocument(text: string): void {
  let at = 0;
  const describe = (index: number) => {
    if (index >= text.length) return "the end of the text";
    // A bare word (an unquoted string, undefined, True…) reads better whole.
    const word = /^[A-Za-z_$][\w$.-]*/.exec(text.slice(index, index + 40))?.[0];
    return word ?? JSON.stringify(text[index]);
  };
  const fail = (expected: string, index = at): never => {
    throw new ScanError(`expected ${expected}, found ${describe(index)}`, index);
  };
  const skipSpace = () => {
    while (at < text.length && (text[at] === " " || text[at] === "\t" || text[at] === "\n" || text[at] === "\r")) at++;
  };
  const literal = (word: string) => {
    if (text.slice(at, at + word.length) !== word || /[\w$]/.test(text[at + word.length] ?? "")) {
      fail("a value (strings take double quotes)");
    }
    at += word.length;
  };
  const string = () => {
    at++; // opening quote
    while (at < text.length) {
      const char = text[at];
      if (char === '"') {
        at++;
        return;
      }
      if (char === "\\") {
        const next = text[at + 1];
        if (next === "u") {
          for (let index = 2; index < 6; index++) {
            if (!/[0-9a-fA-F]/.test(text[at + index] ?? "")) fail("4 hex digits after \\u", at + index);
          }
          at += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) {
          at += 2;
        } else {
          fail('a valid escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u)', at + 1);
        }
        continue;
      }
      if (char < " ") throw new ScanError("control character in a string (write it escaped, e.g. \\n)", at);
      at++;
    }
    throw new ScanError("unterminated string", at);
  };
  const digits = () => {
    const start = at;
    while (at < text.length && text[at] >= "0" && text[at] <= "9") at++;
    if (at === start) fail("a digit");
  };
  const number = () => {
    if (text[at] === "-") at++;
    if (text[at] === "0") at++;
    else digits();
    if (text[at] === ".") {
      at++;
      digits();
    }
    if (text[at] === "e" || text[at] === "E") {
      at++;
      if (text[at] === "+" || text[at] === "-") at++;
      digits();
    }
  };
  const value = (): void => {
    skipSpace();
    const char = text[at];
    if (char === "{") object();
    else if (char === "[") array();
    else if (char === '"') string();
    else if (text.startsWith("true", at)) literal("true");
    else if (text.startsWith("false", at)) literal("false");
    else if (text.startsWith("null", at)) literal("null");
    else if (char === "-" || (char >= "0" && char <= "9")) number();
    else if (char === "'") throw new ScanError("strings take double quotes, not single", at);
    else fail(/[A-Za-z_$]/.test(char ?? "") ? "a value (strings take double quotes)" : "a value");
  };
  /** An object's members or an array's items, up to `close`. */
  const sequence = (close: "}" | "]", item: () => void) => {
    at++;
    skipSpace();
    if (text[at] === close) {
      at++;
      return;
    }
    for (;;) {
      skipSpace();
      if (text[at] === close) throw new ScanError(`trailing comma before ${close}`, at);
      item();
      skipSpace();
      if (text[at] === ",") {
        at++;
        continue;
      }
      if (text[at] === close) {
        at++;
        return;
      }
      fail(`"," or "${close}"`);
    }
  };
  const member = () => {
    if (text[at] !== '"') fail("a property name in double quotes");
    string();
    skipSpace();
    if (text[at] !== ":") fail('":"');
    at++;
    value();
  };
  const object = () => sequence("}", member);
  const array = () => sequence("]", value);
  value();
  skipSpace();
  if (at < text.length) fail("nothing more after the value");
}
