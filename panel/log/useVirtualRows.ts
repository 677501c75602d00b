// The rows of a list in view, for a list whose rows all have one height: which ones follows
// from the scroll offset by arithmetic, so a change of length costs nothing whatever the
// length. (@tanstack/virtual-core, used before, rebuilt a measurement object per row on every
// change of length: ~30 ms at 100 000 rows, more than half of a filter change's budget.)
import { useLayoutEffect, useState } from "preact/hooks";

export const ROW_HEIGHT = 20;
/**
 * Rows rendered beyond each edge of the view, so a scroll shows rows already there: a wheel
 * notch moves about five. Every row more costs layout on each jump (12 rows a side made a
 * jump 25 % slower).
 */
const OVERSCAN = 6;
/**
 * A panel that is hidden (another DevTools tab in front, a window not yet shown) or not laid
 * out (happy-dom) measures 0: it still renders a screenful, so what it will show is there.
 */
const UNMEASURED_HEIGHT = 600;

export interface VirtualRow {
  index: number;
  /** Offset of the row's top in the list, px. */
  start: number;
}

export interface VirtualRows {
  totalSize: number;
  rows: VirtualRow[];
  /** Scrolls just enough to show row `index` (nothing when it is in view). */
  scrollIntoView(index: number): void;
}

/**
 * `atEnd`: the list is kept scrolled to its end (its owner scrolls it there after render), so
 * the last rows are the ones rendered, not those at the offset the list had before it grew or
 * shrank (which would render a screenful that the scroll then replaces).
 */
export function useVirtualRows(count: number, getScrollElement: () => HTMLElement | null, atEnd = false): VirtualRows {
  const [view, setView] = useState({ top: 0, height: UNMEASURED_HEIGHT });
  useLayoutEffect(() => {
    const element = getScrollElement();
    if (!element) return;
    const update = () => {
      const height = element.clientHeight > 0 ? element.clientHeight : UNMEASURED_HEIGHT;
      setView((last) =>
        last.top === element.scrollTop && last.height === height ? last : { top: element.scrollTop, height },
      );
    };
    element.addEventListener("scroll", update, { passive: true });
    const resized = typeof ResizeObserver === "function" ? new ResizeObserver(update) : undefined;
    resized?.observe(element);
    update();
    return () => {
      element.removeEventListener("scroll", update);
      resized?.disconnect();
    };
  }, [getScrollElement]);

  const top = atEnd ? Math.max(0, count * ROW_HEIGHT - view.height) : view.top;
  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  const end = Math.min(count, Math.ceil((top + view.height) / ROW_HEIGHT) + OVERSCAN);
  const rows: VirtualRow[] = [];
  for (let index = first; index < end; index++) rows.push({ index, start: index * ROW_HEIGHT });
  return {
    totalSize: count * ROW_HEIGHT,
    rows,
    scrollIntoView(index) {
      const element = getScrollElement();
      if (!element) return;
      const top = index * ROW_HEIGHT;
      if (top < element.scrollTop) element.scrollTop = top;
      else if (top + ROW_HEIGHT > element.scrollTop + element.clientHeight)
        element.scrollTop = top + ROW_HEIGHT - element.clientHeight;
    },
  };
}
