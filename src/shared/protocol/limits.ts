// Shared by the page hook (what it sends) and the validators (what the relay, background and
// panel accept): one set of bounds, so an event the hook made in good faith always passes and
// a forged one can neither exhaust the panel nor overflow its stack. Constants only: the hook
// imports this file, and its bundle must not grow with the validators.

export const PAGE_LIMITS = {
  /** A message's JSON is cut to this many characters by the hook and marked `truncated`. */
  messageChars: 256 * 1024,
  /** Nesting of a message's data (and any other page value); deeper values become a placeholder in the hook. */
  depth: 64,
  /** An id: a client, a request, a command, a relay. */
  idChars: 256,
  /** A short text: a type, a version, a state, a place in the hook. */
  shortTextChars: 1024,
  /** A long text: a URL, an endpoint, an error message. */
  textChars: 64 * 1024,
  /** Header pairs of one connection call. */
  headers: 256,
} as const;
