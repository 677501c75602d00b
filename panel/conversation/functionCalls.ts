// Runs in the panel. Function calls from their lifecycle messages: `llm-function-call-started`
// → `-in-progress` → `-stopped` (protocol 2.x), the deprecated `llm-function-call`, and the
// client's own `llm-function-call-result`.
//
// What the server tells depends on its RTVI observer's function-call report level (Pipecat's
// `RTVIObserverParams(function_call_report_level=…)`, https://github.com/pipecat-ai/pipecat,
// default none): `started` carries `{}` (or only `function_name`) and never a tool_call_id,
// `in-progress` the tool_call_id (+ name and arguments at full), `stopped` the id and
// `cancelled` (+ name and result at full). So a `started` is paired with the next
// `in-progress` by order, and everything after by tool_call_id.
import type { FunctionCall, Mark } from "./types";

export const REPORT_LEVEL_NOTE =
  "Names, arguments and results are missing because the server reports function calls at its default level. " +
  'Pipecat reveals them with RTVIObserverParams(function_call_report_level={"*": RTVIFunctionCallReportLevel.FULL}) ' +
  "(NAME for names only).";

function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

export class FunctionCallTracker {
  calls: FunctionCall[] = [];
  private nextNumber = 1;
  private readonly byId = new Map<string, FunctionCall>();
  /** `started` calls still waiting for the `in-progress` that names their tool_call_id. */
  private awaitingId: FunctionCall[] = [];

  /** Takes one lifecycle message; returns the call it touched. */
  take(type: string, data: Record<string, unknown>, mark: Mark, turn: number | undefined): FunctionCall | undefined {
    const id = str(data.tool_call_id);
    switch (type) {
      case "llm-function-call-started": {
        const call = this.open(mark, turn);
        call.name = str(data.function_name);
        this.awaitingId.push(call);
        return this.touch(call, mark);
      }
      case "llm-function-call-in-progress": {
        let call = id === undefined ? undefined : this.byId.get(id);
        if (!call) call = this.awaitingId.shift() ?? this.open(mark, turn);
        this.identify(call, id);
        call.inProgress = mark;
        call.name ??= str(data.function_name);
        if ("arguments" in data) call.arguments = data.arguments;
        return this.touch(call, mark);
      }
      case "llm-function-call-stopped": {
        let call = id === undefined ? undefined : this.byId.get(id);
        // A stop for an id never announced (its in-progress went with the oldest rows, or
        // never came): the oldest call with no id is the best guess, else a call of its own.
        if (!call) call = this.awaitingId.shift() ?? this.open(mark, turn);
        this.identify(call, id);
        call.stopped = mark;
        call.cancelled = data.cancelled === true;
        call.name ??= str(data.function_name);
        if ("result" in data) call.result = data.result;
        return this.touch(call, mark);
      }
      case "llm-function-call": {
        const call = (id !== undefined ? this.byId.get(id) : undefined) ?? this.open(mark, turn);
        this.identify(call, id);
        call.deprecated = true;
        call.name ??= str(data.function_name);
        if ("args" in data) call.arguments = data.args;
        return this.touch(call, mark);
      }
      case "llm-function-call-result": {
        const call = id === undefined ? undefined : this.byId.get(id);
        if (!call) return undefined;
        call.clientResult = mark;
        call.name ??= str(data.function_name);
        if ("result" in data) call.result = data.result;
        return this.touch(call, mark);
      }
      default:
        return undefined;
    }
  }

  /** Lets go of calls that began before `seq` (the log's oldest rows went). */
  dropBefore(seq: number): void {
    this.calls = this.calls.filter((call) => call.start.seq >= seq);
    this.awaitingId = this.awaitingId.filter((call) => call.start.seq >= seq);
    for (const [id, call] of this.byId) if (call.start.seq < seq) this.byId.delete(id);
  }

  private open(mark: Mark, turn: number | undefined): FunctionCall {
    const call: FunctionCall = {
      number: this.nextNumber++,
      start: mark,
      cancelled: false,
      deprecated: false,
      turn,
      seqs: [],
      version: 0,
    };
    this.calls.push(call);
    return call;
  }

  private identify(call: FunctionCall, id: string | undefined): void {
    if (id === undefined || call.toolCallId !== undefined) return;
    call.toolCallId = id;
    this.byId.set(id, call);
  }

  private touch(call: FunctionCall, mark: Mark): FunctionCall {
    call.seqs.push(mark.seq);
    call.version++;
    return call;
  }
}

/** When the call ended: the server's stop, else the client's own result (the deprecated flow). */
export function callEnd(call: FunctionCall): Mark | undefined {
  return call.stopped ?? call.clientResult;
}

/** How long the call ran, or undefined while it runs. */
export function callDurationMs(call: FunctionCall): number | undefined {
  const end = callEnd(call);
  return end === undefined ? undefined : end.t - call.start.t;
}

export function callStatus(call: FunctionCall): "cancelled" | "finished" | "running" {
  if (call.cancelled) return "cancelled";
  return callEnd(call) ? "finished" : "running";
}
