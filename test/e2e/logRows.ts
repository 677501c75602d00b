// Runs in vitest's e2e project, over the real DevTools panel. Finds log rows the way a person
// does: the panel's Filter narrows the log first, because the Messages grid is virtualized
// (panel/log/useVirtualRows.ts) and renders only the rows in view; a turn's answer pushes older
// rows out of it.
import type { Frame, Locator } from "playwright-core";

const force = { force: true } as const;

/** The Messages grid's rows containing every one of `texts` (no filtering; only rows in view). */
export function logRows(panel: Frame, ...texts: string[]): Locator {
  let found = panel.getByRole("grid", { name: "Messages" }).getByRole("row");
  for (const text of texts) found = found.filter({ hasText: text });
  return found;
}

/** The rows containing every one of `texts`, once the panel's Filter is set to the last of them. */
export async function logRowsWith(panel: Frame, ...texts: string[]): Promise<Locator> {
  await panel.getByRole("searchbox", { name: "Filter" }).fill(texts.at(-1)!, force);
  return logRows(panel, ...texts);
}
