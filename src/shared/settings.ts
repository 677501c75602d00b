// Settings the user changes in the panel and the background obeys, kept in
// browser.storage.local. Read back through these checks only: storage written by another
// version, or by hand, may hold anything.
import type { Storage } from "webextension-polyfill";

/** How many MB of page events the background keeps per tab, for panels opened later. */
export const BUFFER_MEGABYTES_KEY = "settings.bufferMegabytes";
/** Room for at least 50 000 messages of 1 KB with their envelopes (README.md, "Opening the panel late"). */
export const DEFAULT_BUFFER_MEGABYTES = 64;
export const MIN_BUFFER_MEGABYTES = 1;
/** Every tab may hold this much in the service worker's memory and on disk. */
export const MAX_BUFFER_MEGABYTES = 1024;

export function megabytesToBytes(megabytes: number): number {
  return megabytes * 1024 * 1024;
}

/** Why `value` is not a buffer size, or undefined when it is one. */
export function bufferMegabytesError(value: unknown): string | undefined {
  if (typeof value !== "number" || !Number.isInteger(value)) return "A whole number of MB";
  if (value < MIN_BUFFER_MEGABYTES || value > MAX_BUFFER_MEGABYTES) {
    return `From ${MIN_BUFFER_MEGABYTES} to ${MAX_BUFFER_MEGABYTES} MB`;
  }
  return undefined;
}

export async function readBufferMegabytes(storage: Storage.StorageArea): Promise<number> {
  const stored = (await storage.get(BUFFER_MEGABYTES_KEY))[BUFFER_MEGABYTES_KEY];
  return bufferMegabytesError(stored) === undefined ? (stored as number) : DEFAULT_BUFFER_MEGABYTES;
}

/** Calls back with every valid change of the setting, from any context. */
export function onBufferMegabytesChanged(storage: Storage.Static, listener: (megabytes: number) => void): void {
  storage.onChanged.addListener((changes, area) => {
    const change = changes[BUFFER_MEGABYTES_KEY];
    if (area !== "local" || !change) return;
    listener(
      bufferMegabytesError(change.newValue) === undefined ? (change.newValue as number) : DEFAULT_BUFFER_MEGABYTES,
    );
  });
}
