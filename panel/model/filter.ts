// Runs in the panel. Which rows of the log the user wants to see: by direction, by type (the
// chips), by free text or /regex/ across type and payload, with the noisy types hidden until
// asked for; and, with no text to match, a response's tokens and a segment's updates folded
// into one row each (panel/log/rowGroups.ts), which the user may unfold.
// The filtered view is kept incrementally: new rows are tested and placed as they arrive, and
// only a change of the filter itself scans the whole log (at most 50 ms at 100 000 rows: the
// bench's panel rows, bench/README.md). A text filter shows every row it matches on its own:
// a search shows its hits, not the folds they sit in.
import type { LogEntry } from "./store";
import { RowGrouper, type RowGroup } from "./rowGroups";

export interface FilterSpec {
  text: string;
  showIn: boolean;
  showOut: boolean;
  /** Types the user switched off with their chips. */
  hiddenTypes: ReadonlySet<string>;
  /** Audio levels and system logs: hidden by default. */
  showNoisy: boolean;
}

export const DEFAULT_FILTER: FilterSpec = {
  text: "",
  showIn: true,
  showOut: true,
  hiddenTypes: new Set(),
  showNoisy: false,
};

export type TextMatcher = { test: (text: string) => boolean } | undefined;

/**
 * `/pattern/flags` is a regular expression; anything else is literal text, matched without
 * regard to case. A regex that does not compile is reported, not thrown.
 */
