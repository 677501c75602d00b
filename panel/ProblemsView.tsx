// Errors the hook caught inside itself instead of letting them reach the app: where, what,
// when. The hook keeps running; this is how its user learns that a part of it did not.
import type { HookProblem } from "./model/store";
import { formatClockTime } from "./log/rowText";

export function ProblemsView({ problems }: { problems: HookProblem[] }) {
  return (
    <ul class="problems">
      {problems.map((problem, index) => (
        <li key={index}>
          <span class="problem-time">{formatClockTime(problem.t)}</span> <strong>{problem.where}</strong>
          {problem.frameId !== 0 ? ` (frame ${problem.frameId})` : ""}: {problem.message}
        </li>
      ))}
    </ul>
  );
}
