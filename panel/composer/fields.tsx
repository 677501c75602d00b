// Runs in the panel. The composer's fields: a labelled input or textarea with its error under
// it, and the type and JSON data fields the message modes share. An error sits outside the
// label, so that the field's accessible name stays its label, and describes the field.
import type { Ref } from "preact";
import type { FieldErrors, FieldName } from "./buildCommand";

/** What every field of a form needs: the errors shown, and how to clear one when it is edited. */
export interface FormFields {
  errors: FieldErrors;
  clearError: (name: FieldName) => void;
  /** The textarea that takes the focus when the composer is filled from elsewhere. */
  dataRef: Ref<HTMLTextAreaElement>;
}

interface FieldProps {
  form: FormFields;
  name: FieldName;
  label: string;
  value: string;
  onValue: (value: string) => void;
  placeholder?: string;
  /** A textarea of this many rows, which takes the focus when the composer is filled. */
  rows?: number;
  class?: string;
  numeric?: boolean;
}

export function Field({ form, name, label, value, onValue, placeholder, rows, numeric, class: className }: FieldProps) {
  const id = `composer-field-${name}`;
  const error = form.errors[name];
  const errorId = `composer-error-${name}`;
  const common = {
    id,
    placeholder,
    spellcheck: false,
    value,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? errorId : undefined,
    onInput: (event: Event) => {
      form.clearError(name);
      onValue((event.currentTarget as HTMLInputElement | HTMLTextAreaElement).value);
    },
  };
  return (
    <div class={`composer-field ${className ?? ""}`}>
      <label for={id}>{label}</label>
      {rows ? (
        <textarea ref={form.dataRef} rows={rows} {...common} />
      ) : (
        <input type="text" inputMode={numeric ? "numeric" : undefined} {...common} />
      )}
      {error && (
        <p id={errorId} class="composer-field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

interface MessageFieldProps {
  form: FormFields;
  value: string;
  onValue: (value: string) => void;
  placeholder: string;
}

export function TypeField(props: MessageFieldProps) {
  return <Field {...props} name="type" label="Message type" class="composer-type" />;
}

/** A message's data, typed as JSON; an invalid one is reported with its line and column. */
export function DataField(props: MessageFieldProps) {
  return <Field {...props} name="data" label="Message data" class="composer-data" rows={4} />;
}
