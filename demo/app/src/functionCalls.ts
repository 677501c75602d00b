/**
 * The "Function call" region: the handler registered for get_weather. Each call
 * waits until "Answer function call" is pressed, or is answered at once while
 * "Auto-answer function calls" is checked, with the JSON in "Function result".
 */
import type { FunctionCallCallback, FunctionCallParams, LLMFunctionCallResult } from "@pipecat-ai/client-js";
import type { EventLog } from "./eventLog.ts";

export const DEFAULT_RESULT = { conditions: "sunny", temperature: 72 };

export interface FunctionCallElements {
  pending: HTMLElement;
  result: HTMLInputElement;
  answer: HTMLButtonElement;
  auto: HTMLInputElement;
}

interface PendingCall {
  params: FunctionCallParams;
  resolve: (result: LLMFunctionCallResult) => void;
}

export class FunctionCalls {
  readonly #els: FunctionCallElements;
  readonly #log: EventLog;
  #queue: PendingCall[] = [];

  constructor(els: FunctionCallElements, log: EventLog) {
    this.#els = els;
    this.#log = log;
    els.answer.addEventListener("click", () => this.#answerFirst());
    els.auto.addEventListener("change", () => {
      while (els.auto.checked && this.#queue.length > 0) if (!this.#answerFirst()) break;
    });
  }

  /** The callback for client.registerFunctionCallHandler. */
  readonly handler: FunctionCallCallback = (params) =>
    new Promise<LLMFunctionCallResult>((resolve) => {
      this.#log.add(`functionCall ${params.functionName}`, params.arguments);
      this.#queue.push({ params, resolve });
      if (this.#els.auto.checked) this.#answerFirst();
      else this.#render();
    });

  /** Forget calls of a client that is gone (their promises never settle). */
  clear(): void {
    this.#queue = [];
    this.#render();
  }

  #answerFirst(): boolean {
    const call = this.#queue[0];
    if (!call) return false;
    let result: LLMFunctionCallResult;
    try {
      result = JSON.parse(this.#els.result.value) as LLMFunctionCallResult;
    } catch {
      this.#els.pending.textContent = "Function result is not valid JSON";
      return false;
    }
    this.#queue.shift();
    this.#log.add(`functionCall ${call.params.functionName} ->`, result);
    call.resolve(result);
    this.#render();
    return true;
  }

  #render(): void {
    const call = this.#queue[0];
    this.#els.answer.disabled = !call;
    this.#els.pending.textContent = call
      ? `pending: ${call.params.functionName} ${JSON.stringify(call.params.arguments)}` +
        (this.#queue.length > 1 ? ` (+${this.#queue.length - 1} more)` : "")
      : "No pending function call";
  }
}
