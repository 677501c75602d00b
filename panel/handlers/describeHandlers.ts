// Runs in the panel. Asks the page hook which handlers an app gave its client: the function-valued
// names of the client's `_options.callbacks` and its EventEmitter's listener counts by event
// (the page hook's `describe-handlers` command). The answer comes from the page, so it is
// checked here before any view reads it.
import * as v from "valibot";
import type { PanelToPage } from "../../src/shared/protocol";
import { count, shortText } from "../../src/shared/protocol/fields";
import type { CallOptions, PanelConnection } from "../connectionContext";
import type { ClientView } from "../model/store";

/** A client's handlers as the hook found them at the moment it answered. */
export interface HandlersNow {
  /** Function-valued names of `_options.callbacks` (client-js's own wrappers included), sorted. */
  callbacks: string[];
  /** Events with at least one listener, by name. */
  listeners: { event: string; count: number }[];
}

/** What the hook answers (src/controls/commands.ts describeHandlers), as the panel accepts it. */
const handlersAnswerSchema = v.strictObject({
  callbacks: v.array(shortText),
  listeners: v.array(v.strictObject({ event: shortText, count })),
});

/** The hook's answer as HandlersNow, or an error saying it is not one. */
function readHandlersAnswer(answer: unknown): HandlersNow {
  const checked = v.safeParse(handlersAnswerSchema, answer);
  if (!checked.success) throw new Error("the hook's answer is not a list of callbacks and listeners");
  const byEvent = (a: { event: string }, b: { event: string }) => (a.event < b.event ? -1 : a.event > b.event ? 1 : 0);
  return {
    callbacks: [...checked.output.callbacks].sort(),
    listeners: checked.output.listeners.filter(({ count }) => count > 0).sort(byEvent),
  };
}

/** Asks the hook of the client's frame for the client's handlers. */
export async function describeHandlers(
  connection: PanelConnection,
  client: Pick<ClientView, "frameId" | "clientId">,
  options?: CallOptions,
): Promise<HandlersNow> {
  const command: PanelToPage = { kind: "describe-handlers", clientId: client.clientId };
  const answer = await connection.sendCommand(client.frameId, command, options);
  return readHandlersAnswer(answer);
}
