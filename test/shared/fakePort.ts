// For unit tests: one end of a runtime Port (browser.runtime.Port) held by the code under
// test. The test reads what it posted, delivers what the other end would send, and closes it
// from the other end (a service worker stopped, a page navigated). Delivery between two
// joined ends is a structured clone in a later microtask, in order, as a runtime Port's is.
export interface FakeSender {
  tab?: { id: number };
  frameId?: number;
  url?: string;
}

export class FakePort {
  /** What the code under test posted on this end. */
  readonly posted: unknown[] = [];
  /** Set when the code under test called disconnect(). */
  disconnectedHere = false;
  peer: FakePort | undefined;
  private readonly messageListeners: ((message: unknown, port: FakePort) => void)[] = [];
  private readonly disconnectListeners: ((port: FakePort) => void)[] = [];
  private open = true;

  constructor(
    readonly name = "",
    readonly sender?: FakeSender,
  ) {}

  onMessage = {
    addListener: (listener: (message: unknown, port: FakePort) => void) => void this.messageListeners.push(listener),
  };
  onDisconnect = { addListener: (listener: (port: FakePort) => void) => void this.disconnectListeners.push(listener) };

  postMessage(message: unknown): void {
    if (!this.open) throw new Error("Attempting to use a disconnected port object");
    this.posted.push(message);
    const peer = this.peer;
    const copy = structuredClone(message);
    if (peer) queueMicrotask(() => peer.deliver(copy));
  }

  disconnect(): void {
    this.open = false;
    this.disconnectedHere = true;
  }

  /** A message from the other end. */
  deliver(message: unknown): void {
    if (this.open) for (const listener of this.messageListeners) listener(structuredClone(message), this);
  }

  /** The other end went away: this end's onDisconnect fires, and it can no longer post. */
  closeFromOtherEnd(): void {
    if (!this.open) return;
    this.open = false;
    for (const listener of this.disconnectListeners) listener(this);
  }

  /** What was posted of one `kind`. */
  postedOf<T = Record<string, unknown>>(kind: string): T[] {
    return this.posted.filter((message) => (message as { kind?: unknown }).kind === kind) as T[];
  }
}

/** Two ends of one Port. */
export function joinedPorts(): { client: FakePort; server: FakePort } {
  const client = new FakePort();
  const server = new FakePort();
  client.peer = server;
  server.peer = client;
  return { client, server };
}

/** A promise and its resolve (Node 20 has no Promise.withResolvers). */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => (resolve = settle));
  return { promise, resolve };
}
