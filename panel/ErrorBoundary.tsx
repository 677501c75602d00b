// Runs in the panel. Catches a render error inside one view (the log, the detail pane, the
// connection, the hook errors, the composer) and shows it there, with the details to copy
// into a report, so one bad render does not blank the whole panel.
import { Component, type ComponentChildren, type ErrorInfo } from "preact";
import { useState } from "preact/hooks";
import { copyText } from "./detail/clipboard";

interface ErrorBoundaryProps {
  /** The view's name, as the user knows it ("Messages", "Message detail"…). */
  view: string;
  children: ComponentChildren;
}

interface Failure {
  error: unknown;
  /** Preact fills it when preact/debug is loaded; the error's own stack names the components otherwise. */
  componentStack?: string;
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** What "Copy details" copies: the view, the error and the stacks there are. */
export function failureDetails(view: string, failure: Failure): string {
  const lines = [`Pipecat DevTools: the ${view} view failed to render.`, errorText(failure.error)];
  if (failure.componentStack) lines.push("", "Component stack:", failure.componentStack.trim());
  if (failure.error instanceof Error && failure.error.stack) lines.push("", "Stack:", failure.error.stack);
  return lines.join("\n");
}

function FailureNotice({ view, failure, onRetry }: { view: string; failure: Failure; onRetry: () => void }) {
  const [copied, setCopied] = useState<boolean>();
  return (
    <div class="view-failure" role="alert">
      <p>
        The {view} view failed to render: {errorText(failure.error)}
      </p>
      <button type="button" onClick={() => void copyText(failureDetails(view, failure)).then(setCopied)}>
        Copy details
      </button>{" "}
      <button type="button" onClick={onRetry}>
        Try again
      </button>
      {copied !== undefined && <span class="hint">{copied ? " Copied." : " Could not copy."}</span>}
    </div>
  );
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, { failure?: Failure }> {
  componentDidCatch(error: unknown, info: ErrorInfo): void {
    this.setState({ failure: { error, componentStack: info.componentStack } });
  }

  render() {
    const { failure } = this.state;
    if (!failure) return this.props.children;
    return (
      <FailureNotice view={this.props.view} failure={failure} onRetry={() => this.setState({ failure: undefined })} />
    );
  }
}
