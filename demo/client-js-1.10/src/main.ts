// Runs in the browser: the client-js 1.10 demo page. One PipecatClient of client-js 1.10.0, the
// version Pipecat's example clients pin, with that version's own transports (this folder's
// package.json), against the demo bot (demo/server.ts): WebSocket, or SmallWebRTC with
// `#smallwebrtc` in the URL. It shows the library's version, the state, and the last
// server-message it got. Nothing is exposed globally: DevTools has to find the client itself.
import { LogLevel, learnAboutClient, logger, PipecatClient, RTVIEvent, type Transport } from "@pipecat-ai/client-js";
import { SmallWebRTCTransport } from "@pipecat-ai/small-webrtc-transport";
import { WebSocketTransport } from "@pipecat-ai/websocket-transport";
import { NoDeviceMediaManager } from "../../app/src/media.ts";

type TransportKind = "websocket" | "smallwebrtc";
type WebSocketMediaManager = NonNullable<
  NonNullable<ConstructorParameters<typeof WebSocketTransport>[0]>["mediaManager"]
>;
type SmallWebRTCMediaManager = NonNullable<
  NonNullable<ConstructorParameters<typeof SmallWebRTCTransport>[0]>["mediaManager"]
>;

// client-js logs every inbound message at DEBUG by default: slow with DevTools open.
logger.setLevel(LogLevel.WARN);

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing`);
  return el as T;
}

const ui = {
  library: byId("library"),
  transport: byId("transport"),
  status: byId("status"),
  connect: byId<HTMLButtonElement>("connect"),
  disconnect: byId<HTMLButtonElement>("disconnect"),
  lastServerMessage: byId<HTMLOutputElement>("last-server-message"),
};

function transportKind(): TransportKind {
  return location.hash === "#smallwebrtc" ? "smallwebrtc" : "websocket";
}

// The main app's device-less media manager (demo/app/src/media.ts says why): the transports'
// default, DailyMediaManager, loads Daily's call machine from the internet. It is duck-typed,
// and its types are those of the root's client-js 1.13, hence the casts to this version's.
function createTransport(kind: TransportKind): Transport {
  const mediaManager: unknown = new NoDeviceMediaManager();
  return kind === "websocket"
    ? new WebSocketTransport({ mediaManager: mediaManager as WebSocketMediaManager })
    : new SmallWebRTCTransport({ mediaManager: mediaManager as SmallWebRTCMediaManager });
}

/**
 * Starts the bot through the demo server's `/api/start` and connects. Over WebSocket not in one
 * startBotAndConnect: websocket-transport 1.6.5's connect() takes `wsUrl` / `ws_url` and refuses
 * any other key ("Unrecognized connection parameter: token.", its _validateConnectionParams),
 * while the demo bot, like Pipecat's runner with PIPECAT_WEBSOCKET_AUTH=token, answers a
 * `token` it wants back as `?token=` (demo/bot/README.md), which websocket-transport 1.7 adds
 * itself. A 1.6 app puts it into the URL.
 */
async function startAndConnect(current: PipecatClient, kind: TransportKind): Promise<unknown> {
  const start = {
    endpoint: `/api/start?transport=${kind}`,
    requestData: { initial_prompt: "You are a pirate captain" },
  };
  if (kind === "smallwebrtc") return current.startBotAndConnect(start);
  const { ws_url, token } = (await current.startBot(start)) as { ws_url: string; token: string };
  return current.connect({ wsUrl: `${ws_url}?token=${encodeURIComponent(token)}` });
}

function render(state: string): void {
  ui.status.textContent = `state: ${state}`;
  // "error: …" is a connect that failed: a new client may try again.
  const idle = state === "disconnected" || state.startsWith("error");
  ui.connect.disabled = !idle;
  ui.disconnect.disabled = idle;
}

let client: PipecatClient | undefined;

async function connect(): Promise<void> {
  const kind = transportKind();
  ui.transport.textContent = kind;
  render("starting");
  const current = new PipecatClient({
    transport: createTransport(kind),
    enableMic: false,
    enableCam: false,
    callbacks: {
      onTransportStateChanged: (state) => {
        if (client === current) render(state);
      },
    },
  });
  client = current;
  current.on(RTVIEvent.ServerMessage, (data: unknown) => {
    ui.lastServerMessage.textContent = JSON.stringify(data);
  });
  try {
    await startAndConnect(current, kind);
  } catch (e) {
    if (client === current) render(`error: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function disconnect(): Promise<void> {
  const current = client;
  client = undefined;
  await current?.disconnect();
  current?.removeAllListeners();
  render("disconnected");
}

// What client-ready's `about` will say: the library bundled here, read without making a client.
const about = learnAboutClient();
ui.library.textContent = `${about.library} ${about.library_version}`;
ui.transport.textContent = transportKind();
addEventListener("hashchange", () => {
  ui.transport.textContent = transportKind();
});
ui.connect.addEventListener("click", () => void connect());
ui.disconnect.addEventListener("click", () => void disconnect());
