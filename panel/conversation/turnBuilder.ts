// Runs in the panel. The turn state machine: takes one client's rows in order and builds its
// turns (./types.ts). It is fed by ./conversationModel.ts, which parses a row only when
// `needsMessage(type)` says this machine reads its data.
//
// Rules, from what a real Pipecat server sends (docs: test/shared/fixtures/real-pipecat-text-session.json):
// - a turn begins when the user starts speaking (`user-started-speaking`, the server's turn
//   decision) or sends text (`send-text`); a user who starts again before the bot did anything
//   is still in the same turn;
// - bot events go to the turn the bot is answering: the latest one whose user part ended;
// - the user (or a typed message) starting while the bot speaks interrupts the speaking turn;
//   the bot yields at its `bot-stopped-speaking`. The server's `bot-interrupted` that answers
//   every `send-text` at once, even when the bot was silent, is no interruption;
// - latency is measured from the last raw VAD stop of the turn when the server sends VAD events,
//   else from `user-stopped-speaking`, else from the `send-text`, to `bot-started-speaking`.
//
// Over 300 lines: one state machine whose handlers share the same few pointers (the user's
// turn, the turn answered, the turn speaking); split across files they would have to be
// passed around or exposed, and each rule read apart from the ones it depends on.
import { addBotOutput } from "./botSpeech";
import { FunctionCallTracker } from "./functionCalls";
import type { MetricsReport } from "./metricsReport";
import { serviceKind } from "./metricsReport";
import type { Mark, Span, Turn } from "./types";

/** The types whose data the machine reads; every other row is taken by its type alone. */
const PARSED = new Set([
  "user-transcription",
  "bot-output",
  "bot-transcription",
  "bot-tts-text",
  "send-text",
  "llm-function-call-started",
  "llm-function-call-in-progress",
  "llm-function-call-stopped",
  "llm-function-call",
  "llm-function-call-result",
]);

/** Types taken by their type alone. */
const UNPARSED = new Set([
  "user-started-speaking",
  "user-stopped-speaking",
  "vad-user-started-speaking",
  "vad-user-stopped-speaking",
  "bot-started-speaking",
  "bot-stopped-speaking",
  "bot-interrupted",
  "bot-llm-started",
  "bot-llm-text",
  "bot-llm-stopped",
  "bot-tts-started",
  "bot-tts-stopped",
]);

export function needsMessage(type: string): boolean {
  return PARSED.has(type);
}

export function isTurnEvent(type: string): boolean {
  return PARSED.has(type) || UNPARSED.has(type);
}

function openSpan(spans: Span[], mark: Mark): void {
  spans.push({ start: mark.t, startSeq: mark.seq });
}

function closeSpan(spans: Span[], mark: Mark): boolean {
  const last = spans.at(-1);
  if (!last || last.end !== undefined) return false;
  last.end = mark.t;
  last.endSeq = mark.seq;
  return true;
}

function isOpen(spans: Span[]): boolean {
  const last = spans.at(-1);
  return last !== undefined && last.end === undefined;
}

export class TurnBuilder {
  turns: Turn[] = [];
  readonly calls = new FunctionCallTracker();
  /** Raw VAD spans of the session, for the timeline's user lane. */
  vad: Span[] = [];
  private nextNumber = 1;
  /** The user's latest turn. */
  private current?: Turn;
  /** The turn the bot answers. */
  private responding?: Turn;
  /** The turn whose bot speech is open. */
  private speaking?: Turn;
  private llmTurn?: Turn;
  private ttsTurn?: Turn;
  /** A text turn whose `send-text` the server has not yet acknowledged with `bot-interrupted`. */
  private awaitingAck?: Turn;
  /** The turn each `bot-output` segment_id was seen in. */
  private segmentTurns = new Map<number, Turn>();

  /** A new document of the top frame: nothing in flight carries over. */
  newDocument(): void {
    this.current = this.responding = this.speaking = this.llmTurn = this.ttsTurn = this.awaitingAck = undefined;
  }

  /** Lets go of turns (and VAD spans) that began before `seq`. */
  dropBefore(seq: number): void {
    this.turns = this.turns.filter((turn) => turn.startSeq >= seq);
    this.vad = this.vad.filter((span) => span.startSeq >= seq);
    for (const [id, turn] of this.segmentTurns) if (turn.startSeq < seq) this.segmentTurns.delete(id);
    this.calls.dropBefore(seq);
  }

  /** The turn that takes a metrics report (the one being answered). */
  addMetrics(report: MetricsReport, mark: Mark): void {
    const turn = this.responding;
    if (!turn) return;
    for (const { processor, ms } of report.ttfb) {
      turn.ttfb.push({ processor, service: serviceKind(processor), ms, seq: mark.seq, t: mark.t });
    }
    if (report.tokens) {
      turn.tokens.prompt += report.tokens.prompt;
      turn.tokens.completion += report.tokens.completion;
      turn.tokens.total += report.tokens.total;
    }
    turn.ttsCharacters += report.characters;
    this.touch(turn, mark.seq);
  }

