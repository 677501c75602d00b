/**
 * The React demo page's PipecatClient (runs in the browser), made the way Pipecat's React and
 * voice-ui-kit apps make theirs: one client for the page, its transport picked up front, the bot
 * started through Pipecat's development runner (`POST /start`, src/pipecat/runner/run.py in
 * pipecat-ai/pipecat), which the demo server also serves (demo/bot/README.md).
 */
import { LogLevel, logger, PipecatClient, type Transport } from "@pipecat-ai/client-js";
import { SmallWebRTCTransport } from "@pipecat-ai/small-webrtc-transport";
import { WebSocketTransport } from "@pipecat-ai/websocket-transport";
import { NoDeviceMediaManager } from "../../app/src/media.ts";

export type TransportKind = "websocket" | "smallwebrtc";

/** WebSocket unless the page's URL ends in `#smallwebrtc`. */
export const TRANSPORT_KIND: TransportKind = location.hash === "#smallwebrtc" ? "smallwebrtc" : "websocket";

// client-js logs every inbound message at DEBUG by default: slow with DevTools open.
logger.setLevel(LogLevel.WARN);

/** What the page answers the demo bot's `get_weather` call with (demo/bot/README.md, "A conversation turn"). */
export const WEATHER = { conditions: "sunny", temperature: 21 };

function createTransport(kind: TransportKind): Transport {
  // No microphone: both transports default to DailyMediaManager, which loads Daily's call
  // machine from the internet (demo/app/src/media.ts says why the demo uses this one instead).
  const mediaManager = new NoDeviceMediaManager();
  if (kind === "websocket") {
    return new WebSocketTransport({
      mediaManager: mediaManager as unknown as NonNullable<
        ConstructorParameters<typeof WebSocketTransport>[0]
      >["mediaManager"],
    });
  }
  return new SmallWebRTCTransport({ mediaManager });
}

export function createClient(kind: TransportKind): PipecatClient {
  const client = new PipecatClient({ transport: createTransport(kind), enableMic: false, enableCam: false });
  client.setLogLevel(LogLevel.WARN);
  client.registerFunctionCallHandler("get_weather", async () => WEATHER);
  return client;
}

/**
 * Starts the bot and connects, as a voice-ui-kit app does against `python bot.py`: the runner
 * answers `{wsUrl, token}` for WebSocket and `{sessionId}` for SmallWebRTC, whose transport then
 * posts its offer to `/sessions/{sessionId}/api/offer` beside `/start`.
 */
export function startAndConnect(client: PipecatClient, kind: TransportKind): Promise<unknown> {
  return client.startBotAndConnect({
    endpoint: `${location.origin}/start`,
    requestData: { transport: kind === "websocket" ? "websocket" : "webrtc", body: {} },
  });
}
