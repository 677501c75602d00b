// Runs in the panel. The form that makes or edits a rule: what it matches (direction, type,
// request type, data, client) and what it does. The draft lives in the RulesState (./rulesState.ts);
// on Save the pure buildRule (./ruleDraft.ts) makes the rule or gives an error per field, shown
// next to that field, and then nothing is saved.
import { useEffect, useRef, useState } from "preact/hooks";
import type { RuleAction } from "../../src/shared/protocol";
import { TEMPLATES } from "../composer/templates";
import type { ClientView } from "../model/store";
import { SelectField, TextField } from "./ruleFields";
import { REQUEST_TYPE, answersRequests, buildRule, withAction, type RuleDraft, type RuleErrors } from "./ruleDraft";
import { newRuleId, type RulesState } from "./rulesState";

const DIRECTIONS = [
  { value: "out", label: "Outbound" },
  { value: "in", label: "Inbound" },
] as const;

const ACTIONS: readonly { value: RuleAction; label: string }[] = [
  { value: "break", label: "Break" },
  { value: "respond", label: "Respond" },
  { value: "respond-error", label: "Respond with error" },
  { value: "delay", label: "Delay" },
  { value: "drop", label: "Drop" },
  { value: "inject-after", label: "Inject after" },
];

const HINTS: Record<RuleAction, string> = {
  break:
    "Pauses each matching message under Paused messages, to Continue (edited or not) or Drop; past the timeout it goes on as it was.",
  respond: `Answers a request the app awaits in the bot's place: the request never reaches the bot, and the app's sendClientRequest resolves to Response data. Only requests match, so the direction is Outbound; sendClientRequest sends a ${REQUEST_TYPE} whose request type is its data.t.`,
  "respond-error": `Rejects a request the app awaits in the bot's place, with Response data as the error text: the request never reaches the bot. Only requests match, so the direction is Outbound; sendClientRequest sends a ${REQUEST_TYPE} whose request type is its data.t.`,
  delay: "Holds each matching message for the delay, then lets it go on.",
  drop: "Each matching message is never delivered: to the bot when outbound, to the app when inbound.",
  "inject-after":
    'After each matching message, delivers Response data to the app as if the bot had sent it: an RTVI message such as {"type": "server-message", "data": {…}} ("label" is added).',
};

const RESPONSE_PLACEHOLDERS: Partial<Record<RuleAction, string>> = {
  respond: '{"ok": true} (what the request resolves to)',
  "respond-error": "the error text",
  "inject-after": '{"type": "server-message", "data": {}}',
};

const TYPE_LIST_ID = "rule-type-suggestions";

export interface RuleFormProps {
  state: RulesState;
  clients: readonly ClientView[];
  /** Message types seen in the log, suggested with those client-js knows. */
  seenTypes: Iterable<string>;
}

/** Known RTVI types of the draft's direction first, then the others seen in the log. */
function typeSuggestions(direction: RuleDraft["direction"], seen: Iterable<string>): string[] {
  const known = TEMPLATES.filter((template) => template.dir === direction).map((template) => template.type);
  return [...new Set([...known, ...seen])];
}

