// Runs in the panel. What the log and the detail say about a message a rule acted on or made
// (its RuleMark, src/shared/protocol/ruleMarks.ts, and a paused message's end): a short badge,
// and a sentence naming the rule. Rule names come from the rules in force (./ruleNames.ts), held
// in a context so every row can name its rule without the rules passing through the log.
import { createContext } from "preact";
import type { PauseOutcome } from "../../src/shared/protocol";
import type { MessageRow } from "../model/rowLog";

/** Rule names by id, for the rules of the inspected origin. */
export const RuleNamesContext = createContext<ReadonlyMap<string, string>>(new Map());

const PAUSE_ENDS: Record<PauseOutcome, { badge: string; words: string }> = {
  continued: { badge: "continued", words: "then continued as it was" },
  edited: { badge: "edited", words: "then continued as edited" },
  dropped: { badge: "dropped", words: "then dropped" },
  "timed-out": { badge: "released", words: "then went on as it was when its timeout passed" },
  "panel-closed": { badge: "released", words: "then went on as it was when the panel closed" },
};

export function ruleMarkText(
  row: Pick<MessageRow, "rule" | "pause" | "dir">,
  names: ReadonlyMap<string, string>,
): { badge: string; sentence: string } | undefined {
  const mark = row.rule;
  if (!mark) return undefined;
  const rule = `rule “${names.get(mark.ruleId) ?? mark.ruleId}”`;
  switch (mark.effect) {
    case "paused": {
      const end = row.pause && PAUSE_ENDS[row.pause.outcome];
      return end
        ? { badge: end.badge, sentence: `Paused by ${rule}, ${end.words}.` }
        : { badge: "paused", sentence: `Paused by ${rule}: it waits for Continue or Drop.` };
    }
    case "dropped":
      return {
        badge: "dropped",
        sentence: `Dropped by ${rule}: ${row.dir === "out" ? "the bot" : "the client"} never got it.`,
      };
    case "delayed":
      return { badge: `delayed ${mark.delayMs ?? 0} ms`, sentence: `Held ${mark.delayMs ?? 0} ms by ${rule}.` };
    case "answered":
      return { badge: "answered by rule", sentence: `Answered by ${rule}: it was never sent to the bot.` };
    case "matched":
      return { badge: "rule matched", sentence: `Went on as it was; ${rule} delivered a message after it.` };
    case "mocked":
      return { badge: "mocked", sentence: `Made by ${rule}, not by the bot: the reply the rule gives.` };
    case "injected":
      return { badge: "injected", sentence: `Made by ${rule}, not by the bot: delivered after a match.` };
  }
}
