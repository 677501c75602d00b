import { it } from "vitest";
import { ProtobufFrameSerializer } from "@pipecat-ai/websocket-transport";
it("x", () => {
  const s = new ProtobufFrameSerializer();
  const m = s.serializeMessage({ label: "rtvi-ai", type: "client-ready", id: "abcd1234", data: {} } as any);
  console.log(Buffer.from(m).toString("hex"));
  const a = s.serializeAudio(new Int16Array([1,2,3]).buffer, 16000, 1);
  console.log(Buffer.from(a).toString("hex"));
  console.log(typeof Blob, new Blob([m]).slice(0,1) instanceof Blob, typeof MessageEvent, typeof WebSocket, typeof RTCDataChannel);
});
