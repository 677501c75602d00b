import { atMost, type Row } from "../row";
import { addedCallCost } from "../support/hookCallCost";

export const hookInboundRow: Row = {
  name: "hook cost per inbound message (added, median)",
  target: atMost(1, "µs"),
  measure: (env) => addedCallCost(env, "timeInbound", 2000),
};
