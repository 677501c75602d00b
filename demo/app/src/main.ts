/** Wires the page's controls to a PipecatClient. Nothing is exposed globally. */
import { type PipecatClient, RTVIEvent, type TransportState } from "@pipecat-ai/client-js";
import { PLAY_CONVERSATION, SCRIPT_TEXT } from "../../bot/conversationScript.ts";
import { loggingCallbacks } from "./callbacks.ts";
import {
  createClient,
  RUNNER_WAY,
  startAndConnect,
  startTheRunnerWay,
  TRANSPORT_KINDS,
  type TransportKind,
} from "./client.ts";
import { EventLog, formatLine } from "./eventLog.ts";
import { FunctionCalls } from "./functionCalls.ts";

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing`);
  return el as T;
}

const ui = {
  status: byId("status"),
  transport: byId<HTMLSelectElement>("transport"),
  mic: byId<HTMLInputElement>("mic"),
  requestData: byId<HTMLTextAreaElement>("request-data"),
  connect: byId<HTMLButtonElement>("connect"),
  disconnect: byId<HTMLButtonElement>("disconnect"),
  msgType: byId<HTMLInputElement>("msg-type"),
  msgData: byId<HTMLInputElement>("msg-data"),
  sendMessage: byId<HTMLButtonElement>("send-message"),
  reqType: byId<HTMLInputElement>("req-type"),
  reqData: byId<HTMLInputElement>("req-data"),
  reqTimeout: byId<HTMLInputElement>("req-timeout"),
  sendRequest: byId<HTMLButtonElement>("send-request"),
  reqResult: byId("req-result"),
  startTurn: byId<HTMLButtonElement>("start-turn"),
  text: byId<HTMLInputElement>("text"),
  sendText: byId<HTMLButtonElement>("send-text"),
  playConversation: byId<HTMLButtonElement>("play-conversation"),
  serverMessages: byId<HTMLUListElement>("server-messages"),
};

const log = new EventLog(byId<HTMLOListElement>("events"));
const functionCalls = new FunctionCalls(
  {
    pending: byId("fc-pending"),
    result: byId<HTMLInputElement>("fc-result"),
    answer: byId<HTMLButtonElement>("fc-answer"),
    auto: byId<HTMLInputElement>("fc-auto"),
  },
  log,
);

let client: PipecatClient | null = null;

function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  // Rejected requests are RTVI messages: error-response data, or the timeout's.
  const data = (e as { data?: { error?: unknown } } | null)?.data;
  if (typeof data?.error === "string") return data.error;
  return String(e);
}

/** Parses a JSON field; empty means `empty`. Throws a readable error. */
function parseField(input: HTMLInputElement | HTMLTextAreaElement, name: string, empty?: unknown): unknown {
  const text = input.value.trim();
  if (!text) return empty;
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${name} is not valid JSON`);
  }
}

/** `idle`: Connect allowed (also after a failed connect, whose client may be stuck disconnecting). */
function renderState(state: TransportState | "starting", idle = state === "disconnected" || state === "error"): void {
  ui.status.textContent = `state: ${state}`;
  ui.connect.disabled = !idle;
  ui.disconnect.disabled = idle;
  ui.transport.disabled = ui.mic.disabled = !idle;
  for (const button of [ui.sendMessage, ui.sendRequest, ui.startTurn, ui.sendText, ui.playConversation]) {
    button.disabled = state !== "ready";
  }
}

function appendServerMessage(data: unknown): void {
  const item = document.createElement("li");
  item.textContent = JSON.stringify(data);
  ui.serverMessages.append(item);
}

async function connect(): Promise<void> {
  const kind = ui.transport.value as TransportKind;
  if (!TRANSPORT_KINDS.includes(kind)) return;
  let requestData: unknown;
  try {
    requestData = parseField(ui.requestData, "Request data", {});
  } catch (e) {
    log.addText(`connect -> error: ${errorText(e)}`);
    return;
  }
  renderState("starting");
  const old = client;
  client = null; // from here on, the old client's callbacks leave the UI alone
  functionCalls.clear();
  if (old) await shutDown(old);

  let connectFailed = false;
  const current = createClient(kind, {
    enableMic: ui.mic.checked,
    callbacks: loggingCallbacks(log, {
      onTransportStateChanged: (state) => {
        if (client === current) renderState(state, connectFailed || undefined);
      },
    }),
  });
  client = current;
  current.on(RTVIEvent.ServerMessage, appendServerMessage);
  current.registerFunctionCallHandler("get_weather", functionCalls.handler);

  log.add("connect", kind, requestData);
  try {
    await (RUNNER_WAY ? startTheRunnerWay : startAndConnect)(current, kind, requestData);
    log.addText("connect -> ok");
  } catch (e) {
    log.addText(`connect -> error: ${errorText(e)}`);
    connectFailed = true;
    if (client === current) renderState(current.state, true);
  }
}

