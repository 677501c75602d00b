// Runs in the panel. What the composer and the row actions say about a command they sent, and
// how it is announced.
export type Feedback = { tone: "pending" | "ok" | "error"; text: string } | undefined;

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Errors are alerts; the rest is announced politely without role="status": the panel's status
 * bar is its one status, which automation and screen readers find by that role.
 */
export function liveRegion(tone: "pending" | "ok" | "error") {
  return tone === "error" ? ({ role: "alert" } as const) : ({ "aria-live": "polite" } as const);
}
