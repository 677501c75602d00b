// Page hook (MAIN world): the texts the hook puts in its events, cut to the bounds the panel's
// validators hold them to (src/shared/protocol/limits.ts). An event the hook makes always
// passes: a text from the page (a URL, a state, an error message, a request id) is cut there,
// never dropped with its event.
import { PAGE_LIMITS } from "../shared/protocol/limits";
import { sliceText, toText } from "./builtins";

function cut(text: string, limit: number): string {
  return text.length > limit ? sliceText(text, 0, limit) : text;
}

/** An id the page made (a request's): within PAGE_LIMITS.idChars. */
export const idText = (text: string): string => cut(text, PAGE_LIMITS.idChars);

/** A type, a version, a state, a place in the hook, a method: within PAGE_LIMITS.shortTextChars. */
export const shortText = (text: string): string => cut(text, PAGE_LIMITS.shortTextChars);

/** A URL, an endpoint, an error message: within PAGE_LIMITS.textChars. */
export const longText = (text: string): string => cut(text, PAGE_LIMITS.textChars);

/** What a page error says, or its text; reading or printing one may throw too (it is page code). */
export function describeError(error: unknown): string {
  try {
    return longText(toText((error as Error)?.message ?? error));
  } catch {
    return "(an error that cannot be printed)";
  }
}
