// Page hook (MAIN world), from document_start. Finds objects by the moment they assign a given property name: an accessor on
// Object.prototype that, on first assignment, turns into the plain own property the
// assignment would have made, then tells us about the object. A trap may claim the property
// instead and say what to define in its place, made at once: a data property redefined as an
// accessor later turns the object into a slow dictionary object in V8.
//
// Known difference from a page without the hook: `name in obj` is true for every object
// while the trap is installed. Assigning the name on a non-extensible object throws a
// TypeError, as it does in strict-mode code (all bundles and modules); sloppy-mode code
// would have ignored it silently.

export interface AssignmentListener {
  /** Before the property exists: may return the own property to define in place of the value. */
  claim?(target: object, value: unknown): PropertyDescriptor | undefined;
  /** Once the property exists. */
  assigned?(target: object, value: unknown): void;
}

import { ObjectPrototype, defineProperty, getOwnPropertyDescriptor, isExtensible } from "./builtins";

export function trapAssignment(
  name: string,
  listener: AssignmentListener,
  onError: (error: unknown) => void,
): () => void {
  // Someone else owns the name already: never fight over it.
  if (getOwnPropertyDescriptor(ObjectPrototype, name)) return () => {};
  const accessor: PropertyDescriptor = {
    configurable: true,
    enumerable: false,
    get() {
      return undefined;
    },
    set(this: object, value: unknown) {
      if (!isExtensible(this)) {
        throw new TypeError(`Cannot add property ${name}, object is not extensible`);
      }
      let replacement: PropertyDescriptor | undefined;
      try {
        replacement = listener.claim?.(this, value);
      } catch (error) {
        onError(error);
      }
      defineProperty(this, name, replacement ?? { value, writable: true, enumerable: true, configurable: true });
      try {
        listener.assigned?.(this, value);
      } catch (error) {
        onError(error);
      }
    },
  };
  defineProperty(ObjectPrototype, name, accessor);
  return () => {
    if (getOwnPropertyDescriptor(ObjectPrototype, name)?.set === accessor.set) {
      delete (ObjectPrototype as Record<string, unknown>)[name];
    }
  };
}
