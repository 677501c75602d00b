// Runs in the panel. The composer's custom messaging, as the seed's: one type and data for
// sendClientMessage, sendClientRequest (awaited: the shell shows the answer or error with its
// latency) and a server-message injected as if the bot had sent it (which has no type: the
// type field is not used then).
import { DataField, Field, TypeField } from "./fields";
import { ActionButton, ModeForm, type ModeProps } from "./ModeForm";

export function CustomMode({ drafts, form, ready, feedback, submit }: ModeProps) {
  const values = drafts.value.drafts.custom;
  const actions = (
    <>
      <ActionButton label="Send message" onClick={() => submit("send-message")} blocked={ready.send} />
      <ActionButton label="Send request" onClick={() => submit("send-request")} blocked={ready.send} />
      <ActionButton
        label="Inject server message"
        onClick={() => submit("inject-server-message")}
        blocked={ready.inject}
      />
    </>
  );
  return (
    <ModeForm mode="custom" feedback={feedback} actions={actions}>
      <TypeField
        form={form}
        placeholder="set-language (the t of sendClientMessage)"
        value={values.type}
        onValue={(type) => drafts.update("custom", { type })}
      />
      <DataField
        form={form}
        placeholder='{"language": "en-US"} (empty: no data)'
        value={values.data}
        onValue={(data) => drafts.update("custom", { data })}
      />
      <Field
        form={form}
        name="timeout"
        label="Timeout (ms)"
        class="composer-timeout"
        numeric
        value={values.timeoutMs}
        onValue={(timeoutMs) => drafts.update("custom", { timeoutMs })}
      />
    </ModeForm>
  );
}
