// The end-to-end row's app: the demo app's real PipecatClient on the real WebSocket
// transport, connected to the burst bot. Its own work per message is only what client-js
// does (Blob read, protobuf decode, JSON parse, dispatch) and a callback that counts, so
// the hook's share of the time is as large as it can be in a real app.
import { createClient } from "../../demo/app/src/client";
import { BURST_BOT_PATH, type BurstAppApi } from "./api";

let onBotLlmText = () => {};
const client = createClient("websocket", { enableMic: false, callbacks: { onBotLlmText: () => onBotLlmText() } });

const api: BurstAppApi = {
  ready: client.connect({ wsUrl: `ws://${location.host}${BURST_BOT_PATH}` }).then(() => {}),
  burst({ count, bytes }) {
    return new Promise((resolve) => {
      let handled = 0;
      const start = performance.now();
      onBotLlmText = () => {
        if (++handled === count) resolve(performance.now() - start);
      };
      client.sendClientMessage("burst", { count, bytes });
    });
  },
};
window.burstApp = api;
