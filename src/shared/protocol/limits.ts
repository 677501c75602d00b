// Shared by the page hook (what it sends) and the validators (what the relay, background and
// panel accept): one set of bounds, so an event the hook made in good faith always passes and
// a forged one can neither exhaust the panel nor overflow its stack. Constants only: the hook
// imports this file, and its bundle must not grow with the validators.

// One constant per bound, which the hook imports: its bundle then carries numbers, not the
// object below and a lookup per use.

/** A message's JSON is cut to this many characters by the hook and marked `truncated`. */
export const MESSAGE_CHARS = 256 * 1024;
/** Nesting of a message's data (and any other page value); deeper values become a placeholder in the hook. */
export const MAX_DEPTH = 64;
/** An id: a client, a request, a command, a relay. */
export const ID_CHARS = 256;
/** A short text: a type, a version, a state, a place in the hook. */
export const SHORT_TEXT_CHARS = 1024;
/** A long text: a URL, an endpoint, an error message. */
export const TEXT_CHARS = 64 * 1024;
/** Header pairs of one connection call. */
export const MAX_HEADERS = 256;

/** The same bounds, by name, as the validators and the panel read them. */
/** Events one inbound message may set off in a client (client-js emits one or two). */
export const MAX_EMITTED = 16;

export const PAGE_LIMITS = {
  messageChars: MESSAGE_CHARS,
  depth: MAX_DEPTH,
  idChars: ID_CHARS,
  shortTextChars: SHORT_TEXT_CHARS,
  textChars: TEXT_CHARS,
  headers: MAX_HEADERS,
} as const;
