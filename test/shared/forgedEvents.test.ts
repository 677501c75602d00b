// Unit tests (Node, vitest): events a page could forge, table by table, against the panel's one
// way in (src/shared/protocol/pageEvents.ts). Every case is also checked to pass when made
// valid again, so a case cannot be rejected for a reason other than the one it tests.
import { describe, expect, it } from "vitest";
import { PAGE_LIMITS, validatePageEvent, type PageToPanelKind } from "../../src/shared/protocol";
import { type FieldRule, nested, SAMPLES, withField } from "./pageEventSamples";

interface Case {
  name: string;
  event: unknown;
  /** The rejection's reason, exactly; absent for an event that must pass. */
  reason?: string;
  /** The reason must contain this, when it names a bound (its wording is the schema's). */
  reasonHas?: string;
}

const chars = (n: number) => "x".repeat(n);

/** Values over, under and at each rule's bound, with what the validator must say. */
function fieldCases(kind: string, base: unknown, path: string, rule: FieldRule): Case[] {
  const at = (value: unknown, label: string, reason?: string, reasonHas?: string): Case => ({
    name: `${kind} ${path} ${label}`,
    event: withField(base, path, value),
    reason: reason === undefined ? undefined : `${kind}: ${path}: ${reason}`,
    reasonHas,
  });
  const wrongType = (value: unknown, expected: string, got: string) =>
    at(value, `as ${got}`, `expected ${expected}, got ${got}`);
  switch (rule) {
    case "id":
      return [
        wrongType(42, "string", "number"),
        at("", "empty", "empty"),
        at(chars(PAGE_LIMITS.idChars + 1), "over idChars", `longer than ${PAGE_LIMITS.idChars} characters`),
        at(chars(PAGE_LIMITS.idChars), "at idChars"),
      ];
    case "short":
      return [
        wrongType(null, "string", "null"),
        at(
          chars(PAGE_LIMITS.shortTextChars + 1),
          "over shortTextChars",
          `longer than ${PAGE_LIMITS.shortTextChars} characters`,
        ),
        at(chars(PAGE_LIMITS.shortTextChars), "at shortTextChars"),
      ];
    case "text":
      return [
        wrongType({}, "string", "object"),
        at(chars(PAGE_LIMITS.textChars + 1), "over textChars", `longer than ${PAGE_LIMITS.textChars} characters`),
        at(chars(PAGE_LIMITS.textChars), "at textChars"),
      ];
    case "time":
      return [
        wrongType("1", "number", "string"),
        at(Number.NaN, "NaN", "expected number, got NaN"),
        at(Number.POSITIVE_INFINITY, "Infinity", "not a finite number"),
      ];
    case "count":
      return [
        wrongType("3", "number", "string"),
        at(-1, "negative", "negative"),
        at(1.5, "fractional", "not a safe integer"),
        at(2 ** 53, "past safe integers", "not a safe integer"),
        at(0, "zero"),
      ];
    case "boolean":
      return [wrongType("true", "boolean", "string"), wrongType(1, "boolean", "number")];
    case "object":
      return (
        [
          wrongType(null, "Object", "null"),
          wrongType("{}", "Object", "string"),
          at({ ...(JSON.parse(JSON.stringify(pick(base, path))) as object), extra: 1 }, "with an extra key"),
          at(
            JSON.parse(`{"__proto__":{"frameId":99},${JSON.stringify(pick(base, path)).slice(1)}`),
            "with an own __proto__",
          ),
        ]
          // An RTVI message is loose (src/shared/protocol/rtviMessage.ts): its extra keys are shown, not rejected.
          .map((c) =>
            c.name.endsWith("extra key")
              ? { ...c, reason: path === "msg" ? undefined : `${kind}: ${path}.extra: unexpected key` }
              : c,
          )
          .map((c) =>
            c.name.endsWith("__proto__")
              ? {
                  ...c,
                  reason:
                    path === "msg"
                      ? `${kind}: msg: unexpected key __proto__`
                      : `${kind}: ${path}.__proto__: unexpected key`,
                }
              : c,
          )
      );
    case "json":
      return [
        at(nested(PAGE_LIMITS.depth), "nested at the depth limit"),
        at(nested(PAGE_LIMITS.depth + 1), "nested one level too deep", undefined, `nested deeper than`),
        at(nested(10_000), "nested 10 000 levels", undefined, `nested deeper than`),
        at({ text: chars(PAGE_LIMITS.messageChars) }, "over messageChars", undefined, "characters"),
        at(new Array(PAGE_LIMITS.messageChars * 2).fill(0), "an array past messageChars", undefined, "characters"),
        at({ n: Number.NaN }, "holding NaN", undefined, "not a finite number"),
        at({ big: 10n }, "holding a BigInt", undefined, "bigint is not JSON"),
      ];
  }
}

function pick(event: unknown, path: string): unknown {
  return path.split(".").reduce((value, key) => (value as Record<string, unknown>)[key], event);
}

function casesFor(kind: PageToPanelKind): Case[] {
  const { event, required, optional } = SAMPLES[kind];
  const cases: Case[] = [
    { name: `${kind} as the hook sends it`, event },
    { name: `${kind} with an extra key`, event: { ...event, frameId: 99 }, reason: `${kind}: frameId: unexpected key` },
    {
      name: `${kind} with an own __proto__ key`,
      event: JSON.parse(`{"__proto__":{"isAdmin":true},${JSON.stringify(event).slice(1)}`),
      reason: `${kind}: __proto__: unexpected key`,
    },
  ];
  for (const path of Object.keys(required)) {
    cases.push({
      name: `${kind} without ${path}`,
      event: withField(event, path, undefined),
      reason: `${kind}: ${path}: missing`,
    });
  }
  for (const path of Object.keys(optional)) {
    cases.push({ name: `${kind} without optional ${path}`, event: withField(event, path, undefined) });
  }
  for (const [path, rule] of Object.entries({ ...required, ...optional }))
    cases.push(...fieldCases(kind, event, path, rule));
  return cases;
}

describe.each(Object.keys(SAMPLES) as PageToPanelKind[])("forged %s events", (kind) => {
  it.each(casesFor(kind).map((c) => [c.name, c] as const))("%s", (_name, { event, reason, reasonHas }) => {
    const check = validatePageEvent(event);
    if (reason === undefined && reasonHas === undefined) {
      expect(check).toEqual({ ok: true, event });
      return;
    }
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.rejection.kind).toBe(kind);
    if (reason !== undefined) expect(check.rejection.reason).toBe(reason);
    if (reasonHas !== undefined) expect(check.rejection.reason).toContain(reasonHas);
    // A reason is read in a list: the huge values above never make it long.
    expect(check.rejection.reason.length).toBeLessThan(200);
  });
});
