// SmallWebRTC sends each RTVI message as one JSON string on its `chat` data channel, next to
// a `ping: <ms>` keepalive every second and `{"type":"signalling",…}` messages. Only text
// that opens like an object is parsed; `report` keeps what has the RTVI label.
import { startsWith } from "../builtins";
import { tapChannels } from "./channel";
import type { WireTapOptions } from "./index";

export function tapDataChannels(options: WireTapOptions): () => void {
  const proto = globalThis.RTCDataChannel?.prototype;
  if (!proto) return () => {};
  return tapChannels("smallwebrtc", proto, options, (channel, dir, data, sink) => {
    if (typeof data === "string" && startsWith(data, "{")) sink.report(channel, dir, data);
  });
}
