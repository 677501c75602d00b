// The Conversation view's model (panel/conversation/conversationModel.ts) over an hour-long
// session: 1 000 turns, 300 000 messages shaped like a real Pipecat server's (docs:
// test/shared/fixtures/real-pipecat-text-session.json and the shapes in
// panel/conversation/turnBuilder.ts): per turn, speaking events, interim and final
// transcriptions, a token per bot-llm-text, one bot-output per spoken word, bot-tts-text,
// bot-transcription, a dozen metrics (one key each), a function call every tenth turn, every
// fifth turn a barge-in, and the rest audio levels (three quarters of the traffic when on).
// Two rows, run in this Node process on the panel's own modules (the same V8 as the panel):
// - added cost per ingested message: the real store takes the session in batches of 100 (what
//   the hook's 10 ms flushes carry at a real app's rate) and the model syncs after each, as the
//   view does on each of the store's changes; the figure is the model's time per message, the
//   store's own time in the detail;
// - building the view's model from an imported session: one sync over the full store, median of 3.
import type { PageToPanel } from "../../src/shared/protocol";
import { createSessionStore, type SessionStore } from "../../panel/model/store";
import { ConversationModel } from "../../panel/conversation/conversationModel";
import { summarize } from "../../panel/conversation/summary";
import { formatValue } from "../format";
import { atMost, type Row } from "../row";
import { median } from "../stats";

const TURNS = 1_000;
const PER_TURN = 300;
const MESSAGES = TURNS * PER_TURN;
const BATCH = 100;
const CLIENT = "c-1";
const KEY = `0:${CLIENT}`;
const WORDS = "the quick brown fox jumps over the lazy dog and then it runs far away home".split(" ");

function sessionEvents(): PageToPanel[] {
  const events: PageToPanel[] = [];
  let t = 1_800_000_000_000;
  let messageId = 1;
  const push = (type: string, data: unknown = null, dir: "in" | "out" = "in") => {
    t += 10_000 / PER_TURN;
    const msg: Record<string, unknown> = { label: "rtvi-ai", type, data };
    if (dir === "out") msg.id = (messageId + 0x10000000).toString(16);
    events.push({
      kind: "message",
      messageId: messageId++,
      t,
      clientId: CLIENT,
      dir,
      level: "client",
      msg,
    } as PageToPanel);
  };
  const sentence = WORDS.join(" ");
  for (let turn = 0; turn < TURNS; turn++) {
    const start = events.length;
    push("user-started-speaking");
    for (let n = 1; n <= 3; n++)
      push("user-transcription", { text: WORDS.slice(0, n * 3).join(" "), user_id: "u", timestamp: "", final: false });
    push("user-transcription", { text: sentence, user_id: "u", timestamp: "", final: true });
    push("user-stopped-speaking");
    push("bot-llm-started");
    push("metrics", { ttfb: [{ processor: "DeepgramSTTService#0", value: 0.2 }] });
    push("metrics", { ttfb: [{ processor: "OpenAILLMService#0", model: "gpt-4o", value: 0.4 + (turn % 7) / 10 }] });
    if (turn % 10 === 0) {
      push("llm-function-call-started", {});
      push("llm-function-call-in-progress", { tool_call_id: `call_${turn}` });
      push("llm-function-call-stopped", { tool_call_id: `call_${turn}`, cancelled: false });
    }
    for (const word of WORDS) push("bot-llm-text", { text: ` ${word}` });
    push("bot-llm-stopped");
    push("metrics", { tokens: [{ prompt_tokens: 300 + turn, completion_tokens: 15, total_tokens: 315 + turn }] });
    push("metrics", { processing: [{ processor: "OpenAILLMService#0", value: 0.6 }] });
    push("metrics", {});
    push("metrics", { characters: [{ processor: "CartesiaTTSService#0", value: sentence.length }] });
    push("bot-tts-started");
    push("metrics", { ttfb: [{ processor: "CartesiaTTSService#0", value: 0.15 }] });
    push("metrics", { ttfa: [{ processor: "CartesiaTTSService#0", ttfa: 0.15, ttfb: 0.15, leading_silence: 0 }] });
    push("bot-started-speaking");
    push("bot-output", {
      text: sentence,
      aggregated_by: "sentence",
      segment_id: turn,
      will_be_spoken: true,
      spoken_status: "new",
      spoken_progress: { accumulated_text: "", remaining_text: sentence },
    });
    push("bot-transcription", { text: sentence });
    const bargeIn = turn % 5 === 4;
    const spoken = bargeIn ? WORDS.length / 2 : WORDS.length;
    for (let n = 1; n <= spoken; n++) {
      const done = WORDS.slice(0, n).join(" ");
      push("bot-tts-text", { text: WORDS[n - 1] });
      push("bot-output", {
        text: sentence,
        aggregated_by: "sentence",
        segment_id: turn,
        will_be_spoken: true,
        spoken_status: n === WORDS.length ? "completed" : "in-progress",
        spoken_progress: { accumulated_text: done, remaining_text: sentence.slice(done.length) },
      });
    }
    if (bargeIn) {
      push("user-started-speaking");
      push("bot-interrupted");
    }
    push("bot-tts-stopped");
    push("bot-stopped-speaking");
    if (bargeIn) push("user-stopped-speaking");
    while (events.length - start < PER_TURN)
      push(events.length % 2 ? "user-audio-level" : "bot-audio-level", { value: 0.1 });
  }
  return events;
}

