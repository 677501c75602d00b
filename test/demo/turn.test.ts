// @vitest-environment node
/**
 * Runs in vitest's node project: the demo bot's conversation turn (demo/bot/README.md, "A
 * conversation turn") over the WebSocket wire, checked against what a real Pipecat server sends
 * (test/shared/fixtures/real-pipecat-text-session.json): no ids on observer events, one metrics
 * key per message, tokens with their leading spaces, bot-output per spoken word, function calls
 * at each report level, VAD and audio levels only when switched on, bot-interrupted on send-text.
 */
import { ProtobufFrameSerializer } from "@pipecat-ai/websocket-transport";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeFrame } from "../../demo/bot/frames.ts";
import type { BotMessage } from "../../demo/bot/rtvi.ts";
import { type DemoServer, startDemoServer } from "../../demo/server.ts";
import { WireClient } from "./wireClients.ts";

const REPLY = "It's sunny and 72 degrees in San Francisco right now.";
const WORDS = REPLY.split(" ");

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
});
afterAll(async () => server?.close());

/** A turn's message types in order (audio levels left out), as the switches shape them. */
function turnTypes(opts: { typed?: boolean; report?: "none" | "full"; vad?: boolean; interrupted?: boolean }) {
  const vad = (type: string) => (opts.vad ? [type] : []);
  const spokenWords = opts.interrupted ? Math.ceil(WORDS.length / 2) : WORDS.length;
  const user = opts.typed
    ? ["bot-interrupted"]
    : [
        ...vad("vad-user-started-speaking"),
        "user-started-speaking",
        "user-transcription",
        ...vad("vad-user-stopped-speaking"),
        "user-transcription",
        "metrics",
        "user-stopped-speaking",
      ];
  const end = opts.interrupted
    ? [
        ...vad("vad-user-started-speaking"),
        "user-started-speaking",
        "bot-interrupted",
        "bot-tts-stopped",
        "bot-stopped-speaking",
        ...vad("vad-user-stopped-speaking"),
        "user-transcription",
        "user-stopped-speaking",
      ]
    : ["bot-tts-stopped", "bot-stopped-speaking"];
  return [
    ...user,
    "bot-llm-started",
    "metrics",
    "llm-function-call-started",
    "llm-function-call-in-progress",
    ...(opts.report === "full" ? [] : ["llm-function-call"]),
    "metrics",
    "bot-llm-stopped",
    "llm-function-call-stopped",
    "bot-llm-started",
    "metrics",
    ...WORDS.map(() => "bot-llm-text"),
    "bot-transcription",
    "metrics",
    "bot-llm-stopped",
    "metrics",
    "metrics",
    "metrics",
    "bot-tts-started",
    "metrics",
    "bot-started-speaking",
    "bot-output",
    ...WORDS.slice(0, spokenWords).flatMap(() => ["bot-output", "bot-tts-text"]),
    ...end,
  ];
}

const isAudioLevel = (m: BotMessage) => m.type.endsWith("-audio-level");
const dataOf = (turn: BotMessage[], type: string) => turn.filter((m) => m.type === type).map((m) => m.data as any);

