// The one helper the hook wraps an app's method with: an own property in the original's place,
// the original called as the app called it, and never wrapped twice.
import { expect, it } from "vitest";
import { wrapOwnMethod } from "../../src/hook/ownMethod";

class Transport {
  sent: unknown[] = [];
  sendMessage(msg: unknown, extra?: unknown) {
    this.sent.push([msg, extra]);
    return "sent";
  }
}

it("puts a wrapper in an inherited method's place, as an own non-enumerable property that calls the original", () => {
  const transport = new Transport();
  const seen: unknown[] = [];
  expect(
    wrapOwnMethod(
      transport,
      "sendMessage",
      (send) =>
        function (this: unknown, ...args: unknown[]) {
          seen.push(args[0]);
          return Reflect.apply(send, this, args);
        },
    ),
  ).toBe(true);
  const descriptor = Object.getOwnPropertyDescriptor(transport, "sendMessage")!;
  expect(descriptor).toMatchObject({ configurable: true, enumerable: false, writable: true });
  expect(Object.keys(transport)).toEqual(["sent"]);
  expect(transport.sendMessage("hello", 2)).toBe("sent");
  expect(seen).toEqual(["hello"]);
  expect(transport.sent).toEqual([["hello", 2]]);
  // The prototype is the app's, untouched.
  expect(Transport.prototype.sendMessage).not.toBe(descriptor.value);
});

it("leaves a method that is already one of ours, and anything that is no function, as it is", () => {
  const transport = new Transport();
  const wrap = (send: (...args: never[]) => unknown) =>
    function (this: unknown, ...args: unknown[]) {
      return Reflect.apply(send, this, args);
    };
  expect(wrapOwnMethod(transport, "sendMessage", wrap)).toBe(true);
  const first = transport.sendMessage;
  expect(wrapOwnMethod(transport, "sendMessage", wrap)).toBe(false);
  expect(transport.sendMessage).toBe(first);
  // An object made from a wrapped one inherits our wrapper: not wrapped again either.
  expect(wrapOwnMethod(Object.create(transport), "sendMessage", wrap)).toBe(false);

  const plain: Record<string, unknown> = { emit: "not a function" };
  expect(wrapOwnMethod(plain, "emit", wrap)).toBe(false);
  expect(wrapOwnMethod(plain, "missing", wrap)).toBe(false);
  expect(plain).toEqual({ emit: "not a function" });
});

it("keeps no marker the page could see on the wrapper", () => {
  const transport = new Transport();
  wrapOwnMethod(
    transport,
    "sendMessage",
    (send) =>
      function (this: unknown, ...args: unknown[]) {
        return Reflect.apply(send, this, args);
      },
  );
  expect(Reflect.ownKeys(transport.sendMessage).sort()).toEqual(["length", "name", "prototype"].sort());
});
