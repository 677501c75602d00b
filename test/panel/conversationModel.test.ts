// The Conversation view's model (panel/conversation/): turns, latency, interruptions, bot
// speech, function calls and metrics, built from real event shapes (docs/ and
// test/shared/fixtures/real-pipecat-text-session.json) through a real store.
// Over 300 lines: each edge case the issue lists is one scripted session, all sharing the
// Script helper below.
import { describe, expect, it } from "vitest";
import type { PageToPanel } from "../../src/shared/protocol";
import { createSessionStore, type SessionStore } from "../../panel/model/store";
import { ConversationModel } from "../../panel/conversation/conversationModel";
import { botPieces, botText, userText } from "../../panel/conversation/botSpeech";
import { callDurationMs, callStatus } from "../../panel/conversation/functionCalls";
import { summarize } from "../../panel/conversation/summary";
import file from "../shared/fixtures/real-pipecat-text-session.json";

const T0 = 1_800_000_000_000;
let messageId = 1;

/** A session scripted at times relative to T0 (ms), one client "c-1" in frame 0. */
class Script {
  readonly store: SessionStore;
  readonly model = new ConversationModel("0:c-1");

  constructor(limits?: { rows: number; jsonChars: number }) {
    this.store = createSessionStore(limits ? { limits } : {});
    this.store.ingest(0, [
      { kind: "hook-ready", t: T0 - 10, url: "http://localhost/app", isTop: true, hookVersion: "test", late: false },
      { kind: "client-added", t: T0 - 5, client: { clientId: "c-1", transport: "websocket", foundBy: "trap" } },
    ]);
  }

  /** `[at, type, data?]` inbound messages; an `out:` prefix makes one outbound. */
  at(...steps: [number, string, unknown?][]): this {
    const events: PageToPanel[] = steps.map(([at, type, data]) => {
      const out = type.startsWith("out:");
      const name = out ? type.slice(4) : type;
      const msg: Record<string, unknown> = { label: "rtvi-ai", type: name, data: data ?? null };
      if (out) msg.id = `id${messageId}`;
      return {
        kind: "message",
        messageId: messageId++,
        t: T0 + at,
        clientId: "c-1",
        dir: out ? "out" : "in",
        level: "client",
        msg,
      } as PageToPanel;
    });
    this.store.ingest(0, events);
    this.model.sync(this.store);
    return this;
  }
}

const spokenTurn = (start: number, words: string, stopAfter = 1000): [number, string, unknown?][] => [
  [start, "user-started-speaking"],
  [start + 500, "user-transcription", { text: words, user_id: "u", timestamp: "t", final: true }],
  [start + 600, "user-stopped-speaking"],
  [start + 700, "bot-llm-started"],
  [start + 900, "bot-llm-stopped"],
  [start + 1000, "bot-started-speaking"],
  [start + 1000 + stopAfter, "bot-stopped-speaking"],
];

