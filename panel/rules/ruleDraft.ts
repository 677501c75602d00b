// Runs in the panel. A rule as the Rules view's form holds it (text, as typed), and the one
// function that makes a Rule of it or says, field by field, what is wrong (nothing is saved
// then). Pure, like panel/composer/buildCommand.ts: the form and the row actions share it.
import * as v from "valibot";
import {
  DEFAULT_BREAK_TIMEOUT_MS,
  MAX_RULE_WAIT_MS,
  ruleSchema,
  rtviMessageSchema,
  type Direction,
  type Rule,
  type RuleAction,
} from "../../src/shared/protocol";
import { describeProblem, parseJson } from "../composer/json";
import { formatData } from "../composer/templates";
import { RULE_REGEX_LITERAL } from "../../src/shared/protocol/constants";

export interface RuleDraft {
  direction: Direction;
  type: string;
  requestType: string;
  /** Text, or a `/regex/flags`, searched in the message's data as JSON. */
  data: string;
  /** A client's page id; empty for any client. */
  clientId: string;
  action: RuleAction;
  /** respond: the JSON the request resolves to; respond-error: the error text; inject-after: the message. */
  response: string;
  /** respond: `response` is a JSON array, one item per request in turn (the last repeats). */
  answerEach: boolean;
  delayMs: string;
  timeoutS: string;
}

export type RuleField = "direction" | "type" | "requestType" | "data" | "action" | "response" | "delayMs" | "timeoutS";
export type RuleErrors = Partial<Record<RuleField, string>>;

/**
 * What a request is on the wire: client-js's sendClientRequest sends a `client-message`
 * `{t, d}` with an id and awaits the server-response of that id (`MessageDispatcher.dispatch`
 * with RTVIMessageType.CLIENT_MESSAGE, node_modules/@pipecat-ai/client-js). So Respond matches
 * that type by default, with the request's `t` as its request type.
 */
export const REQUEST_TYPE = "client-message";

/** The defaults of a new rule: Break, the hook's own timeout. */
export function newDraft(): RuleDraft {
  return {
    direction: "in",
    type: "",
    requestType: "",
    data: "",
    clientId: "",
    action: "break",
    response: "",
    answerEach: false,
    delayMs: "",
    timeoutS: String(DEFAULT_BREAK_TIMEOUT_MS / 1000),
  };
}

/** Whether the action answers the app's requests in the bot's place. */
export function answersRequests(action: RuleAction): boolean {
  return action === "respond" || action === "respond-error";
}

/**
 * The draft with another action. An answer only ever goes to a request the app sent, so
 * choosing Respond or Respond with error turns the direction to Outbound and, when no type
 * was typed, matches requests.
 */
export function withAction(draft: RuleDraft, action: RuleAction): RuleDraft {
  if (!answersRequests(action)) return { ...draft, action };
  return { ...draft, action, direction: "out", type: draft.type.trim() === "" ? REQUEST_TYPE : draft.type };
}

/** The form's text for a saved rule (Edit). */
export function draftFromRule(rule: Rule): RuleDraft {
  const base = newDraft();
  const responses = rule.responses ?? [];
  let response = "";
  if (rule.action === "respond") {
    response = formatData(responses.length === 1 ? responses[0] : responses);
  } else if (rule.action === "respond-error") {
    response = rule.error ?? "";
  } else if (rule.action === "inject-after" && rule.inject) {
    response = formatData(rule.inject);
  }
  return {
    direction: rule.match.direction,
    type: rule.match.type ?? "",
    requestType: rule.match.requestType ?? "",
    data: rule.match.data ?? "",
    clientId: rule.match.clientId ?? "",
    action: rule.action,
    response,
    answerEach: rule.action === "respond" && responses.length > 1,
    delayMs: rule.delayMs === undefined ? "" : String(rule.delayMs),
    timeoutS: rule.timeoutMs === undefined ? base.timeoutS : String(rule.timeoutMs / 1000),
  };
}

/** Why Match data is not a usable regular expression, or undefined (plain text always is). */
export function dataMatchProblem(text: string): string | undefined {
  const parts = RULE_REGEX_LITERAL.exec(text);
  if (!parts) return undefined;
  try {
    new RegExp(parts[1], parts[2]);
    return undefined;
  } catch (error) {
    // V8 words it "Invalid regular expression: /…/: why", Firefox gives the reason alone.
    const reason = error instanceof Error ? error.message : String(error);
    return reason.startsWith("Invalid regular expression") ? reason : `Invalid regular expression: ${reason}`;
  }
}

const MAX_WAIT_S = MAX_RULE_WAIT_MS / 1000;

/** A whole number of ms from `min`, at most the longest wait a rule may hold a message. */
function milliseconds(text: string, min: number): number | undefined {
  const value = Number(text.trim());
  return text.trim() !== "" && Number.isInteger(value) && value >= min && value <= MAX_RULE_WAIT_MS ? value : undefined;
}

