// The request/response layer (src/shared/rpc.ts) between a client and a server joined by fake
// Ports (./fakePort.ts) that deliver asynchronously and in order, as runtime Ports do.
import { afterEach, describe, expect, it, vi } from "vitest";
import * as v from "valibot";
import { RpcClient, RpcError, type RpcCallPolicy, serveRpc } from "../../src/shared/rpc";
import { FakePort, deferred, joinedPorts as joined } from "./fakePort";

const METHODS = {
  echo: { params: v.strictObject({ text: v.string() }), result: v.string() },
  wait: { params: v.strictObject({}), result: v.number() },
};

const policy = (name: string): RpcCallPolicy => ({
  timeoutMs: 1000,
  timeoutMessage: (ms) => `${name}: no answer within ${ms} ms`,
  disconnectMessage: `${name}: the other side went away`,
});
const POLICIES = { echo: policy("echo"), wait: policy("wait") };

function requestIds(port: FakePort): string[] {
  return port.postedOf<{ id: string }>("request").map((request) => request.id);
}

async function rejection(promise: Promise<unknown>): Promise<RpcError> {
  const error = await promise.then(
    () => expect.unreachable("resolved"),
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(RpcError);
  return error as RpcError;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("RpcClient and serveRpc", () => {
  it("answers a call with the handler's result", async () => {
    const ports = joined();
    serveRpc(ports.server, METHODS, { echo: ({ text }) => text.toUpperCase(), wait: () => 1 });
    const client = new RpcClient(ports.client, METHODS, POLICIES);
    await expect(client.call("echo", { text: "hi" })).resolves.toBe("HI");
  });

  it("rejects with the handler's error as a remote RpcError", async () => {
    const ports = joined();
    serveRpc(ports.server, METHODS, {
      echo: () => {
        throw new Error("no echo today");
      },
      wait: () => 1,
    });
    const error = await rejection(new RpcClient(ports.client, METHODS, POLICIES).call("echo", { text: "hi" }));
    expect(error.code).toBe("remote");
    expect(error.message).toBe("no echo today");
  });

  it("rejects an answer that does not match the method's result schema", async () => {
    const ports = joined();
    serveRpc(ports.server, METHODS, { echo: () => 42 as unknown as string, wait: () => 1 });
    const error = await rejection(new RpcClient(ports.client, METHODS, POLICIES).call("echo", { text: "hi" }));
    expect(error.code).toBe("remote");
    expect(error.message).toMatch(/^Unexpected answer to echo/);
  });

  it("answers a malformed request with an error instead of leaving it to time out", async () => {
    const ports = joined();
    serveRpc(ports.server, METHODS, { echo: ({ text }) => text, wait: () => 1 });
    const client = new RpcClient(ports.client, METHODS, POLICIES);
    const error = await rejection(client.call("echo", { text: 7 } as unknown as { text: string }));
    expect(error.code).toBe("remote");
    expect(error.message).toMatch(/^Malformed request/);
  });

  it("times out with the method's message, tells the server, and ignores the late answer", async () => {
    vi.useFakeTimers();
    const port = new FakePort();
    const client = new RpcClient(port, METHODS, POLICIES);
    const call = client.call("wait", {});
    const settled = rejection(call);
    const [id] = requestIds(port);
    await vi.advanceTimersByTimeAsync(999);
    expect(port.posted).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    const error = await settled;
    expect(error.code).toBe("timeout");
    expect(error.message).toBe("wait: no answer within 1000 ms");
    expect(port.posted.at(-1)).toEqual({ kind: "cancel", id });
    // The late answer finds no call; a later call is not confused by it.
    port.deliver({ kind: "response", id, ok: true, result: 1 });
    const next = client.call("wait", {}, { timeoutMs: 5000 });
    port.deliver({ kind: "response", id: requestIds(port)[1], ok: true, result: 2 });
    await expect(next).resolves.toBe(2);
  });

  it("takes a timeout per call", async () => {
    vi.useFakeTimers();
    const client = new RpcClient(new FakePort(), METHODS, POLICIES);
    const settled = rejection(client.call("wait", {}, { timeoutMs: 20_000 }));
    await vi.advanceTimersByTimeAsync(19_999);
    let done = false;
    void settled.then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await settled).message).toBe("wait: no answer within 20000 ms");
  });

  it("cancels with an AbortSignal: the call rejects with its reason and the handler's signal fires", async () => {
    const ports = joined();
    const handlerAborted = deferred<unknown>();
    serveRpc(ports.server, METHODS, {
      echo: ({ text }) => text,
      wait: (_params, { signal }) =>
        new Promise<number>(() => signal.addEventListener("abort", () => handlerAborted.resolve(signal.reason))),
    });
    const client = new RpcClient(ports.client, METHODS, POLICIES);
    const controller = new AbortController();
    const call = client.call("wait", {}, { signal: controller.signal });
    // The request reached the server before the cancel: an echo sent after it has been answered.
    await client.call("echo", { text: "barrier" });
    controller.abort(new Error("the user closed the form"));
    const error = await rejection(call);
    expect(error.code).toBe("cancelled");
    expect(error.message).toBe("Cancelled: the user closed the form");
    expect(error.cause).toBe(controller.signal.reason);
    expect(await handlerAborted.promise).toEqual(new Error("The caller stopped waiting"));
  });

  it("rejects at once a call whose signal was already aborted, without sending it", async () => {
    const port = new FakePort();
    const client = new RpcClient(port, METHODS, POLICIES);
    const error = await rejection(client.call("wait", {}, { signal: AbortSignal.abort("gone") }));
    expect(error.code).toBe("cancelled");
    expect(port.posted).toEqual([]);
  });

  it("rejects every pending call with its method's reason when the Port closes, and later calls at once", async () => {
    const ports = joined();
    const handlerAborted = deferred<void>();
    const echoStarted = deferred<void>();
    const waitStarted = deferred<void>();
    serveRpc(ports.server, METHODS, {
      echo: () => {
        echoStarted.resolve();
        return new Promise<string>(() => {});
      },
      wait: (_params, { signal }) => {
        waitStarted.resolve();
        return new Promise<number>(() => signal.addEventListener("abort", () => handlerAborted.resolve()));
      },
    });
    const client = new RpcClient(ports.client, METHODS, POLICIES);
    const calls = [rejection(client.call("echo", { text: "a" })), rejection(client.call("wait", {}))];
    await Promise.all([echoStarted.promise, waitStarted.promise]);
    ports.client.closeFromOtherEnd();
    ports.server.closeFromOtherEnd();
    const [echo, wait] = await Promise.all(calls);
    expect([echo.code, echo.message]).toEqual(["disconnected", "echo: the other side went away"]);
    expect([wait.code, wait.message]).toEqual(["disconnected", "wait: the other side went away"]);
    await handlerAborted.promise;
    const after = await rejection(client.call("echo", { text: "b" }));
    expect(after.code).toBe("disconnected");
  });

  it("rejects a call whose Port throws on post as disconnected", async () => {
    const port = new FakePort();
    const client = new RpcClient(port, METHODS, POLICIES);
    port.postMessage = () => {
      throw new Error("Attempting to use a disconnected port object");
    };
    expect((await rejection(client.call("echo", { text: "x" }))).code).toBe("disconnected");
  });

  it("ignores answers that name no call and messages that are not answers", async () => {
    const port = new FakePort();
    const client = new RpcClient(port, METHODS, POLICIES);
    const call = client.call("echo", { text: "x" });
    port.deliver({ kind: "response", id: "someone-else:1", ok: true, result: "wrong" });
    port.deliver({ kind: "batch", id: requestIds(port)[0] });
    port.deliver({ kind: "response", id: requestIds(port)[0], ok: true, result: "right" });
    await expect(call).resolves.toBe("right");
  });

  it("never gives two calls the same id, within a client or across clients", () => {
    const ports = [new FakePort(), new FakePort()];
    for (const port of ports) {
      const client = new RpcClient(port, METHODS, POLICIES);
      for (let index = 0; index < 500; index++)
        void client.call("echo", { text: "x" }, { timeoutMs: 60_000 }).catch(() => {});
    }
    const ids = ports.flatMap(requestIds);
    expect(ids).toHaveLength(1000);
    expect(new Set(ids).size).toBe(1000);
  });

  it("settles a call with an answer that came another way, only if it accepts it, and tells the server", async () => {
    const port = new FakePort();
    const client = new RpcClient(port, METHODS, POLICIES);
    const call = client.call("echo", { text: "frame 1" });
    const [id] = requestIds(port);
    expect(client.settle(id, { ok: true, result: "no" }, (request) => request.method === "wait")).toBe(false);
    expect(client.settle("unknown", { ok: true, result: "no" }, () => true)).toBe(false);
    const accepted = client.settle(
      id,
      { ok: true, result: "yes" },
      (request) => request.method === "echo" && request.params.text === "frame 1",
    );
    expect(accepted).toBe(true);
    await expect(call).resolves.toBe("yes");
    expect(port.posted.at(-1)).toEqual({ kind: "cancel", id });
    // Settled once: the server's own answer, arriving after, is ignored.
    port.deliver({ kind: "response", id, ok: false, error: "too late" });
    expect(client.settle(id, { ok: false, error: "again" }, () => true)).toBe(false);
  });

  it("does not answer a call the caller cancelled", async () => {
    const ports = joined();
    const release = deferred<string>();
    const started = deferred<void>();
    serveRpc(ports.server, METHODS, {
      echo: () => {
        started.resolve();
        return release.promise;
      },
      wait: () => 1,
    });
    const client = new RpcClient(ports.client, METHODS, POLICIES);
    const controller = new AbortController();
    const call = rejection(client.call("echo", { text: "x" }, { signal: controller.signal }));
    await started.promise;
    controller.abort();
    await call;
    // The cancel reached the server: a call sent after it has been answered.
    await expect(client.call("wait", {})).resolves.toBe(1);
    release.resolve("late");
    await expect(client.call("wait", {})).resolves.toBe(1);
    const answers = ports.server.posted as { id: string }[];
    expect(answers.map((answer) => answer.id)).toEqual(requestIds(ports.client).slice(1));
  });
});
