// Page hook (MAIN world): the texts the hook puts in its events, cut to the bounds the panel's
// validators hold them to (src/shared/protocol/limits.ts). An event the hook makes always
// passes: a text from the page (a URL, a state, an error message, a request id) is cut there,
// never dropped with its event.
import { ID_CHARS, SHORT_TEXT_CHARS, TEXT_CHARS } from "../shared/protocol/limits";
import { sliceText, toText } from "./builtins";

function cut(text: string, limit: number): string {
  return text.length > limit ? sliceText(text, 0, limit) : text;
}

/** An id the page made (a request's): within ID_CHARS. */
export const idText = (text: string): string => cut(text, ID_CHARS);

/** A type, a version, a state, a place in the hook, a method: within SHORT_TEXT_CHARS. */
export const shortText = (text: string): string => cut(text, SHORT_TEXT_CHARS);

/** A URL, an endpoint, an error message: within TEXT_CHARS. */
export const longText = (text: string): string => cut(text, TEXT_CHARS);

/**
 * What a page error says: the text of client-js's error-response, which it rejects requests with
 * (its `data.error`), else the error's message, else the value as text. Reading or printing one
 * may throw too (it is page code).
 */
export function describeError(error: unknown): string {
  try {
    const record = error as { message?: unknown; data?: { error?: unknown } } | null | undefined;
    const answer = record?.data?.error;
    return longText(toText(typeof answer === "string" ? answer : (record?.message ?? error)));
  } catch {
    return "(an error that cannot be printed)";
  }
}
