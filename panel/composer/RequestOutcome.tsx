// Runs in the panel. A request sent from the composer (sendClientRequest), awaited: waiting,
// then the answer or the error with its latency. A newer request replaces the one shown.
import { useEffect, useRef, useState } from "preact/hooks";
import type { PanelToPage } from "../../src/shared/protocol";
import { useConnection } from "../connectionContext";
import { errorText } from "./feedback";
import { formatData } from "./templates";

export type RequestResult =
  | { state: "waiting"; msgType: string; timeoutMs: number }
  | { state: "answered"; msgType: string; latencyMs: number; value: unknown }
  | { state: "failed"; msgType: string; latencyMs: number; error: string };

type RequestCommand = Extract<PanelToPage, { kind: "send-request" }>;

export function useRequestOutcome() {
  const connection = useConnection();
  const [result, setResult] = useState<RequestResult | undefined>(undefined);
  const latest = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => latest.current?.abort(), []);

  /** Sends the request and waits up to `waitMs` for the page's answer. */
  const run = async (frameId: number, command: RequestCommand, waitMs: number | undefined) => {
    latest.current?.abort();
    const controller = new AbortController();
    latest.current = controller;
    const { msgType } = command;
    const started = performance.now();
    setResult({ state: "waiting", msgType, timeoutMs: command.timeoutMs });
    try {
      const value = await connection.sendCommand(frameId, command, { timeoutMs: waitMs, signal: controller.signal });
      if (!controller.signal.aborted)
        setResult({ state: "answered", msgType, latencyMs: performance.now() - started, value });
    } catch (error) {
      if (controller.signal.aborted) return;
      setResult({ state: "failed", msgType, latencyMs: performance.now() - started, error: errorText(error) });
    }
  };

  return { result, run };
}

export function RequestOutcome({ result }: { result: RequestResult }) {
  let text: string;
  let body: string | undefined;
  if (result.state === "waiting") {
    text = `Waiting for the answer to ${result.msgType} (timeout ${result.timeoutMs} ms)…`;
  } else if (result.state === "answered") {
    text = `Response to ${result.msgType} in ${Math.round(result.latencyMs)} ms:`;
    body = result.value === undefined ? "(no data)" : formatData(result.value);
  } else {
    text = `Error for ${result.msgType} after ${Math.round(result.latencyMs)} ms: ${result.error}`;
  }
  return (
    // A named region rather than <output> (role status): the panel's status bar is its one status.
    <section class={`composer-request composer-request-${result.state}`} aria-label="Request result" aria-live="polite">
      <span>{text}</span>
      {body !== undefined && <pre>{body}</pre>}
    </section>
  );
}
