// Objects that merely use the trapped names must behave exactly as without the hook.
import { afterAll, describe, expect, it, vi } from "vitest";
import { trapAssignment } from "../../src/hook/traps";

const NAME = "_trapUnderTest";
const seen: object[] = [];
const onError = vi.fn();
const uninstall = trapAssignment(NAME, { assigned: (target) => void seen.push(target) }, onError);
afterAll(uninstall);

type WithName = { [NAME]?: unknown };

describe("assignment traps", () => {
  it("makes the plain own property an assignment makes, and reports the object", () => {
    const plain: WithName = {};
    plain[NAME] = 42;
    expect(Object.getOwnPropertyDescriptor(plain, NAME)).toEqual({
      value: 42,
      writable: true,
      enumerable: true,
      configurable: true,
    });
    expect(Object.keys(plain)).toEqual([NAME]);
    expect(JSON.stringify(plain)).toBe(`{"${NAME}":42}`);
    expect(seen).toContain(plain);
    plain[NAME] = 43; // later writes are plain writes
    expect(plain[NAME]).toBe(43);
    expect(seen.filter((o) => o === plain)).toHaveLength(1);
  });

  it("reads undefined on objects that never set the name", () => {
    const untouched: WithName = {};
    expect(untouched[NAME]).toBeUndefined();
    expect(Object.keys(untouched)).toEqual([]);
    expect(Object.hasOwn(untouched, NAME)).toBe(false);
    // The one documented difference: `in` sees the accessor on Object.prototype.
    expect(NAME in untouched).toBe(true);
  });

  it("leaves class fields, own accessors and subclasses alone", () => {
    class WithField {
      [NAME] = "field";
    }
    expect(new WithField()[NAME]).toBe("field");
    let stored: unknown;
    class WithAccessor {
      get [NAME]() {
        return `got ${stored}`;
      }
      set [NAME](value: unknown) {
        stored = value;
      }
    }
    class Sub extends WithAccessor {}
    const sub = new Sub() as WithName;
    sub[NAME] = 1;
    expect(sub[NAME]).toBe("got 1");
    expect(Object.keys(sub)).toEqual([]);
  });

  it("throws on frozen and sealed objects as strict-mode assignment does, and keeps them unchanged", () => {
    const frozen = Object.freeze({}) as WithName;
    const sealed = Object.seal({}) as WithName;
    const nonExtensible = Object.preventExtensions({}) as WithName;
    for (const target of [frozen, sealed, nonExtensible]) {
      expect(() => {
        target[NAME] = 1;
      }).toThrow(TypeError);
      expect(Object.keys(target)).toEqual([]);
      expect(seen).not.toContain(target);
    }
  });

  it("sets existing own properties of sealed objects normally", () => {
    const sealed = Object.seal({ [NAME]: 1 }) as WithName;
    sealed[NAME] = 2;
    expect(sealed[NAME]).toBe(2);
  });

  it("never lets an error in the callback reach the assigning code", () => {
    const boom = (where: string) => () => {
      throw new Error(`boom in ${where}`);
    };
    const failing = trapAssignment("_trapThatFails", { claim: boom("claim"), assigned: boom("assigned") }, onError);
    const target: Record<string, unknown> = {};
    expect(() => (target._trapThatFails = 1)).not.toThrow();
    // A claim that failed leaves the plain property the assignment makes.
    expect(Object.getOwnPropertyDescriptor(target, "_trapThatFails")).toEqual({
      value: 1,
      writable: true,
      enumerable: true,
      configurable: true,
    });
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: "boom in claim" }));
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: "boom in assigned" }));
    failing();
  });

  it("defines what a claim returns in place of the value, then tells the listener the property exists", () => {
    const order: string[] = [];
    let stored: unknown;
    const claiming = trapAssignment(
      "_trapThatClaims",
      {
        claim: (target, value) => {
          order.push(`claim ${Object.hasOwn(target, "_trapThatClaims")}`);
          stored = value;
          return {
            configurable: true,
            enumerable: true,
            get: () => stored,
            set: (next) => {
              stored = next;
            },
          };
        },
        assigned: (target) => void order.push(`assigned ${Object.hasOwn(target, "_trapThatClaims")}`),
      },
      onError,
    );
    const target: Record<string, unknown> = {};
    target._trapThatClaims = "first";
    expect(order).toEqual(["claim false", "assigned true"]);
    expect(typeof Object.getOwnPropertyDescriptor(target, "_trapThatClaims")?.get).toBe("function");
    target._trapThatClaims = "second";
    expect(stored).toBe("second");
    claiming();
  });

  it("does not fight over a name someone else already defined, and uninstalls cleanly", () => {
    Object.defineProperty(Object.prototype, "_ownedByPage", { value: "page's", configurable: true });
    const noop = trapAssignment("_ownedByPage", { assigned: () => void seen.push({}) }, onError);
    expect(({} as Record<string, unknown>)._ownedByPage).toBe("page's");
    noop();
    delete (Object.prototype as Record<string, unknown>)._ownedByPage;

    const temporary = trapAssignment("_temporaryTrap", {}, onError);
    temporary();
    expect(Object.getOwnPropertyDescriptor(Object.prototype, "_temporaryTrap")).toBeUndefined();
    expect("_temporaryTrap" in {}).toBe(false);
  });
});
