/**
 * Runs in the demo bot (Node) and in tests: the scripted spoken conversation the demo app plays
 * with its "Play scripted conversation" button (demo/bot/README.md, "The scripted conversation").
 * The bot plays both sides as a real Pipecat server reports them, at fixed times, so each turn's
 * voice-to-voice latency, the barge-in's yield and each function call's duration are known
 * numbers, exported here (EXPECTED_TURNS) for tests to import rather than copy. Pure data: the
 * player (conversationPlayer.ts) sends it.
 *
 * Times are milliseconds: the text turn's after the bot received its `send-text`, everything
 * else after it received `play-conversation` (the app sends both at once, trigger first).
 */
import { type FunctionCallReport, SERVICES } from "./observerEvents.ts";
import { botSpeaks, inferCall, inferText, Timeline, userSpeaks } from "./scriptTimeline.ts";
import type { BotSwitches } from "./switches.ts";

/** The `client-message` type that starts the script. */
export const PLAY_CONVERSATION = "play-conversation";
/** What the app types for the text turn, sent as `send-text` right after the trigger. */
export const SCRIPT_TEXT = "What can you do?";
/** The script's last message: a server-message the app's bot code sends when it is done. */
export const SCRIPT_DONE = { msg: "conversation-script", status: "done" } as const;

export interface ScriptEvent {
  at: number;
  type: string;
  data?: object;
}

export interface ExpectedFunctionCall {
  /** The report level its events use: "none" leaves the name out. */
  report: FunctionCallReport;
  name: string;
  arguments: Record<string, unknown>;
  result: unknown;
  toolCallId: string;
  /** `llm-function-call-started` → `llm-function-call-stopped`. */
  durationMs: number;
}

export interface ExpectedTurn {
  kind: "text" | "voice";
  /** The final transcription, or what was typed. */
  userText: string;
  /** user-stopped-speaking (text turn: the send) → bot-started-speaking; null when the bot never spoke. */
  latencyMs: number | null;
  /** vad-user-stopped-speaking → bot-started-speaking, when VAD events are switched on. */
  vadLatencyMs: number | null;
  /** The reply as the LLM wrote it (one sentence), and what of it was spoken and not. */
  botText: string;
  spoken: string;
  unspoken: string;
  interrupted: boolean;
  /** user-started-speaking → bot-stopped-speaking, for the interrupted turn. */
  yieldMs: number | null;
  functionCalls: ExpectedFunctionCall[];
  /** Time to first byte per processor, in seconds, in the order the metrics came. */
  ttfb: { processor: string; value: number }[];
}

const WEATHER: ExpectedFunctionCall = {
  report: "none",
  name: "get_weather",
  arguments: { location: "Paris" },
  result: { conditions: "sunny", temperature: 22 },
  toolCallId: "call_9Xc2rWeather01",
  durationMs: 300,
};
const BOOKING: ExpectedFunctionCall = {
  report: "full",
  name: "book_table",
  arguments: { people: 2, time: "20:00" },
  result: { confirmed: true, table: 12 },
  toolCallId: "call_4Lk7pBooking02",
  durationMs: 250,
};

const ttfb = (service: keyof typeof SERVICES, value: number) => ({ processor: SERVICES[service].processor, value });

export const EXPECTED_TURNS: readonly ExpectedTurn[] = [
  {
    kind: "text",
    userText: SCRIPT_TEXT,
    latencyMs: 650,
    vadLatencyMs: null,
    botText: "I can check the weather and book tables.",
    spoken: "I can check the weather and book tables.",
    unspoken: "",
    interrupted: false,
    yieldMs: null,
    functionCalls: [],
    ttfb: [ttfb("llm", 0.18), ttfb("tts", 0.2)],
  },
  {
    kind: "voice",
    userText: "What's the weather in Paris?",
    latencyMs: 1200,
    vadLatencyMs: 1400,
    botText: "It's sunny and 22 degrees in Paris.",
    spoken: "It's sunny and 22 degrees in Paris.",
    unspoken: "",
    interrupted: false,
    yieldMs: null,
    functionCalls: [WEATHER],
    ttfb: [ttfb("stt", 0.1), ttfb("llm", 0.18), ttfb("llm", 0.18), ttfb("tts", 0.2)],
  },
  {
    kind: "voice",
    userText: "Book a table for two at eight.",
    latencyMs: 800,
    vadLatencyMs: 1000,
    botText: "Done, table twelve is booked for two at eight tonight.",
    spoken: "Done, table twelve is",
    unspoken: "booked for two at eight tonight.",
    interrupted: true,
    yieldMs: 150,
    functionCalls: [BOOKING],
    ttfb: [ttfb("stt", 0.1), ttfb("llm", 0.13), ttfb("llm", 0.13), ttfb("tts", 0.1)],
  },
  {
    kind: "voice",
    userText: "Actually, never mind.",
    latencyMs: null,
    vadLatencyMs: null,
    botText: "",
    spoken: "",
    unspoken: "",
    interrupted: false,
    yieldMs: null,
    functionCalls: [],
    ttfb: [ttfb("stt", 0.1), ttfb("llm", 0.18)],
  },
];

/** The text turn: answers the app's `send-text` (times after it arrived). */
export function textTurnScript(switches: BotSwitches): ScriptEvent[] {
  const tl = new Timeline(switches);
  const turn = EXPECTED_TURNS[0];
  // A real server interrupts the bot at once for every send-text, even when it is silent.
  tl.add(0, "bot-interrupted");
  inferText(tl, 20, 200, turn.botText);
  botSpeaks(tl, { ttsStart: 450, speakStart: 650, text: turn.botText, segmentId: 101 });
  return tl.sorted();
}

/** The spoken turns (times after `play-conversation` arrived). */
export function spokenScript(switches: BotSwitches): ScriptEvent[] {
  const tl = new Timeline(switches);
  const [, weather, booking, neverMind] = EXPECTED_TURNS;

  userSpeaks(tl, {
    start: 1700,
    interims: [
      [1900, "What's the"],
      [2100, "What's the weather in"],
    ],
    vadStop: 2200,
    final: [2300, weather.userText],
    stop: 2400,
  });
  inferCall(tl, 2420, 2600, WEATHER);
  inferText(tl, 2920, 3100, weather.botText);
  botSpeaks(tl, { ttsStart: 3400, speakStart: 3600, text: weather.botText, segmentId: 102 });

  userSpeaks(tl, {
    start: 4500,
    interims: [[4700, "Book a table"]],
    vadStop: 4800,
    final: [4900, booking.userText],
    stop: 5000,
  });
  inferCall(tl, 5020, 5150, BOOKING);
  inferText(tl, 5420, 5550, booking.botText);
  botSpeaks(tl, {
    ttsStart: 5700,
    speakStart: 5800,
    text: booking.botText,
    segmentId: 103,
    bargeIn: { at: 6200, words: 4, stop: 6350 },
  });

  // The barge-in's own turn: the user changes their mind and the LLM has nothing to say.
  userSpeaks(
    tl,
    { start: 6200, interims: [[6400, "Actually,"]], vadStop: 6500, final: [6600, neverMind.userText], stop: 6700 },
    true,
  );
  inferText(tl, 6720, 6900, "");
  tl.add(7000, "server-message", SCRIPT_DONE);
  return tl.sorted();
}
