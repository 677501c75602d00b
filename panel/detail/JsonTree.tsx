// A JSON value as an ARIA tree: open and close nodes (click, Enter, arrows), "Expand all" and
// "Collapse all", and copy the selected node's value or its path (`data.d.items[2].name`).
// Only what is open is rendered, a page of children at a time (treeModel.ts). Everything the
// page sent is rendered as text.
import { useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import type { JSX } from "preact";
import { copyText } from "./clipboard";
import {
  ALL_CLOSED,
  CHILD_PAGE,
  ALL_OPEN,
  copyableValue,
  defaultOpenState,
  isContainer,
  keyLabel,
  preview,
  setOpen,
  showMore,
  visibleItems,
  type NodeId,
  type OpenState,
  type TreeItem,
  type ValueItem,
} from "./treeModel";

/** Characters of a string shown in the tree; "Copy value" and the Raw tab have all of it. */
export const STRING_SHOWN = 1000;

const INDENT_PX = 14;

export interface JsonTreeProps {
  value: unknown;
  /** The tree's accessible name. */
  label: string;
}

function Scalar({ value }: { value: unknown }) {
  if (typeof value === "string") {
    const cut = value.length > STRING_SHOWN;
    return (
      <span class="jt-string">
        {JSON.stringify(cut ? value.slice(0, STRING_SHOWN) : value)}
        {cut && <span class="jt-note">… ({value.length.toLocaleString()} characters; Copy value copies them all)</span>}
      </span>
    );
  }
  if (value === null) return <span class="jt-null">null</span>;
  return <span class={`jt-${typeof value}`}>{String(value)}</span>;
}

function ContainerSummary({ value, open }: { value: object; open: boolean }) {
  const isArray = Array.isArray(value);
  const count = isArray ? value.length : Object.keys(value).length;
  const size = isArray ? `Array(${count})` : `${count} ${count === 1 ? "key" : "keys"}`;
  if (open) return <span class="jt-summary">{isArray ? size : `{…} ${size}`}</span>;
  return (
    <span class="jt-summary">
      {isArray && `${size} `}
      {preview(value)}
    </span>
  );
}

function itemText(item: ValueItem) {
  return (
    <>
      <span class="jt-caret" aria-hidden="true">
        {item.count ? (item.open ? "▾" : "▸") : ""}
      </span>
      {item.key !== undefined && (
        <>
          <span class="jt-key">{keyLabel(item.key)}</span>
          <span class="jt-colon">: </span>
        </>
      )}
      {isContainer(item.value) ? (
        <ContainerSummary value={item.value} open={item.open} />
      ) : (
        <Scalar value={item.value} />
      )}
    </>
  );
}

export function JsonTree({ value, label }: JsonTreeProps) {
  const [open, setOpenState] = useState<OpenState>(() => defaultOpenState(value));
  const [selected, setSelected] = useState<NodeId>();
  const [status, setStatus] = useState("");
  const treeRef = useRef<HTMLDivElement>(null);
  const focusPending = useRef(false);

  const items = useMemo(() => visibleItems(value, open), [value, open]);
  const found = selected === undefined ? -1 : items.findIndex((item) => item.id === selected);
  const current = Math.max(0, found);
  const selectedItem = found >= 0 && items[found].kind === "value" ? (items[found] as ValueItem) : undefined;

  useLayoutEffect(() => {
    if (!focusPending.current) return;
    focusPending.current = false;
    const element = treeRef.current?.children[current] as HTMLElement | undefined;
    element?.focus();
  });

  const moveTo = (index: number) => {
    const target = items[Math.min(items.length - 1, Math.max(0, index))];
    if (!target) return;
    focusPending.current = true;
    setSelected(target.id);
  };

  const toggle = (item: ValueItem, to = !item.open) => {
    if (item.count) setOpenState((state) => setOpen(state, item.id, to));
  };

  const activate = (item: TreeItem) => {
    if (item.kind === "value") toggle(item);
    else if (item.kind === "more") setOpenState((state) => showMore(state, item.parent, item.total));
  };

  const copy = async (what: "value" | "path", target = selectedItem) => {
    const text = what === "path" ? (target?.id ?? "") : copyableValue(target ? target.value : value);
    const done = await copyText(text);
    const subject =
      what === "path" ? `path ${text}` : target ? `value of ${target.id || "the root"}` : "the whole value";
    setStatus(done ? `Copied ${subject}` : `Could not copy ${subject}`);
  };

  const onKeyDown = (event: JSX.TargetedKeyboardEvent<HTMLDivElement>) => {
    // The item the key was pressed on, whatever the last render thought had focus.
    const onItem = treeRef.current ? Array.prototype.indexOf.call(treeRef.current.children, event.target) : -1;
    const at = onItem >= 0 ? onItem : current;
    const item = items[at];
    if (!item) return;
    switch (event.key) {
      case "ArrowDown":
        moveTo(at + 1);
        break;
      case "ArrowUp":
        moveTo(at - 1);
        break;
      case "Home":
        moveTo(0);
        break;
      case "End":
        moveTo(items.length - 1);
        break;
      case "ArrowRight":
        if (item.kind !== "value" || !item.count) return;
        if (item.open) moveTo(at + 1);
        else toggle(item, true);
        break;
      case "ArrowLeft":
        if (item.kind === "value" && item.open) toggle(item, false);
        else {
          const parent = item.kind === "more" ? item.parent : item.kind === "value" ? item.parent : undefined;
          if (parent === undefined) return;
          moveTo(items.findIndex((other) => other.id === parent));
        }
        break;
      case "Enter":
      case " ":
        activate(item);
        break;
      case "c":
        if (!(event.ctrlKey || event.metaKey) || event.shiftKey || event.altKey) return;
        // Text the user selected by hand is theirs to copy.
        if (window.getSelection()?.toString()) return;
        void copy("value", item.kind === "value" ? item : undefined);
        break;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div class="json-tree">
      <div class="jt-toolbar">
        <button type="button" onClick={() => setOpenState(ALL_OPEN)}>
          Expand all
        </button>
        <button type="button" onClick={() => setOpenState(ALL_CLOSED)}>
          Collapse all
        </button>
        <button type="button" onClick={() => void copy("value")}>
          Copy value
        </button>
        <button type="button" disabled={!selectedItem || selectedItem.id === ""} onClick={() => void copy("path")}>
          Copy path
        </button>
        {selectedItem && selectedItem.id !== "" && <code class="jt-path">{selectedItem.id}</code>}
        {/* Polite, not role="status": the panel's status bar is its one status (test/e2e/panelStatus.ts reads it as the one status). */}
        <span class="jt-status" aria-live="polite">
          {status}
        </span>
      </div>
      <div class="jt-items" role="tree" aria-label={label} ref={treeRef} onKeyDown={onKeyDown}>
        {items.map((item, index) => {
          const common = {
            role: "treeitem" as const,
            "aria-level": item.level,
            tabIndex: index === current ? 0 : -1,
            "aria-selected": index === found,
            style: { paddingLeft: `${(item.level - 1) * INDENT_PX + 4}px` },
            onFocus: () => setSelected(item.id),
          };
          if (item.kind === "value") {
            return (
              // biome-ignore lint/a11y/useKeyWithClickEvents: `common` gives each item role="treeitem"; keys are the tree's (its onKeyDown moves the roving focus).
              // biome-ignore lint/a11y/noStaticElementInteractions: as above, a treeitem by `common`.
              // biome-ignore lint/a11y/useAriaPropsSupportedByRole: as above, aria-expanded belongs to a treeitem.
              <div
                key={item.id}
                {...common}
                class={`jt-item${item.count ? " jt-container" : ""}`}
                aria-expanded={item.count ? item.open : undefined}
                aria-setsize={item.setSize}
                aria-posinset={item.posInSet}
                onClick={() => toggle(item)}
              >
                {itemText(item)}
              </div>
            );
          }
          if (item.kind === "more") {
            return (
              // biome-ignore lint/a11y/useKeyWithClickEvents: a treeitem by `common`; Enter on it is the tree's onKeyDown.
              // biome-ignore lint/a11y/noStaticElementInteractions: as above.
              <div key={item.id} {...common} class="jt-item jt-more" onClick={() => activate(item)}>
                Show {Math.min(CHILD_PAGE, item.total - item.shown)} more ({item.shown.toLocaleString()} of{" "}
                {item.total.toLocaleString()} shown)
              </div>
            );
          }
          return (
            <div key={item.id} {...common} class="jt-item jt-cap">
              Stopped listing here: close some nodes to see the rest (the Raw tab has everything).
            </div>
          );
        })}
      </div>
    </div>
  );
}
