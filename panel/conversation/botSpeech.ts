// Runs in the panel. What the bot said in a turn: `bot-output` updates coalesced into segments,
// and what was spoken and what was cut off; `bot-transcription` / `bot-tts-text` when a server
// sends no `bot-output` (protocol 1.x, or a client that negotiated it).
//
// A segment arrives once when made ("new") and once per spoken word ("in-progress", then
// "completed"), each with spoken_progress. A real server was seen giving the "new" and the
// "completed" update of one sentence different `segment_id`s (80, then 115: the recorded
// session in test/shared/fixtures/real-pipecat-text-session.json), so an update is matched by
// id first, then by text to the oldest unfinished segment of the turn; a "new" update always
// opens a segment, so a sentence said twice stays twice.
import type { BotSegment, Turn } from "./types";

const STATUSES = new Set(["new", "in-progress", "completed"]);

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** Adds one `bot-output` message's data to the turn's segments. */
export function addBotOutput(turn: Turn, data: Record<string, unknown>, seq: number): void {
  const content = text(data.text);
  const id = typeof data.segment_id === "number" ? data.segment_id : undefined;
  const status = STATUSES.has(data.spoken_status as string) ? (data.spoken_status as BotSegment["status"]) : "unknown";
  let segment: BotSegment | undefined;
  if (id !== undefined) segment = turn.segments.find((candidate) => candidate.segmentIds.includes(id));
  if (!segment && status !== "new" && status !== "unknown") {
    segment = turn.segments.find((candidate) => candidate.status !== "completed" && candidate.text === content);
  }
  if (!segment) {
    segment = {
      segmentIds: [],
      text: content,
      spoken: "",
      remaining: content,
      status,
      forSpeech: data.will_be_spoken !== false,
      seqs: [],
    };
    turn.segments.push(segment);
  }
  if (id !== undefined && !segment.segmentIds.includes(id)) segment.segmentIds.push(id);
  segment.seqs.push(seq);
  if (content) segment.text = content;
  // A "completed" never goes back: a late "in-progress" of the same text must not reopen it.
  if (segment.status !== "completed") segment.status = status;
  const progress = data.spoken_progress as Record<string, unknown> | undefined;
  if (segment.status === "completed") {
    segment.spoken = segment.text;
    segment.remaining = "";
  } else if (progress && typeof progress === "object") {
    segment.spoken = text(progress.accumulated_text);
    segment.remaining = text(progress.remaining_text);
  } else if (status === "unknown" && data.spoken === true) {
    // A 1.x bot-output (no spoken_status): each one is text the bot spoke.
    segment.spoken = segment.text;
    segment.remaining = "";
  }
}

/** A piece of the bot's utterance for the view: spoken, cut off by an interruption, or not for speech. */
export interface BotPiece {
  text: string;
  state: "spoken" | "cut-off" | "not-for-speech" | "pending";
}

function joinWords(pieces: readonly string[]): string {
  return pieces
    .map((piece) => piece.trim())
    .filter(Boolean)
    .join(" ");
}

/**
 * The bot's utterance in a turn. With `bot-output`: each segment, with the unspoken rest of a
 * segment the interruption cut marked "cut-off". Without: the transcriptions, else the TTS text.
 */
export function botPieces(turn: Turn): BotPiece[] {
  if (turn.segments.length > 0) {
    const pieces: BotPiece[] = [];
    for (const segment of turn.segments) {
      if (!segment.forSpeech) {
        pieces.push({ text: segment.text, state: "not-for-speech" });
      } else if (segment.status === "completed" || (segment.status === "unknown" && !turn.interruption)) {
        pieces.push({ text: segment.text, state: "spoken" });
      } else if (turn.interruption) {
        if (segment.spoken) pieces.push({ text: segment.spoken, state: "spoken" });
        const rest = segment.spoken ? segment.remaining : segment.text;
        if (rest) pieces.push({ text: rest, state: "cut-off" });
      } else {
        pieces.push({ text: segment.text, state: "pending" });
      }
    }
    return pieces;
  }
  const fallback = joinWords(turn.transcriptions.length > 0 ? turn.transcriptions : turn.ttsTexts);
  return fallback ? [{ text: fallback, state: "spoken" }] : [];
}

/** The bot's utterance as one line of plain text. */
export function botText(turn: Turn): string {
  return joinWords(botPieces(turn).map((piece) => piece.text));
}

/** What the user said: the final transcriptions, else the latest interim one, or the typed text. */
export function userText(turn: Turn): { text: string; interim: boolean } {
  if (turn.typed !== undefined) return { text: turn.typed, interim: false };
  if (turn.userFinals.length > 0) return { text: joinWords(turn.userFinals), interim: false };
  return { text: turn.userInterim ?? "", interim: turn.userInterim !== undefined };
}