describe("conversation model", () => {
  it("measures a spoken turn from user-stopped-speaking when the server sends no VAD events", () => {
    const { model } = new Script().at(...spokenTurn(0, "Hello there"));
    expect(model.turns).toHaveLength(1);
    const [turn] = model.turns;
    expect(turn.kind).toBe("voice");
    expect(userText(turn)).toEqual({ text: "Hello there", interim: false });
    expect(turn.latency).toMatchObject({ ms: 400, from: "user-stopped-speaking" });
    expect(turn.interruption).toBeUndefined();
    expect(turn.seqs.length).toBe(7);
  });

  it("measures from the last raw VAD stop when the server sends VAD events", () => {
    const { model } = new Script().at(
      [0, "vad-user-started-speaking"],
      [10, "user-started-speaking"],
      [300, "vad-user-stopped-speaking"],
      [350, "vad-user-started-speaking"],
      [500, "vad-user-stopped-speaking"],
      [800, "user-stopped-speaking"],
      [1300, "bot-started-speaking"],
    );
    expect(model.turns).toHaveLength(1);
    expect(model.turns[0].latency).toMatchObject({ ms: 800, from: "vad-user-stopped-speaking" });
    expect(model.vad).toHaveLength(2);
  });

  it("folds interim transcriptions into the turn, the final one replacing them", () => {
    const script = new Script().at(
      [0, "user-started-speaking"],
      [100, "user-transcription", { text: "What is", final: false }],
    );
    expect(userText(script.model.turns[0])).toEqual({ text: "What is", interim: true });
    script.at(
      [200, "user-transcription", { text: "What is the", final: false }],
      [300, "user-transcription", { text: "What is the time?", final: true }],
    );
    expect(script.model.turns).toHaveLength(1);
    expect(userText(script.model.turns[0])).toEqual({ text: "What is the time?", interim: false });
  });

  it("keeps a user who pauses and goes on before the bot answers in one turn", () => {
    const { model } = new Script().at(
      [0, "user-started-speaking"],
      [400, "user-stopped-speaking"],
      [600, "user-started-speaking"],
      [900, "user-stopped-speaking"],
      [1400, "bot-started-speaking"],
    );
    expect(model.turns).toHaveLength(1);
    expect(model.turns[0].latency?.ms).toBe(500);
  });

  it("counts a text turn from its send-text, and the server's bot-interrupted after it is no interruption", () => {
    const { model } = new Script().at(
      [0, "out:send-text", { content: "Hi bot", options: {} }],
      [40, "bot-interrupted"],
      [60, "bot-llm-started"],
      [180, "bot-started-speaking"],
      [900, "bot-stopped-speaking"],
    );
    const [turn] = model.turns;
    expect(turn.kind).toBe("text");
    expect(userText(turn).text).toBe("Hi bot");
    expect(turn.latency).toMatchObject({ ms: 180, from: "send-text" });
    expect(turn.interruption).toBeUndefined();
    expect(summarize(model).interruptions).toBe(0);
  });

  it("says so for a turn whose bot never spoke, and marks a barge-in before the bot spoke", () => {
    const { model } = new Script().at(
      [0, "user-started-speaking"],
      [500, "user-stopped-speaking"],
      [600, "bot-llm-started"],
      [700, "user-started-speaking"],
      [710, "bot-interrupted"],
      [720, "bot-llm-stopped"],
      [1200, "user-stopped-speaking"],
      [1500, "bot-started-speaking"],
      [2500, "bot-stopped-speaking"],
    );
    expect(model.turns).toHaveLength(2);
    const [first, second] = model.turns;
    expect(first.latency).toBeUndefined();
    expect(first.botSpeech).toHaveLength(0);
    expect(first.preempted?.t).toBe(T0 + 700);
    expect(first.interruption).toBeUndefined();
    expect(first.llm[0]).toMatchObject({ start: T0 + 600, end: T0 + 720 });
    expect(second.latency?.ms).toBe(300);
    expect(second.interruption).toBeUndefined();
  });

  it("marks a barge-in while the bot speaks, how fast it yielded, and what was cut off", () => {
    const { model } = new Script().at(
      [0, "user-started-speaking"],
      [500, "user-stopped-speaking"],
      [1000, "bot-started-speaking"],
      [
        1010,
        "bot-output",
        {
          text: "The weather is sunny today.",
          segment_id: 3,
          spoken_status: "new",
          will_be_spoken: true,
          spoken_progress: { accumulated_text: "", remaining_text: "The weather is sunny today." },
        },
      ],
      [
        1300,
        "bot-output",
        {
          text: "The weather is sunny today.",
          segment_id: 3,
          spoken_status: "in-progress",
          will_be_spoken: true,
          spoken_progress: { accumulated_text: "The weather", remaining_text: " is sunny today." },
        },
      ],
      [1400, "user-started-speaking"],
      [1410, "bot-interrupted"],
      [1520, "bot-stopped-speaking"],
      [1900, "user-stopped-speaking"],
      [2300, "bot-started-speaking"],
      [
        2310,
        "bot-output",
        {
          text: "Sure.",
          segment_id: 4,
          spoken_status: "new",
          will_be_spoken: true,
          spoken_progress: { accumulated_text: "", remaining_text: "Sure." },
        },
      ],
      [
        2600,
        "bot-output",
        {
          text: "Sure.",
          segment_id: 4,
          spoken_status: "completed",
          will_be_spoken: true,
          spoken_progress: { accumulated_text: "Sure.", remaining_text: "" },
        },
      ],
      [2700, "bot-stopped-speaking"],
    );
    const [first, second] = model.turns;
    expect(first.interruption).toMatchObject({ by: "user", yieldMs: 120 });
    expect(botPieces(first)).toEqual([
      { text: "The weather", state: "spoken" },
      { text: " is sunny today.", state: "cut-off" },
    ]);
    expect(second.interruption).toBeUndefined();
    expect(botText(second)).toBe("Sure.");
    expect(summarize(model).interruptions).toBe(1);
  });

  it("coalesces the updates of one sentence that came with different segment ids, as a real server sends them", () => {
    const sentence = "You said: hello.";
    const { model } = new Script().at(
      [0, "out:send-text", { content: "hello", options: {} }],
      [20, "bot-interrupted"],
      [100, "bot-started-speaking"],
      [
        101,
        "bot-output",
        {
          text: sentence,
          segment_id: 80,
          spoken_status: "new",
          spoken_progress: { accumulated_text: "", remaining_text: sentence },
        },
      ],
      [102, "bot-transcription", { text: sentence }],
      [
        2000,
        "bot-output",
        {
          text: sentence,
          segment_id: 115,
          spoken_status: "completed",
          spoken_progress: { accumulated_text: sentence, remaining_text: "" },
        },
      ],
      [2001, "bot-tts-text", { text: sentence }],
      [2002, "bot-stopped-speaking"],
    );
    expect(model.turns[0].segments).toHaveLength(1);
    expect(model.turns[0].segments[0].segmentIds).toEqual([80, 115]);
    expect(botPieces(model.turns[0])).toEqual([{ text: sentence, state: "spoken" }]);
  });

  it("falls back to bot-transcription when a server sends no bot-output", () => {
    const { model } = new Script().at(
      ...spokenTurn(0, "Hi"),
      [1100, "bot-transcription", { text: "Hello!" }],
      [1200, "bot-transcription", { text: "How can I help?" }],
    );
    expect(botText(model.turns[0])).toBe("Hello! How can I help?");
  });

  it("pairs anonymous function-call reports by order, and keeps calls that never finish", () => {
    const { model } = new Script().at(
      [0, "out:send-text", { content: "weather?", options: {} }],
      [10, "bot-interrupted"],
      [20, "bot-llm-started"],
      [100, "llm-function-call-started", {}],
      [110, "llm-function-call-in-progress", { tool_call_id: "call_1" }],
      [120, "llm-function-call-started", {}],
      [130, "llm-function-call-in-progress", { tool_call_id: "call_2" }],
      [600, "llm-function-call-stopped", { tool_call_id: "call_1", cancelled: false }],
    );
    const [first, second] = model.calls;
    expect(first).toMatchObject({ toolCallId: "call_1", name: undefined, turn: 1 });
    expect(callDurationMs(first)).toBe(500);
    expect(second.toolCallId).toBe("call_2");
    expect(callStatus(second)).toBe("running");
    expect(callDurationMs(second)).toBeUndefined();
    expect(model.turns[0].calls).toEqual([first, second]);
  });

  it("reads full function-call reports, cancelled calls, and the deprecated call the client answers", () => {
    const { model } = new Script().at(
      [0, "user-started-speaking"],
      [100, "user-stopped-speaking"],
      [200, "llm-function-call-started", { function_name: "get_weather" }],
      [
        210,
        "llm-function-call-in-progress",
        { tool_call_id: "a", function_name: "get_weather", arguments: { city: "Paris" } },
      ],
      [
        900,
        "llm-function-call-stopped",
        { tool_call_id: "a", function_name: "get_weather", cancelled: false, result: { sky: "clear" } },
      ],
      [950, "llm-function-call-started", { function_name: "book" }],
      [960, "llm-function-call-in-progress", { tool_call_id: "b", function_name: "book" }],
      [1000, "llm-function-call-stopped", { tool_call_id: "b", function_name: "book", cancelled: true }],
      [1100, "llm-function-call", { function_name: "lookup", tool_call_id: "c", args: { q: 1 } }],
      [
        1350,
        "out:llm-function-call-result",
        { function_name: "lookup", tool_call_id: "c", arguments: { q: 1 }, result: "ok" },
      ],
    );
    const [weather, book, lookup] = model.calls;
    expect(weather).toMatchObject({ name: "get_weather", arguments: { city: "Paris" }, result: { sky: "clear" } });
    expect(callDurationMs(weather)).toBe(700);
    expect(callStatus(book)).toBe("cancelled");
    expect(lookup).toMatchObject({ name: "lookup", deprecated: true, arguments: { q: 1 }, result: "ok" });
    expect(callDurationMs(lookup)).toBe(250);
  });

  it("reads metrics: the all-zero inventory as the services, ttfb by processor per turn, token and character totals", () => {
    const { model } = new Script().at(
      [
        0,
        "metrics",
        {
          ttfb: [
            { processor: "DeepgramSTTService#0", value: 0 },
            { processor: "OpenAILLMService#0", value: 0 },
            { processor: "CartesiaTTSService#0", value: 0 },
          ],
        },
      ],
      [5, "out:client-ready", { version: "2.1.0", about: {} }],
      [50, "bot-ready", { version: "2.1.0" }],
      ...spokenTurn(1000, "Hi"),
      [1650, "metrics", { ttfb: [{ processor: "DeepgramSTTService#0", value: 0.12 }] }],
      [1750, "metrics", { ttfb: [{ processor: "OpenAILLMService#0", value: 0.35 }] }],
      [1760, "metrics", { tokens: [{ prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 }] }],
      [1770, "metrics", {}],
      [1780, "metrics", { characters: [{ processor: "CartesiaTTSService#0", value: 42 }] }],
      [1790, "metrics", { ttfb: [{ processor: "CartesiaTTSService#0", value: 0.08 }] }],
    );
    expect(model.services?.names).toEqual(["DeepgramSTTService#0", "OpenAILLMService#0", "CartesiaTTSService#0"]);
    const [turn] = model.turns;
    expect(turn.ttfb.map((report) => [report.service, Math.round(report.ms)])).toEqual([
      ["STT", 120],
      ["LLM", 350],
      ["TTS", 80],
    ]);
    const summary = summarize(model);
    expect(summary.tokens).toEqual({ prompt: 100, completion: 20, total: 120 });
    expect(summary.ttsCharacters).toBe(42);
    expect(summary.worstContributor?.processor).toBe("OpenAILLMService#0");
    expect(summary.connectToReady).toMatchObject({ ms: 50, from: "first message" });
    expect(summarize(model, T0 - 200).connectToReady).toMatchObject({ ms: 250, from: "connection call" });
  });

  it("gives p50, p95 and worst over the measured turns", () => {
    const steps: [number, string, unknown?][] = [];
    for (let n = 0; n < 20; n++) {
      const start = n * 10_000;
      steps.push([start, "user-started-speaking"], [start + 500, "user-stopped-speaking"]);
      steps.push([start + 500 + (n + 1) * 100, "bot-started-speaking"], [start + 5000, "bot-stopped-speaking"]);
    }
    const summary = summarize(new Script().at(...steps).model);
    expect(summary.turns).toBe(20);
    expect(summary.p50?.latency?.ms).toBe(1000);
    expect(summary.p95?.latency?.ms).toBe(1900);
    expect(summary.worst?.latency?.ms).toBe(2000);
    expect(summary.definitions).toEqual({ "user-stopped-speaking": 20 });
  });

  it("takes only new rows, and lets go of turns whose rows went with the log's oldest", () => {
    const script = new Script({ rows: 40, jsonChars: 10_000_000 });
    for (let n = 0; n < 4; n++) script.at(...spokenTurn(n * 10_000, `turn ${n}`));
    // A marker and 28 messages: all there.
    expect(script.model.turns.map((turn) => userText(turn).text)).toEqual(["turn 0", "turn 1", "turn 2", "turn 3"]);
    script.at(...spokenTurn(40_000, "turn 4"), ...spokenTurn(50_000, "turn 5"));
    // 43 rows went past 40: down to 36, the marker and the oldest six messages gone.
    expect(script.store.removed).toBeGreaterThan(0);
    const oldest = script.store.rows[0].seq;
    expect(script.model.turns.every((turn) => turn.startSeq >= oldest)).toBe(true);
    expect(script.model.turns.map((turn) => turn.number)).toEqual([2, 3, 4, 5, 6]);
    expect(script.model.droppedTurns).toBe(1);
    const version = script.model.version;
    expect(script.model.sync(script.store)).toBe(false);
    expect(script.model.version).toBe(version);
  });

  it("starts again when the log is cleared", () => {
    const script = new Script().at(...spokenTurn(0, "before"));
    script.store.clear();
    script.at(...spokenTurn(10_000, "after"));
    expect(script.model.turns.map((turn) => userText(turn).text)).toEqual(["after"]);
    expect(script.model.turns[0].number).toBe(1);
  });

  it("ignores other clients' rows", () => {
    const script = new Script();
    script.store.ingest(0, [
      {
        kind: "message",
        messageId: 9_000,
        t: T0,
        clientId: "other",
        dir: "in",
        level: "client",
        msg: { label: "rtvi-ai", type: "user-started-speaking" },
      },
    ]);
    script.model.sync(script.store);
    expect(script.model.turns).toHaveLength(0);
  });
});

