// @vitest-environment node
/**
 * Runs in vitest's node project: the scripted conversation (demo/bot/conversationScript.ts,
 * demo/bot/README.md "The scripted conversation") played over both transports' real wires, as
 * the demo app starts it: `play-conversation`, then the text turn's `send-text`. Checks the
 * order exactly, every payload, each event's time within TOLERANCE_MS of the script, and the figures
 * EXPECTED_TURNS promises (latencies, the barge-in's yield, function call durations, spoken and
 * unspoken text, ttfb) as measured on arrival.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  EXPECTED_TURNS,
  PLAY_CONVERSATION,
  SCRIPT_DONE,
  SCRIPT_TEXT,
  type ScriptEvent,
  spokenScript,
  textTurnScript,
} from "../../demo/bot/conversationScript.ts";
import { type BotMessage, rtviMessage } from "../../demo/bot/rtvi.ts";
import { type BotSwitches, switchesFrom } from "../../demo/bot/switches.ts";
import { type DemoServer, startDemoServer } from "../../demo/server.ts";
import { type Arrival, connectWebRtcPeer, postStart, WireClient } from "./wireClients.ts";

/**
 * The bot's timers decide when each event leaves; under `npm test` on 2 cores the unit, node and
 * e2e projects run side by side, and a busy moment delays a timer by more than 100 ms. This
 * checks that the bot follows its script; how exactly the panel measures what it received is
 * checked against the bot's recorded send times (test/e2e/conversation.e2e.ts).
 */
const TOLERANCE_MS = 300;
const SCRIPT_TIMEOUT_MS = 15_000;

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
});
afterAll(async () => server?.close());

interface Played {
  arrivals: Arrival[];
  /** `performance.now()` when the trigger and the send-text went. */
  sentAt: number;
}

const isDone = (m: BotMessage) => m.type === "server-message" && (m.data as any)?.msg === SCRIPT_DONE.msg;

/** Starts a session with `requestData`, sends what the demo app's button sends, and waits for the script's end. */
async function play(transport: "websocket" | "smallwebrtc", requestData: object): Promise<Played> {
  const trigger = rtviMessage("client-message", { t: PLAY_CONVERSATION, d: {} });
  const text = rtviMessage("send-text", { content: SCRIPT_TEXT, options: {} });
  if (transport === "websocket") {
    const { client } = await WireClient.start(server.url, requestData);
    const sentAt = performance.now();
    client.sendRaw(trigger);
    client.sendRaw(text);
    await client.waitFor(isDone, SCRIPT_TIMEOUT_MS);
    client.close();
    return { arrivals: client.arrivals, sentAt };
  }
  const { webrtcRequestParams } = await (await postStart(server.url, "smallwebrtc", requestData)).json();
  const peer = await connectWebRtcPeer(webrtcRequestParams.endpoint);
  const sentAt = performance.now();
  peer.channel.send(JSON.stringify(trigger));
  peer.channel.send(JSON.stringify(text));
  await vi.waitFor(() => expect(peer.arrivals.some((a) => isDone(a.message))).toBe(true), {
    timeout: SCRIPT_TIMEOUT_MS,
    interval: 20,
  });
  await peer.pc.close();
  return { arrivals: peer.arrivals, sentAt };
}

/** What the script says is sent: the text turn's events, then the spoken turns'. */
function expectedEvents(switches: BotSwitches): ScriptEvent[] {
  return [...textTurnScript(switches), ...spokenScript(switches)];
}

/** The arrival time of the `n`-th (0-based) message of `type`, after `sentAt`. */
function timeOf(played: Played, type: string, n: number): number {
  const found = played.arrivals.filter((a) => a.message.type === type)[n];
  if (!found) throw new Error(`no ${type} #${n}`);
  return found.t - played.sentAt;
}

function checkSequence(played: Played, switches: BotSwitches): void {
  const expected = expectedEvents(switches);
  const received = played.arrivals.map((a) => a.message);
  expect(received.map((m) => m.type)).toEqual(expected.map((e) => e.type));
  for (const [i, event] of expected.entries()) {
    const message = received[i];
    expect(message).not.toHaveProperty("id");
    if (event.type === "user-transcription") {
      expect(message.data).toEqual({ ...event.data, timestamp: expect.any(String) });
      // Pipecat's key order: text, user_id, timestamp, final.
      expect(Object.keys(message.data as object)).toEqual(["text", "user_id", "timestamp", "final"]);
    } else if (event.data === undefined) expect(message).toEqual({ label: "rtvi-ai", type: event.type });
    else expect(message.data).toEqual(event.data);
    const offset = played.arrivals[i].t - played.sentAt;
    expect(Math.abs(offset - event.at), `${event.type} #${i} at ${offset} ms, scripted ${event.at}`).toBeLessThan(
      TOLERANCE_MS,
    );
  }
}

