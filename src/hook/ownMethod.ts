// Page hook (MAIN world): the one way the hook wraps a method of an app's object (a transport's
// sendMessage, a client's startBot and emit, a dispatcher's dispatch). The wrapper becomes an own,
// non-enumerable property, as a class method would look to the app, and the original is looked up
// once, at wrapping time. An object whose method is already one of ours is left as it is.
import { WeakMapAtLoad, defineOwn, weakMapHas, weakMapSet } from "./builtins";

/** A method of the app's, whatever its signature: the hook calls it only through the saved `apply`. */
type AppMethod = (this: unknown, ...args: never[]) => unknown;

/** Ours, in a WeakMap the page never sees (a marker property on the function would show). */
const wrappers = new WeakMapAtLoad<object, true>();

/**
 * Replaces `target[name]` (own or inherited) by `wrap(original)` as an own property. Returns
 * false, changing nothing, when there is no function there or it is already one of ours.
 */
export function wrapOwnMethod(target: object, name: string, wrap: (original: AppMethod) => AppMethod): boolean {
  const original = (target as Record<string, unknown>)[name];
  if (typeof original !== "function" || weakMapHas(wrappers, original)) return false;
  const wrapper = wrap(original as AppMethod);
  weakMapSet(wrappers, wrapper, true);
  return defineOwn(target, name, { configurable: true, enumerable: false, writable: true, value: wrapper });
}
