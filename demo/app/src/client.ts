/** Creates a PipecatClient for one transport kind. */
import {
  LogLevel,
  logger,
  PipecatClient,
  type RTVIEventCallbacks,
  type Transport,
  type TransportConnectionParams,
} from "@pipecat-ai/client-js";
import { WavMediaManager as WebSocketWavMediaManager, WebSocketTransport } from "@pipecat-ai/websocket-transport";
import {
  SmallWebRTCTransport,
  WavMediaManager as SmallWebRTCWavMediaManager,
} from "@pipecat-ai/small-webrtc-transport";
import { NoDeviceMediaManager } from "./media.ts";

export const TRANSPORT_KINDS = ["websocket", "smallwebrtc"] as const;
export type TransportKind = (typeof TRANSPORT_KINDS)[number];

// client-js logs every inbound message at DEBUG by default: slow with DevTools open.
logger.setLevel(LogLevel.WARN);

type WebSocketMediaManager = NonNullable<
  NonNullable<ConstructorParameters<typeof WebSocketTransport>[0]>["mediaManager"]
>;

function createTransport(kind: TransportKind, enableMic: boolean): Transport {
  if (kind === "websocket") {
    const mediaManager = enableMic
      ? new WebSocketWavMediaManager()
      : (new NoDeviceMediaManager() as unknown as WebSocketMediaManager);
    return new WebSocketTransport({ mediaManager });
  }
  const mediaManager = enableMic ? new SmallWebRTCWavMediaManager() : new NoDeviceMediaManager();
  return new SmallWebRTCTransport({ mediaManager });
}

export interface ClientOptions {
  enableMic: boolean;
  callbacks: RTVIEventCallbacks;
}

export function createClient(kind: TransportKind, { enableMic, callbacks }: ClientOptions): PipecatClient {
  const client = new PipecatClient({
    transport: createTransport(kind, enableMic),
    enableMic,
    enableCam: false,
    callbacks,
  });
  client.setLogLevel(LogLevel.WARN);
  return client;
}

/** Starts the bot through the demo server and connects; resolves on bot-ready. */
export function startAndConnect(client: PipecatClient, kind: TransportKind, requestData: unknown) {
  return client.startBotAndConnect({
    endpoint: `/api/start?transport=${kind}`,
    // Parsed from the textarea: JSON, so Serializable.
    requestData: requestData as never,
    headers: new Headers({ Authorization: "Bearer demo-secret-token" }),
  });
}

/**
 * `?runner` in the page's URL: start the bot the way Pipecat's example clients call the
 * development runner (src/pipecat/runner/run.py in pipecat-ai/pipecat), which the demo server
 * also serves: `POST /start` with `{transport, body}`. Over WebSocket, startBot answers `{wsUrl,
 * token}` and connect() takes it; over SmallWebRTC, startBotAndConnect gets `{sessionId}` and
 * the transport posts its offer to `/sessions/{sessionId}/api/offer`.
 */
export const RUNNER_WAY = new URLSearchParams(location.search).has("runner");

export async function startTheRunnerWay(client: PipecatClient, kind: TransportKind, requestData: unknown) {
  const endpoint = `${location.origin}/start`;
  const headers = new Headers({ Authorization: "Bearer test" });
  if (kind === "websocket") {
    const params = await client.startBot({
      endpoint,
      headers,
      requestData: { transport: "websocket", body: requestData as never },
    });
    return client.connect(params as TransportConnectionParams);
  }
  return client.startBotAndConnect({
    endpoint,
    headers,
    requestData: { transport: "webrtc", body: requestData as never },
  });
}