/** Disconnects a client that is no longer wanted. */
async function shutDown(old: PipecatClient): Promise<void> {
  try {
    await old.disconnect();
  } catch (e) {
    log.addText(`disconnect -> error: ${errorText(e)}`);
  }
  old.removeAllListeners();
}

async function disconnect(): Promise<void> {
  const current = client;
  if (!current) return;
  log.add("disconnect");
  functionCalls.clear();
  await shutDown(current); // its state callbacks still update the status
  if (client === current) client = null;
}

/** Runs a send action, logging it and any error it throws. */
function send(line: string, action: (c: PipecatClient) => unknown): void {
  try {
    if (!client) throw new Error("not connected");
    log.addText(line);
    void action(client);
  } catch (e) {
    log.addText(`${line} -> error: ${errorText(e)}`);
  }
}

function sendMessage(): void {
  const type = ui.msgType.value.trim();
  let data: unknown;
  try {
    data = parseField(ui.msgData, "Data");
  } catch (e) {
    log.addText(`sendClientMessage ${type} -> error: ${errorText(e)}`);
    return;
  }
  const args = data === undefined ? [] : [data];
  send(formatLine(`sendClientMessage ${type}`, args), (c) => c.sendClientMessage(type, data));
}

async function sendRequest(): Promise<void> {
  const type = ui.reqType.value.trim();
  const fail = (e: unknown) => {
    ui.reqResult.textContent = `error: ${errorText(e)}`;
    log.addText(`request ${type} -> error: ${errorText(e)}`);
  };
  let data: unknown;
  let timeout: number | undefined;
  try {
    data = parseField(ui.reqData, "Request data JSON", {});
    const ms = ui.reqTimeout.value.trim();
    timeout = ms ? Number(ms) : undefined;
    if (timeout !== undefined && !(timeout > 0)) throw new Error("Timeout ms must be a positive number");
    if (!client) throw new Error("not connected");
  } catch (e) {
    fail(e);
    return;
  }
  ui.reqResult.textContent = ""; // empty until this request settles
  log.add(`request ${type}`, data);
  try {
    const response = (await client.sendClientRequest(type, data, timeout)) ?? null;
    ui.reqResult.textContent = `response: ${JSON.stringify(response)}`;
    log.add(`request ${type} ->`, response);
  } catch (e) {
    fail(e);
  }
}

ui.connect.addEventListener("click", () => void connect());
ui.disconnect.addEventListener("click", () => void disconnect());
ui.sendMessage.addEventListener("click", sendMessage);
ui.sendRequest.addEventListener("click", () => void sendRequest());
ui.startTurn.addEventListener("click", () =>
  send("sendClientMessage start-turn", (c) => c.sendClientMessage("start-turn")),
);
ui.sendText.addEventListener("click", () => {
  const text = ui.text.value;
  send(formatLine("sendText", [text]), (c) =>
    c.sendText(text).catch((e: unknown) => log.addText(`sendText -> error: ${errorText(e)}`)),
  );
});
// The scripted conversation (demo/bot/README.md): the trigger, then at once the text turn it
// begins with. client-js sends both synchronously, in this order.
ui.playConversation.addEventListener("click", () =>
  send(formatLine(`sendClientMessage ${PLAY_CONVERSATION} + sendText`, [SCRIPT_TEXT]), (c) => {
    c.sendClientMessage(PLAY_CONVERSATION, {});
    return c.sendText(SCRIPT_TEXT).catch((e: unknown) => log.addText(`sendText -> error: ${errorText(e)}`));
  }),
);
// `#smallwebrtc` / `#websocket` in the URL preselects the transport.
const fromHash = location.hash.slice(1) as TransportKind;
if (TRANSPORT_KINDS.includes(fromHash)) ui.transport.value = fromHash;
renderState("disconnected");
