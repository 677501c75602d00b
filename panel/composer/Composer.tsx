// The composer: talks to the bot, or plays the bot, through the selected client.
//
// Custom: the seed's custom messaging, one type and data for sendClientMessage,
//   sendClientRequest (awaited, answer or error shown with its latency) and a server-message
//   injected as if the bot had sent it (the type is not used then: server-message has none).
// Text: sendText's send-text message.
// Raw outbound: any RTVI message to the bot. Raw inbound: any RTVI message delivered to the
//   client as if from the bot (a server-response or error-response for a pending id, error…).
//
// Everything the page sends back is shown as text only.
import { useEffect, useRef, useState } from "preact/hooks";
import type { ClientView, SessionStore } from "../model/store";
import type { PanelToPage } from "../../src/shared/protocol";
import { currentSaved, setMode, updateDraft, useDraft, DEFAULT_TIMEOUT_MS, type Mode } from "./draft";
import { describeProblem, parseJson } from "./json";
import { pushHistory } from "./storage";
import { Helpers } from "./Helpers";
import {
  REQUEST_GRACE_MS,
  answerData,
  errorText,
  fillAnswer,
  readiness,
  liveRegion,
  runCommand,
  type AnswerKind,
  type Feedback,
} from "./send";
import { formatData } from "./templates";

export interface ComposerProps {
  store: SessionStore;
  client: ClientView | undefined;
}

const MODE_LABELS: Record<Mode, string> = {
  custom: "Custom message",
  text: "Text",
  "raw-out": "Raw outbound",
  "raw-in": "Raw inbound",
};

type RequestResult =
  | { state: "waiting"; msgType: string; timeoutMs: number }
  | { state: "answered"; msgType: string; latencyMs: number; value: unknown }
  | { state: "failed"; msgType: string; latencyMs: number; error: string };

/** Field-level problems, by field name; cleared when the field is edited. */
type FieldErrors = Partial<Record<"type" | "data" | "timeout" | "content" | "options" | "id", string>>;

function useStoreVersion(store: SessionStore): void {
  const [, setTick] = useState(0);
  useEffect(() => store.subscribe(() => setTick((tick) => tick + 1)), [store]);
}

function clientLabel(client: ClientView): string {
  return `${client.clientId} · ${client.transport} · ${client.state ?? "?"}`;
}