export function parseFilterText(text: string): { matcher: TextMatcher; error?: string } {
  const trimmed = text.trim();
  if (trimmed === "") return { matcher: undefined };
  const regex = /^\/(.+)\/([a-z]*)$/.exec(trimmed);
  if (regex) {
    try {
      // `g` and `y` would make test() stateful across rows.
      return { matcher: new RegExp(regex[1], regex[2].replace(/[gy]/g, "")) };
    } catch (error) {
      return { matcher: { test: () => false }, error: (error as Error).message };
    }
  }
  // A case-insensitive RegExp is faster than lower-casing 100 MB of JSON on every change.
  return { matcher: new RegExp(trimmed.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i") };
}

/** One row of the view as shown: a row on its own, a folded group, or a member of an unfolded one. */
export type LogItem =
  | { kind: "row"; position: number }
  | { kind: "group"; group: RowGroup; expanded: boolean }
  | { kind: "member"; group: RowGroup; position: number };

/**
 * The log as filtered, kept up to date as rows arrive. Its items are named by a key: a row's
 * seq, or for a group the negation of its first row's seq (seqs start at 1).
 */
export class FilteredLog {
  /**
   * The view with every group folded: a row's position in `rows` (≥ 0), or a group's key (< 0).
   * Only ever appended to, or a slot turned into its group when a second member comes.
   */
  indices: number[] = [];
  /** Messages (not markers) among the rows shown, folded or not. */
  shownMessages = 0;
  /** Noisy messages the filter hides by default (counted so the panel can say so). */
  hiddenNoisy = 0;
  error: string | undefined;

  private rows: LogEntry[] = [];
  private scanned = 0;
  private spec: FilterSpec = DEFAULT_FILTER;
  private matcher: TextMatcher;
  private grouper: RowGrouper | undefined = new RowGrouper();
  /** Groups of two members or more, by key. */
  private readonly groups = new Map<number, RowGroup>();
  /** The group each grouped row joined (looked up only for a selected row). */
  private memberOf = new WeakMap<LogEntry, RowGroup>();
  /** Keys of the groups the user unfolded: kept across a change of filter. */
  private readonly expandedKeys = new Set<number>();
  /** The unfolded groups shown, by slot: few, so the view's arithmetic walks them. */
  private expanded: RowGroup[] = [];

  setSpec(spec: FilterSpec): void {
    if (spec === this.spec) return;
    this.spec = spec;
    const parsed = parseFilterText(spec.text);
    this.matcher = parsed.matcher;
    this.error = parsed.error;
    this.reset();
  }

  /** Tests the rows that arrived since the last call (or all, after a clear or a filter change). */
  sync(rows: LogEntry[], length: number): void {
    if (rows !== this.rows || length < this.scanned) {
      this.rows = rows;
      this.reset();
    }
    const { showIn, showOut, hiddenTypes, showNoisy } = this.spec;
    const matcher = this.matcher;
    const grouper = this.grouper;
    const indices = this.indices;
    for (let index = this.scanned; index < length; index++) {
      const row = rows[index];
      if (row.kind === "marker") {
        grouper?.take(row, true);
        indices.push(index);
        continue;
      }
      let shown = (row.dir === "in" ? showIn : showOut) && !hiddenTypes.has(row.type);
      if (shown && !showNoisy && row.category === "noise") {
        this.hiddenNoisy++;
        shown = false;
      }
      if (shown && matcher && !matcher.test(row.json)) shown = false;
      const group = grouper?.take(row, shown);
      if (!shown) continue;
      this.shownMessages++;
      if (group) this.join(group, row, index);
      else indices.push(index);
    }
    this.scanned = length;
  }

  /** How many rows the view shows, unfolded members included. */
  get length(): number {
    let length = this.indices.length;
    for (const group of this.expanded) length += group.members.length;
    return length;
  }

  /** The row shown at `index` in the view. */
  at(index: number): LogItem {
    let offset = 0;
    for (const group of this.expanded) {
      const at = group.slot + offset;
      if (index <= at) break;
      if (index <= at + group.members.length) return { kind: "member", group, position: group.members[index - at - 1] };
      offset += group.members.length;
    }
    const slot = this.indices[index - offset];
    if (slot >= 0) return { kind: "row", position: slot };
    return { kind: "group", group: this.groups.get(slot)!, expanded: this.expandedKeys.has(slot) };
  }

  entry(position: number): LogEntry {
    return this.rows[position];
  }

  keyOf(item: LogItem): number {
    return item.kind === "group" ? groupKey(item.group) : this.rows[item.position].seq;
  }

  /**
   * Where the item named `key` is shown, or -1. A row folded into a group is shown by its group.
   */
  indexOf(key: number): number {
    if (key < 0) {
      const group = this.groups.get(key);
      return group ? this.viewIndex(group.slot) : -1;
    }
    const position = this.positionOfSeq(key);
    if (position < 0) return -1;
    const group = this.memberOf.get(this.rows[position]);
    if (group && this.groups.has(groupKey(group))) {
      const at = this.viewIndex(group.slot);
      if (!this.expandedKeys.has(groupKey(group))) return at;
      return at + 1 + binarySearch(group.members, position, (member) => member);
    }
    const slot = binarySearch(this.indices, key, (value) => (value >= 0 ? this.rows[value].seq : -value));
    return slot < 0 ? -1 : this.viewIndex(slot);
  }

  /** The folded group that hides the row with `seq`, if one does. */
  foldedGroupOf(seq: number): RowGroup | undefined {
    const position = this.positionOfSeq(seq);
    const group = position < 0 ? undefined : this.memberOf.get(this.rows[position]);
    return group && this.groups.has(groupKey(group)) && !this.expandedKeys.has(groupKey(group)) ? group : undefined;
  }

  setExpanded(group: RowGroup, expanded: boolean): void {
    const key = groupKey(group);
    if (expanded === this.expandedKeys.has(key)) return;
    if (expanded) {
      this.expandedKeys.add(key);
      this.showExpanded(group);
    } else {
      this.expandedKeys.delete(key);
      this.expanded = this.expanded.filter((shown) => shown !== group);
    }
  }

  private join(group: RowGroup, row: LogEntry, position: number): void {
    this.memberOf.set(row, group);
    const members = group.members;
    members.push(position);
    if (members.length === 1) {
      // One row alone reads as itself: the group shows once a second one comes.
      group.slot = this.indices.length;
      this.indices.push(position);
    } else if (members.length === 2) {
      const key = groupKey(group);
      this.indices[group.slot] = key;
      this.groups.set(key, group);
      if (this.expandedKeys.has(key)) this.showExpanded(group);
    }
  }

  private showExpanded(group: RowGroup): void {
    if (!this.groups.has(groupKey(group))) return;
    let at = this.expanded.length;
    while (at > 0 && this.expanded[at - 1].slot > group.slot) at--;
    this.expanded.splice(at, 0, group);
  }

  /** The view's index of a slot: the slot plus the unfolded members shown above it. */
  private viewIndex(slot: number): number {
    let index = slot;
    for (const group of this.expanded) {
      if (group.slot >= slot) break;
      index += group.members.length;
    }
    return index;
  }

  private positionOfSeq(seq: number): number {
    return binarySearch(this.rows, seq, (row) => row.seq, this.scanned);
  }

  private reset(): void {
    this.indices = [];
    this.shownMessages = 0;
    this.hiddenNoisy = 0;
    this.scanned = 0;
    // A search shows each row it matches on its own (see the top of this file).
    this.grouper = this.matcher ? undefined : new RowGrouper();
    this.groups.clear();
    this.memberOf = new WeakMap();
    this.expanded = [];
  }
}

/** The key that names a group in the view: its first row's seq, negated. */
export function groupKey(group: RowGroup): number {
  return -group.headSeq;
}

/** Where `target` is in `items` (ascending by `keyOf`), or -1. */
function binarySearch<T>(items: T[], target: number, keyOf: (item: T) => number, length = items.length): number {
  let low = 0;
  let high = length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const value = keyOf(items[middle]);
    if (value === target) return middle;
    if (value < target) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}
