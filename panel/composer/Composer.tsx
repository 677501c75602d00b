// Runs in the panel. The composer: talks to the bot, or plays the bot, through the selected
// client. This shell picks the mode (CustomMode, TextMode, RawOutboundMode, RawInboundMode),
// holds what the fields' errors and the last command's feedback are, and on a button asks
// buildCommand for the command: a draft with an error is shown under its field and nothing
// is sent. Everything the page sends back is shown as text only.
import { useEffect, useRef, useState } from "preact/hooks";
import type { ClientView, SessionStore } from "../model/store";
import { buildCommand, type ComposerAction, type FieldErrors, type FieldName } from "./buildCommand";
import { CustomMode } from "./CustomMode";
import { MODES, useDraftState } from "./draft";
import type { FormFields } from "./fields";
import { Helpers } from "./Helpers";
import { MODE_LABELS, REASON_ID, type ModeProps } from "./ModeForm";
import { RawInboundMode } from "./RawInboundMode";
import { RawOutboundMode } from "./RawOutboundMode";
import { RequestOutcome, useRequestOutcome } from "./RequestOutcome";
import { pushHistory } from "./storage";
import { readinessIn } from "./storeReadiness";
import { TextMode } from "./TextMode";
import { useCommandFeedback } from "./useCommandFeedback";

export interface ComposerProps {
  store: SessionStore;
  client: ClientView | undefined;
}

function clientLabel(client: ClientView): string {
  return `${client.clientId} · ${client.transport} · ${client.state ?? "?"}`;
}

export function Composer({ store, client }: ComposerProps) {
  // Reading the store's change signal renders the composer again on each change: readiness and
  // pending requests follow the store (@preact/signals).
  void store.changes.value;
  const drafts = useDraftState();
  const { mode, filled } = drafts.value;
  const [errors, setErrors] = useState<FieldErrors>({});
  const { feedback, setFeedback, send } = useCommandFeedback();
  const request = useRequestOutcome();
  const dataRef = useRef<HTMLTextAreaElement>(null);
  const ready = readinessIn(store, client);
  const reason = ready.send ?? ready.inject;

  // Filled from a log row, the history or a snippet: show it and put the cursor in it.
  useEffect(() => {
    if (filled === 0) return;
    setErrors({});
    const field = dataRef.current;
    field?.focus();
    field?.scrollIntoView?.({ block: "nearest" });
  }, [filled]);

  const clearError = (name: FieldName) => {
    if (errors[name]) setErrors({ ...errors, [name]: undefined });
  };

  const submit = (action: ComposerAction) => {
    const built = buildCommand(action, drafts.peek().drafts, client, ready);
    // Blocked: the button is disabled, and the reason is shown under the buttons.
    if ("blocked" in built) return;
    if ("errors" in built) {
      setErrors(built.errors);
      setFeedback({ tone: "error", text: "Nothing sent: fix the field marked below." });
      return;
    }
    setErrors({});
    void pushHistory(drafts.saved()).catch(() => {
      // History is a convenience: storage failing must not stop a send.
    });
    const { command, frameId, label, timeoutMs } = built;
    if (command.kind === "send-request") {
      setFeedback(undefined);
      void request.run(frameId, command, timeoutMs);
      return;
    }
    void send(frameId, command, { pending: `${label}…`, ok: `${label}: done.`, failed: `${label} failed` }, timeoutMs);
  };

  const form: FormFields = { errors, clearError, dataRef };
  const modeProps: ModeProps = { drafts, form, ready, feedback, submit };

  return (
    <section class="composer" aria-label="Composer">
      <div class="composer-head">
        <div role="tablist" aria-label="Composer mode" class="composer-modes">
          {MODES.map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              aria-selected={mode === name}
              aria-controls="composer-form"
              onClick={() => {
                setErrors({});
                setFeedback(undefined);
                drafts.setMode(name);
              }}
            >
              {MODE_LABELS[name]}
            </button>
          ))}
        </div>
        <span class="composer-target">{client ? `To ${clientLabel(client)}` : "No client"}</span>
      </div>
      <Helpers store={store} client={client} />
      {mode === "custom" && <CustomMode {...modeProps} />}
      {mode === "text" && <TextMode {...modeProps} />}
      {mode === "raw-out" && <RawOutboundMode {...modeProps} />}
      {mode === "raw-in" && <RawInboundMode {...modeProps} store={store} client={client} />}
      {reason && (
        <p id={REASON_ID} class="composer-reason">
          {reason}
        </p>
      )}
      {mode === "custom" && request.result && <RequestOutcome result={request.result} />}
    </section>
  );
}
