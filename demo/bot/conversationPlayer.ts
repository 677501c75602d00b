/**
 * Runs in the demo bot (Node): sends a timed script (conversationScript.ts) at its times, measured
 * from one start, and tells the transport when the bot's speech starts, is cut or stops (the
 * WebSocket transport streams audio and sends its interruption frame from that).
 */
import type { ScriptEvent } from "./conversationScript.ts";
import type { SpeechState, TurnContext } from "./turn.ts";

const SPEECH_CHANGES: Record<string, SpeechState> = {
  "bot-started-speaking": "started",
  "bot-interrupted": "interrupted",
  "bot-stopped-speaking": "stopped",
};

/** Plays `events`, each `at` ms after `startedAt` (a `performance.now()` time); rejects when the session ends. */
export async function playScript(
  ctx: Pick<TurnContext, "send" | "pause" | "speechChanged">,
  events: readonly ScriptEvent[],
  startedAt: number,
): Promise<void> {
  for (const event of events) {
    // Each wait is measured from the start, so late timers never add up.
    const wait = startedAt + event.at - performance.now();
    if (wait > 0) await ctx.pause(wait);
    ctx.send(event.type, withTimestamp(event));
    const speech = SPEECH_CHANGES[event.type];
    if (speech) ctx.speechChanged(speech);
  }
}

/** A transcription carries the time it was made, as Pipecat's does: taken when it is sent. */
function withTimestamp({ type, data }: ScriptEvent): object | undefined {
  if (type !== "user-transcription" || data === undefined) return data;
  const { text, user_id, final } = data as { text: string; user_id: string; final: boolean };
  return { text, user_id, timestamp: new Date().toISOString(), final };
}
