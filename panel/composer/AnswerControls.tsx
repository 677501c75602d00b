// Runs in the panel. In raw inbound mode, answering a request as the bot would: the message id,
// a pending request to pick, and the kind of answer (server-response or error-response).
import type { ClientView, SessionStore } from "../model/store";
import { answerData, describePending, fillAnswer, typedRequestType, type AnswerKind } from "./answer";
import type { DraftState } from "./draft";
import { formatData } from "./templates";

interface AnswerControlsProps {
  drafts: DraftState;
  store: SessionStore;
  client: ClientView | undefined;
}

export function AnswerControls({ drafts, store, client }: AnswerControlsProps) {
  const draft = drafts.value;
  const values = draft.drafts["raw-in"];
  const pending = client ? store.pendingRequests(client.key) : [];
  const isAnswer = values.type === "server-response" || values.type === "error-response";

  const switchKind = (kind: AnswerKind) => {
    const requestType = draft.answering?.requestType ?? typedRequestType(values.data);
    const other: AnswerKind = kind === "server-response" ? "error-response" : "server-response";
    // Keep what the user wrote unless it is still the other kind's untouched answer.
    const untouched = values.data.trim() === "" || values.data === formatData(answerData(other, requestType));
    drafts.update("raw-in", { type: kind, ...(untouched ? { data: formatData(answerData(kind, requestType)) } : {}) });
  };

  const elsewhere = draft.answering && client && draft.answering.clientKey !== client.key ? draft.answering : undefined;
  return (
    <div class="composer-answer">
      {elsewhere && client && (
        <p class="composer-reason">
          Request {elsewhere.rtviId} belongs to another client than the selected one ({client.clientId}): select its
          client to answer it.
        </p>
      )}
      <div class="composer-field">
        <label for="composer-field-message-id">Message id</label>
        <input
          id="composer-field-message-id"
          type="text"
          spellcheck={false}
          placeholder="the request's id, for an answer"
          value={values.id}
          onInput={(event) => drafts.update("raw-in", { id: event.currentTarget.value })}
        />
      </div>
      {pending.length > 0 && (
        <div class="composer-field">
          <label for="composer-field-pending-request">Pending request</label>
          <select
            id="composer-field-pending-request"
            value=""
            onChange={(event) => {
              const row = pending.find((candidate) => String(candidate.seq) === event.currentTarget.value);
              if (row) fillAnswer(drafts, row, values.type === "error-response" ? "error-response" : "server-response");
            }}
          >
            <option value="">Answer a pending request…</option>
            {pending.map((row) => (
              <option key={row.seq} value={String(row.seq)}>
                {row.rtviId} · {describePending(row)}
              </option>
            ))}
          </select>
        </div>
      )}
      {isAnswer && (
        <fieldset class="composer-answer-kind">
          <legend>Answer as</legend>
          {(["server-response", "error-response"] as const).map((kind) => (
            <label key={kind}>
              <input
                type="radio"
                name="composer-answer-kind"
                checked={values.type === kind}
                onChange={() => switchKind(kind)}
              />
              {kind}
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}
