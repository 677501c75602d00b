// Runs in the panel. The message log: a virtualized ARIA grid over the filtered view
// (panel/model/filter.ts). Only what is in view is in the DOM, so 100 000 rows scroll like 100.
// Arrow keys move the selection, Enter opens the detail; the grid keeps focus and points at the
// selected row (aria-activedescendant). A folded group (./rowGroups.ts) opens and closes as a
// tree grid's row does: Enter, → and ←, with aria-expanded on it. The Client column shows only
// when the log holds more than one client (headers and cells alike, so they always line up);
// the columns narrow with the grid (panel/panel.css). Page data is rendered as text only.
//
// Over 300 lines: the three row kinds (message, marker, folded group) and their cells share the
// grid's selection, focus and fold state, which stays in one place rather than being threaded
// through props to files of their own.
import { RuleNamesContext, ruleMarkText } from "../rules/ruleMarkText";
import { useCallback, useContext, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { MessageRow, SessionStore } from "../model/store";
import type { FilteredLog, LogItem } from "../model/filter";
import { useStoreChanges } from "../useStore";
import { CATEGORY_LABELS } from "../model/categories";
import type { RowGroup } from "../model/rowGroups";
import { formatClockTime, formatSize, formatTime, summarize, summarizeGroup } from "./rowText";
import { ROW_HEIGHT, useVirtualRows } from "./useVirtualRows";

export type TimeBase = "clock" | "session";

interface LogGridProps {
  store: SessionStore;
  /** The rows that pass the filter, with their folds. */
  log: FilteredLog;
  /** A row's seq, or a group's key (FilteredLog: its first row's seq, negated). */
  selectedSeq: number | undefined;
  onSelect: (key: number) => void;
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
    case "rejected":
      return " · rejected by the client";
    default:
      return row === state.request ? ` · ${Math.round(state.latencyMs)} ms` : "";
  }
}

function TimeAndSource({
  store,
  row,
  timeBase,
  showClient,
}: {
  store: SessionStore;
  row: MessageRow;
  timeBase: TimeBase;
  showClient: boolean;
}) {
  const sessionStart = timeBase === "session" ? store.sessionStart(row.session) : undefined;
  return (
    <>
      <span role="gridcell" class="cell-time">
        {formatTime(row.t, sessionStart)}
      </span>
      <span role="gridcell" class="cell-dir" title={row.dir === "in" ? "From the bot" : "To the bot"}>
        {row.dir === "in" ? "↓" : "↑"}
        <span class="dir-word">{row.dir === "in" ? " in" : " out"}</span>
      </span>
      {showClient && (
        <span role="gridcell" class="cell-client">
          {row.clientId}
        </span>
      )}
    </>
  );
}

interface CellsProps {
  store: SessionStore;
  row: MessageRow;
  timeBase: TimeBase;
  showClient: boolean;
}