function checkFigures(played: Played, switches: BotSwitches): void {
  const [text, weather, booking, neverMind] = EXPECTED_TURNS;
  const near = (measured: number, scripted: number | null) =>
    expect(Math.abs(measured - (scripted ?? Number.NaN))).toBeLessThan(TOLERANCE_MS);
  // The text turn's latency runs from the send; the voice turns' from user-stopped-speaking.
  near(timeOf(played, "bot-started-speaking", 0), text.latencyMs);
  near(timeOf(played, "bot-started-speaking", 1) - timeOf(played, "user-stopped-speaking", 0), weather.latencyMs);
  near(timeOf(played, "bot-started-speaking", 2) - timeOf(played, "user-stopped-speaking", 1), booking.latencyMs);
  if (switches.vad) {
    near(
      timeOf(played, "bot-started-speaking", 1) - timeOf(played, "vad-user-stopped-speaking", 0),
      weather.vadLatencyMs,
    );
    near(
      timeOf(played, "bot-started-speaking", 2) - timeOf(played, "vad-user-stopped-speaking", 1),
      booking.vadLatencyMs,
    );
  }
  // The barge-in: the third user-started-speaking cuts the bot's third sentence.
  near(timeOf(played, "bot-stopped-speaking", 2) - timeOf(played, "user-started-speaking", 2), booking.yieldMs);
  expect(played.arrivals.filter((a) => a.message.type === "bot-started-speaking")).toHaveLength(3);
  expect(neverMind.latencyMs).toBeNull();

  const calls = [weather.functionCalls[0], booking.functionCalls[0]];
  for (const [n, call] of calls.entries()) {
    near(
      timeOf(played, "llm-function-call-stopped", n) - timeOf(played, "llm-function-call-started", n),
      call.durationMs,
    );
  }
  const callData = (type: string) =>
    played.arrivals.filter((a) => a.message.type === type).map((a) => a.message.data as Record<string, unknown>);
  expect(callData("llm-function-call-started")).toEqual([{}, { function_name: "book_table" }]);
  expect(callData("llm-function-call-stopped")[1]).toMatchObject({ result: booking.functionCalls[0].result });

  const outputs = callData("bot-output");
  const lastOf = (segmentText: string) => outputs.filter((d) => d.text === segmentText).at(-1) as any;
  for (const turn of [text, weather, booking]) {
    expect(lastOf(turn.botText).spoken_progress).toEqual({
      accumulated_text: turn.spoken,
      remaining_text: turn.unspoken,
    });
  }
  const ttfb = callData("metrics").flatMap((d: any) => d.ttfb ?? []);
  expect(ttfb.map(({ processor, value }: any) => ({ processor, value }))).toEqual(
    EXPECTED_TURNS.flatMap((turn) => turn.ttfb),
  );
}

describe.each(["websocket", "smallwebrtc"] as const)("the scripted conversation over %s", (transport) => {
  it("plays every event in order, on time, with VAD events and audio levels switched on", async () => {
    const requestData = { vad: true, audioLevels: true };
    const switches = switchesFrom(requestData);
    const played = await play(transport, requestData);
    checkSequence(played, switches);
    checkFigures(played, switches);
    expect(played.arrivals.some((a) => a.message.type === "user-audio-level")).toBe(true);
  });
});

describe("the scripted conversation at the server's defaults", () => {
  it("sends no VAD events or audio levels, and the same turns", async () => {
    const switches = switchesFrom({});
    const played = await play("websocket", {});
    checkSequence(played, switches);
    checkFigures(played, switches);
    expect(played.arrivals.some((a) => /^vad-|-audio-level$/.test(a.message.type))).toBe(false);
  });
});

describe("demo/bot/README.md", () => {
  it("lists every event of the script at its time, as the script plays it with VAD on", () => {
    const readme = readFileSync(new URL("../../demo/bot/README.md", import.meta.url), "utf8");
    const table = readme.slice(readme.indexOf("## The scripted conversation"));
    const rows = [...table.matchAll(/^\| (S\+)?(\d+) +\| `([a-z-]+)` +\|/gm)].map(([, text, at, type]) => ({
      at: Number(at),
      type,
      text: text !== undefined,
    }));
    const switches = switchesFrom({ vad: true });
    expect(rows).toEqual([
      ...textTurnScript(switches).map(({ at, type }) => ({ at, type, text: true })),
      ...spokenScript(switches).map(({ at, type }) => ({ at, type, text: false })),
    ]);
  });
});
