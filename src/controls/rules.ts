// Panel controls (page's MAIN world, injected while a panel needs them): the rules the panel put
// in force (src/shared/protocol/rules.ts), run here so they hold while the panel is busy. The
// hook's transport taps (src/hook/transportTaps.ts) ask `ruleFor` about each message, which
// costs a length check while no rule is on; a message a rule matches is handed to `act` with
// what the tap can do with it (log it, let it go on, deliver a message to the client), and the
// rule breaks, answers, delays, drops or injects. Nothing waits for ever: a paused message goes
// on as it was after its timeout, or when the last panel on the tab closes; each wait's end is
// reported (`pause-ended`).
import type { Direction, PageToPanel, PauseOutcome, Rule, RuleMark } from "../shared/protocol";
import { DEFAULT_BREAK_TIMEOUT_MS, RTVI_LABEL, RULE_REGEX_LITERAL } from "../shared/protocol/constants";
import type { ControlsKit, InFlight, MatchedRule } from "../hook/controlsKit";

type PauseEnded = Extract<PageToPanel, { kind: "pause-ended" }>;

interface ActiveRule extends MatchedRule {
  /** The rule as JSON: a rule sent again unchanged keeps its place in its sequence of replies. */
  text: string;
  /** `match.data` written as /…/flags. */
  pattern: RegExp | undefined;
  /** Respond: requests answered so far. */
  answered: number;
}

