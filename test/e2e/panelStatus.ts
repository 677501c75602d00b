// The panel's status bar, read as automation reads it (the panel's contract: the one role
// "status", saying "N messages" and, when there are any, "N dropped" and "N rejected").
import type { Frame } from "playwright-core";

export interface PanelStatus {
  text: string;
  messages: number;
  dropped: number;
  /** Events from the page the panel's validators refused. */
  rejected: number;
}

export async function panelStatus(panel: Frame): Promise<PanelStatus> {
  const text = (await panel.getByRole("status").textContent()) ?? "";
  const number = (label: string) => Number(new RegExp(`(\\d+) ${label}`).exec(text)?.[1] ?? 0);
  return { text, messages: number("messages"), dropped: number("dropped"), rejected: number("rejected") };
}
