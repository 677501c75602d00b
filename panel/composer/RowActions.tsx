// Runs in the panel. Actions on the selected log row: replay an outbound message as it was, or
// put it in the composer to edit and resend; answer a pending request as the bot would
// ("Respond…"); and rules made from the row (panel/rules/): "Break on this type", saved and on at
// once, and "Mock a reply…", the Rules view's form filled to answer requests like this one.
// A replay goes through the panel's connection to the row's own frame.
import { useState } from "preact/hooks";
import { rowMessage, type ClientView, type MessageRow, type SessionStore } from "../model/store";
import { fillAnswer } from "./answer";
import { useDraftState } from "./draft";
import { liveRegion } from "./feedback";
import { readinessIn } from "./storeReadiness";
import { formatData } from "./templates";
import { useStoreChanges } from "../useStore";
import { useCommandFeedback } from "./useCommandFeedback";
import { buildRule } from "../rules/ruleDraft";
import { ruleNames } from "../rules/ruleNames";
import { newRuleId, type RulesState } from "../rules/rulesState";
import { breakDraftFor, isAwaitedRequest, mockDraftFor, sameMatch } from "../rules/rowRules";

export interface RowActionsProps {
  store: SessionStore;
  row: MessageRow;
  client: ClientView | undefined;
  /** The panel's rules: without them the rule actions are not offered. */
  rules?: RulesState;
  /** Shows the Rules view (its form was just filled). */
  onOpenRules?: () => void;
}

export function RowActions({ store, row, client, rules, onOpenRules }: RowActionsProps) {
  // Readiness and the request's state change with the store, not with this row's props.
  useStoreChanges(store);
  const drafts = useDraftState();
  const { feedback, setFeedback, send } = useCommandFeedback();
  const [forRow, setForRow] = useState(row.seq);
  if (forRow !== row.seq) {
    // Another row was selected: what was said about the previous one no longer applies.
    setForRow(row.seq);
    setFeedback(undefined);
  }
  // The row's own client, whatever client is selected: a replay names the row's frame and message.
  const rowClient = store.clients.get(row.clientKey) ?? (client?.key === row.clientKey ? client : undefined);
  const { send: sendBlocked, inject: injectBlocked } = readinessIn(store, rowClient);
  const pending = store.requestState(row)?.state === "pending";

  const replay = () =>
    send(
      row.frameId,
      { kind: "replay", clientId: row.clientId, messageId: row.messageId },
      { pending: "Replaying…", ok: `Replayed ${row.type} (with a new id).`, failed: "Replay failed" },
    );

  const message = () => {
    try {
      return rowMessage(row);
    } catch {
      return undefined;
    }
  };

  const editAndResend = () => {
    const msg = message();
    if (!msg) return setFeedback({ tone: "error", text: "This row's message cannot be read back." });
    drafts.fill("raw-out", { type: msg.type, data: formatData(msg.data ?? {}) });
    setFeedback({
      tone: "ok",
      text: row.truncated
        ? "In the composer (Raw outbound). This message was cut to the size cap: what you edit is the cut version."
        : "In the composer (Raw outbound): edit it, then Send raw message.",
    });
  };

  const editAndInject = () => {
    const msg = message();
    if (!msg) return setFeedback({ tone: "error", text: "This row's message cannot be read back." });
    drafts.fill("raw-in", {
      type: msg.type,
      id: msg.id ?? "",
      data: msg.data === undefined ? "" : formatData(msg.data),
    });
    setFeedback({ tone: "ok", text: "In the composer (Raw inbound): edit it, then Inject message." });
  };

  const respond = () => {
    fillAnswer(drafts, row);
    setFeedback({
      tone: "ok",
      text: `In the composer (Raw inbound), answering ${row.rtviId}: edit it, then Inject message.`,
    });
  };

  const breakOnType = () => {
    if (!rules) return;
    const built = buildRule(breakDraftFor(row), newRuleId(), true);
    if ("errors" in built) {
      setFeedback({ tone: "error", text: `No rule made: ${Object.values(built.errors)[0]}` });
      return;
    }
    // The same break already saved is turned on rather than repeated.
    const same = rules.rules.peek().find((rule) => rule.action === "break" && sameMatch(rule.match, built.rule.match));
    const rule = same ? { ...same, enabled: true } : built.rule;
    const refused = rules.save(rule);
    if (refused) return setFeedback({ tone: "error", text: `No rule made: ${refused}` });
    const name = ruleNames(rules.rules.peek()).get(rule.id);
    setFeedback({
      tone: "ok",
      text: same ? `Rule “${name}” is on.` : `Rule “${name}” added: each such message now waits under Paused messages.`,
    });
  };

  const mockReply = () => {
    rules?.openForm(mockDraftFor(store, row));
    onOpenRules?.();
  };

  const outbound = row.dir === "out";
  const reason = outbound ? (sendBlocked ?? (pending ? injectBlocked : undefined)) : injectBlocked;
  const reasonId = `row-actions-reason-${row.seq}`;
  const describedBy = (blocked: string | undefined) => (blocked ? reasonId : undefined);
  const usable = injectBlocked === undefined || sendBlocked === undefined;

  return (
    // biome-ignore lint/a11y/useSemanticElements: a row of buttons, not a form's fieldset (which draws a frame and takes a legend).
    <div class="row-actions" role="group" aria-label="Message actions">
      {outbound && (
        <>
          <button
            type="button"
            disabled={sendBlocked !== undefined}
            aria-describedby={describedBy(sendBlocked)}
            onClick={() => void replay()}
          >
            Replay
          </button>
          <button
            type="button"
            disabled={!usable}
            aria-describedby={describedBy(usable ? undefined : sendBlocked)}
            onClick={editAndResend}
          >
            Edit and resend
          </button>
        </>
      )}
      {pending && (
        <button
          type="button"
          disabled={injectBlocked !== undefined}
          aria-describedby={describedBy(injectBlocked)}
          onClick={respond}
        >
          Respond…
        </button>
      )}
      {!outbound && (
        <button
          type="button"
          disabled={injectBlocked !== undefined}
          aria-describedby={describedBy(injectBlocked)}
          onClick={editAndInject}
        >
          Edit and inject
        </button>
      )}
      {rules && (
        <button type="button" onClick={breakOnType}>
          Break on this type
        </button>
      )}
      {rules && isAwaitedRequest(row) && (
        <button type="button" onClick={mockReply}>
          Mock a reply…
        </button>
      )}
      {feedback && (
        <span class={`row-actions-feedback composer-${feedback.tone}`} {...liveRegion(feedback.tone)}>
          {feedback.text}
        </span>
      )}
      {reason && (
        <span id={reasonId} class="row-actions-reason">
          {reason}
        </span>
      )}
    </div>
  );
}
