// Rule names (what the Rules view's checkboxes are named by) and hit counts (derived from the
// log's marked rows).
import { describe, expect, it } from "vitest";
import type { Rule } from "../../src/shared/protocol";
import { countRuleHits, ruleHitsIn, type MarkedRow } from "../../panel/rules/ruleHits";
import { hitsText, ruleBaseName, ruleNames } from "../../panel/rules/ruleNames";

const rule = (id: string, match: Rule["match"], action: Rule["action"] = "break"): Rule => ({
  id,
  enabled: true,
  match,
  action,
});

describe("rule names", () => {
  it("reads what the rule matches and does", () => {
    expect(
      ruleBaseName(rule("1", { direction: "out", type: "client-message", requestType: "get-weather" }, "respond")),
    ).toBe("Respond to outbound client-message get-weather");
    expect(ruleBaseName(rule("2", { direction: "in", type: "server-message" }))).toBe("Break inbound server-message");
    expect(ruleBaseName(rule("3", { direction: "in", data: "/rain/i", clientId: "c-2" }, "drop"))).toBe(
      "Drop inbound messages matching /rain/i from client c-2",
    );
    expect(ruleBaseName(rule("4", { direction: "out", type: "client-message" }, "respond-error"))).toBe(
      "Respond with error to outbound client-message",
    );
    expect(ruleBaseName(rule("5", { direction: "in", type: "bot-ready" }, "inject-after"))).toBe(
      "Inject after inbound bot-ready",
    );
    expect(ruleBaseName(rule("6", { direction: "out", type: "send-text" }, "delay"))).toBe("Delay outbound send-text");
  });

  it("numbers alike rules, in list order, and never repeats a name", () => {
    const alike = { direction: "in", type: "server-message" } as const;
    const rules = [
      rule("a", alike),
      rule("b", alike),
      // Its own name reads like the second one's would.
      rule("c", { direction: "in", type: "server-message (2)" }),
      rule("d", alike),
    ];
    const names = ruleNames(rules);
    expect([...names.values()]).toEqual([
      "Break inbound server-message",
      "Break inbound server-message (3)",
      "Break inbound server-message (2)",
      "Break inbound server-message (4)",
    ]);
    expect(new Set(names.values()).size).toBe(rules.length);
  });
});

describe("hit counts", () => {
  it("counts the rows each rule marked", () => {
    const rows: MarkedRow[] = [
      { rule: { ruleId: "a", effect: "paused" } },
      {},
      { rule: { ruleId: "b", effect: "answered" } },
      // The reply a Respond rule made is not a hit of its own: its request was.
      { rule: { ruleId: "b", effect: "mocked" } },
      { rule: { ruleId: "a", effect: "dropped" } },
    ];
    expect(countRuleHits(rows)).toEqual(
      new Map([
        ["a", 2],
        ["b", 1],
      ]),
    );
    const hits = ruleHitsIn(rows);
    expect([hits("a"), hits("b"), hits("c")]).toEqual([2, 1, 0]);
    expect([hitsText(0), hitsText(1), hitsText(3)]).toEqual(["0 hits", "1 hit", "3 hits"]);
  });

  it("walks the rows once, at the first question", () => {
    let walks = 0;
    const rows = {
      *[Symbol.iterator]() {
        walks++;
        yield { rule: { ruleId: "a", effect: "paused" as const } };
      },
    };
    const hits = ruleHitsIn(rows);
    expect(walks).toBe(0);
    hits("a");
    hits("b");
    expect(walks).toBe(1);
  });
});
