/**
 * Runs in the demo bot (Node): its deterministic script (README.md beside this file),
 * independent of the transport: a transport hands it every inbound message and gives it a
 * BotOutput to answer through.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { BotReadyData, ErrorData } from "@pipecat-ai/client-js";
import { playScript } from "./conversationPlayer.ts";
import { PLAY_CONVERSATION, spokenScript, textTurnScript } from "./conversationScript.ts";
import { metricsInventory } from "./observerEvents.ts";
import { asRtviMessage, type BotMessage, botEvent, isObject, rtviMessage } from "./rtvi.ts";
import type { SessionRecord } from "./sessions.ts";
import { type BotSwitches, switchesFrom } from "./switches.ts";
import { type FunctionCallOutcome, playTurn, type SpeechState, type TurnContext, type TurnInput } from "./turn.ts";

export interface BotOutput {
  /** Delivers one RTVI message to the client. */
  sendMessage(message: BotMessage): void;
  /** Follows the bot's speech: transports that carry bot audio start, cut or stop it here. */
  speechChanged?(state: SpeechState): void;
  /** Ends the connection from the bot's side (after `disconnect-bot`). */
  close(): void;
}

export interface ScriptOptions {
  /** How long a turn waits for the client's `llm-function-call-result`. */
  functionCallTimeoutMs?: number;
}

const BOT_READY_DATA = {
  version: "2.1.0",
  about: { library: "pipecat-devtools-demo-bot", library_version: "1.0.0" },
} satisfies BotReadyData;

const INITIAL_LANGUAGE = "en-US";
const DEFAULT_TURN_TEXT = "What's the weather like in San Francisco?";
const FUNCTION_CALL_TIMEOUT_MS = 10_000;
const MAX_BURST = 100_000;

// Client → server types a real Pipecat bot accepts without answering; the demo has no use for them.
const SILENTLY_ACCEPTED = new Set(["dtmf", "ui-event", "ui-snapshot", "ui-cancel-job-group"]);

export class ScriptedBot {
  private language = INITIAL_LANGUAGE;
  /** Turns play one after the other, in the order they were asked for. */
  private turns: Promise<void> = Promise.resolve();
  private readonly pendingFunctionCalls = new Map<string, (result: unknown) => void>();
  private readonly ended = new AbortController();
  private readonly functionCallTimeoutMs: number;
  /** While the scripted conversation plays, the next send-text is its text turn. */
  private scriptAwaitsText = false;
  private segmentIds = 0;

  constructor(
    private readonly record: SessionRecord,
    private readonly output: BotOutput,
    options: ScriptOptions = {},
  ) {
    this.functionCallTimeoutMs = options.functionCallTimeoutMs ?? FUNCTION_CALL_TIMEOUT_MS;
    this.turnContext = this.makeTurnContext(switchesFrom(record.requestData));
  }

  /** Handles one inbound message (parsed JSON, or the raw text when it was not JSON). */
  receive(value: unknown): void {
    this.record.received.push(value);
    if (this.ended.signal.aborted) return;
    const message = asRtviMessage(value);
    if (!message) {
      this.send("error", { error: "Invalid RTVI transport message", fatal: false } satisfies ErrorData);
      return;
    }
    const data = message.data ?? {};
    switch (message.type) {
      case "client-ready":
        // Pipecat lists its services in an all-zero metrics message first (the fixture has it before bot-ready).
        this.send("metrics", metricsInventory());
        this.send("bot-ready", BOT_READY_DATA, message.id);
        break;
      case "client-message":
        this.handleClientMessage(message.id, data.t, isObject(data.d) ? data.d : {});
        break;
      case "send-text":
        if (typeof data.content !== "string") {
          this.send("error-response", { error: "send-text needs a content string" }, message.id);
        } else if (this.scriptAwaitsText) {
          this.scriptAwaitsText = false;
          this.playScripted(textTurnScript(this.turnContext.switches));
        } else this.queueTurn({ typed: data.content });
        break;
      case "llm-function-call-result":
        if (typeof data.tool_call_id === "string") this.pendingFunctionCalls.get(data.tool_call_id)?.(data.result);
        break;
      case "disconnect-bot":
        this.end();
        this.output.close();
        break;
      default:
        if (!SILENTLY_ACCEPTED.has(message.type)) {
          this.send("error-response", { error: `Unsupported type ${message.type}` }, message.id);
        }
    }
  }

