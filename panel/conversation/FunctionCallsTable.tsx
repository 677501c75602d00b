// Runs in the panel. The "Function calls" table: one row per call with its name, arguments and
// result when the server reports them, its duration, and whether it was cancelled or still
// runs; the button selects its rows in Messages. When names are missing it says why, and how
// the server reveals them (./functionCalls.ts).
import { callDurationMs, callStatus, REPORT_LEVEL_NOTE } from "./functionCalls";
import { formatMs, formatValue } from "./format";
import type { SelectRows } from "./TurnsTable";
import type { FunctionCall } from "./types";
import { ColumnHeads } from "./ColumnHeads";

export function FunctionCallsTable({
  calls,
  now,
  onSelect,
}: {
  calls: readonly FunctionCall[];
  now: number;
  onSelect: SelectRows;
}) {
  const anonymous = calls.some((call) => call.name === undefined);
  return (
    <div class="table-scroll">
      <table aria-label="Function calls" class="conversation-table calls">
        <ColumnHeads names={["#", "Name", "Turn", "Arguments", "Result", "Duration", "Status"]} />
        <tbody>
          {calls.map((call) => {
            const duration = callDurationMs(call);
            const status = callStatus(call);
            return (
              <tr key={call.number} onClick={() => onSelect(call.seqs)}>
                <td>
                  <button
                    type="button"
                    class="link"
                    aria-label={`Function call ${call.number}: select its messages`}
                    onClick={(event) => {
                      event.stopPropagation();
                      onSelect(call.seqs);
                    }}
                  >
                    {call.number}
                  </button>
                </td>
                <td>{call.name ?? <span class="muted">(not reported)</span>}</td>
                <td>{call.turn ?? ""}</td>
                <td class="code">{formatValue(call.arguments)}</td>
                <td class="code">{formatValue(call.result)}</td>
                <td class="number">
                  {duration !== undefined ? formatMs(duration) : `running for ${formatMs(now - call.start.t)}`}
                </td>
                <td>
                  {status === "running" ? "Still running" : status === "cancelled" ? "Cancelled" : "Finished"}
                  {call.deprecated ? " (llm-function-call)" : ""}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {calls.length === 0 && <p class="muted">No function calls.</p>}
      {anonymous && <p class="note">{REPORT_LEVEL_NOTE}</p>}
    </div>
  );
}
