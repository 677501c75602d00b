// The selected message in full: what it is (type, direction, time, size, how it was
// captured, whether the client got it), its payload as a JSON tree (a send-file's inline bytes as their size) or as raw JSON, and, for a request or an answer, the
// other half of the exchange with the latency, one click away.
import { useContext, useId, useMemo, useState } from "preact/hooks";
import type { JSX } from "preact";
import { rowMessage, type MessageRow, type RequestState, type SessionStore } from "../model/store";
import { useStoreChanges } from "../useStore";
import { formatClockTime, formatSize } from "../log/rowText";
import { JsonTree } from "./JsonTree";
import { HandlerExplanation } from "../handlers/HandlerExplanation";
import { RuleNamesContext, ruleMarkText } from "../rules/ruleMarkText";
import { bytesPlaceholder, forDisplay, longFileBytes } from "../model/largeBytes";

export interface DetailPaneProps {
  store: SessionStore;
  row: MessageRow;
  onSelect: (seq: number) => void;
  onClose: () => void;
}

type DetailTab = "tree" | "raw";

const TAB_NAMES: Record<DetailTab, string> = { tree: "Tree", raw: "Raw" };

const LEVEL_TEXT: Record<MessageRow["level"], string> = {
  client: "client (seen inside the PipecatClient)",
  wire: "wire (read off the WebSocket or data channel)",
  event: "event (emitted by the client)",
};

type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

function parse(row: MessageRow): Parsed {
  try {
    return { ok: true, value: rowMessage(row) };
  } catch (error) {
    return { ok: false, error: String((error as Error)?.message ?? error) };
  }
}

export function formatLatency(ms: number): string {
  return `${Math.round(ms).toLocaleString()} ms`;
}

/** The error text an error-response carries (`data.error`), if any. */
function errorText(answer: MessageRow): string | undefined {
  const parsed = parse(answer);
  if (!parsed.ok) return undefined;
  const data = (parsed.value as { data?: { error?: unknown } }).data;
  return typeof data?.error === "string" ? data.error : undefined;
}

function answerData(answer: MessageRow): unknown {
  const parsed = parse(answer);
  return parsed.ok ? (parsed.value as { data?: unknown }).data : answer.json;
}

function RequestSection({
  state,
  row,
  onSelect,
}: {
  state: RequestState;
  row: MessageRow;
  onSelect: (seq: number) => void;
}) {
  const isRequest = row === state.request;
  if (!isRequest) {
    if (state.state !== "answered" && state.state !== "failed") return null;
    return (
      <section class="detail-exchange" aria-label="Request">
        <p>
          Answers <strong>{state.request.type}</strong> sent {formatLatency(state.latencyMs)} earlier.{" "}
          <button type="button" onClick={() => onSelect(state.request.seq)}>
            Go to request
          </button>
        </p>
      </section>
    );
  }
  switch (state.state) {
    case "pending":
      return (
        <section class="detail-exchange" aria-label="Response">
          <p aria-live="polite">
            Response: <strong>pending</strong>
            {state.request.request && ` (client-js waits ${formatLatency(state.request.request.timeoutMs)})`}
          </p>
        </section>
      );
    case "timed-out":
      return (
        <section class="detail-exchange detail-failed" aria-label="Response">
          <p aria-live="polite">
            Response: <strong>timed out</strong> after {formatLatency(state.at - state.request.t)}, with no answer.
          </p>
        </section>
      );
    case "rejected":
      return (
        <section class="detail-exchange detail-failed" aria-label="Response">
          <p aria-live="polite">
            Response: <strong>rejected by the client</strong> ({state.reason}) after{" "}
            {formatLatency(state.at - state.request.t)}, never answered by the bot.
          </p>
        </section>
      );
    default: {
      const failed = state.state === "failed";
      const error = failed ? errorText(state.answer) : undefined;
      return (
        <section class={`detail-exchange${failed ? " detail-failed" : ""}`} aria-label="Response">
          <p aria-live="polite">
            {failed ? "Error" : "Response"}: <strong>{state.answer.type}</strong> after {formatLatency(state.latencyMs)}
            {error !== undefined && <>: {error}</>}{" "}
            <button type="button" onClick={() => onSelect(state.answer.seq)}>
              Go to response
            </button>
          </p>
          <JsonTree
            key={state.answer.seq}
            value={answerData(state.answer)}
            label={failed ? "Error data" : "Response data"}
          />
        </section>
      );
    }
  }
}

