// daily-js's call object talks to its call machine, in the same window, by window.postMessage.
// RTVI rides Daily app messages: action "app-msg" goes to the call machine (outbound) and
// "app-message" comes from it (inbound), with the RTVI envelope as `data`. The rest of Daily's
// traffic, and the page's own, shares the channel: filter cheaply, never stop propagation.
import type { WireMessage, WireTapOptions } from "./index";
import { addWindowListener, messageEventData, removeWindowListener } from "../builtins";
import { asRtvi } from "./rtvi";

interface CallMachineMessage {
  what?: unknown;
  action?: unknown;
  data?: unknown;
}

export function tapDaily(options: WireTapOptions): () => void {
  const stop = () => removeWindowListener("message", onMessageEvent, true);
  function onMessageEvent(event: Event) {
    try {
      const message = messageEventData(event as MessageEvent) as CallMachineMessage | null | undefined;
      if (message?.what !== "iframe-call-message") return;
      const dir: WireMessage["dir"] | undefined =
        message.action === "app-msg" ? "out" : message.action === "app-message" ? "in" : undefined;
      const msg = dir && asRtvi(message.data);
      if (!msg) return;
      if (options.isCovered(window)) return stop();
      options.onMessage({ kind: "daily", channel: window, dir, msg });
    } catch (error) {
      options.onError("daily wire tap", error);
    }
  }
  // Capture: seen before a page listener could stop it.
  addWindowListener("message", onMessageEvent, { capture: true, passive: true });
  return stop;
}