export function Composer({ store, client }: ComposerProps) {
  useStoreVersion(store);
  const draft = useDraft();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [feedback, setFeedback] = useState<Feedback>(undefined);
  const [request, setRequest] = useState<RequestResult | undefined>(undefined);
  const dataRef = useRef<HTMLTextAreaElement>(null);
  const requestSerial = useRef(0);
  const mode = draft.mode;
  const { send: sendBlocked, inject: injectBlocked } = readiness(store, client);
  const reason = sendBlocked ?? injectBlocked;

  // Filled from a log row, the history or a snippet: show it and put the cursor in it.
  useEffect(() => {
    if (draft.filled === 0) return;
    setErrors({});
    const field = dataRef.current;
    field?.focus();
    field?.scrollIntoView?.({ block: "nearest" });
  }, [draft.filled]);

  const clearError = (name: keyof FieldErrors) => {
    if (errors[name]) setErrors({ ...errors, [name]: undefined });
  };

  /** Checks the fields; returns the values, or sets the errors and returns undefined. */
  const validate = <T,>(checks: () => { errors: FieldErrors; value?: T }): T | undefined => {
    const result = checks();
    const problems = Object.values(result.errors).filter(Boolean);
    setErrors(result.errors);
    if (problems.length > 0) {
      setFeedback({ tone: "error", text: "Nothing sent: fix the field marked below." });
      return undefined;
    }
    return result.value;
  };

  const dispatch = async (label: string, command: PanelToPage) => {
    if (!client) return;
    setFeedback({ tone: "pending", text: `${label}…` });
    try {
      await runCommand(client.frameId, command);
      setFeedback({ tone: "ok", text: `${label}: done.` });
    } catch (error) {
      setFeedback({ tone: "error", text: `${label} failed: ${errorText(error)}` });
    }
  };

  const remember = () => {
    void pushHistory(currentSaved()).catch(() => {
      // History is a convenience: storage failing must not stop a send.
    });
  };

  const typeAndData = (empty: unknown) => {
    const values = draft.mode === "raw-in" ? draft.drafts["raw-in"] : draft.drafts[draft.mode === "raw-out" ? "raw-out" : "custom"];
    const found: FieldErrors = {};
    const msgType = values.type.trim();
    if (msgType === "") found.type = "Enter a message type.";
    const parsed = parseJson(values.data, empty);
    if (!parsed.ok) found.data = describeProblem(parsed.problem);
    return { errors: found, value: parsed.ok ? { msgType, data: parsed.value } : undefined };
  };

  // --- Custom --------------------------------------------------------------------------

  const sendMessage = () => {
    if (!client || sendBlocked) return;
    const values = validate(() => typeAndData(undefined));
    if (!values) return;
    remember();
    void dispatch(`Sent ${values.msgType}`, { kind: "send-message", clientId: client.clientId, msgType: values.msgType, data: values.data });
  };

  const sendRequest = async () => {
    if (!client || sendBlocked) return;
    const values = validate(() => {
      const checked = typeAndData({});
      const timeoutText = draft.drafts.custom.timeoutMs.trim();
      const timeoutMs = timeoutText === "" ? DEFAULT_TIMEOUT_MS : Number(timeoutText);
      if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) checked.errors.timeout = "The timeout is a whole number of milliseconds above 0.";
      return { errors: checked.errors, value: checked.value && { ...checked.value, timeoutMs } };
    });
    if (!values) return;
    remember();
    const serial = ++requestSerial.current;
    const started = performance.now();
    setFeedback(undefined);
    setRequest({ state: "waiting", msgType: values.msgType, timeoutMs: values.timeoutMs });
    const command: PanelToPage = {
      kind: "send-request",
      clientId: client.clientId,
      msgType: values.msgType,
      data: values.data,
      timeoutMs: values.timeoutMs,
    };
    try {
      const value = await runCommand(client.frameId, command, values.timeoutMs + REQUEST_GRACE_MS);
      if (serial !== requestSerial.current) return;
      setRequest({ state: "answered", msgType: values.msgType, latencyMs: performance.now() - started, value });
    } catch (error) {
      if (serial !== requestSerial.current) return;
      setRequest({ state: "failed", msgType: values.msgType, latencyMs: performance.now() - started, error: errorText(error) });
    }
  };

  const injectServerMessage = () => {
    if (!client || injectBlocked) return;
    const values = validate(() => {
      const parsed = parseJson(draft.drafts.custom.data, {});
      return parsed.ok ? { errors: {}, value: parsed.value } : { errors: { data: describeProblem(parsed.problem) } };
    });
    if (values === undefined) return;
    remember();
    void dispatch("Injected server-message", {
      kind: "inject",
      clientId: client.clientId,
      msg: { type: "server-message", data: values },
    });
  };

  // --- Text ----------------------------------------------------------------------------

  const sendText = () => {
    if (!client || sendBlocked) return;
    const values = validate(() => {
      const { content, options } = draft.drafts.text;
      const found: FieldErrors = {};
      if (content === "") found.content = "Enter the text to send.";
      const parsed = parseJson(options, {});
      if (!parsed.ok) found.options = describeProblem(parsed.problem);
      return { errors: found, value: parsed.ok ? { content, options: parsed.value } : undefined };
    });
    if (!values) return;
    remember();
    void dispatch("Sent send-text", { kind: "send-raw", clientId: client.clientId, msg: { type: "send-text", data: values } });
  };

  // --- Raw -----------------------------------------------------------------------------

  const sendRaw = () => {
    if (!client || sendBlocked) return;
    const values = validate(() => typeAndData({}));
    if (!values) return;
    remember();
    void dispatch(`Sent ${values.msgType}`, {
      kind: "send-raw",
      clientId: client.clientId,
      msg: { type: values.msgType, data: values.data },
    });
  };

  const injectRaw = () => {
    if (!client || injectBlocked) return;
    const values = validate(() => typeAndData(undefined));
    if (!values) return;
    const id = draft.drafts["raw-in"].id.trim();
    remember();
    const msg = { type: values.msgType, ...(id ? { id } : {}), ...(values.data === undefined ? {} : { data: values.data }) };
    void dispatch(`Injected ${values.msgType}`, { kind: "inject", clientId: client.clientId, msg });
  };

  // --- Rendering -----------------------------------------------------------------------

  // Errors sit under their field, outside its label, so that the field's name stays its label.
  const fieldError = (name: keyof FieldErrors) =>
    errors[name] ? (
      <p id={`composer-error-${name}`} class="composer-field-error" role="alert">
        {errors[name]}
      </p>
    ) : null;
  const describedBy = (name: keyof FieldErrors) => (errors[name] ? `composer-error-${name}` : undefined);

  interface FieldSpec {
    name: keyof FieldErrors;
    label: string;
    value: string;
    onValue: (value: string) => void;
    placeholder?: string;
    /** A textarea of this many rows, which takes the focus when the composer is filled. */
    rows?: number;
    class?: string;
    numeric?: boolean;
  }
  const field = (spec: FieldSpec) => {
    const id = `composer-field-${spec.name}`;
    const common = {
      id,
      placeholder: spec.placeholder,
      spellcheck: false,
      value: spec.value,
      "aria-invalid": errors[spec.name] ? true : undefined,
      "aria-describedby": describedBy(spec.name),
      onInput: (event: Event) => {
        clearError(spec.name);
        spec.onValue((event.currentTarget as HTMLInputElement | HTMLTextAreaElement).value);
      },
    };
    return (
      <div class={`composer-field ${spec.class ?? ""}`}>
        <label for={id}>{spec.label}</label>
        {spec.rows ? (
          <textarea ref={dataRef} rows={spec.rows} {...common} />
        ) : (
          <input type="text" inputMode={spec.numeric ? "numeric" : undefined} {...common} />
        )}
        {fieldError(spec.name)}
      </div>
    );
  };
  const typeField = (forMode: "custom" | "raw-out" | "raw-in", placeholder: string) =>
    field({
      name: "type",
      label: "Message type",
      class: "composer-type",
      placeholder,
      value: draft.drafts[forMode].type,
      onValue: (type) => updateDraft(forMode, { type }),
    });
  const dataField = (forMode: "custom" | "raw-out" | "raw-in", placeholder: string) =>
    field({
      name: "data",
      label: "Message data",
      class: "composer-data",
      rows: 4,
      placeholder,
      value: draft.drafts[forMode].data,
      onValue: (data) => updateDraft(forMode, { data }),
    });

  const reasonId = "composer-reason";
  const button = (label: string, onClick: () => void, blocked: string | undefined) => (
    <button type="button" disabled={blocked !== undefined} aria-describedby={blocked ? reasonId : undefined} onClick={onClick}>
      {label}
    </button>
  );

  let fields;
  let actions;
  if (mode === "custom") {
    fields = (
      <>
        {typeField("custom", "set-language (the t of sendClientMessage)")}
        {dataField("custom", '{"language": "en-US"} (empty: no data)')}
        {field({
          name: "timeout",
          label: "Timeout (ms)",
          class: "composer-timeout",
          numeric: true,
          value: draft.drafts.custom.timeoutMs,
          onValue: (timeoutMs) => updateDraft("custom", { timeoutMs }),
        })}
      </>
    );
    actions = (
      <>
        {button("Send message", sendMessage, sendBlocked)}
        {button("Send request", () => void sendRequest(), sendBlocked)}
        {button("Inject server message", injectServerMessage, injectBlocked)}
      </>
    );
  } else if (mode === "text") {
    fields = (
      <>
        {field({
          name: "content",
          label: "Text",
          class: "composer-data",
          rows: 3,
          placeholder: "What the user says (sendText)",
          value: draft.drafts.text.content,
          onValue: (content) => updateDraft("text", { content }),
        })}
        {field({
          name: "options",
          label: "Text options",
          placeholder: '{"run_immediately": true, "audio_response": true}',
          value: draft.drafts.text.options,
          onValue: (options) => updateDraft("text", { options }),
        })}
      </>
    );
    actions = button("Send text", sendText, sendBlocked);
  } else if (mode === "raw-out") {
    fields = (
      <>
        {typeField("raw-out", "any RTVI type: client-message, send-text, dtmf…")}
        {dataField("raw-out", "{} (the message's data)")}
      </>
    );
    actions = button("Send raw message", sendRaw, sendBlocked);
  } else {
    fields = (
      <>
        {typeField("raw-in", "any RTVI type: server-response, error, bot-output…")}
        <AnswerControls store={store} client={client} />
        {dataField("raw-in", "{} (the message's data; empty: none)")}
      </>
    );
    actions = button("Inject message", injectRaw, injectBlocked);
  }

  return (
    <section class="composer" aria-label="Composer">
      <div class="composer-head">
        <div role="tablist" aria-label="Composer mode" class="composer-modes">
          {(Object.keys(MODE_LABELS) as Mode[]).map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              aria-selected={mode === name}
              aria-controls="composer-form"
              onClick={() => {
                setErrors({});
                setFeedback(undefined);
                setMode(name);
              }}
            >
              {MODE_LABELS[name]}
            </button>
          ))}
        </div>
        <span class="composer-target">{client ? `To ${clientLabel(client)}` : "No client"}</span>
      </div>
      <Helpers store={store} client={client} />
      <div id="composer-form" role="tabpanel" aria-label={MODE_LABELS[mode]} class={`composer-form composer-${mode}`}>
        {fields}
      </div>
      <div class="composer-actions">
        {actions}
        {feedback && (
          <span class={`composer-feedback composer-${feedback.tone}`} {...liveRegion(feedback.tone)}>
            {feedback.text}
          </span>
        )}
      </div>
      {reason && (
        <p id={reasonId} class="composer-reason">
          {reason}
        </p>
      )}
      {mode === "custom" && request && <RequestOutcome result={request} />}
    </section>
  );
}