  /** Takes one row of a turn event type (`isTurnEvent`); `data` is its parsed data when `needsMessage`. */
  take(type: string, dir: "in" | "out", mark: Mark, data: Record<string, unknown>): void {
    if (dir === "out") {
      if (type === "send-text") this.sendText(mark, data);
      else if (type === "llm-function-call-result") this.functionCall(type, mark, data);
      return;
    }
    switch (type) {
      case "user-started-speaking":
        this.userStarted(mark);
        return;
      case "user-stopped-speaking":
        this.userStopped(mark);
        return;
      case "vad-user-started-speaking":
        openSpan(this.vad, mark);
        if (this.current) this.touch(this.current, mark.seq);
        return;
      case "vad-user-stopped-speaking":
        closeSpan(this.vad, mark);
        if (this.current && this.current.kind === "voice") {
          this.current.vadStop = mark;
          this.touch(this.current, mark.seq);
        }
        return;
      case "user-transcription":
        this.transcription(mark, data);
        return;
      case "bot-started-speaking":
        this.botStarted(mark);
        return;
      case "bot-stopped-speaking":
        this.botStopped(mark);
        return;
      case "bot-interrupted":
        this.botInterrupted(mark);
        return;
      case "bot-llm-started":
        this.llmTurn = this.answering(mark);
        openSpan(this.llmTurn.llm, mark);
        this.touch(this.llmTurn, mark.seq);
        return;
      case "bot-llm-stopped":
      case "bot-tts-stopped": {
        const turn = type === "bot-llm-stopped" ? this.llmTurn : this.ttsTurn;
        if (turn && closeSpan(type === "bot-llm-stopped" ? turn.llm : turn.tts, mark)) this.touch(turn, mark.seq);
        return;
      }
      case "bot-llm-text":
        if (this.llmTurn) this.llmTurn.seqs.push(mark.seq);
        return;
      case "bot-tts-started":
        this.ttsTurn = this.answering(mark);
        openSpan(this.ttsTurn.tts, mark);
        this.touch(this.ttsTurn, mark.seq);
        return;
      case "bot-tts-text": {
        const turn = this.ttsTurn ?? this.answering(mark);
        if (typeof data.text === "string") turn.ttsTexts.push(data.text);
        this.touch(turn, mark.seq);
        return;
      }
      case "bot-transcription": {
        const turn = this.speaking ?? this.answering(mark);
        if (typeof data.text === "string") turn.transcriptions.push(data.text);
        this.touch(turn, mark.seq);
        return;
      }
      case "bot-output":
        this.botOutput(mark, data);
        return;
      default:
        this.functionCall(type, mark, data);
        return;
    }
  }

  private newTurn(kind: Turn["kind"], mark: Mark): Turn {
    const turn: Turn = {
      number: this.nextNumber++,
      kind,
      start: mark.t,
      startSeq: mark.seq,
      seqs: [],
      version: 0,
      userFinals: [],
      segments: [],
      transcriptions: [],
      ttsTexts: [],
      botSpeech: [],
      llm: [],
      tts: [],
      hadBotActivity: false,
      calls: [],
      ttfb: [],
      tokens: { prompt: 0, completion: 0, total: 0 },
      ttsCharacters: 0,
    };
    this.turns.push(turn);
    return turn;
  }

  /** A user (or a typed message) takes the floor: cuts off a speaking bot, pre-empts a preparing one. */
  private takeFloor(mark: Mark, by: "user" | "send-text"): void {
    const speaking = this.speaking;
    if (speaking && isOpen(speaking.botSpeech) && !speaking.interruption) {
      speaking.interruption = { t: mark.t, seq: mark.seq, by };
      this.touch(speaking, mark.seq);
    }
    const answered = this.responding;
    if (answered && answered !== speaking && answered.botSpeech.length === 0 && answered.hadBotActivity) {
      answered.preempted = mark;
      this.touch(answered, mark.seq);
    }
  }

  private userStarted(mark: Mark): void {
    const current = this.current;
    // The user paused and went on before the bot did anything: the same turn.
    if (current && current.kind === "voice" && !current.hadBotActivity) {
      if (current.user) current.user.end = current.user.endSeq = undefined;
      this.touch(current, mark.seq);
      return;
    }
    this.takeFloor(mark, "user");
    const turn = this.newTurn("voice", mark);
    turn.user = { start: mark.t, startSeq: mark.seq };
    this.current = turn;
    this.touch(turn, mark.seq);
  }

