// Page hook (MAIN world): runs the panel's commands (send, request, send raw, replay, inject)
// against the client they name, or refuses them with a reason before anything is sent.
import type { PanelToPage, RtviMessage } from "../shared/protocol";
import { RTVI_LABEL } from "../shared/protocol/constants";
import type { AnyObject } from "./recognition";
import { recordById } from "./registry";
import { sendAsDevtools } from "./sendContext";
import { settlePaused } from "./rules";
import { listenersOf } from "./clientInstrumentation";
import { shortText } from "./bounds";
import { isArray, mapGet, numberToText, objectKeys, padEnd, random, sliceText, toText, trim } from "./builtins";

export class CommandError extends Error {}

function requireClient(clientId: string) {
  const record = recordById(clientId);
  if (!record?.client) throw new CommandError(`No client ${clientId} in this frame`);
  return { record, client: record.client };
}

function requireReady(client: AnyObject): void {
  const state = client._transport?.state ?? client.state;
  if (state !== "ready") throw new CommandError(`Client is not ready (state: ${state ?? "unknown"})`);
}

function freshId(): string {
  return padEnd(sliceText(numberToText(random(), 16), 2, 10), 8, "0");
}

/** What the panel asks to send or inject must at least be an RTVI message with a type. */
function requireMessage(msg: unknown): RtviMessage {
  const candidate = msg as RtviMessage | null;
  if (typeof candidate !== "object" || candidate === null || isArray(candidate)) {
    throw new CommandError("Invalid message: expected an object with a type");
  }
  if (typeof candidate.type !== "string" || trim(candidate.type) === "") {
    throw new CommandError("Invalid message: `type` must be a non-empty string");
  }
  if (candidate.id !== undefined && typeof candidate.id !== "string") {
    throw new CommandError("Invalid message: `id` must be a string");
  }
  return candidate;
}

function requireType(msgType: unknown): string {
  if (typeof msgType !== "string" || trim(msgType) === "") {
    throw new CommandError("Invalid message: the message type is empty");
  }
  return msgType;
}

function asOutbound(msg: RtviMessage): RtviMessage {
  return { id: msg.id || freshId(), label: RTVI_LABEL, type: msg.type, data: msg.data ?? {} };
}

/**
 * The callbacks the client was given (names of its `_options.callbacks` functions; client-js puts
 * its own wrappers under most names: panel/handlers/clientJsHandlers.ts says which) and its
 * listeners by event, from the `_events` table of the EventEmitter it extends.
 */
function describeHandlers(client: AnyObject): { callbacks: string[]; listeners: { event: string; count: number }[] } {
  const callbacks: string[] = [];
  const given = client._options?.callbacks as Record<string, unknown> | undefined;
  const names = given && typeof given === "object" ? objectKeys(given) : [];
  for (let i = 0; i < names.length; i++) {
    if (typeof given![names[i]] === "function") callbacks[callbacks.length] = shortText(names[i]);
  }
  const listeners: { event: string; count: number }[] = [];
  const table = client._events as Record<string, unknown> | undefined;
  const events = table && typeof table === "object" ? objectKeys(table) : [];
  for (let i = 0; i < events.length; i++) {
    const count = listenersOf(client, events[i]);
    if (count > 0) listeners[listeners.length] = { event: shortText(events[i]), count };
  }
  return { callbacks, listeners };
}

/** Runs one command; resolves with what to report back, or rejects with a reason. */
export async function runCommand(command: PanelToPage): Promise<unknown> {
  if (command.kind === "settle-paused") {
    const outcome = settlePaused(command.messageId, command.outcome, command.msg);
    if (!outcome) throw new CommandError("That message is not paused any more (continued, dropped or timed out)");
    return outcome;
  }
  const { record, client } = requireClient(command.clientId);
  switch (command.kind) {
    case "send-message": {
      const msgType = requireType(command.msgType);
      requireReady(client);
      if (typeof client.sendClientMessage !== "function") {
        throw new CommandError("This client (RTVIClient 0.x) has no sendClientMessage: send it raw");
      }
      sendAsDevtools(() => client.sendClientMessage(msgType, command.data));
      return null;
    }
    case "send-request": {
      const msgType = requireType(command.msgType);
      requireReady(client);
      if (typeof client.sendClientRequest !== "function") {
        throw new CommandError("This client (RTVIClient 0.x) has no sendClientRequest");
      }
      return await (sendAsDevtools(() =>
        client.sendClientRequest(msgType, command.data, command.timeoutMs),
      ) as Promise<unknown>);
    }
    case "send-raw": {
      const msg = requireMessage(command.msg);
      requireReady(client);
      sendAsDevtools(() => record.transport.sendMessage(asOutbound(msg)));
      return null;
    }
    case "replay": {
      requireReady(client);
      const original = command.msg
        ? requireMessage(command.msg)
        : (mapGet(record.sent, command.messageId) as RtviMessage | undefined);
      if (!original) throw new CommandError(`Message ${command.messageId} is no longer kept for replay`);
      const again = asOutbound({ type: original.type, id: freshId(), data: original.data });
      sendAsDevtools(() => record.transport.sendMessage(again));
      return null;
    }
    case "inject": {
      const msg = requireMessage(command.msg);
      const deliver = record.deliver;
      if (!deliver) throw new CommandError("This client has no inbound handler yet");
      const inbound: RtviMessage = { label: msg.label ?? RTVI_LABEL, type: msg.type, data: msg.data };
      if (msg.id !== undefined) inbound.id = msg.id;
      sendAsDevtools(() => deliver(inbound));
      return null;
    }
    case "describe-handlers":
      return describeHandlers(client);
    default:
      throw new CommandError(`Unknown command ${toText((command as { kind?: unknown }).kind)}`);
  }
}