describe("a conversation turn", () => {
  it("plays a spoken turn as a real server reports it at its defaults, and speaks with audio frames", async () => {
    const { client } = await WireClient.start(server.url);
    client.send("client-message", { t: "start-turn", d: { text: "How is the weather?" } });
    const turn = await client.finishTurn(0);
    expect(turn.map((m) => m.type)).toEqual(turnTypes({}));
    // Observer events carry no id, and no data when they have no payload.
    for (const message of turn) expect(message).not.toHaveProperty("id");
    expect(turn.find((m) => m.type === "bot-started-speaking")).toEqual({
      label: "rtvi-ai",
      type: "bot-started-speaking",
    });

    expect(dataOf(turn, "user-transcription")).toEqual([
      { text: "How is", user_id: "demo-user", timestamp: expect.any(String), final: false },
      { text: "How is the weather?", user_id: "demo-user", timestamp: expect.any(String), final: true },
    ]);
    // Anonymous at the default report level; the deprecated llm-function-call names it for the client's handler.
    const [inProgress] = dataOf(turn, "llm-function-call-in-progress");
    expect(dataOf(turn, "llm-function-call-started")).toEqual([{}]);
    expect(inProgress).toEqual({ tool_call_id: expect.stringMatching(/^call_/) });
    expect(dataOf(turn, "llm-function-call")).toEqual([
      { function_name: "get_weather", tool_call_id: inProgress.tool_call_id, args: { location: "San Francisco" } },
    ]);
    expect(dataOf(turn, "llm-function-call-stopped")).toEqual([
      { tool_call_id: inProgress.tool_call_id, cancelled: false },
    ]);

    const tokens = dataOf(turn, "bot-llm-text").map((d) => d.text);
    expect(tokens.slice(0, 3)).toEqual(["It's", " sunny", " and"]);
    expect(tokens.join("")).toBe(REPLY);
    expect(dataOf(turn, "bot-transcription")).toEqual([{ text: REPLY }]);
    expect(dataOf(turn, "bot-tts-text").map((d) => d.text)).toEqual(WORDS);
    const outputs = dataOf(turn, "bot-output");
    expect(outputs.map((d) => d.spoken_status)).toEqual([
      "new",
      ...WORDS.slice(1).map(() => "in-progress"),
      "completed",
    ]);
    expect(outputs[3]).toEqual({
      text: REPLY,
      aggregated_by: "sentence",
      segment_id: outputs[0].segment_id,
      spoken: true,
      will_be_spoken: true,
      spoken_status: "in-progress",
      spoken_progress: { accumulated_text: WORDS.slice(0, 3).join(" "), remaining_text: WORDS.slice(3).join(" ") },
    });

    const metrics = dataOf(turn, "metrics");
    for (const data of metrics) expect(Object.keys(data)).toHaveLength(1);
    expect(metrics.map((data) => Object.keys(data)[0])).toEqual([
      "ttfb",
      "ttfb",
      "tokens",
      "ttfb",
      "tokens",
      "processing",
      "characters",
      "ttfb",
      "ttfa",
    ]);
    expect(metrics.flatMap((data) => data.ttfb ?? []).map((entry: any) => entry.processor)).toEqual([
      "DeepgramSTTService#0",
      "OpenAILLMService#0",
      "OpenAILLMService#0",
      "CartesiaTTSService#0",
    ]);
    expect(metrics.find((data) => data.characters).characters).toEqual([
      { processor: "CartesiaTTSService#0", model: "sonic-2", value: REPLY.length },
    ]);

    // About 50 frames a second while speaking: 20 ms of 24 kHz mono 16-bit PCM each.
    expect(client.audio.length).toBeGreaterThan(WORDS.length * 2);
    expect(client.audio.length).toBeLessThan(WORDS.length * 5);
    for (const frame of client.audio) {
      expect(frame).toMatchObject({ sampleRate: 24_000, numChannels: 1 });
      expect(frame.audio.length).toBe(960);
    }
    expect(client.interruptions).toBe(0);
    client.close();
  });

  it("reports function calls in full, VAD events and audio levels when the start request switches them on", async () => {
    const { client } = await WireClient.start(server.url, { functionCallReport: "full", vad: true, audioLevels: true });
    client.send("client-message", { t: "start-turn", d: { text: "How is the weather?" } });
    const turn = await client.finishTurn(0);
    expect(turn.filter((m) => !isAudioLevel(m)).map((m) => m.type)).toEqual(turnTypes({ report: "full", vad: true }));
    const [inProgress] = dataOf(turn, "llm-function-call-in-progress");
    expect(dataOf(turn, "llm-function-call-started")).toEqual([{ function_name: "get_weather" }]);
    expect(inProgress).toEqual({
      function_name: "get_weather",
      tool_call_id: expect.stringMatching(/^call_/),
      arguments: { location: "San Francisco" },
    });
    expect(dataOf(turn, "llm-function-call-stopped")).toEqual([
      {
        function_name: "get_weather",
        tool_call_id: inProgress.tool_call_id,
        cancelled: false,
        result: expect.any(Object),
      },
    ]);
    expect(turn.filter((m) => m.type === "user-audio-level")).toHaveLength(2);
    expect(turn.filter((m) => m.type === "bot-audio-level")).toHaveLength(WORDS.length);
    client.close();
  });

  it("answers send-text with bot-interrupted at once and no user speech", async () => {
    const { client } = await WireClient.start(server.url);
    client.send("send-text", { content: "How is the weather?", options: {} });
    const turn = await client.finishTurn(0);
    expect(turn.map((m) => m.type)).toEqual(turnTypes({ typed: true }));
    // The bot was silent, yet the server interrupts it (and says so with a WebSocket frame too).
    expect(client.interruptions).toBe(1);
    client.close();
  });

  it("is cut short mid-sentence by the user when the text says so", async () => {
    const { client } = await WireClient.start(server.url, { vad: true });
    client.send("client-message", { t: "start-turn", d: { text: "Please interrupt yourself" } });
    const turn = await client.finishTurn(0, "user-stopped-speaking");
    const spoken = WORDS.slice(0, Math.ceil(WORDS.length / 2));
    // The turn's own user-stopped-speaking comes first; wait for the barge-in's.
    await client.waitFor((m) => m.type === "user-stopped-speaking" && client.messages.indexOf(m) > turn.length);
    const all = client.messages;
    expect(all.map((m) => m.type)).toEqual(turnTypes({ vad: true, interrupted: true }));
    const last = dataOf(all, "bot-output").at(-1);
    expect(last).toMatchObject({
      spoken_status: "in-progress",
      spoken_progress: { accumulated_text: spoken.join(" "), remaining_text: WORDS.slice(spoken.length).join(" ") },
    });
    expect(dataOf(all, "user-transcription").at(-1)).toMatchObject({ text: "Wait.", final: true });
    expect(client.interruptions).toBe(1);
    client.close();
  });

  it("sends frames the client's own serializer decodes (all but the interruption)", async () => {
    const { client } = await WireClient.start(server.url);
    client.send("client-ready", {});
    client.send("send-text", { content: "interrupt" });
    await client.finishTurn(0);
    const serializer = new ProtobufFrameSerializer();
    let audio = 0;
    const messages: unknown[] = [];
    for (const bytes of client.frames) {
      if (decodeFrame(bytes).kind === "interruption") continue;
      const decoded = await serializer.deserialize(new Blob([bytes]));
      if (decoded.type === "audio") audio++;
      else messages.push(decoded.message);
    }
    expect(messages).toEqual(client.messages);
    expect(audio).toBe(client.audio.length);
    client.close();
  });
});
