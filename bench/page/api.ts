// What the bench pages expose to the runner, which drives them with page.evaluate.
// Shared by both sides for the types only.

export interface TimingSamples {
  /** One figure per sample: the mean cost of one call within that sample, in µs. */
  perCallUs: number[];
}

/** When a paced feed delivered its first and last message, as epoch ms (timeOrigin + now: the hook's clock for `t`). */
export interface PacedFeed {
  sent: number;
  firstSentAt: number;
  lastSentAt: number;
}

export interface HookBenchApi {
  /** Resolves once the PipecatClient is ready (bot-ready played). */
  ready: Promise<void>;
  /** Whether the DevTools hook took over this page's transport. */
  transportAdopted(): boolean;
  /** Times `transport._onMessage(JSON.parse(text))` with small bot-llm-text messages, one sample per task. */
  timeInbound(options: { callsPerSample: number; samples: number }): Promise<TimingSamples>;
  /**
   * Hands the client a server-message with `data` as the transport would; whether the client's
   * onServerMessage ran with it (a rule in force may drop it: the rule rows' proof that their
   * rules reached the hook).
   */
  deliverServerMessage(data: unknown): boolean;
  /** Times `client.sendClientMessage(...)`, one sample per task. */
  timeOutbound(options: { callsPerSample: number; samples: number }): Promise<TimingSamples>;
  /** Feeds `total` 1 KB inbound messages, `perTask` per task, back to back; resolves with the elapsed ms. */
  feedInbound1kb(options: { total: number; perTask: number }): Promise<number>;
  /**
   * Delivers 1 KB inbound messages at `rate` per second for `durationMs`: on each timer tick,
   * as many as are due by then (a tick is 1–4 ms, so a few to a few hundred at once).
   */
  paceInbound1kb(options: { rate: number; durationMs: number }): Promise<PacedFeed>;
  /** Posts `count` 1 KB messages to this window and resolves with the received rate, msg/s. */
  windowPostMessageRate(options: { count: number }): Promise<number>;
}

export interface BurstAppApi {
  /** Resolves once the app's client is connected to the burst bot and ready. */
  ready: Promise<void>;
  /** Asks the bot for `count` bot-llm-text messages of `bytes` each; resolves with the ms until the app handled the last. */
  burst(options: { count: number; bytes: number }): Promise<number>;
}

export interface WireBenchApi {
  /** Resolves once the page's WebSocket to the audio bot is open and has sent its first audio frame. */
  ready: Promise<void>;
  /** Whether `WebSocket.prototype.send` is the hook's wrapper (the wire tap is installed). */
  sendTapped(): boolean;
  /** Times `socket.send(audioFrame)`, one sample per task; resolves once the socket sent everything. */
  timeSend(options: { callsPerSample: number; samples: number }): Promise<TimingSamples>;
  /** Asks the audio bot for `count` audio frames; resolves with the ms until the page's handler had the last. */
  receive(options: { count: number }): Promise<number>;
}

declare global {
  interface Window {
    hookBench: HookBenchApi;
    burstApp: BurstAppApi;
    wireBench: WireBenchApi;
  }
}

/** The bench's message size: an RTVI message whose JSON is this long. */
export const KB = 1024;

/** Where the bench server's burst bot takes WebSocket connections. */
export const BURST_BOT_PATH = "/ws";