/** Where ruleSchema found a problem, as the form's field it came from. */
function fieldOf(issue: v.BaseIssue<unknown>): RuleField {
  const keys = (issue.path ?? []).map((item) => String(item.key));
  if (keys[0] === "match") return keys[1] === "requestType" || keys[1] === "data" ? keys[1] : "type";
  if (keys[0] === "delayMs") return "delayMs";
  if (keys[0] === "timeoutMs") return "timeoutS";
  if (keys[0] === "action") return "action";
  return "response";
}

/** The Rule the draft describes, under `id`, or the errors to show next to each field. */
export function buildRule(draft: RuleDraft, id: string, enabled: boolean): { rule: Rule } | { errors: RuleErrors } {
  const errors: RuleErrors = {};
  const type = draft.type.trim();
  const requestType = draft.requestType.trim();
  const data = draft.data.trim();
  const dataProblem = dataMatchProblem(data);
  if (dataProblem) errors.data = dataProblem;
  if (answersRequests(draft.action) && draft.direction !== "out") {
    errors.direction = "Respond answers a request the app sent: the direction must be Outbound.";
  }

  const rule: Rule = {
    id,
    enabled,
    match: {
      direction: draft.direction,
      ...(type ? { type } : {}),
      ...(requestType ? { requestType } : {}),
      ...(data ? { data } : {}),
      ...(draft.clientId ? { clientId: draft.clientId } : {}),
    },
    action: draft.action,
  };

  switch (draft.action) {
    case "break": {
      const seconds = Number(draft.timeoutS.trim());
      const timeoutMs = Math.round(seconds * 1000);
      if (draft.timeoutS.trim() === "" || !Number.isFinite(seconds) || timeoutMs <= 0 || timeoutMs > MAX_RULE_WAIT_MS) {
        errors.timeoutS = `The break timeout is a number of seconds above 0, at most ${MAX_WAIT_S}.`;
      } else {
        rule.timeoutMs = timeoutMs;
      }
      break;
    }
    case "delay": {
      const delayMs = milliseconds(draft.delayMs, 0);
      if (delayMs === undefined) {
        errors.delayMs = `The delay is a whole number of milliseconds from 0 to ${MAX_RULE_WAIT_MS}.`;
      } else {
        rule.delayMs = delayMs;
      }
      break;
    }
    case "respond": {
      const parsed = parseJson(draft.response);
      if (draft.response.trim() === "") {
        errors.response = draft.answerEach
          ? 'Respond needs the answers, as a JSON array: e.g. [{"ok": true}, {"ok": false}].'
          : 'Respond needs what the request resolves to, as JSON: e.g. {"ok": true}.';
      } else if (!parsed.ok) {
        errors.response = describeProblem(parsed.problem);
      } else if (draft.answerEach && !Array.isArray(parsed.value)) {
        errors.response = "Answer call after call takes a JSON array: one item per request, the last one repeats.";
      } else if (draft.answerEach && (parsed.value as unknown[]).length === 0) {
        errors.response = "The array is empty: give at least one answer.";
      } else {
        rule.responses = draft.answerEach ? (parsed.value as unknown[]) : [parsed.value];
      }
      break;
    }
    case "respond-error": {
      const text = draft.response.trim();
      // A JSON string typed with its quotes is taken as the string it spells.
      const parsed = text.startsWith('"') ? parseJson(text) : undefined;
      const error = parsed?.ok && typeof parsed.value === "string" ? parsed.value : text;
      if (error === "") errors.response = "Respond with error needs the error text the request is rejected with.";
      else rule.error = error;
      break;
    }
    case "inject-after": {
      const parsed = parseJson(draft.response);
      if (draft.response.trim() === "") {
        errors.response = 'Inject after needs the message to deliver: e.g. {"type": "server-message", "data": {}}.';
      } else if (!parsed.ok) {
        errors.response = describeProblem(parsed.problem);
      } else if (typeof parsed.value !== "object" || parsed.value === null || Array.isArray(parsed.value)) {
        errors.response = 'The message is a JSON object: {"type": "server-message", "data": {…}}.';
      } else {
        const message = { label: "rtvi-ai", ...(parsed.value as Record<string, unknown>) };
        const checked = v.safeParse(rtviMessageSchema, message);
        if (checked.success) rule.inject = checked.output;
        else errors.response = `Not an RTVI message: ${describeIssue(checked.issues[0])}`;
      }
      break;
    }
    case "drop":
      break;
  }

  if (Object.keys(errors).length > 0) return { errors };
  // The protocol's own check, for what the fields above do not bound (sizes, nesting).
  const checked = v.safeParse(ruleSchema, rule);
  if (!checked.success) {
    const issue = checked.issues[0];
    return { errors: { [fieldOf(issue)]: describeIssue(issue) } };
  }
  return { rule: checked.output };
}

function describeIssue(issue: v.BaseIssue<unknown>): string {
  const path = (issue.path ?? []).map((item) => String(item.key)).join(".");
  return path ? `${path}: ${issue.message}` : issue.message;
}
