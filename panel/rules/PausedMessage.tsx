// Runs in the panel. One paused message: what it is, which rule paused it and when it goes on by
// itself, its JSON to edit, and Continue (with the JSON as it now reads) or Drop. Invalid JSON, or
// JSON that is not an RTVI message, is said next to the field and nothing is sent.
import { useState } from "preact/hooks";
import * as v from "valibot";
import { rtviMessageSchema, type RtviMessage } from "../../src/shared/protocol";
import { describeProblem, parseJson } from "../composer/json";
import { formatData } from "../composer/templates";
import { formatClockTime } from "../log/rowText";
import type { PausedEntry } from "./pausedEntry";

export interface PausedMessageProps {
  entry: PausedEntry;
  /** Rejects with why the page could not do it (the message went on already, the page went away). */
  onContinue: (entry: PausedEntry, msg: RtviMessage) => Promise<void>;
  onDrop: (entry: PausedEntry) => Promise<void>;
}

export function PausedMessage({ entry, onContinue, onDrop }: PausedMessageProps) {
  const [text, setText] = useState(() => formatData(entry.msg));
  const [error, setError] = useState<string>();
  const key = `${entry.frameId}-${entry.messageId}`;
  const fieldId = `paused-data-${key}`;
  const errorId = `paused-error-${key}`;

  const continueWith = () => {
    const parsed = parseJson(text);
    if (!parsed.ok) return setError(`Nothing sent: ${describeProblem(parsed.problem)}`);
    const checked = v.safeParse(rtviMessageSchema, parsed.value);
    if (!checked.success) {
      const issue = checked.issues[0];
      const path = (issue.path ?? []).map((item) => String(item.key)).join(".");
      return setError(`Nothing sent: not an RTVI message (${path ? `${path}: ` : ""}${issue.message}).`);
    }
    setError(undefined);
    onContinue(entry, checked.output).catch(showFailure);
  };
  const showFailure = (failure: unknown) =>
    setError(`Not done: ${failure instanceof Error ? failure.message : String(failure)}`);

  return (
    <li class="paused-message">
      <p class="paused-facts">
        <b class="paused-type">{entry.msg.type}</b> · {entry.dir === "out" ? "Outbound" : "Inbound"} · client{" "}
        {entry.clientKey} · paused by “{entry.ruleName}” · goes on by itself at{" "}
        <time dateTime={new Date(entry.releaseAt).toISOString()}>{formatClockTime(entry.releaseAt)}</time>
      </p>
      <label for={fieldId} class="paused-label">
        Paused message data
      </label>
      <textarea
        id={fieldId}
        rows={4}
        spellcheck={false}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onInput={(event) => {
          setError(undefined);
          setText(event.currentTarget.value);
        }}
      />
      {error && (
        <p id={errorId} class="rule-field-error" role="alert">
          {error}
        </p>
      )}
      <div class="paused-actions">
        <button type="button" onClick={continueWith}>
          Continue
        </button>
        <button type="button" onClick={() => onDrop(entry).catch(showFailure)}>
          Drop
        </button>
      </div>
    </li>
  );
}