const PREAMBLE: PageToPanel[] = [
  {
    kind: "hook-ready",
    t: 1_799_999_999_000,
    url: "http://localhost/app",
    isTop: true,
    hookVersion: "bench",
    late: false,
  },
  {
    kind: "client-added",
    t: 1_799_999_999_001,
    client: { clientId: CLIENT, transport: "websocket", foundBy: "trap", state: "ready" },
  },
];

let events: PageToPanel[] | undefined;
const session = () => (events ??= sessionEvents());

/** The hour-long session as a store holds it: its page and client, then every message. */
export function hourLongSession(): PageToPanel[] {
  return [...PREAMBLE, ...session()];
}

/** Feeds the session in batches, the model syncing after each; returns ms spent in the store and in the model. */
function feed(count: number): { storeMs: number; modelMs: number; model: ConversationModel } {
  const all = session();
  const store = createSessionStore();
  store.ingest(0, PREAMBLE);
  const model = new ConversationModel(KEY);
  let storeMs = 0;
  let modelMs = 0;
  for (let at = 0; at < count; at += BATCH) {
    const batch = all.slice(at, Math.min(count, at + BATCH));
    const started = performance.now();
    store.ingest(0, batch);
    const ingested = performance.now();
    model.sync(store);
    storeMs += ingested - started;
    modelMs += performance.now() - ingested;
  }
  return { storeMs, modelMs, model };
}

export const conversationIngestRow: Row = {
  name: `conversation model, added cost per ingested message (${MESSAGES} messages, ${TURNS} turns)`,
  target: atMost(5, "µs"),
  async measure() {
    feed(MESSAGES / 10); // warm-up
    const { storeMs, modelMs, model } = feed(MESSAGES);
    const perMessage = (modelMs * 1000) / MESSAGES;
    const summary = summarize(model);
    return {
      value: perMessage,
      unit: "µs",
      detail:
        `model ${formatValue(modelMs)} ms over ${MESSAGES} messages in batches of ${BATCH}, synced after each ` +
        `(the store's own ingest ${formatValue(storeMs)} ms, ${formatValue((storeMs * 1000) / MESSAGES)} µs each); ` +
        `${summary.turns} turns, p50 ${formatValue(summary.p50?.latency?.ms ?? Number.NaN)} ms, ${summary.interruptions} interruptions, ` +
        `${model.calls.length} function calls; Node ${process.version}`,
      figures: { modelMs, storeMs, storeUsPerMessage: (storeMs * 1000) / MESSAGES },
    };
  },
};

function importedStore(): SessionStore {
  const store = createSessionStore({ source: "file" });
  store.ingest(0, [...PREAMBLE, ...session()]);
  return store;
}

export const conversationBuildRow: Row = {
  name: `conversation model built from an imported ${MESSAGES}-message session`,
  target: atMost(1000, "ms"),
  async measure() {
    const store = importedStore();
    const times: number[] = [];
    let turns = 0;
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      const model = new ConversationModel(KEY);
      model.sync(store);
      times.push(performance.now() - started);
      turns = model.turns.length;
    }
    return {
      value: median(times),
      unit: "ms",
      detail: `one sync over ${store.messageCount()} rows, median of 3 (${times.map((ms) => formatValue(ms)).join(", ")} ms); ${turns} turns`,
      figures: { maxMs: Math.max(...times) },
    };
  },
};