export function RuleForm({ state, clients, seenTypes }: RuleFormProps) {
  const form = state.form.value;
  const [errors, setErrors] = useState<RuleErrors>({});
  const [notice, setNotice] = useState<string>();
  const typeRef = useRef<HTMLInputElement>(null);
  const opened = form?.opened;

  // Opened, or filled from a log row: start clean and put the cursor in it.
  useEffect(() => {
    if (opened === undefined) return;
    setErrors({});
    setNotice(undefined);
    typeRef.current?.focus();
    typeRef.current?.scrollIntoView?.({ block: "nearest" });
  }, [opened]);

  if (!form) return null;
  const { draft, editing } = form;

  const edit = (patch: Partial<RuleDraft>, field?: keyof RuleErrors) => {
    if (field && errors[field]) setErrors({ ...errors, [field]: undefined });
    state.updateDraft(patch);
  };

  const submit = (event: Event) => {
    event.preventDefault();
    const existing = state.rules.peek().find((rule) => rule.id === editing);
    const built = buildRule(draft, existing?.id ?? newRuleId(), existing?.enabled ?? true);
    if ("errors" in built) {
      setErrors(built.errors);
      setNotice("Nothing saved: fix the field marked below.");
      return;
    }
    const refused = state.save(built.rule);
    if (refused) {
      setNotice(`Nothing saved: ${refused}`);
      return;
    }
    state.closeForm();
  };

  const clientIds = [
    ...new Set([...clients.map((client) => client.clientId), ...(draft.clientId ? [draft.clientId] : [])]),
  ];
  const answering = answersRequests(draft.action);

  return (
    <form class="rule-form" aria-label={editing ? "Edit rule" : "New rule"} onSubmit={submit} noValidate>
      <p class="rule-hint">{HINTS[draft.action]}</p>
      <div class="rule-form-row">
        <SelectField
          name="action"
          label="Action"
          value={draft.action}
          options={ACTIONS}
          error={errors.action}
          onValue={(action) => {
            setErrors({});
            state.updateDraft(withAction(draft, action));
          }}
        />
        <SelectField
          name="direction"
          label="Direction"
          value={draft.direction}
          options={DIRECTIONS}
          error={errors.direction}
          onValue={(direction) => edit({ direction }, "direction")}
        />
        {clientIds.length > 0 && (
          <SelectField
            name="client"
            label="Client"
            value={draft.clientId}
            options={[{ value: "", label: "Any client" }, ...clientIds.map((id) => ({ value: id, label: id }))]}
            onValue={(clientId) => edit({ clientId })}
          />
        )}
      </div>
      <div class="rule-form-row">
        <TextField
          name="type"
          label="Match type"
          class="rule-type"
          value={draft.type}
          list={TYPE_LIST_ID}
          inputRef={typeRef}
          placeholder={answering ? REQUEST_TYPE : "any type"}
          error={errors.type}
          onValue={(type) => edit({ type }, "type")}
        />
        <datalist id={TYPE_LIST_ID}>
          {typeSuggestions(draft.direction, seenTypes).map((type) => (
            <option key={type} value={type} />
          ))}
        </datalist>
        <TextField
          name="request-type"
          label="Match request type"
          class="rule-type"
          value={draft.requestType}
          placeholder="data.t, e.g. get-weather"
          error={errors.requestType}
          onValue={(requestType) => edit({ requestType }, "requestType")}
        />
        <TextField
          name="data"
          label="Match data"
          class="rule-data"
          value={draft.data}
          placeholder="text or /regex/flags, in the data as JSON"
          error={errors.data}
          onValue={(data) => edit({ data }, "data")}
        />
      </div>
      {(answering || draft.action === "inject-after") && (
        <TextField
          name="response"
          label="Response data"
          class="rule-response"
          rows={draft.action === "respond-error" ? 2 : 4}
          value={draft.response}
          placeholder={
            draft.action === "respond" && draft.answerEach
              ? '[{"ok": true}, {"ok": false}] (one per request; the last repeats)'
              : RESPONSE_PLACEHOLDERS[draft.action]
          }
          error={errors.response}
          onValue={(response) => edit({ response }, "response")}
        />
      )}
      {draft.action === "respond" && (
        <label class="rule-check">
          <input
            type="checkbox"
            checked={draft.answerEach}
            onChange={(event) => edit({ answerEach: event.currentTarget.checked }, "response")}
          />
          Answer call after call
        </label>
      )}
      {draft.action === "delay" && (
        <TextField
          name="delay"
          label="Delay (ms)"
          class="rule-number"
          numeric
          value={draft.delayMs}
          placeholder="e.g. 2000"
          error={errors.delayMs}
          onValue={(delayMs) => edit({ delayMs }, "delayMs")}
        />
      )}
      {draft.action === "break" && (
        <TextField
          name="timeout"
          label="Break timeout (s)"
          class="rule-number"
          numeric
          value={draft.timeoutS}
          error={errors.timeoutS}
          onValue={(timeoutS) => edit({ timeoutS }, "timeoutS")}
        />
      )}
      <div class="rule-form-actions">
        <button type="submit">Save rule</button>
        <button type="button" onClick={() => state.closeForm()}>
          Cancel
        </button>
        {notice && (
          <span class="rule-notice" role="alert">
            {notice}
          </span>
        )}
      </div>
    </form>
  );
}
