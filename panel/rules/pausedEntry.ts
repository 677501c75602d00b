// Runs in the panel. A message a Break rule holds in the page until the user continues or drops
// it (or its timeout passes), as the Paused messages region shows it.
import type { Direction, RtviMessage } from "../../src/shared/protocol";

export interface PausedEntry {
  /** The hook's id for the message, which the settle-paused command names. */
  messageId: number;
  /** The frame whose hook holds it: the command goes there. */
  frameId: number;
  clientKey: string;
  dir: Direction;
  msg: RtviMessage;
  /** The name of the rule that paused it (./ruleNames.ts). */
  ruleName: string;
  /** When the hook lets it go on as it was, unless settled before (ms since the epoch). */
  releaseAt: number;
}
