// Runs in the panel. What went wrong on the way from the page: the errors the hook caught
// inside itself instead of letting them reach the app (the hook keeps running; this is how its
// user learns that a part of it did not), and the events the panel refused, with why.
import type { HookProblem, Rejection } from "./model/store";
import { formatClockTime } from "./log/rowText";

function frameNote(frameId: number): string {
  return frameId !== 0 ? ` (frame ${frameId})` : "";
}

export function ProblemsView({
  problems,
  rejections,
  rejected,
}: {
  problems: readonly HookProblem[];
  rejections: readonly Rejection[];
  /** Every refusal counted; `rejections` lists the newest of them. */
  rejected: number;
}) {
  return (
    <>
      {problems.length > 0 && (
        <ul class="problems" aria-label="Errors the hook caught">
          {problems.map((problem, index) => (
            <li key={index}>
              <span class="problem-time">{formatClockTime(problem.t)}</span> <strong>{problem.where}</strong>
              {frameNote(problem.frameId)}: {problem.message}
            </li>
          ))}
        </ul>
      )}
      {rejections.length > 0 && (
        <>
          <h3>Events refused by the panel</h3>
          {rejected > rejections.length && (
            <p class="hint">
              The newest {rejections.length} of {rejected} are listed.
            </p>
          )}
          <ul class="problems" aria-label="Events refused by the panel">
            {rejections.map((rejection, index) => (
              <li key={index}>
                <span class="problem-time">{formatClockTime(rejection.t)}</span>{" "}
                <strong>rejected {rejection.kind ?? "event"}</strong>
                {frameNote(rejection.frameId)}: {rejection.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
