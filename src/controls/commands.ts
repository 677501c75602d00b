// Panel controls (page's MAIN world, injected while a panel needs them): run the panel's
// commands (send, request, send raw, replay, inject, settle a paused message, describe the
// handlers) against the client they name, or refuse them with a reason before anything is sent.
import type { PanelToPage, RtviMessage } from "../shared/protocol";
import { RTVI_LABEL } from "../shared/protocol/constants";
import type { AnyObject } from "../hook/recognition";
import type { ControlsKit } from "../hook/controlsKit";
import type { RulesEngine } from "./rules";

const NOT_SPACE = /\S/;

/** The command runner, over the hook's kit and the rules engine that holds the paused messages. */
export function createCommandRunner(kit: ControlsKit, rules: Pick<RulesEngine, "settlePaused">) {
  const { listenersOf, recordById, sendAsDevtools, shortText } = kit;
  const { floor, isArray, mapGet, numberToText, objectKeys, random, regexExec, sliceText, toText } = kit.builtins;

  function requireClient(clientId: string) {
    const record = recordById(clientId);
    if (!record?.client) throw new Error(`No client ${clientId} in this frame`);
    return { record, client: record.client };
  }

  function requireReady(client: AnyObject): void {
    const state = client._transport?.state ?? client.state;
    if (state !== "ready") throw new Error(`Client is not ready (state: ${state ?? "unknown"})`);
  }

  const isBlank = (text: string) => regexExec(NOT_SPACE, text) === null;

  function freshId(): string {
    // Eight hex digits: a ninth, always 1, keeps leading zeros, and is cut off.
    return sliceText(numberToText(floor(random() * 0x100000000) + 0x100000000, 16), 1);
  }

  /** What the panel asks to send or inject must at least be an RTVI message with a type. */
  function requireMessage(msg: unknown): RtviMessage {
    const candidate = msg as RtviMessage | null;
    if (typeof candidate !== "object" || candidate === null || isArray(candidate)) {
      throw new Error("Invalid message: expected an object with a type");
    }
    if (typeof candidate.type !== "string" || isBlank(candidate.type)) {
      throw new Error("Invalid message: `type` must be a non-empty string");
    }
    if (candidate.id !== undefined && typeof candidate.id !== "string") {
      throw new Error("Invalid message: `id` must be a string");
    }
    return candidate;
  }

  function requireType(msgType: unknown): string {
    if (typeof msgType !== "string" || isBlank(msgType)) {
      throw new Error("Invalid message: the message type is empty");
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
  async function runCommand(command: PanelToPage): Promise<unknown> {
    if (command.kind === "settle-paused") {
      const outcome = rules.settlePaused(command.messageId, command.outcome, command.msg);
      if (!outcome) throw new Error("That message is not paused any more (continued, dropped or timed out)");
      return outcome;
    }
    const { record, client } = requireClient(command.clientId);
    switch (command.kind) {
      case "send-message": {
        const msgType = requireType(command.msgType);
        requireReady(client);
        if (typeof client.sendClientMessage !== "function") {
          throw new Error("This client (RTVIClient 0.x) has no sendClientMessage: send it raw");
        }
        sendAsDevtools(() => client.sendClientMessage(msgType, command.data));
        return null;
      }
      case "send-request": {
        const msgType = requireType(command.msgType);
        requireReady(client);
        if (typeof client.sendClientRequest !== "function") {
          throw new Error("This client (RTVIClient 0.x) has no sendClientRequest");
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
        if (!original) throw new Error(`Message ${command.messageId} is no longer kept for replay`);
        const again = asOutbound({ type: original.type, id: freshId(), data: original.data });
        sendAsDevtools(() => record.transport.sendMessage(again));
        return null;
      }
      case "inject": {
        const msg = requireMessage(command.msg);
        const deliver = record.deliver;
        if (!deliver) throw new Error("This client has no inbound handler yet");
        const inbound: RtviMessage = { label: msg.label ?? RTVI_LABEL, type: msg.type, data: msg.data };
        if (msg.id !== undefined) inbound.id = msg.id;
        sendAsDevtools(() => deliver(inbound));
        return null;
      }
      case "describe-handlers":
        return describeHandlers(client);
      default:
        throw new Error(`Unknown command ${toText((command as { kind?: unknown }).kind)}`);
    }
  }

  return runCommand;
}
