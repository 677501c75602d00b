// Page hook (MAIN world): tells an RTVI message among the other traffic a tapped channel carries.
import type { WireMessage } from "./index";
import { RTVI_LABEL } from "../../shared/protocol/constants";

/** `value` itself if it is an RTVI envelope; other traffic shares every channel we tap. */
export function asRtvi(value: unknown): WireMessage["msg"] | undefined {
  const msg = value as WireMessage["msg"] | null | undefined;
  return msg?.label === RTVI_LABEL && typeof msg.type === "string" ? msg : undefined;
}
