// Runs in the panel. The composer's raw inbound mode: any RTVI message, delivered to the client
// as if the bot had sent it (a server-response or error-response for a pending id, an error…).
import type { ClientView, SessionStore } from "../model/store";
import { AnswerControls } from "./AnswerControls";
import { DataField, TypeField } from "./fields";
import { ActionButton, ModeForm, type ModeProps } from "./ModeForm";

export function RawInboundMode({
  drafts,
  form,
  ready,
  feedback,
  submit,
  store,
  client,
}: ModeProps & { store: SessionStore; client: ClientView | undefined }) {
  const values = drafts.value.drafts["raw-in"];
  return (
    <ModeForm
      mode="raw-in"
      feedback={feedback}
      actions={<ActionButton label="Inject message" onClick={() => submit("inject-raw")} blocked={ready.inject} />}
    >
      <TypeField
        form={form}
        placeholder="any RTVI type: server-response, error, bot-output…"
        value={values.type}
        onValue={(type) => drafts.update("raw-in", { type })}
      />
      <AnswerControls drafts={drafts} store={store} client={client} />
      <DataField
        form={form}
        placeholder="{} (the message's data; empty: none)"
        value={values.data}
        onValue={(data) => drafts.update("raw-in", { data })}
      />
    </ModeForm>
  );
}
