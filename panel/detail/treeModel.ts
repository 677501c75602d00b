// What the JSON tree shows: the nodes in view, in order, as a flat list (one treeitem each,
// with its level), computed from the parsed value and the set of open nodes. Only open nodes
// are walked, a container shows its children a page at a time and the whole list is capped,
// so a 256 KB payload costs what is on screen, not what is in it.

/** A node's id is its path: `data.d.items[2].name`; the root's is "". */
export type NodeId = string;

/** Children an open container shows before a "Show more" item. */
export const CHILD_PAGE = 100;
/** Items the tree lists at most, whatever is open ("Expand all" on a huge payload). */
export const MAX_ITEMS = 2000;
/** Items opened by default, breadth first, before the rest stays closed. */
const DEFAULT_OPEN_BUDGET = 200;
/** Levels opened by default (the root's children are level 1). */
const DEFAULT_OPEN_LEVELS = 2;
/** A container with more children than this starts closed. */
const BIG_CONTAINER = 50;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function childPath(parent: NodeId, key: string | number): NodeId {
  if (typeof key === "number") return `${parent}[${key}]`;
  if (IDENTIFIER.test(key)) return parent === "" ? key : `${parent}.${key}`;
  return `${parent}[${JSON.stringify(key)}]`;
}

/** A key as the tree shows it: bare when it is an identifier, quoted otherwise. */
export function keyLabel(key: string | number): string {
  return typeof key === "number" || IDENTIFIER.test(key) ? String(key) : JSON.stringify(key);
}

export function isContainer(value: unknown): value is object {
  return typeof value === "object" && value !== null;
}

export function childCount(value: object): number {
  return Array.isArray(value) ? value.length : Object.keys(value).length;
}

/** The children from `start`, at most `count` of them, as [key, value] pairs. */
function childrenOf(value: object, start: number, count: number): [string | number, unknown][] {
  const children: [string | number, unknown][] = [];
  if (Array.isArray(value)) {
    const end = Math.min(value.length, start + count);
    for (let index = start; index < end; index++) children.push([index, value[index]]);
    return children;
  }
  const keys = Object.keys(value);
  const end = Math.min(keys.length, start + count);
  for (let index = start; index < end; index++)
    children.push([keys[index], (value as Record<string, unknown>)[keys[index]]]);
  return children;
}

/**
 * Which nodes are open. With `all` false, `ids` lists the open nodes; with `all` true (after
 * "Expand all") it lists the ones closed since. `shown` is how many children a container
 * lists, where the user asked for more than a page.
 */
export interface OpenState {
  all: boolean;
  ids: ReadonlySet<NodeId>;
  shown: ReadonlyMap<NodeId, number>;
}

export function isOpen(state: OpenState, id: NodeId): boolean {
  return state.all !== state.ids.has(id);
}

