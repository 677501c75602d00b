/// <reference path="./css.d.ts" />
// Runs in the panel. The Conversation view of one client: the Latency summary, the Timeline,
// the Turns table, the Function calls table, the Transcript and the Metrics, all from the
// client's model (./conversationModel.ts), brought up to date from the store at each render
// (the App renders again on each of the store's coalesced changes). Every figure, row and
// span hands the rows it came from to `onSelectRows`, which shows them in Messages.
import "./conversation.css";
import { useCallback, useRef } from "preact/hooks";
import type { ClientView, SessionStore } from "../model/store";
import { conversationOf } from "./conversationModel";
import { FunctionCallsTable } from "./FunctionCallsTable";
import { LatencySummary } from "./LatencySummary";
import { MetricsCharts } from "./MetricsCharts";
import { summarize } from "./summary";
import { Timeline } from "./Timeline";
import { Transcript } from "./Transcript";
import { TurnsTable, type SelectRows } from "./TurnsTable";

export interface ConversationViewProps {
  store: SessionStore;
  client: ClientView;
  onSelectRows: SelectRows;
}

export function ConversationView({ store, client, onSelectRows }: ConversationViewProps) {
  // One callback for the view's life: the rows of the tables are memoized on it, and the App
  // hands a new arrow at each render.
  const latest = useRef(onSelectRows);
  latest.current = onSelectRows;
  const select = useCallback<SelectRows>((seqs) => latest.current(seqs), []);
  const model = conversationOf(store, client.key);
  const summary = summarize(model, client.connections[0]?.t);
  return (
    <>
      <LatencySummary summary={summary} onSelect={select} />
      <Timeline model={model} onSelect={select} />
      <h3>Turns</h3>
      <TurnsTable turns={model.turns} dropped={model.droppedTurns} onSelect={select} />
      <h3>Function calls</h3>
      <FunctionCallsTable calls={model.calls} now={model.lastT} onSelect={select} />
      <Transcript turns={model.turns} onSelect={select} />
      <MetricsCharts model={model} />
    </>
  );
}
