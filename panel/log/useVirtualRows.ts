// Binds @tanstack/virtual-core to a Preact component: only the rows in view (plus a few)
// are rendered, whatever the length of the log. Rows have one fixed height, so nothing is
// measured. Following new rows is LogGrid's (virtual-core's followOnAppend loses its place
// while the panel is hidden and cannot scroll).
import { useLayoutEffect, useReducer, useState } from "preact/hooks";
import { Virtualizer, elementScroll, observeElementOffset, observeElementRect, type Rect } from "@tanstack/virtual-core";

export const ROW_HEIGHT = 20;

// A panel that is hidden (another DevTools tab in front, a window not yet shown) or not laid
// out (happy-dom) measures 0×0: it still renders a screenful, so what it will show is there.
const UNMEASURED: Rect = { width: 800, height: 600 };

const observeRect: typeof observeElementRect = (instance, onRect) =>
  observeElementRect(instance, (rect) => onRect(rect.height > 0 ? rect : UNMEASURED));

export function useVirtualRows(count: number, getScrollElement: () => HTMLElement | null) {
  const [, rerender] = useReducer((tick: number) => tick + 1, 0);
  const [virtualizer] = useState(
    () =>
      new Virtualizer<HTMLElement, HTMLElement>({
        count,
        getScrollElement,
        estimateSize: () => ROW_HEIGHT,
        scrollToFn: elementScroll,
        observeElementRect: observeRect,
        observeElementOffset,
        overscan: 12,
        initialRect: UNMEASURED,
        onChange: () => rerender(undefined),
      }),
  );
  virtualizer.setOptions({ ...virtualizer.options, count, getScrollElement });
  useLayoutEffect(() => virtualizer._didMount(), []);
  useLayoutEffect(() => virtualizer._willUpdate());
  return virtualizer;
}
