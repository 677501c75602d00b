// Page hook (MAIN world): the place where the panel's controls attach. The controls (commands
// and rules, src/controls/) are not part of the hook, which runs on every page: the background
// injects them into a frame's MAIN world the first time a panel needs them there
// (src/background/frameCommands.ts). They attach through a function the hook defines at
// document_start and then work only through what the hook lends them here: its registry, its
// send context, its outbox, and the builtins it took before the page's scripts ran.
//
// The page can call that function too, as it can imitate the relay's handshake
// (src/content/relay.ts): whoever attaches first gets powers over this frame's own clients and
// its own log, which the page has anyway; the background still takes the tab and frame of all
// of it from the browser. Controls of another version refuse to run, and the panel is told why.
import { version } from "../../manifest.json";
import type { Direction, PanelToPage, Rule, RuleMark } from "../shared/protocol";
import { CONTROLS_KEY } from "../shared/protocol/constants";
import { describeError, shortText } from "./bounds";
import { listenersOf } from "./clientInstrumentation";
import { emit, reportError, timestamp } from "./outbox";
import { recordById } from "./registry";
import { sendAsDevtools } from "./sendContext";
import { LENT_TO_CONTROLS, defineOwn, symbolFor } from "./builtins";

/** A message in flight at a tap, and what the tap can do with it. */
export interface InFlight {
  clientId: string;
  dir: Direction;
  msg: unknown;
  /** An outbound request the client awaits an answer to (sendClientRequest): what a reply rule may answer. */
  isRequest: boolean;
  /** Logs the message as the tap would, with the rule's mark; returns its log id. */
  capture(mark: RuleMark | undefined): number;
  /** Lets a message go on (the transport's send, or the client's handler); returns what that returned. */
  pass(msg: unknown): unknown;
  /** Hands the client a message as from the bot (a mocked reply, an injection), logged with the mark. */
  deliver(msg: unknown, mark: RuleMark): void;
}

/** A rule in force that matched a message: the taps only hand it back to `act`. */
export interface MatchedRule {
  readonly rule: Rule;
}

/** What the attached controls do for the hook. */
export interface Controls {
  /** Runs one panel command; resolves with what to report back, or rejects with a reason. */
  runCommand(command: PanelToPage): Promise<unknown>;
  /** Puts the panel's rules in force. */
  setRules(rules: readonly Rule[]): void;
  /** No panel inspects the tab any more: no rule acts, and every paused message goes on. */
  panelClosed(): void;
  /** The first rule in force that matches; undefined at once while there is none. */
  ruleFor(dir: Direction, clientId: string, msg: unknown): MatchedRule | undefined;
  /** Does what the rule says with a message it matched; returns what the tap returns to the app. */
  act(matched: MatchedRule, flight: InFlight): unknown;
}

function createControlsKit() {
  return {
    /** The hook's version: controls of another (the extension was updated under an open page) refuse to run. */
    version,
    emit,
    reportError,
    timestamp,
    describeError,
    shortText,
    recordById,
    listenersOf,
    sendAsDevtools,
    /** Taken before the page's scripts ran: the controls call no builtin of the page's. */
    builtins: LENT_TO_CONTROLS,
  };
}

/** What the hook lends the controls. */
export type ControlsKit = ReturnType<typeof createControlsKit>;

/** The function the controls call to attach, with how to make them from the kit. */
export type AttachControls = (create: (kit: ControlsKit) => Controls) => void;

/** The controls attached to this hook, if any. */
export let controls: Controls | undefined;

/** Offers the controls their place: a read-only, hidden property set once, at document_start. */
export function offerControlsSlot(): void {
  const attach: AttachControls = (create) => {
    try {
      controls ??= create(createControlsKit());
    } catch (error) {
      reportError("controls", error);
    }
  };
  defineOwn(globalThis, symbolFor(CONTROLS_KEY), { value: attach });
}

/** A command's answer when no controls run in this frame. */
export const NO_CONTROLS =
  "The panel's controls are not running in this frame (any reason is listed under Hook errors)";
