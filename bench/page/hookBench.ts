// The hook benchmark page: a real PipecatClient over an in-page transport (no network),
// brought to "ready", with nothing else running: no timers, no rendering, logger at WARN
// (client-js logs every inbound message at its default DEBUG level, which would dominate).
import { LogLevel, PipecatClient, RTVIMessage, RTVIMessageType } from "@pipecat-ai/client-js";
import { InTestTransport } from "../../test/support/inTestTransport";
import { KB, type HookBenchApi, type TimingSamples } from "./api";
import { botLlmTextJson } from "./messages";

/** Keeps only the last message sent: the outbound row sends hundreds of thousands. */
class BenchTransport extends InTestTransport {
  lastSent?: RTVIMessage;
  sendMessage(message: RTVIMessage): void {
    this.lastSent = message;
  }
  /** Hands a parsed message to the client the way every real transport does. */
  deliver(message: RTVIMessage): void {
    this._onMessage(message);
  }
}

/** Distinct parsed messages, cycled through: a real stream is distinct objects from JSON.parse. */
const POOL_SIZE = 1000;
const pool = (bytes: number) => Array.from({ length: POOL_SIZE }, (_, i) => JSON.parse(botLlmTextJson(i, bytes)));
/** Parsed at each call: a stream's messages are fresh objects, which whatever keeps them (the hook's queue) keeps alive. */
const smallJson = Array.from({ length: POOL_SIZE }, (_, i) => botLlmTextJson(i, 80));
const kbMessages = pool(KB);

const transport = new BenchTransport();
let textReceived = 0;
let serverMessages = 0;
const client = new PipecatClient({
  transport,
  enableMic: false,
  callbacks: { onBotLlmText: () => void textReceived++, onServerMessage: () => void serverMessages++ },
});
client.setLogLevel(LogLevel.WARN);

async function connect(): Promise<void> {
  const connected = client.connect();
  // The in-page transport has no bot: answer its client-ready as a bot would.
  while (!transport.lastSent) await new Promise((resolve) => setTimeout(resolve, 1));
  const clientReady = transport.lastSent as RTVIMessage & { data: { version: string } };
  transport.receive({ type: "bot-ready", id: clientReady.id, data: { version: clientReady.data.version, about: {} } });
  await connected;
}

const taskChannel = new MessageChannel();
/** Resolves in a new task (not a microtask), so whatever timers are due run first. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    taskChannel.port1.onmessage = () => resolve();
    taskChannel.port2.postMessage(null);
  });
}

/** Each sample runs inside one task: the hook's batching timer can never fire within it. */
async function timeCalls(call: (i: number) => void, callsPerSample: number, samples: number): Promise<TimingSamples> {
  const perCallUs: number[] = [];
  let i = 0;
  for (let s = 0; s < samples; s++) {
    await nextTask();
    const start = performance.now();
    for (const end = i + callsPerSample; i < end; i++) call(i);
    perCallUs.push(((performance.now() - start) * 1000) / callsPerSample);
  }
  return { perCallUs };
}

const outboundPayload = { text: "hello" };

const api: HookBenchApi = {
  ready: connect(),
  // The hook turns `_onMessage` into an own accessor on the transports it adopts.
  transportAdopted: () => typeof Object.getOwnPropertyDescriptor(transport, "_onMessage")?.get === "function",
  timeInbound: ({ callsPerSample, samples }) =>
    timeCalls((i) => transport.deliver(JSON.parse(smallJson[i % POOL_SIZE])), callsPerSample, samples),
  deliverServerMessage(data) {
    const before = serverMessages;
    transport.deliver(new RTVIMessage(RTVIMessageType.SERVER_MESSAGE, data));
    return serverMessages > before;
  },
  timeOutbound: ({ callsPerSample, samples }) =>
    timeCalls(() => client.sendClientMessage("bench", outboundPayload), callsPerSample, samples),
  async feedInbound1kb({ total, perTask }) {
    const channel = new MessageChannel();
    const receivedBefore = textReceived;
    const start = performance.now();
    await new Promise<void>((resolve) => {
      let fed = 0;
      channel.port1.onmessage = () => {
        for (const end = Math.min(fed + perTask, total); fed < end; fed++)
          transport.deliver(kbMessages[fed % POOL_SIZE]);
        if (fed < total) channel.port2.postMessage(null);
        else resolve();
      };
      channel.port2.postMessage(null);
    });
    const elapsed = performance.now() - start;
    channel.port1.close();
    if (textReceived - receivedBefore !== total) {
      throw new Error(`The client handled ${textReceived - receivedBefore} of ${total} messages`);
    }
    return elapsed;
  },
  async paceInbound1kb({ rate, durationMs }) {
    const total = Math.round((rate * durationMs) / 1000);
    const receivedBefore = textReceived;
    const start = performance.now();
    let sent = 0;
    while (sent < total) {
      const due = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
      for (; sent < due; sent++) transport.deliver(kbMessages[sent % POOL_SIZE]);
      // A timer, not a busy loop: the page's thread stays free for the hook's flushes and the
      // relay, and the cores for the extension's processes.
      if (sent < total) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const end = performance.now();
    if (textReceived - receivedBefore !== total) {
      throw new Error(`The client handled ${textReceived - receivedBefore} of ${total} messages`);
    }
    return { sent: total, firstSentAt: performance.timeOrigin + start, lastSentAt: performance.timeOrigin + end };
  },
  windowPostMessageRate({ count }) {
    return new Promise((resolve) => {
      let received = 0;
      const start = performance.now();
      const onMessage = (event: MessageEvent) => {
        if (event.source !== window || ++received < count) return;
        removeEventListener("message", onMessage);
        resolve(count / ((performance.now() - start) / 1000));
      };
      addEventListener("message", onMessage);
      for (let i = 0; i < count; i++) postMessage(kbMessages[i % POOL_SIZE], "*");
    });
  },
};
window.hookBench = api;
