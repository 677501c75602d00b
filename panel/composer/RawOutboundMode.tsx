// Runs in the panel. The composer's raw outbound mode: any RTVI message, sent to the bot
// through the client's transport.
import { DataField, TypeField } from "./fields";
import { ActionButton, ModeForm, type ModeProps } from "./ModeForm";

export function RawOutboundMode({ drafts, form, ready, feedback, submit }: ModeProps) {
  const values = drafts.value.drafts["raw-out"];
  return (
    <ModeForm
      mode="raw-out"
      feedback={feedback}
      actions={<ActionButton label="Send raw message" onClick={() => submit("send-raw")} blocked={ready.send} />}
    >
      <TypeField
        form={form}
        placeholder="any RTVI type: client-message, send-text, dtmf…"
        value={values.type}
        onValue={(type) => drafts.update("raw-out", { type })}
      />
      <DataField
        form={form}
        placeholder="{} (the message's data)"
        value={values.data}
        onValue={(data) => drafts.update("raw-out", { data })}
      />
    </ModeForm>
  );
}
