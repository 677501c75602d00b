// Finds objects by the moment they assign a given property name: an accessor on
// Object.prototype that, on first assignment, turns into the plain own property the
// assignment would have made, then tells us about the object.
//
// Known difference from a page without the hook: `name in obj` is true for every object
// while the trap is installed. Assigning the name on a non-extensible object throws a
// TypeError, as it does in strict-mode code (all bundles and modules); sloppy-mode code
// would have ignored it silently.

type OnAssign = (target: object, value: unknown) => void;

const defineProperty = Object.defineProperty;
const isExtensible = Object.isExtensible;

export function trapAssignment(name: string, onAssign: OnAssign, onError: (error: unknown) => void): () => void {
  // Someone else owns the name already: never fight over it.
  if (Object.getOwnPropertyDescriptor(Object.prototype, name)) return () => {};
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
      defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true });
      try {
        onAssign(this, value);
      } catch (error) {
        onError(error);
      }
    },
  };
  defineProperty(Object.prototype, name, accessor);
  return () => {
    if (Object.getOwnPropertyDescriptor(Object.prototype, name)?.set === accessor.set) {
      delete (Object.prototype as Record<string, unknown>)[name];
    }
  };
}
