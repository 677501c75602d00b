// Runs in the panel. Sends one command through the panel's connection and keeps what to say
// about it: pending, done, or failed with the reason (the connection rejects on its own when
// the page does not answer in time, or when it is disconnected).
import { useEffect, useState } from "preact/hooks";
import type { PanelToPage } from "../../src/shared/protocol";
import { useConnection } from "../connectionContext";
import { errorText, type Feedback } from "./feedback";

export interface CommandTexts {
  pending: string;
  ok: string;
  /** Put before the reason. */
  failed: string;
}

export function useCommandFeedback() {
  const connection = useConnection();
  const [feedback, setFeedback] = useState<Feedback>(undefined);
  // Unmounted: stop waiting for answers nobody will see.
  const [unmounted] = useState(() => new AbortController());
  useEffect(() => () => unmounted.abort(), [unmounted]);

  const send = async (frameId: number, command: PanelToPage, texts: CommandTexts, timeoutMs?: number) => {
    const signal = unmounted.signal;
    setFeedback({ tone: "pending", text: texts.pending });
    try {
      await connection.sendCommand(frameId, command, { timeoutMs, signal });
      if (!signal.aborted) setFeedback({ tone: "ok", text: texts.ok });
    } catch (error) {
      if (!signal.aborted) setFeedback({ tone: "error", text: `${texts.failed}: ${errorText(error)}` });
    }
  };

  return { feedback, setFeedback, send };
}
