// Runs in the panel. The Rules form's fields: a label, the control, and its error under it. As
// in the composer (panel/composer/fields.tsx), the error sits outside the label, so the field's
// accessible name stays its label, and it describes the field.
import type { Ref } from "preact";

interface FieldBase {
  /** Makes the element ids: one form is shown at a time. */
  name: string;
  label: string;
  error?: string;
  class?: string;
}

const ids = (name: string) => ({ id: `rule-field-${name}`, errorId: `rule-error-${name}` });

function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={id} class="rule-field-error" role="alert">
      {error}
    </p>
  ) : null;
}

interface TextFieldProps extends FieldBase {
  value: string;
  onValue: (value: string) => void;
  placeholder?: string;
  /** A textarea of this many rows. */
  rows?: number;
  /** The id of a datalist of suggestions. */
  list?: string;
  numeric?: boolean;
  inputRef?: Ref<HTMLInputElement>;
}

export function TextField({
  name,
  label,
  error,
  value,
  onValue,
  placeholder,
  rows,
  list,
  numeric,
  inputRef,
  ...rest
}: TextFieldProps) {
  const { id, errorId } = ids(name);
  const common = {
    id,
    value,
    placeholder,
    spellcheck: false,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? errorId : undefined,
    onInput: (event: Event) => onValue((event.currentTarget as HTMLInputElement | HTMLTextAreaElement).value),
  };
  return (
    <div class={`rule-field ${rest.class ?? ""}`}>
      <label for={id}>{label}</label>
      {rows ? (
        <textarea rows={rows} {...common} />
      ) : (
        <input ref={inputRef} type="text" list={list} inputMode={numeric ? "decimal" : undefined} {...common} />
      )}
      <FieldError id={errorId} error={error} />
    </div>
  );
}

interface SelectFieldProps<T extends string> extends FieldBase {
  value: T;
  options: readonly { value: T; label: string }[];
  onValue: (value: T) => void;
}

export function SelectField<T extends string>({
  name,
  label,
  error,
  value,
  options,
  onValue,
  ...rest
}: SelectFieldProps<T>) {
  const { id, errorId } = ids(name);
  return (
    <div class={`rule-field ${rest.class ?? ""}`}>
      <label for={id}>{label}</label>
      <select
        id={id}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => onValue((event.currentTarget as HTMLSelectElement).value as T)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError id={errorId} error={error} />
    </div>
  );
}