/** The rules engine, over the hook's kit (its builtins were taken before the page's scripts ran). */
export function createRules(kit: ControlsKit) {
  const { describeError, emit, reportError, timestamp } = kit;
  const {
    MapAtLoad,
    RegExpAtLoad,
    mapDelete,
    mapForEach,
    mapGet,
    mapSet,
    regexExec,
    setTimer,
    stringIndexOf,
    stringify,
  } = kit.builtins;

  let outbound: ActiveRule[] = [];
  let inbound: ActiveRule[] = [];
  const paused = new MapAtLoad<number, InFlight>();

  function patternOf(data: string | undefined): RegExp | undefined {
    const literal = data ? regexExec(RULE_REGEX_LITERAL, data) : null;
    return literal ? new RegExpAtLoad(literal[1], literal[2]) : undefined;
  }

  /** Puts the panel's rules in force (only the enabled ones), in the panel's order. */
  function setRules(rules: readonly Rule[]): void {
    const before = outbound.length + inbound.length > 0 ? mapOfActive() : undefined;
    const next: Record<Direction, ActiveRule[]> = { in: [], out: [] };
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i];
      if (!rule.enabled) continue;
      try {
        const text = stringify(rule);
        const kept = before && mapGet(before, rule.id);
        const list = next[rule.match.direction];
        list[list.length] = {
          rule,
          text,
          pattern: patternOf(rule.match.data),
          answered: kept?.text === text ? kept.answered : 0,
        };
      } catch (error) {
        reportError(`rule ${rule.id}`, error);
      }
    }
    outbound = next.out;
    inbound = next.in;
  }

  function mapOfActive(): Map<string, ActiveRule> {
    const byId = new MapAtLoad<string, ActiveRule>();
    for (let i = 0; i < outbound.length; i++) mapSet(byId, outbound[i].rule.id, outbound[i]);
    for (let i = 0; i < inbound.length; i++) mapSet(byId, inbound[i].rule.id, inbound[i]);
    return byId;
  }

  /** The first rule in force that matches; undefined at once while there is none. */
  function ruleFor(dir: Direction, clientId: string, msg: unknown): ActiveRule | undefined {
    const rules = dir === "out" ? outbound : inbound;
    if (rules.length === 0) return undefined;
    try {
      let dataText: string | undefined;
      for (let i = 0; i < rules.length; i++) {
        const active = rules[i];
        const match = active.rule.match;
        const message = msg as { type?: unknown; data?: { t?: unknown } | null } | null;
        if (match.clientId && match.clientId !== clientId) continue;
        if (match.type && message?.type !== match.type) continue;
        if (match.requestType && (typeof message?.data !== "object" || message.data?.t !== match.requestType)) continue;
        if (match.data) {
          dataText ??= stringify(message?.data) ?? "";
          // One pattern tests many messages: a `g` or `y` flag must not carry a position over.
          if (active.pattern) active.pattern.lastIndex = 0;
          if (active.pattern ? regexExec(active.pattern, dataText) === null : stringIndexOf(dataText, match.data) < 0) {
            continue;
          }
        }
        return active;
      }
    } catch (error) {
      reportError("rule match", error);
    }
    return undefined;
  }

  /** Runs `run` later, reporting (never throwing) what goes wrong in it. */
  function later(where: string, ms: number, run: () => void): void {
    setTimer(() => {
      try {
        run();
      } catch (error) {
        reportError(where, error);
      }
    }, ms);
  }

  /** Does what the rule says with a message it matched; returns what the tap returns to the app. */
  function act(matched: MatchedRule, flight: InFlight): unknown {
    const active = matched as ActiveRule;
    const rule = active.rule;
    const mark = (effect: RuleMark["effect"]): RuleMark => ({ ruleId: rule.id, effect });
    switch (rule.action) {
      case "drop":
        flight.capture(mark("dropped"));
        return undefined;
      case "delay": {
        const delayMs = rule.delayMs ?? 0;
        flight.capture({ ruleId: rule.id, effect: "delayed", delayMs });
        later(`rule ${rule.id}: delay`, delayMs, () => flight.pass(flight.msg));
        return undefined;
      }
      case "break": {
        const messageId = flight.capture(mark("paused"));
        mapSet(paused, messageId, flight);
        later(`rule ${rule.id}: break`, rule.timeoutMs ?? DEFAULT_BREAK_TIMEOUT_MS, () =>
          release(messageId, "timed-out", undefined),
        );
        return undefined;
      }
      case "respond":
      case "respond-error": {
        const request = flight.msg as { id?: unknown; data?: { t?: unknown } | null } | null;
        if (!flight.isRequest || typeof request?.id !== "string" || request.id === "") {
          // Only a request can be answered: anything else goes on, and the panel hears why.
          flight.capture(undefined);
          reportError(`rule ${rule.id}`, "a reply rule matched a message the client awaits no answer to: it went on");
          return flight.pass(flight.msg);
        }
        flight.capture(mark("answered"));
        // A sequence answers call after call, then repeats its last answer.
        const responses = rule.responses ?? [null];
        const last = responses.length - 1;
        const reply =
          rule.action === "respond"
            ? { t: request.data?.t, d: responses[active.answered < last ? active.answered++ : last] }
            : { error: rule.error ?? "" };
        const type = rule.action === "respond" ? "server-response" : "error-response";
        // After the client has set up its wait for the answer, as a real answer comes.
        later(`rule ${rule.id}: reply`, 0, () =>
          flight.deliver({ label: RTVI_LABEL, type, id: request.id, data: reply }, mark("mocked")),
        );
        return undefined;
      }
      case "inject-after": {
        flight.capture(mark("matched"));
        const result = flight.pass(flight.msg);
        const inject = rule.inject;
        if (inject) {
          const message = { label: inject.label ?? RTVI_LABEL, type: inject.type, id: inject.id, data: inject.data };
          later(`rule ${rule.id}: inject`, 0, () => flight.deliver(message, mark("injected")));
        }
        return result;
      }
    }
  }

  /** Ends a message's wait; false when it is not waiting (settled already, or never paused). */
  function release(messageId: number, outcome: PauseOutcome, edited: unknown): boolean {
    const flight = mapGet(paused, messageId);
    if (!flight) return false;
    mapDelete(paused, messageId);
    const ended: PauseEnded = {
      kind: "pause-ended",
      t: timestamp(),
      clientId: flight.clientId,
      messageId,
      outcome,
    };
    if (outcome === "edited") ended.msg = edited as PauseEnded["msg"];
    emit(ended);
    if (outcome !== "dropped") {
      try {
        flight.pass(outcome === "edited" ? edited : flight.msg);
      } catch (error) {
        reportError("paused message", error);
      }
    }
    return true;
  }

  /** The panel's Continue (as it was, or as edited) or Drop of a paused message; undefined when it is not waiting. */
  function settlePaused(messageId: number, outcome: "continue" | "drop", msg: unknown): PauseOutcome | undefined {
    const flight = mapGet(paused, messageId);
    if (!flight) return undefined;
    const edited = outcome === "continue" && msg !== undefined && stringify(msg) !== stringify(flight.msg);
    const ended = outcome === "drop" ? "dropped" : edited ? "edited" : "continued";
    release(messageId, ended, msg);
    return ended;
  }

  /** No panel inspects the tab any more: no rule acts, and every paused message goes on as it was. */
  function panelClosed(): void {
    setRules([]);
    const waiting: number[] = [];
    mapForEach(paused, (_flight, messageId) => {
      waiting[waiting.length] = messageId;
    });
    for (let i = 0; i < waiting.length; i++) {
      try {
        release(waiting[i], "panel-closed", undefined);
      } catch (error) {
        reportError("panel closed", describeError(error));
      }
    }
  }

  return { setRules, ruleFor, act, settlePaused, panelClosed };
}

export type RulesEngine = ReturnType<typeof createRules>;