export function setOpen(state: OpenState, id: NodeId, open: boolean): OpenState {
  if (isOpen(state, id) === open) return state;
  const ids = new Set(state.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { ...state, ids };
}

export function showMore(state: OpenState, id: NodeId, total: number): OpenState {
  const shown = new Map(state.shown);
  shown.set(id, Math.min(total, (state.shown.get(id) ?? CHILD_PAGE) + CHILD_PAGE));
  return { ...state, shown };
}

export const ALL_OPEN: OpenState = { all: true, ids: new Set(), shown: new Map() };
export const ALL_CLOSED: OpenState = { all: false, ids: new Set(), shown: new Map() };

/** Small containers near the top start open, breadth first, within a budget of items. */
export function defaultOpenState(root: unknown): OpenState {
  const ids = new Set<NodeId>();
  if (!isContainer(root)) return { all: false, ids, shown: new Map() };
  let budget = DEFAULT_OPEN_BUDGET - Math.min(childCount(root), CHILD_PAGE);
  let level: [NodeId, unknown][] = childrenOf(root, 0, CHILD_PAGE).map(([key, value]) => [childPath("", key), value]);
  for (let depth = 1; depth <= DEFAULT_OPEN_LEVELS && level.length > 0; depth++) {
    const next: [NodeId, unknown][] = [];
    for (const [id, value] of level) {
      if (!isContainer(value)) continue;
      const count = childCount(value);
      if (count === 0 || count > BIG_CONTAINER || count > budget) continue;
      ids.add(id);
      budget -= count;
      for (const [key, child] of childrenOf(value, 0, count)) next.push([childPath(id, key), child]);
    }
    level = next;
  }
  return { all: false, ids, shown: new Map() };
}

export interface ValueItem {
  kind: "value";
  id: NodeId;
  /** Undefined for a root that is not a container. */
  key: string | number | undefined;
  value: unknown;
  /** The ARIA level: the root's children are 1. */
  level: number;
  parent: NodeId | undefined;
  /** Children, for a container; undefined for a primitive. */
  count: number | undefined;
  open: boolean;
  posInSet: number;
  setSize: number;
}

/** "Show more" under a container that lists only part of its children. */
export interface MoreItem {
  kind: "more";
  id: NodeId;
  parent: NodeId;
  level: number;
  shown: number;
  total: number;
}

/** Where the list stopped at MAX_ITEMS. */
export interface CapItem {
  kind: "cap";
  id: NodeId;
  level: number;
}

export type TreeItem = ValueItem | MoreItem | CapItem;

/** The items in view, in order. */
export function visibleItems(root: unknown, state: OpenState, maxItems = MAX_ITEMS): TreeItem[] {
  const items: TreeItem[] = [];
  if (!isContainer(root)) {
    items.push({
      kind: "value",
      id: "",
      key: undefined,
      value: root,
      level: 1,
      parent: undefined,
      count: undefined,
      open: false,
      posInSet: 1,
      setSize: 1,
    });
    return items;
  }
  let capped = false;
  const walk = (container: object, parentId: NodeId, level: number): void => {
    const total = childCount(container);
    const shown = Math.min(total, state.shown.get(parentId) ?? CHILD_PAGE);
    const children = childrenOf(container, 0, shown);
    for (let index = 0; index < children.length; index++) {
      const [key, value] = children[index];
      if (items.length >= maxItems) {
        capped = true;
        return;
      }
      const id = childPath(parentId, key);
      const count = isContainer(value) ? childCount(value) : undefined;
      const open = count !== undefined && count > 0 && isOpen(state, id);
      items.push({
        kind: "value",
        id,
        key,
        value,
        level,
        parent: parentId === "" ? undefined : parentId,
        count,
        open,
        posInSet: index + 1,
        setSize: total,
      });
      if (open) walk(value as object, id, level + 1);
      if (capped) return;
    }
    if (shown < total) items.push({ kind: "more", id: `${parentId}\u0000more`, parent: parentId, level, shown, total });
  };
  walk(root, "", 1);
  if (capped) items.push({ kind: "cap", id: "\u0000cap", level: 1 });
  return items;
}

/** What "Copy value" puts on the clipboard: a string as it is, anything else as JSON. */
export function copyableValue(value: unknown): string {
  if (typeof value === "string") return value;
  return JSON.stringify(value, null, 2) ?? String(value);
}

const PREVIEW_LENGTH = 80;
const PREVIEW_STRING = 24;

function previewScalar(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? "[]" : "[…]";
  if (isContainer(value)) return Object.keys(value).length === 0 ? "{}" : "{…}";
  if (typeof value === "string") {
    const cut = value.length > PREVIEW_STRING ? `${value.slice(0, PREVIEW_STRING)}…` : value;
    return JSON.stringify(cut);
  }
  return String(value);
}

/** One line for a closed container: `{type: "x", id: "…"}` or `[1, 2, 3, …]`, cut short. */
export function preview(value: object): string {
  const isArray = Array.isArray(value);
  const parts: string[] = [];
  let length = 2;
  let more = false;
  for (const [key, child] of childrenOf(value, 0, 8)) {
    const part = isArray ? previewScalar(child) : `${keyLabel(key)}: ${previewScalar(child)}`;
    if (length + part.length > PREVIEW_LENGTH) {
      more = true;
      break;
    }
    parts.push(part);
    length += part.length + 2;
  }
  if (parts.length < childCount(value)) more = true;
  const inner = parts.join(", ") + (more ? (parts.length > 0 ? ", …" : "…") : "");
  return isArray ? `[${inner}]` : `{${inner}}`;
}
