// Runs in the panel. What every composer mode is made of: its fields in the mode's tab panel,
// then its buttons with what was said about the last command; and what a mode is given.
import type { ComponentChildren } from "preact";
import type { ComposerAction } from "./buildCommand";
import type { DraftState, Mode } from "./draft";
import { liveRegion, type Feedback } from "./feedback";
import type { FormFields } from "./fields";
import type { Readiness } from "./readiness";

export const MODE_LABELS: Record<Mode, string> = {
  custom: "Custom message",
  text: "Text",
  "raw-out": "Raw outbound",
  "raw-in": "Raw inbound",
};

/** The paragraph that says why buttons are disabled. */
export const REASON_ID = "composer-reason";

export interface ModeProps {
  drafts: DraftState;
  form: FormFields;
  ready: Readiness;
  feedback: Feedback;
  submit: (action: ComposerAction) => void;
}

interface ModeFormProps {
  mode: Mode;
  feedback: Feedback;
  actions: ComponentChildren;
  children: ComponentChildren;
}

export function ModeForm({ mode, feedback, actions, children }: ModeFormProps) {
  return (
    <>
      <div id="composer-form" role="tabpanel" aria-label={MODE_LABELS[mode]} class={`composer-form composer-${mode}`}>
        {children}
      </div>
      <div class="composer-actions">
        {actions}
        {feedback && (
          <span class={`composer-feedback composer-${feedback.tone}`} {...liveRegion(feedback.tone)}>
            {feedback.text}
          </span>
        )}
      </div>
    </>
  );
}

interface ActionButtonProps {
  label: string;
  onClick: () => void;
  /** Why the button is disabled; undefined when it is enabled. */
  blocked: string | undefined;
}

export function ActionButton({ label, onClick, blocked }: ActionButtonProps) {
  return (
    <button
      type="button"
      disabled={blocked !== undefined}
      aria-describedby={blocked ? REASON_ID : undefined}
      onClick={onClick}
    >
      {label}
    </button>
  );
}
