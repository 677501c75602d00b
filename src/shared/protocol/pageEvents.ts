// Runs in the panel (and wherever page events are read back, as a session file): the one way
// page events get in. Each event is checked against its kind's schema (./pageToPanel.ts); a
// rejected one comes back with a short reason (the first failing path and what was wrong), and
// never costs the rest of its batch.
import * as v from "valibot";
import { pageEventSchemas, type PageToPanel } from "./pageToPanel";

/** An event the panel did not take: its kind when it named a known one, and why. */
export interface PageEventRejection {
  kind?: string;
  reason: string;
}

export type PageEventCheck = { ok: true; event: PageToPanel } | { ok: false; rejection: PageEventRejection };

/** The way in stops at the first issue; a rejected event is checked again in full for its reason (reasonFor). */
const CONFIG = { abortEarly: true, abortPipeEarly: true } as const;

/** Kinds by own key only: a forged kind such as "constructor" or "__proto__" finds nothing. */
const schemaFor = new Map<string, (typeof pageEventSchemas)[keyof typeof pageEventSchemas]>(
  Object.entries(pageEventSchemas),
);

/** Page text in a reason is cut to this: a reason is read in a list, and a forged value may be megabytes. */
const QUOTE_CHARS = 40;

function quote(text: string): string {
  const cut = text.length > QUOTE_CHARS ? `${text.slice(0, QUOTE_CHARS)}…` : text;
  return JSON.stringify(cut);
}

function describeIssue(issue: v.BaseIssue<unknown>): string {
  const path = (issue.path ?? []).map((item) => String((item as { key?: unknown }).key)).join(".");
  let what: string;
  const lastItem = issue.path?.[issue.path.length - 1] as { origin?: string } | undefined;
  if (lastItem?.origin === "key" && isUnexpected(issue)) what = "unexpected key";
  else if (isUnexpected(issue)) what = "unexpected item";
  else if (lastItem?.origin === "key") what = "missing";
  else if (issue.kind === "validation" || issue.type === "raw_check") what = issue.message;
  else
    what = `expected ${issue.expected}, got ${issue.type === "literal" || issue.type === "picklist" ? quoteReceived(issue.input) : typeName(issue.input)}`;
  return path ? `${path}: ${what}` : what;
}

function quoteReceived(input: unknown): string {
  return typeof input === "string" ? quote(input) : typeName(input);
}

function typeName(input: unknown): string {
  if (input === null) return "null";
  if (Array.isArray(input)) return "array";
  if (typeof input === "number" && !Number.isFinite(input)) return String(input);
  return typeof input;
}

/**
 * A key the hook never sends says most about a forged event (a patch `{connections: null}` is
 * missing its state too, but its extra key is the point): only for a rejected event, so the
 * second, complete pass costs nothing on the way in.
 */
function reasonFor(
  schema: (typeof pageEventSchemas)[keyof typeof pageEventSchemas],
  value: unknown,
): v.BaseIssue<unknown> {
  const issues = v.safeParse(schema, value).issues!;
  return issues.find(isUnexpected) ?? issues[0];
}

function isUnexpected(issue: v.BaseIssue<unknown>): boolean {
  return issue.expected === "never";
}

/** Checks one event the page claims to have sent; the event returned holds only declared keys. */
export function validatePageEvent(value: unknown): PageEventCheck {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, rejection: { reason: `not an event: ${typeName(value)}` } };
  }
  const kind = (value as { kind?: unknown }).kind;
  const schema = typeof kind === "string" ? schemaFor.get(kind) : undefined;
  if (!schema) {
    const named =
      typeof kind === "string" ? `unknown kind ${quote(kind)}` : `kind: expected string, got ${typeName(kind)}`;
    return { ok: false, rejection: { reason: named } };
  }
  const result = v.safeParse(schema, value, CONFIG);
  if (result.success) return { ok: true, event: result.output as PageToPanel };
  return {
    ok: false,
    rejection: { kind: kind as string, reason: `${kind}: ${describeIssue(reasonFor(schema, value))}` },
  };
}

/** Shape check for one event the page claims to have sent; the panel still renders it as text. */
export function isPageToPanel(value: unknown): value is PageToPanel {
  return validatePageEvent(value).ok;
}

/**
 * Parses a batch the page sent as one JSON string (a JSON array of events): keeps the valid
 * events, in order, and says why each other one was left out. Never throws.
 */
export function parsePageBatch(json: string): { events: PageToPanel[]; rejections: PageEventRejection[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    return {
      events: [],
      rejections: [{ reason: `batch: not JSON (${(error as Error).message.slice(0, QUOTE_CHARS * 2)})` }],
    };
  }
  if (!Array.isArray(parsed))
    return { events: [], rejections: [{ reason: `batch: expected array, got ${typeName(parsed)}` }] };
  const events: PageToPanel[] = [];
  const rejections: PageEventRejection[] = [];
  for (let i = 0; i < parsed.length; i++) {
    const check = validatePageEvent(parsed[i]);
    if (check.ok) events.push(check.event);
    else rejections.push(check.rejection);
  }
  return { events, rejections };
}
