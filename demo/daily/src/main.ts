/**
 * The Daily demo page (demo/daily/), in the browser: one PipecatClient with Pipecat's
 * DailyTransport, started the way Pipecat Cloud and Pipecat's development runner start a Daily
 * session (`POST /start` with `{createDailyRoom: true, body}`, answered `{dailyRoom, dailyToken,
 * sessionId}`). daily-js is the real one; the call machine it loads comes from this page
 * (callMachine.ts), not from Daily. Nothing is exposed globally.
 */
import { LogLevel, logger, PipecatClient, RTVIEvent, type TransportState } from "@pipecat-ai/client-js";
import { DailyTransport } from "@pipecat-ai/daily-transport";
import { loggingCallbacks } from "../../app/src/callbacks.ts";
import { EventLog } from "../../app/src/eventLog.ts";

// client-js logs every inbound message at DEBUG by default: slow with DevTools open.
logger.setLevel(LogLevel.WARN);

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing`);
  return el as T;
}

const ui = {
  status: byId("status"),
  requestData: byId<HTMLTextAreaElement>("request-data"),
  connect: byId<HTMLButtonElement>("connect"),
  disconnect: byId<HTMLButtonElement>("disconnect"),
  msgType: byId<HTMLInputElement>("msg-type"),
  msgData: byId<HTMLInputElement>("msg-data"),
  sendMessage: byId<HTMLButtonElement>("send-message"),
  reqType: byId<HTMLInputElement>("req-type"),
  reqData: byId<HTMLInputElement>("req-data"),
  sendRequest: byId<HTMLButtonElement>("send-request"),
  reqResult: byId("req-result"),
  serverMessages: byId<HTMLUListElement>("server-messages"),
};
const log = new EventLog(byId<HTMLOListElement>("events"));

/** Where daily-js finds `call-machine-object-bundle.js`: the page's stand-in (vite.config.ts). */
const CALL_MACHINE_PATH = new URL("./call-machine/", location.href).href;

function renderState(state: TransportState | "starting"): void {
  const idle = state === "disconnected" || state === "error";
  ui.status.textContent = `state: ${state}`;
  ui.connect.disabled = !idle;
  ui.disconnect.disabled = idle;
  ui.sendMessage.disabled = ui.sendRequest.disabled = state !== "ready";
}

function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  // Rejected requests are RTVI messages: error-response data, or the timeout's.
  const data = (e as { data?: { error?: unknown } } | null)?.data;
  return typeof data?.error === "string" ? data.error : String(e);
}

function parseField(input: HTMLInputElement | HTMLTextAreaElement, name: string): unknown {
  const text = input.value.trim();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${name} is not valid JSON`);
  }
}

/**
 * One client for the page's life: DailyTransport makes its daily-js call object when it is
 * built, and daily-js keeps one call object per transport, which the transport does not let
 * go (its `destroy()` is disabled). A later Connect joins again with the same client.
 */
let client: PipecatClient | undefined;

function theClient(): PipecatClient {
  if (client) return client;
  const transport = new DailyTransport({ dailyConfig: { bundlePathOverride: CALL_MACHINE_PATH } });
  client = new PipecatClient({
    transport,
    enableMic: false,
    enableCam: false,
    callbacks: loggingCallbacks(log, { onTransportStateChanged: renderState }),
  });
  client.setLogLevel(LogLevel.WARN);
  client.on(RTVIEvent.ServerMessage, (data: unknown) => {
    const item = document.createElement("li");
    item.textContent = JSON.stringify(data);
    ui.serverMessages.append(item);
  });
  return client;
}

async function connect(): Promise<void> {
  let body: unknown;
  try {
    body = parseField(ui.requestData, "Request data") ?? {};
  } catch (e) {
    log.addText(`connect -> error: ${errorText(e)}`);
    return;
  }
  renderState("starting");
  const current = theClient();
  log.add("connect", body);
  try {
    await current.startBotAndConnect({
      endpoint: `${location.origin}/start`,
      // Parsed from the textarea: JSON, so Serializable.
      requestData: { createDailyRoom: true, body: body as never },
    });
    log.addText("connect -> ok");
  } catch (e) {
    log.addText(`connect -> error: ${errorText(e)}`);
    // A failed start leaves the transport authenticating (client-js's startBot), a failed join in
    // error: Connect again either way.
    renderState("error");
  }
}

async function disconnect(): Promise<void> {
  log.add("disconnect");
  try {
    await client?.disconnect();
  } catch (e) {
    log.addText(`disconnect -> error: ${errorText(e)}`);
  }
}

function sendMessage(): void {
  const type = ui.msgType.value.trim();
  try {
    const data = parseField(ui.msgData, "Data");
    log.add(`sendClientMessage ${type}`, ...(data === undefined ? [] : [data]));
    theClient().sendClientMessage(type, data);
  } catch (e) {
    log.addText(`sendClientMessage ${type} -> error: ${errorText(e)}`);
  }
}

async function sendRequest(): Promise<void> {
  const type = ui.reqType.value.trim();
  ui.reqResult.textContent = ""; // empty until this request settles
  try {
    const data = parseField(ui.reqData, "Request data JSON") ?? {};
    log.add(`request ${type}`, data);
    const response = (await theClient().sendClientRequest(type, data)) ?? null;
    ui.reqResult.textContent = `response: ${JSON.stringify(response)}`;
    log.add(`request ${type} ->`, response);
  } catch (e) {
    ui.reqResult.textContent = `error: ${errorText(e)}`;
    log.addText(`request ${type} -> error: ${errorText(e)}`);
  }
}

ui.connect.addEventListener("click", () => void connect());
ui.disconnect.addEventListener("click", () => void disconnect());
ui.sendMessage.addEventListener("click", sendMessage);
ui.sendRequest.addEventListener("click", () => void sendRequest());
renderState("disconnected");
