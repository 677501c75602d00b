// Runs in the panel. A `send-file` (newer RTVI protocols: docs/client-js-internals.md, "Newer
// protocol messages") may carry its file inline as base64 (`data.file.source`, type "bytes"):
// hundreds of KB a one-line summary or a JSON tree cannot show. The log
// shows them cut, with their size; the row keeps the message as sent, for Raw, copy and export.

/** Base64 texts longer than this are shown as their size. */
export const BYTES_SHOWN_UP_TO = 1024;

/** What stands for base64 bytes of `chars` characters. */
export function bytesPlaceholder(chars: number): string {
  return `${Math.max(1, Math.round(chars / 1024))} KB of base64 bytes`;
}

type Obj = Record<string, unknown>;
const isObject = (value: unknown): value is Obj => typeof value === "object" && value !== null && !Array.isArray(value);

/** The inline bytes of a send-file, if it has long ones: where they are and their length. */
export function longFileBytes(msg: unknown): { key: string; chars: number } | undefined {
  if (!isObject(msg) || msg.type !== "send-file" || !isObject(msg.data)) return undefined;
  const file = msg.data.file;
  const source = isObject(file) ? file.source : undefined;
  if (!isObject(source) || source.type !== "bytes") return undefined;
  for (const [key, value] of Object.entries(source)) {
    if (key !== "type" && typeof value === "string" && value.length > BYTES_SHOWN_UP_TO) {
      return { key, chars: value.length };
    }
  }
  return undefined;
}

/** The message as the log shows it: a send-file's long inline bytes replaced by their size; anything else as it is. */
export function forDisplay(msg: unknown): unknown {
  const long = longFileBytes(msg);
  if (!long) return msg;
  const message = msg as Obj & { data: Obj & { file: Obj & { source: Obj } } };
  const { data } = message;
  const source = { ...data.file.source, [long.key]: bytesPlaceholder(long.chars) };
  return { ...message, data: { ...data, file: { ...data.file, source } } };
}
