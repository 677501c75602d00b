// Reference: the hop the content relay makes for every batch, measured on the real
// extension: batches of 1 KB messages posted on a runtime Port from the page's extension
// world (the relay's) to the service worker, whose router handles them as it does the
// relay's. Shows what moving a byte from the page to the extension costs, on the page's
// own thread (sender) and end to end (received rate).
import { PAGE_PORT_NAME } from "../../src/shared/protocol";
import { formatValue } from "../format";
import { KB } from "../page/api";
import { botLlmTextJson } from "../page/messages";
import type { Row } from "../row";
import { median } from "../stats";
import { RUNS } from "../support/compare";
import { evaluateInExtensionWorld } from "../support/extensionWorld";

const PER_BATCH = 1000;
const BATCHES = 50;
const RECEIVED_KEY = "pipecatBenchPortReceived";

// Page → service worker clocks are compared as epoch ms (timeOrigin + now), good to well
// under a millisecond on one machine. Written as source: it runs in worlds of its own.

/** In the service worker: resolves, under RECEIVED_KEY, with the epoch ms the last batch arrived. */
const AWAIT_BATCHES_IN_WORKER = `({ portName, total, key }) => {
  globalThis[key] = new Promise((resolve) => {
    let received = 0;
    const onConnect = (port) => {
      if (port.name !== portName) return;
      chrome.runtime.onConnect.removeListener(onConnect);
      port.onMessage.addListener((message) => {
        received += message.count ?? 0;
        if (received < total) return;
        resolve(performance.timeOrigin + performance.now());
        port.disconnect();
      });
    };
    chrome.runtime.onConnect.addListener(onConnect);
  });
}`;

/** In the page's extension world: posts the batches as the relay does; returns when it started and how long posting took. */
const POST_BATCHES_IN_PAGE = `({ portName, batches, count, events }) => {
  const port = chrome.runtime.connect({ name: portName });
  const start = performance.timeOrigin + performance.now();
  for (let seq = 1; seq <= batches; seq++) port.postMessage({ kind: "batch", seq, count, events });
  return { start, postingMs: performance.timeOrigin + performance.now() - start };
}`;

export const runtimePortRow: Row = {
  name: "runtime Port 1 KB, relay → service worker, batches of 1000 (ref)",
  async measure(env) {
    const serviceWorker = (await env.browserPair()).extension.serviceWorker!;
    const page = await env.openPage("hook", { browser: "extension" });
    const events = `[${Array.from({ length: PER_BATCH }, (_, i) => botLlmTextJson(i, KB)).join(",")}]`;
    const total = PER_BATCH * BATCHES;
    const runOnce = async () => {
      await serviceWorker.evaluate(
        `(${AWAIT_BATCHES_IN_WORKER})(${JSON.stringify({ portName: PAGE_PORT_NAME, total, key: RECEIVED_KEY })})`,
      );
      const sent = await evaluateInExtensionWorld<{ start: number; postingMs: number }>(
        page,
        `(${POST_BATCHES_IN_PAGE})(${JSON.stringify({ portName: PAGE_PORT_NAME, batches: BATCHES, count: PER_BATCH, events })})`,
      );
      const lastReceived = (await serviceWorker.evaluate(`globalThis.${RECEIVED_KEY}`)) as number;
      return { rate: total / ((lastReceived - sent.start) / 1000), senderUs: (sent.postingMs * 1000) / total };
    };
    try {
      await runOnce();
      const runs = [];
      for (let run = 0; run < RUNS; run++) runs.push(await runOnce());
      const senderUs = median(runs.map((run) => run.senderUs));
      return {
        value: median(runs.map((run) => run.rate)),
        unit: "msg/s",
        detail: `received by the worker; posting costs the page ${formatValue(senderUs)} µs per message; ${total} messages per run, median of ${RUNS} runs`,
        figures: { senderUsPerMessage: senderUs },
      };
    } finally {
      await page.close();
    }
  },
};