function MessageCells({ store, row, timeBase, showClient }: CellsProps) {
  const undelivered = row.undelivered;
  const ruleMark = ruleMarkText(row, useContext(RuleNamesContext));
  return (
    <>
      <TimeAndSource store={store} row={row} timeBase={timeBase} showClient={showClient} />
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
        {undelivered !== undefined && (
          <span class="badge badge-warn" title={undelivered}>
            not delivered
          </span>
        )}
        {ruleMark && (
          <span class="badge badge-rule" title={ruleMark.sentence}>
            {ruleMark.badge}
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

const GROUP_TITLES: Record<RowGroup["type"], string> = {
  "bot-llm-text": "The tokens of one LLM response, folded: Enter or → shows them",
  "bot-output": "The updates of one bot-output segment, folded: Enter or → shows them",
};

/** A folded group: its first row's time and source, its type with a count, its text. */
function GroupCells({
  store,
  group,
  rowAt,
  timeBase,
  showClient,
}: Omit<CellsProps, "row"> & { group: RowGroup; rowAt: (position: number) => MessageRow }) {
  let size = 0;
  for (const position of group.members) size += rowAt(position).size;
  return (
    <>
      <TimeAndSource store={store} row={rowAt(group.members[0])} timeBase={timeBase} showClient={showClient} />
      <span role="gridcell" class="cell-type" title={GROUP_TITLES[group.type]}>
        {`${group.type} × ${group.members.length}`}
      </span>
      <span role="gridcell" class="cell-id" />
      <span role="gridcell" class="cell-size">
        {formatSize(size)}
      </span>
      <span role="gridcell" class="cell-data">
        {summarizeGroup(group, rowAt)}
      </span>
    </>
  );
}

function rowId(key: number): string {
  return key < 0 ? `log-group-${-key}` : `log-row-${key}`;
}

export function LogGrid({ store, log, selectedSeq, onSelect, onOpen, timeBase }: LogGridProps) {
  useStoreChanges(store);
  // Folding and unfolding change the view, not the store: this renders the grid again.
  const [, setFolds] = useState(0);
  const setExpanded = (item: LogItem & { kind: "group" }, expanded: boolean) => {
    log.setExpanded(item.group, expanded);
    setFolds((folds) => folds + 1);
  };
  const scrollRef = useRef<HTMLDivElement>(null);
  const getScrollElement = useCallback(() => scrollRef.current, []);
  // Follows new rows while the user is at the end, as the Console does; scrolling up stops it,
  // scrolling back down starts it again. Runs after every render: a panel that was hidden
  // (it cannot scroll then) catches up once it is shown and re-renders at its new size.
  const following = useRef(true);
  const count = log.length;
  const virtual = useVirtualRows(count, getScrollElement, following.current);
  const showClient = store.clients.size > 1;
  const selectedPosition = selectedSeq === undefined ? -1 : log.indexOf(selectedSeq);
  const messageAt = (position: number) => log.entry(position) as MessageRow;

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

  // A row selected from elsewhere (the detail's "Go to response") that sits in a folded group:
  // the group unfolds to show it, once per selection, so the user may fold it again.
  useLayoutEffect(() => {
    if (selectedSeq === undefined || selectedSeq < 0) return;
    const group = log.foldedGroupOf(selectedSeq);
    if (!group) return;
    log.setExpanded(group, true);
    setFolds((folds) => folds + 1);
  }, [selectedSeq]);

  // Keep the selected row in view when the keyboard (or another view, as the Conversation's
  // turns do) selects it; following the end stops then, or the next render would scroll the
  // selected row away again (unless it is the last row).
  const lastScrolledTo = useRef(-1);
  useLayoutEffect(() => {
    if (selectedPosition >= 0 && selectedPosition !== lastScrolledTo.current) {
      lastScrolledTo.current = selectedPosition;
      following.current = selectedPosition >= count - 1;
      virtual.scrollIntoView(selectedPosition);
    }
  }, [selectedPosition]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (count === 0) return;
    const from = selectedPosition < 0 ? (event.key === "ArrowUp" ? count : -1) : selectedPosition;
    const selected = selectedPosition < 0 ? undefined : log.at(selectedPosition);
    const moves: Record<string, number> = {
      ArrowDown: from + 1,
      ArrowUp: from - 1,
      PageDown: from + PAGE_ROWS,
      PageUp: from - PAGE_ROWS,
      Home: 0,
      End: count - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      const to = Math.max(0, Math.min(count - 1, moves[event.key]));
      onSelect(log.keyOf(log.at(to)));
    } else if (selected?.kind === "group" && (event.key === "Enter" || event.key === "ArrowRight")) {
      event.preventDefault();
      // As in a tree grid: → opens a closed group, and on an open one moves to its first row.
      if (event.key === "ArrowRight" && selected.expanded) onSelect(log.keyOf(log.at(selectedPosition + 1)));
      else setExpanded(selected, !selected.expanded);
    } else if (selected?.kind === "group" && event.key === "ArrowLeft") {
      event.preventDefault();
      if (selected.expanded) setExpanded(selected, false);
    } else if (selected?.kind === "member" && event.key === "ArrowLeft") {
      event.preventDefault();
      onSelect(log.keyOf({ kind: "group", group: selected.group, expanded: true }));
    } else if (event.key === "Enter" && selected) {
      event.preventDefault();
      onOpen(log.keyOf(selected));
    }
  };

  return (
    <div
      role="grid"
      aria-label="Messages"
      aria-rowcount={count + 1}
      aria-activedescendant={selectedPosition >= 0 ? rowId(log.keyOf(log.at(selectedPosition))) : undefined}
      tabIndex={0}
      class={`log${showClient ? "" : " one-client"}`}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" class="log-head">
        <div role="row" aria-rowindex={1} class="log-columns">
          <span role="columnheader">Time</span>
          <span role="columnheader">Dir</span>
          {showClient && <span role="columnheader">Client</span>}
          <span role="columnheader">Type</span>
          <span role="columnheader" class="cell-id">
            Id
          </span>
          <span role="columnheader" class="cell-size">
            Size
          </span>
          <span role="columnheader">Data</span>
        </div>
      </div>
      <div role="rowgroup" class="log-body" ref={scrollRef} onScroll={onScroll}>
        <div class="log-spacer" style={{ height: `${virtual.totalSize}px` }}>
          {virtual.rows.map(({ index, start }) => {
            if (index >= count) return null;
            const item = log.at(index);
            const key = log.keyOf(item);
            // What every kind of row has: its place in the grid.
            const placed = {
              key,
              id: rowId(key),
              "aria-rowindex": index + 2,
              style: { transform: `translateY(${start}px)`, height: `${ROW_HEIGHT}px` },
            };
            const selected = index === selectedPosition;
            if (item.kind === "group") {
              const head = messageAt(item.group.members[0]);
              return (
                // biome-ignore lint/a11y/useKeyWithClickEvents: the grid's onKeyDown opens and closes a group (Enter, → and ←), an ARIA grid's roving focus.
                <div
                  role="row"
                  {...placed}
                  aria-selected={selected}
                  aria-expanded={item.expanded}
                  class={`log-row log-group cat-${head.category} dir-${head.dir}${selected ? " selected" : ""}`}
                  onClick={() => {
                    onSelect(key);
                    setExpanded(item, !item.expanded);
                  }}
                >
                  <GroupCells
                    store={store}
                    group={item.group}
                    rowAt={messageAt}
                    timeBase={timeBase}
                    showClient={showClient}
                  />
                </div>
              );
            }
            const row = log.entry(item.position);
            if (row.kind === "marker") {
              return (
                <div role="row" {...placed} class="log-marker">
                  <span role="gridcell">
                    Page loaded · {formatClockTime(row.t)} · {row.url}
                  </span>
                </div>
              );
            }
            return (
              // biome-ignore lint/a11y/useKeyWithClickEvents: the grid's onKeyDown moves the selection and Enter opens the row (an ARIA grid's roving focus).
              <div
                role="row"
                {...placed}
                aria-selected={selected}
                class={`log-row cat-${row.category} dir-${row.dir}${row.origin === "devtools" ? " from-devtools" : ""}${item.kind === "member" ? " log-member" : ""}${selected ? " selected" : ""}`}
                onClick={() => onOpen(row.seq)}
              >
                <MessageCells store={store} row={row} timeBase={timeBase} showClient={showClient} />
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
