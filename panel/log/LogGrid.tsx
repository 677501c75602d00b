// The message log: a virtualized ARIA grid over the filtered rows. Only what is in view is
// in the DOM, so 100 000 rows scroll like 100. Arrow keys move the selection, Enter opens
// the detail; the grid keeps focus and points at the selected row (aria-activedescendant).
import { useCallback, useLayoutEffect, useRef } from "preact/hooks";
import type { LogEntry, MessageRow, SessionStore } from "../model/store";
import { useStoreChanges } from "../useStore";
import { CATEGORY_LABELS } from "../model/categories";
import { formatClockTime, formatSize, formatTime, summarize } from "./rowText";
import { ROW_HEIGHT, useVirtualRows } from "./useVirtualRows";

export type TimeBase = "clock" | "session";

interface LogGridProps {
  store: SessionStore;
  /** Positions in store.rows of the rows that pass the filter. */
  indices: number[];
  selectedSeq: number | undefined;
  onSelect: (seq: number) => void;
  onOpen: (seq: number) => void;
  timeBase: TimeBase;
}

const PAGE_ROWS = 20;

function requestNote(store: SessionStore, row: MessageRow): string {
  const state = store.requestState(row);
  if (!state) return "";
  switch (state.state) {
    case "pending":
      return " · pending";
    case "timed-out":
      return " · timed out";
    default:
      return row === state.request ? ` · ${Math.round(state.latencyMs)} ms` : "";
  }
}

function MessageCells({ store, row, timeBase }: { store: SessionStore; row: MessageRow; timeBase: TimeBase }) {
  const sessionStart = timeBase === "session" ? store.sessionStart(row.session) : undefined;
  return (
    <>
      <span role="gridcell" class="cell-time">
        {formatTime(row.t, sessionStart)}
      </span>
      <span role="gridcell" class="cell-dir" title={row.dir === "in" ? "From the bot" : "To the bot"}>
        {row.dir === "in" ? "↓ in" : "↑ out"}
      </span>
      <span role="gridcell" class="cell-client">
        {row.clientId}
      </span>
      <span role="gridcell" class="cell-type" title={CATEGORY_LABELS[row.category]}>
        {row.type}
        {row.origin === "devtools" && (
          <span class="badge badge-devtools" title="Sent or injected by Pipecat DevTools">
            devtools
          </span>
        )}
        {row.level !== "client" && (
          <span class="badge" title={row.level === "wire" ? "Read off the wire" : "From a client event"}>
            {row.level}
          </span>
        )}
        {row.truncated && (
          <span class="badge badge-warn" title="Cut to the hook's size cap">
            truncated
          </span>
        )}
      </span>
      <span role="gridcell" class="cell-id">
        {row.rtviId ?? ""}
        {requestNote(store, row)}
      </span>
      <span role="gridcell" class="cell-size">
        {formatSize(row.size)}
      </span>
      <span role="gridcell" class="cell-data">
        {summarize(row)}
      </span>
    </>
  );
}

function rowId(seq: number): string {
  return `log-row-${seq}`;
}

export function LogGrid({ store, indices, selectedSeq, onSelect, onOpen, timeBase }: LogGridProps) {
  useStoreChanges(store);
  const scrollRef = useRef<HTMLDivElement>(null);
  const getScrollElement = useCallback(() => scrollRef.current, []);
  // Follows new rows while the user is at the end, as the Console does; scrolling up stops it,
  // scrolling back down starts it again. Runs after every render: a panel that was hidden
  // (it cannot scroll then) catches up once it is shown and re-renders at its new size.
  const following = useRef(true);
  const virtual = useVirtualRows(indices.length, getScrollElement, following.current);
  const rows = store.rows;
  const selectedPosition = selectedSeq === undefined ? -1 : findPosition(rows, indices, selectedSeq);

  const onScroll = (event: Event) => {
    const element = event.currentTarget as HTMLElement;
    following.current = element.scrollTop + element.clientHeight >= element.scrollHeight - ROW_HEIGHT;
  };
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element || !following.current || element.scrollHeight <= element.clientHeight) return;
    const end = element.scrollHeight - element.clientHeight;
    if (element.scrollTop < end - 1) element.scrollTop = end;
  });

  // Keep the selected row in view when the keyboard moves it.
  const lastScrolledTo = useRef(-1);
  useLayoutEffect(() => {
    if (selectedPosition >= 0 && selectedPosition !== lastScrolledTo.current) {
      lastScrolledTo.current = selectedPosition;
      virtual.scrollIntoView(selectedPosition);
    }
  }, [selectedPosition]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (indices.length === 0) return;
    const from = selectedPosition < 0 ? (event.key === "ArrowUp" ? indices.length : -1) : selectedPosition;
    const moves: Record<string, number> = {
      ArrowDown: from + 1,
      ArrowUp: from - 1,
      PageDown: from + PAGE_ROWS,
      PageUp: from - PAGE_ROWS,
      Home: 0,
      End: indices.length - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      const to = Math.max(0, Math.min(indices.length - 1, moves[event.key]));
      onSelect(rows[indices[to]].seq);
    } else if (event.key === "Enter" && selectedSeq !== undefined) {
      event.preventDefault();
      onOpen(selectedSeq);
    }
  };

  const entry = (index: number): LogEntry => rows[indices[index]];
  return (
    <div
      role="grid"
      aria-label="Messages"
      aria-rowcount={indices.length + 1}
      aria-activedescendant={selectedPosition >= 0 ? rowId(selectedSeq!) : undefined}
      tabIndex={0}
      class="log"
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" class="log-head">
        <div role="row" aria-rowindex={1} class="log-columns">
          <span role="columnheader">Time</span>
          <span role="columnheader">Dir</span>
          <span role="columnheader">Client</span>
          <span role="columnheader">Type</span>
          <span role="columnheader">Id</span>
          <span role="columnheader">Size</span>
          <span role="columnheader">Data</span>
        </div>
      </div>
      <div role="rowgroup" class="log-body" ref={scrollRef} onScroll={onScroll}>
        <div class="log-spacer" style={{ height: `${virtual.totalSize}px` }}>
          {virtual.rows.map((item) => {
            const row = entry(item.index);
            if (!row) return null;
            const style = { transform: `translateY(${item.start}px)`, height: `${ROW_HEIGHT}px` };
            if (row.kind === "marker") {
              return (
                <div
                  role="row"
                  key={row.seq}
                  id={rowId(row.seq)}
                  aria-rowindex={item.index + 2}
                  class="log-marker"
                  style={style}
                >
                  <span role="gridcell">
                    Page loaded · {formatClockTime(row.t)} · {row.url}
                  </span>
                </div>
              );
            }
            const selected = row.seq === selectedSeq;
            return (
              // biome-ignore lint/a11y/useKeyWithClickEvents: the grid's onKeyDown moves the selection and Enter opens the row (an ARIA grid's roving focus).
              <div
                role="row"
                key={row.seq}
                id={rowId(row.seq)}
                aria-rowindex={item.index + 2}
                aria-selected={selected}
                class={`log-row cat-${row.category} dir-${row.dir}${row.origin === "devtools" ? " from-devtools" : ""}${selected ? " selected" : ""}`}
                style={style}
                onClick={() => onOpen(row.seq)}
              >
                <MessageCells store={store} row={row} timeBase={timeBase} />
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** Where the row with `seq` stands among the filtered rows (both are in seq order), or -1. */
function findPosition(rows: LogEntry[], indices: number[], seq: number): number {
  let low = 0;
  let high = indices.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const at = rows[indices[middle]].seq;
    if (at === seq) return middle;
    if (at < seq) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}
