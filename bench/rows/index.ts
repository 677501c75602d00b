// The table's rows, in order. To add one: a module exporting a Row (../row.ts), listed here.
import { notBuiltYet, type Row } from "../row";
import { endToEndRatioRow } from "./endToEndRatio";
import { hookBundleSizeRow } from "./hookBundleSize";
import { hookInboundRow } from "./hookInbound";
import { hookOutboundRow } from "./hookOutbound";
import { extensionTotal1kbRow, hookTotal1kbRow } from "./hookTotal1kb";
import { pageToPanelLatencyRow, pageToPanelThroughputRow } from "./pageToPanel";
import { runtimePortRow } from "./runtimePort";
import { windowPostMessageRow } from "./windowPostMessage";

export const ROWS: Row[] = [
  hookInboundRow,
  hookOutboundRow,
  extensionTotal1kbRow,
  hookTotal1kbRow,
  hookBundleSizeRow,
  pageToPanelThroughputRow,
  pageToPanelLatencyRow,
  notBuiltYet("panel ingest 100000 messages (time)"),
  notBuiltYet("panel regex filter over 100000", "≤ 50 ms"),
  notBuiltYet("panel memory at 100000", "≤ 200 MB"),
  notBuiltYet("wire-tap cost per WebSocket audio frame"),
  endToEndRatioRow,
  windowPostMessageRow,
  runtimePortRow,
];
