import type { WireMessage } from "./index";

export const RTVI_LABEL = "rtvi-ai";

/** `value` itself if it is an RTVI envelope; other traffic shares every channel we tap. */
export function asRtvi(value: unknown): WireMessage["msg"] | undefined {
  const msg = value as WireMessage["msg"] | null | undefined;
  return msg?.label === RTVI_LABEL && typeof msg.type === "string" ? msg : undefined;
}
