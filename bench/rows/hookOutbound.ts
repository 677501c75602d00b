import { atMost, type Row } from "../row";
import { addedCallCost } from "../support/hookCallCost";

export const hookOutboundRow: Row = {
  name: "hook cost per outbound message (added, median)",
  target: atMost(1, "µs"),
  // sendClientMessage costs ~5 µs by itself: fewer calls fill a sample.
  measure: (env) => addedCallCost(env, "timeOutbound", 200),
};
