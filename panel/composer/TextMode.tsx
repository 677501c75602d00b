// Runs in the panel. The composer's text mode: what sendText sends, a send-text message with
// the user's text and its options.
import { Field } from "./fields";
import { ActionButton, ModeForm, type ModeProps } from "./ModeForm";

export function TextMode({ drafts, form, ready, feedback, submit }: ModeProps) {
  const values = drafts.value.drafts.text;
  return (
    <ModeForm
      mode="text"
      feedback={feedback}
      actions={<ActionButton label="Send text" onClick={() => submit("send-text")} blocked={ready.send} />}
    >
      <Field
        form={form}
        name="content"
        label="Text"
        class="composer-data"
        rows={3}
        placeholder="What the user says (sendText)"
        value={values.content}
        onValue={(content) => drafts.update("text", { content })}
      />
      <Field
        form={form}
        name="options"
        label="Text options"
        placeholder='{"run_immediately": true, "audio_response": true}'
        value={values.options}
        onValue={(options) => drafts.update("text", { options })}
      />
    </ModeForm>
  );
}
