// Runs in the panel. What the Paused messages region (./PausedMessages.tsx) shows and how its
// buttons answer: the messages a Break rule holds in the page, known from the log (the hook
// marks them, and says when each wait ends: panel/model/store.ts), and the settle-paused
// command sent to the frame whose hook holds each one.
import { DEFAULT_BREAK_TIMEOUT_MS, type RtviMessage, type Rule } from "../../src/shared/protocol";
import type { PanelConnection } from "../connectionContext";
import type { SessionStore } from "../model/store";
import type { PausedMessagesProps } from "./PausedMessages";
import type { PausedEntry } from "./pausedEntry";
import { ruleNames } from "./ruleNames";

export function pausedMessagesFeed(
  store: Pick<SessionStore, "pausedRows">,
  connection: Pick<PanelConnection, "sendCommand">,
  rules: readonly Rule[],
): PausedMessagesProps {
  const names = ruleNames(rules);
  const entries = store.pausedRows().map((row): PausedEntry => {
    const ruleId = row.rule?.ruleId ?? "";
    const rule = rules.find((candidate) => candidate.id === ruleId);
    return {
      messageId: row.messageId,
      frameId: row.frameId,
      clientKey: row.clientKey,
      dir: row.dir,
      msg: JSON.parse(row.json) as RtviMessage,
      ruleName: names.get(ruleId) ?? "a rule since deleted",
      releaseAt: row.t + (rule?.timeoutMs ?? DEFAULT_BREAK_TIMEOUT_MS),
    };
  });
  const settle = async (entry: PausedEntry, outcome: "continue" | "drop", msg?: RtviMessage) => {
    await connection.sendCommand(entry.frameId, { kind: "settle-paused", messageId: entry.messageId, outcome, msg });
  };
  return {
    entries,
    onContinue: (entry, msg) => settle(entry, "continue", msg),
    onDrop: (entry) => settle(entry, "drop"),
  };
}
