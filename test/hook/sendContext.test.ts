// The hook's one send context: each way in sets its part around the call it runs and restores
// what was there before, when the call returns, throws, or nests another.
import { expect, it } from "vitest";
import { currentSend, sendAsClient, sendAsDevtools, sendAsRequest } from "../../src/hook/sendContext";

const snapshot = () => ({ ...currentSend });

it("is empty outside any send", () => {
  expect(snapshot()).toEqual({ byDevtools: false, clientSends: 0, request: undefined });
});

it("marks what runs inside each, nested as the hook nests them (a command's request through a client's send)", () => {
  const seen: ReturnType<typeof snapshot>[] = [];
  const request = { timeoutMs: 4_000 };
  const result = sendAsDevtools(() =>
    sendAsRequest(request, () =>
      sendAsClient(() => {
        seen.push(snapshot());
        return sendAsClient(() => {
          seen.push(snapshot());
          return "sent";
        });
      }),
    ),
  );
  expect(result).toBe("sent");
  expect(seen).toEqual([
    { byDevtools: true, clientSends: 1, request },
    { byDevtools: true, clientSends: 2, request },
  ]);
  expect(snapshot()).toEqual({ byDevtools: false, clientSends: 0, request: undefined });
});

it("restores the outer request and the devtools mark when the inner call throws", () => {
  const outer = { timeoutMs: 1 };
  const inner = { timeoutMs: 2 };
  sendAsDevtools(() =>
    sendAsRequest(outer, () => {
      expect(() =>
        sendAsRequest(inner, () =>
          sendAsClient(() => {
            throw new Error("the app's send failed");
          }),
        ),
      ).toThrow("the app's send failed");
      expect(snapshot()).toEqual({ byDevtools: true, clientSends: 0, request: outer });
      expect(() =>
        sendAsDevtools(() => {
          throw new Error("again");
        }),
      ).toThrow("again");
      expect(currentSend.byDevtools).toBe(true);
    }),
  );
  expect(snapshot()).toEqual({ byDevtools: false, clientSends: 0, request: undefined });
});