function RequestOutcome({ result }: { result: RequestResult }) {
  let text: string;
  let body: string | undefined;
  if (result.state === "waiting") {
    text = `Waiting for the answer to ${result.msgType} (timeout ${result.timeoutMs} ms)…`;
  } else if (result.state === "answered") {
    text = `Response to ${result.msgType} in ${Math.round(result.latencyMs)} ms:`;
    body = result.value === undefined ? "(no data)" : formatData(result.value);
  } else {
    text = `Error for ${result.msgType} after ${Math.round(result.latencyMs)} ms: ${result.error}`;
  }
  return (
    // A named region rather than <output> (role status): the panel's status bar is its one status.
    <section class={`composer-request composer-request-${result.state}`} aria-label="Request result" aria-live="polite">
      <span>{text}</span>
      {body !== undefined && <pre>{body}</pre>}
    </section>
  );
}

/** Raw inbound: pick a pending request to answer, and switch between server- and error-response. */
function AnswerControls({ store, client }: { store: SessionStore; client: ClientView | undefined }) {
  const draft = useDraft();
  const values = draft.drafts["raw-in"];
  const pending = client ? store.pendingRequests(client.key) : [];
  const isAnswer = values.type === "server-response" || values.type === "error-response";

  const switchKind = (kind: AnswerKind) => {
    const requestType = draft.answering?.requestType ?? guessRequestType(values.data);
    const other: AnswerKind = kind === "server-response" ? "error-response" : "server-response";
    // Keep what the user wrote unless it is still the other kind's untouched answer.
    const untouched = values.data.trim() === "" || values.data === formatData(answerData(other, requestType));
    updateDraft("raw-in", { type: kind, ...(untouched ? { data: formatData(answerData(kind, requestType)) } : {}) });
  };

  const elsewhere = draft.answering && client && draft.answering.clientKey !== client.key;
  return (
    <div class="composer-answer">
      {elsewhere && (
        <p class="composer-reason">
          Request {draft.answering!.rtviId} belongs to another client than the selected one ({client!.clientId}): select its
          client to answer it.
        </p>
      )}
      <div class="composer-field">
        <label for="composer-field-message-id">Message id</label>
        <input
          id="composer-field-message-id"
          type="text"
          spellcheck={false}
          placeholder="the request's id, for an answer"
          value={values.id}
          onInput={(event) => updateDraft("raw-in", { id: event.currentTarget.value })}
        />
      </div>
      {pending.length > 0 && (
        <div class="composer-field">
          <label for="composer-field-pending-request">Pending request</label>
          <select
            id="composer-field-pending-request"
            value=""
            onChange={(event) => {
              const row = pending.find((candidate) => String(candidate.seq) === event.currentTarget.value);
              if (row) fillAnswer(row, values.type === "error-response" ? "error-response" : "server-response");
            }}
          >
            <option value="">Answer a pending request…</option>
            {pending.map((row) => (
              <option key={row.seq} value={String(row.seq)}>
                {row.rtviId} · {row.type === "client-message" ? describeRequest(row.json) : row.type}
              </option>
            ))}
          </select>
        </div>
      )}
      {isAnswer && (
        <fieldset class="composer-answer-kind">
          <legend>Answer as</legend>
          {(["server-response", "error-response"] as const).map((kind) => (
            <label key={kind}>
              <input type="radio" name="composer-answer-kind" checked={values.type === kind} onChange={() => switchKind(kind)} />
              {kind}
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}

function describeRequest(json: string): string {
  try {
    const t = (JSON.parse(json) as { data?: { t?: unknown } }).data?.t;
    return typeof t === "string" ? t : "client-message";
  } catch {
    return "client-message";
  }
}

function guessRequestType(dataText: string): string {
  const parsed = parseJson(dataText);
  const t = parsed.ok ? (parsed.value as { t?: unknown } | null)?.t : undefined;
  return typeof t === "string" ? t : "";
}