  /** The connection is gone: stops the turn in progress and every timer. */
  end(): void {
    this.ended.abort();
    this.pendingFunctionCalls.clear();
  }

  /** `client-message` {t, d}: what sendClientMessage and sendClientRequest send; requests match by id. */
  private handleClientMessage(id: string, t: unknown, d: Record<string, unknown>): void {
    switch (t) {
      case "get-language":
        this.send("server-response", { t, d: { language: this.language } }, id);
        break;
      case "set-language":
        if (typeof d.language !== "string") {
          this.send("error-response", { error: "set-language needs d.language (a string)" }, id);
          break;
        }
        this.language = d.language;
        this.send("server-message", { msg: "language-updated", language: this.language });
        break;
      case "start-turn":
        this.queueTurn({ spoken: typeof d.text === "string" ? d.text : DEFAULT_TURN_TEXT });
        break;
      case PLAY_CONVERSATION:
        this.scriptAwaitsText = true;
        this.playScripted(spokenScript(this.turnContext.switches), () => {
          this.scriptAwaitsText = false;
        });
        break;
      case "never-answered":
        // Deliberately silent: the client's request times out.
        break;
      case "burst":
        void this.sendBurst(d);
        break;
      default:
        this.send("error-response", { error: "Unknown request type" }, id);
    }
  }

  /** `burst` {count, bytes}: `count` numbered server-messages as fast as the transport takes them, for load tests. */
  private async sendBurst(d: Record<string, unknown>): Promise<void> {
    const count = Math.min(Math.max(Number(d.count) || 0, 0), MAX_BURST);
    const padding = "x".repeat(Math.min(Math.max(Number(d.bytes) || 0, 0), 64 * 1024));
    for (let n = 1; n <= count; n++) {
      this.send("server-message", { msg: "burst", n, of: count, padding });
      // Let the event loop breathe so pings and other sessions are not starved.
      if (n % 200 === 0) await sleep(0);
    }
  }

  /** An answer (with the request's id) or an observer event (no id; no data when there is no payload). */
  private send(type: string, data?: object, id?: string): void {
    if (this.ended.signal.aborted) return;
    const message = id === undefined ? botEvent(type, data) : rtviMessage(type, data ?? {}, id);
    this.record.sent.push(message);
    this.output.sendMessage(message);
  }

  private queueTurn(input: TurnInput): void {
    this.turns = this.turns.then(() => playTurn(this.turnContext, input)).catch((error) => this.turnFailed(error));
  }

  /** Plays a part of the scripted conversation from now, beside any turn in progress. */
  private playScripted(events: Parameters<typeof playScript>[1], then?: () => void): void {
    playScript(this.turnContext, events, performance.now())
      .then(then)
      .catch((error) => this.turnFailed(error));
  }

  private turnFailed(error: unknown): void {
    if (!this.ended.signal.aborted) console.error("demo bot: turn failed", error);
  }

  private readonly turnContext: TurnContext;

  private makeTurnContext(switches: BotSwitches): TurnContext {
    return {
      switches,
      newSegmentId: () => ++this.segmentIds,
      send: (type, data) => this.send(type, data),
      pause: (ms) => sleep(ms, undefined, { signal: this.ended.signal }),
      functionCallResult: (toolCallId) => this.functionCallResult(toolCallId),
      speechChanged: (state) => {
        if (!this.ended.signal.aborted) this.output.speechChanged?.(state);
      },
    };
  }

  private functionCallResult(toolCallId: string): Promise<FunctionCallOutcome> {
    const { signal } = this.ended;
    return new Promise((resolve, reject) => {
      const stopWaiting = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", onEnded);
        this.pendingFunctionCalls.delete(toolCallId);
      };
      const onEnded = () => {
        stopWaiting();
        reject(signal.reason);
      };
      const timer = setTimeout(() => {
        stopWaiting();
        resolve({ answered: false });
      }, this.functionCallTimeoutMs);
      this.pendingFunctionCalls.set(toolCallId, (result) => {
        stopWaiting();
        resolve({ answered: true, result });
      });
      signal.addEventListener("abort", onEnded);
    });
  }
}