function Header({ row, onClose, parsed }: { row: MessageRow; onClose: () => void; parsed: Parsed }) {
  const bytes = parsed.ok ? longFileBytes(parsed.value) : undefined;
  const undelivered = row.undelivered;
  const ruleMark = ruleMarkText(row, useContext(RuleNamesContext));
  return (
    <header class="detail-head">
      <div class="detail-title">
        <h2 class="detail-type">{row.type}</h2>
        {row.origin === "devtools" && (
          <span class="badge badge-devtools" title="Sent or injected by Pipecat DevTools">
            devtools
          </span>
        )}
        {row.truncated && (
          <span class="badge badge-warn" title="Over 256 KB: the hook kept only the start of its JSON">
            truncated
          </span>
        )}
        {undelivered !== undefined && <span class="badge badge-warn">not delivered</span>}
        <button type="button" class="detail-close" aria-label="Close detail" onClick={onClose}>
          ×
        </button>
      </div>
      <dl class="detail-facts">
        <dt>Direction</dt>
        <dd>{row.dir === "out" ? "↑ out (client to bot)" : "↓ in (bot to client)"}</dd>
        <dt>Time</dt>
        <dd>{formatClockTime(row.t)}</dd>
        <dt>Size</dt>
        <dd>{formatSize(row.size)}</dd>
        <dt>Level</dt>
        <dd>{LEVEL_TEXT[row.level]}</dd>
        {row.rtviId !== undefined && (
          <>
            <dt>ID</dt>
            <dd>{row.rtviId}</dd>
          </>
        )}
        <dt>Client</dt>
        <dd>{row.clientId}</dd>
      </dl>
      {bytes !== undefined && (
        <p class="detail-note">
          <code>data.file.source.{bytes.key}</code>: {bytesPlaceholder(bytes.chars)}, shown by their size here; Raw
          shows the message as sent.
        </p>
      )}
      {undelivered !== undefined && <p class="detail-note">Not delivered to the client: {undelivered}</p>}
      {ruleMark && <p class="detail-note">{ruleMark.sentence}</p>}
      {row.truncated && (
        <p class="detail-note">
          This message was over 256 KB ({formatSize(row.size)}): its <code>data</code> holds only the start of its JSON,
          as text.
        </p>
      )}
    </header>
  );
}

export function DetailPane({ store, row, onSelect, onClose }: DetailPaneProps) {
  useStoreChanges(store);
  const [tab, setTab] = useState<DetailTab>("tree");
  const id = useId();
  const parsed = useMemo(() => parse(row), [row]);
  const raw = useMemo(
    () => (tab === "raw" && parsed.ok ? JSON.stringify(parsed.value, null, 2) : undefined),
    [tab, parsed],
  );
  const state = store.requestState(row);

  const onTabKey = (event: JSX.TargetedKeyboardEvent<HTMLDivElement>) => {
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight" && event.key !== "Home" && event.key !== "End") return;
    event.preventDefault();
    const next: DetailTab = tab === "tree" ? "raw" : "tree";
    const target = event.key === "Home" ? "tree" : event.key === "End" ? "raw" : next;
    setTab(target);
    document.getElementById(`${id}-${target}`)?.focus();
  };

  return (
    <div class="detail-pane">
      <Header row={row} onClose={onClose} parsed={parsed} />
      {state && <RequestSection state={state} row={row} onSelect={onSelect} />}
      <HandlerExplanation row={row} client={store.clients.get(row.clientKey)} />
      <div role="tablist" aria-label="Payload" class="detail-tabs" onKeyDown={onTabKey}>
        {(Object.keys(TAB_NAMES) as DetailTab[]).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`${id}-${name}`}
            aria-selected={tab === name}
            aria-controls={`${id}-panel`}
            tabIndex={tab === name ? 0 : -1}
            onClick={() => setTab(name)}
          >
            {TAB_NAMES[name]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-${tab}`} class="detail-body">
        {!parsed.ok ? (
          <>
            <p class="field-error">Not valid JSON ({parsed.error}): shown as it came.</p>
            <pre class="detail-raw">{row.json}</pre>
          </>
        ) : tab === "tree" ? (
          <JsonTree key={row.seq} value={forDisplay(parsed.value)} label={`${row.type} message`} />
        ) : (
          <pre class="detail-raw">{raw}</pre>
        )}
      </div>
    </div>
  );
}
