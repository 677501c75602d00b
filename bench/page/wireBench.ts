// The wire-tap bench page: one real WebSocket to the bench server's audio bot, carrying
// 20 ms audio frames both ways, and no PipecatClient: the hook's WebSocket wire tap stays on
// for this socket (no hooked client covers it), as for an app whose client the hook could not
// reach. Inbound frames arrive as Blobs, the binaryType Pipecat's WebSocket transport uses;
// the page's own handler only counts them, so the tap's share of the time is as large as it
// can be.
import { AUDIO_BOT_PATH, audioFrame } from "./audioFrame";
import type { TimingSamples, WireBenchApi } from "./api";

const POOL_SIZE = 50;
const frames = Array.from({ length: POOL_SIZE }, (_, i) => audioFrame(i));

const socket = new WebSocket(`ws://${location.host}${AUDIO_BOT_PATH}`);
let received = 0;
let onReceived = () => {};
socket.onmessage = (event: MessageEvent) => {
  if (!(event.data instanceof Blob)) throw new Error("An inbound frame that is not a Blob");
  received++;
  onReceived();
};

const taskChannel = new MessageChannel();
/** Resolves in a new task (not a microtask). */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    taskChannel.port1.onmessage = () => resolve();
    taskChannel.port2.postMessage(null);
  });
}

async function drained(): Promise<void> {
  while (socket.bufferedAmount > 0) await new Promise((resolve) => setTimeout(resolve, 5));
}

const api: WireBenchApi = {
  // A transport sends before it expects anything back: the tap listens to a socket from its first send.
  ready: new Promise<void>((resolve, reject) => {
    socket.onopen = () => {
      socket.send(frames[0]);
      resolve();
    };
    socket.onerror = () => reject(new Error("The audio bot's WebSocket failed"));
  }),
  // The hook's tap replaces WebSocket.prototype.send with a wrapper that only disguises its toString.
  sendTapped: () => !Function.prototype.toString.call(WebSocket.prototype.send).includes("[native code]"),
  async timeSend({ callsPerSample, samples }) {
    const perCallUs: TimingSamples["perCallUs"] = [];
    let i = 0;
    for (let s = 0; s < samples; s++) {
      await nextTask();
      const start = performance.now();
      for (const end = i + callsPerSample; i < end; i++) socket.send(frames[i % POOL_SIZE]);
      perCallUs.push(((performance.now() - start) * 1000) / callsPerSample);
    }
    await drained();
    if (socket.readyState !== WebSocket.OPEN) throw new Error("The audio bot closed the socket");
    return { perCallUs };
  },
  receive({ count }) {
    return new Promise((resolve) => {
      const target = received + count;
      const start = performance.now();
      onReceived = () => {
        if (received !== target) return;
        onReceived = () => {};
        resolve(performance.now() - start);
      };
      socket.send(`send ${count}`);
    });
  },
};
window.wireBench = api;