describe("conversation model on a recorded Pipecat session", () => {
  it("finds its four text turns, their latencies, no interruption, and each sentence once", () => {
    const store = createSessionStore({ source: "file" });
    const events: PageToPanel[] = [
      {
        kind: "client-added",
        t: file.clients[0].addedAt,
        client: { clientId: "2ikb-1", transport: "smallwebrtc", foundBy: "trap" },
      },
      ...file.rows.flatMap((row) => (row.kind === "message" ? [row.event as PageToPanel] : [])),
    ];
    store.ingest(0, events);
    const model = new ConversationModel("0:2ikb-1");
    model.sync(store);
    expect(model.turns.map((turn) => turn.kind)).toEqual(["text", "text", "text", "text"]);
    expect(model.turns.map((turn) => userText(turn).text)).toEqual([
      "What is the weather like in Paris today?",
      "Tell me a very long story about a pirate who sailed the seven seas and found a treasure.",
      "Stop, tell me a short joke instead.",
      "Thank you, goodbye.",
    ]);
    // send-text → bot-started-speaking on the hook's clock: 180.6, 218.6, 165.1 and 173.7 ms.
    expect(model.turns.map((turn) => Math.round(turn.latency!.ms))).toEqual([181, 219, 165, 174]);
    expect(model.turns.every((turn) => turn.latency?.from === "send-text")).toBe(true);
    expect(model.turns.every((turn) => turn.interruption === undefined)).toBe(true);
    expect(model.turns.map((turn) => botPieces(turn))).toEqual(
      model.turns.map((turn) => [{ text: `You said: ${userText(turn).text}.`, state: "spoken" }]),
    );
    expect(model.turns.map((turn) => turn.ttfb.map((report) => report.service))).toEqual(
      model.turns.map(() => ["LLM", "TTS"]),
    );
    const summary = summarize(model);
    expect(summary.services).toEqual(["EchoLLM#0", "ToneTTSService#0"]);
    expect(summary.tokens.total).toBe(22 + 32 + 21 + 17);
    expect(summary.ttsCharacters).toBe(51 + 99 + 46 + 30);
    expect(Math.round(summary.connectToReady!.ms)).toBe(22);
    expect(model.calls).toHaveLength(0);
  });
});
