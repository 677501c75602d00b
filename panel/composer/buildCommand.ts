// Runs in the panel. The composer's one decision, kept pure: from the drafts, the selected
// client and its readiness, either the command to send (with the frame it goes to) or what is
// wrong, by field, worded for the user. Nothing is sent for a draft with any error.
import type { PanelToPage, RtviMessage } from "../../src/shared/protocol";
import type { ClientView } from "../model/store";
import { DEFAULT_TIMEOUT_MS, type Drafts } from "./draft";
import { describeProblem, parseJson } from "./json";
import type { Readiness } from "./readiness";

/** What each composer button does. */
export type ComposerAction =
  | "send-message"
  | "send-request"
  | "inject-server-message"
  | "send-text"
  | "send-raw"
  | "inject-raw";

export type FieldName = "type" | "data" | "timeout" | "content" | "options";

/** Field-level problems, by field name. */
export type FieldErrors = Partial<Record<FieldName, string>>;

export type BuiltCommand =
  | { errors: FieldErrors }
  /** The client cannot take this action now (the buttons say why and are disabled). */
  | { blocked: string }
  | {
      command: PanelToPage;
      frameId: number;
      /** What the feedback calls it: "Sent set-language", "Injected error"… */
      label: string;
      /** How long to wait for the page's answer, when not the connection's default. */
      timeoutMs?: number;
    };

/** A request is answered by client-js itself within its timeout plus its 2 s check interval. */
export const REQUEST_GRACE_MS = 5_000;

const INJECTING: ReadonlySet<ComposerAction> = new Set(["inject-server-message", "inject-raw"]);

export function buildCommand(
  action: ComposerAction,
  drafts: Drafts,
  client: ClientView | undefined,
  ready: Readiness,
): BuiltCommand {
  const blocked = INJECTING.has(action) ? ready.inject : ready.send;
  if (blocked !== undefined) return { blocked };
  if (!client) return { blocked: "No client selected." };
  const { clientId, frameId } = client;
  const errors: FieldErrors = {};
  /** The command, unless a field has an error. */
  const built = (label: string, command: () => PanelToPage, timeoutMs?: number): BuiltCommand =>
    Object.keys(errors).length > 0 ? { errors } : { command: command(), frameId, label, timeoutMs };

  switch (action) {
    case "send-message": {
      // Empty data is no data, as sendClientMessage(type) sends.
      const { msgType, data } = typeAndData(drafts.custom, undefined, errors);
      return built(`Sent ${msgType}`, () => ({ kind: "send-message", clientId, msgType, data }));
    }
    case "send-request": {
      const { msgType, data } = typeAndData(drafts.custom, {}, errors);
      const timeoutText = drafts.custom.timeoutMs.trim();
      const timeoutMs = timeoutText === "" ? DEFAULT_TIMEOUT_MS : Number(timeoutText);
      if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
        errors.timeout = "The timeout is a whole number of milliseconds above 0.";
      }
      return built(
        `Sent ${msgType}`,
        () => ({ kind: "send-request", clientId, msgType, data, timeoutMs }),
        timeoutMs + REQUEST_GRACE_MS,
      );
    }
    case "inject-server-message": {
      // server-message has no type of its own: the type field is not used.
      const data = json(drafts.custom.data, {}, "data", errors);
      return built("Injected server-message", () => ({
        kind: "inject",
        clientId,
        msg: { type: "server-message", data },
      }));
    }
    case "send-text": {
      const { content } = drafts.text;
      if (content === "") errors.content = "Enter the text to send.";
      const options = json(drafts.text.options, {}, "options", errors);
      return built("Sent send-text", () => ({
        kind: "send-raw",
        clientId,
        msg: { type: "send-text", data: { content, options } },
      }));
    }
    case "send-raw": {
      const { msgType, data } = typeAndData(drafts["raw-out"], {}, errors);
      return built(`Sent ${msgType}`, () => ({ kind: "send-raw", clientId, msg: { type: msgType, data } }));
    }
    case "inject-raw": {
      const { msgType, data } = typeAndData(drafts["raw-in"], undefined, errors);
      const id = drafts["raw-in"].id.trim();
      const msg: RtviMessage = { type: msgType, ...(id ? { id } : {}), ...(data === undefined ? {} : { data }) };
      return built(`Injected ${msgType}`, () => ({ kind: "inject", clientId, msg }));
    }
  }
}

/** The type (required) and the data (JSON; `empty` when blank) of a draft; problems go to `errors`. */
function typeAndData(fields: { type: string; data: string }, empty: unknown, errors: FieldErrors) {
  const msgType = fields.type.trim();
  if (msgType === "") errors.type = "Enter a message type.";
  return { msgType, data: json(fields.data, empty, "data", errors) };
}

function json(text: string, empty: unknown, field: FieldName, errors: FieldErrors): unknown {
  const parsed = parseJson(text, empty);
  if (parsed.ok) return parsed.value;
  errors[field] = describeProblem(parsed.problem);
  return undefined;
}