  private userStopped(mark: Mark): void {
    let turn = this.current;
    if (turn?.kind !== "voice" || turn.hadBotActivity) {
      turn = this.newTurn("voice", mark);
      turn.user = { start: mark.t, startSeq: mark.seq };
      this.current = turn;
    }
    if (turn.user) {
      turn.user.end = mark.t;
      turn.user.endSeq = mark.seq;
    }
    turn.userStopped = mark;
    this.responding = turn;
    this.touch(turn, mark.seq);
  }

  private sendText(mark: Mark, data: Record<string, unknown>): void {
    this.takeFloor(mark, "send-text");
    const turn = this.newTurn("text", mark);
    turn.typed = typeof data.content === "string" ? data.content : "";
    turn.userStopped = mark;
    this.current = this.responding = this.awaitingAck = turn;
    this.touch(turn, mark.seq);
  }

  private transcription(mark: Mark, data: Record<string, unknown>): void {
    let turn = this.current;
    if (turn?.kind !== "voice") {
      turn = this.newTurn("voice", mark);
      this.current = turn;
    }
    const content = typeof data.text === "string" ? data.text : "";
    if (data.final === false) {
      turn.userInterim = content;
    } else {
      turn.userFinals.push(content);
      turn.userInterim = undefined;
    }
    this.touch(turn, mark.seq);
  }

  /** The turn the bot answers now; a bot that speaks first (a greeting) gets a turn of its own. */
  private answering(mark: Mark): Turn {
    let turn = this.responding;
    if (!turn) {
      turn = this.newTurn("bot", mark);
      this.current = this.responding = turn;
    }
    turn.hadBotActivity = true;
    if (this.awaitingAck === turn) this.awaitingAck = undefined;
    return turn;
  }

  private botStarted(mark: Mark): void {
    const turn = this.answering(mark);
    this.speaking = turn;
    openSpan(turn.botSpeech, mark);
    if (!turn.latency && turn.userStopped) {
      const vad = turn.vadStop && turn.vadStop.t <= mark.t ? turn.vadStop : undefined;
      const from = turn.kind === "text" ? "send-text" : vad ? "vad-user-stopped-speaking" : "user-stopped-speaking";
      const start = vad ?? turn.userStopped;
      turn.latency = { ms: mark.t - start.t, from, start, end: mark };
    }
    this.touch(turn, mark.seq);
  }

  private botStopped(mark: Mark): void {
    const turn = this.speaking ?? this.responding;
    this.speaking = undefined;
    if (!turn) return;
    closeSpan(turn.botSpeech, mark);
    if (turn.interruption && turn.interruption.yieldMs === undefined) {
      turn.interruption.yieldMs = mark.t - turn.interruption.t;
    }
    this.touch(turn, mark.seq);
  }

  private botInterrupted(mark: Mark): void {
    const acknowledged = this.awaitingAck;
    if (acknowledged) {
      // The server's answer to a send-text, sent even when the bot was silent.
      this.awaitingAck = undefined;
      this.touch(acknowledged, mark.seq);
      return;
    }
    const speaking = this.speaking;
    if (speaking && isOpen(speaking.botSpeech)) {
      speaking.interruption ??= { t: mark.t, seq: mark.seq, by: "server" };
      this.touch(speaking, mark.seq);
      return;
    }
    const turn = this.responding ?? this.current;
    if (turn) this.touch(turn, mark.seq);
  }

  private botOutput(mark: Mark, data: Record<string, unknown>): void {
    const id = typeof data.segment_id === "number" ? data.segment_id : undefined;
    // An update of a segment an earlier turn opened (its last words, after a barge-in) stays there.
    // A "new" segment is the speaking turn's (ids may start over when the bot reconnects).
    const known = id !== undefined && data.spoken_status !== "new" ? this.segmentTurns.get(id) : undefined;
    const turn = known ?? this.speaking ?? this.answering(mark);
    turn.hadBotActivity = true;
    addBotOutput(turn, data, mark.seq);
    if (id !== undefined) this.segmentTurns.set(id, turn);
    this.touch(turn, mark.seq);
  }

  private functionCall(type: string, mark: Mark, data: Record<string, unknown>): void {
    const turn = type === "llm-function-call-result" ? undefined : this.responding;
    const call = this.calls.take(type, data, mark, turn?.number);
    if (!call) return;
    const owner = this.turns.findLast((candidate) => candidate.number === call.turn);
    if (owner) {
      if (!owner.calls.includes(call)) owner.calls.push(call);
      owner.hadBotActivity = true;
      this.touch(owner, mark.seq);
    }
  }

  private touch(turn: Turn, seq: number): void {
    if (turn.seqs.at(-1) !== seq) turn.seqs.push(seq);
    turn.version++;
  }
}
