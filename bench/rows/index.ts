// The table's rows, in order. To add one: a module exporting a Row (../row.ts), listed here.
import type { Row } from "../row";
import { conversationBuildRow, conversationIngestRow } from "./conversation";
import { conversationTimelineRow } from "./conversationTimeline";
import { endToEndRatioRow } from "./endToEndRatio";
import { hookBundleSizeRow } from "./hookBundleSize";
import { hookInboundRow } from "./hookInbound";
import { hookOutboundRow } from "./hookOutbound";
import { hookNoRulesRow, hookTwentyRulesRow } from "./hookRules";
import { extensionTotal1kbRow, hookTotal1kbRow } from "./hookTotal1kb";
import { pageToPanelLatencyRow, pageToPanelThroughputRow } from "./pageToPanel";
import { panelFilterRow, panelIngestRow, panelMemoryRow } from "./panel";
import { runtimePortRow } from "./runtimePort";
import { windowPostMessageRow } from "./windowPostMessage";
import { wireTapInboundRow, wireTapOutboundRow } from "./wireTapAudio";

export const ROWS: Row[] = [
  hookInboundRow,
  hookOutboundRow,
  hookNoRulesRow,
  hookTwentyRulesRow,
  hookTotal1kbRow,
  hookBundleSizeRow,
  pageToPanelThroughputRow,
  pageToPanelLatencyRow,
  panelIngestRow,
  panelFilterRow,
  panelMemoryRow,
  conversationIngestRow,
  conversationBuildRow,
  conversationTimelineRow,
  wireTapInboundRow,
  wireTapOutboundRow,
  endToEndRatioRow,
  extensionTotal1kbRow,
  windowPostMessageRow,
  runtimePortRow,
];
