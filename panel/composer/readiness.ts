// Runs in the panel. What the composer and the row actions may do with a client right now, and
// why not: a pure function of the client and of where it is shown, so that the command builder
// and the buttons agree on one answer.
import type { ClientView } from "../model/store";

/** Why an action is not possible right now; undefined when it is. */
export interface Readiness {
  send?: string;
  inject?: string;
}

export interface ClientPlace {
  /** The store shown is the live one (not a session read from a file). */
  live: boolean;
  /** The store still lists the client. */
  listed: boolean;
}

export function readiness(client: ClientView | undefined, { live, listed }: ClientPlace): Readiness {
  if (!live) {
    const reason = "You are viewing a session from a file: nothing can be sent. Go back to the live session to send.";
    return { send: reason, inject: reason };
  }
  if (!client) {
    const reason = "No client selected: the composer sends through the selected PipecatClient.";
    return { send: reason, inject: reason };
  }
  if (!listed || client.removedAt !== undefined) {
    const reason = `Client ${client.clientId} is gone (its page reloaded, or the app dropped it): select another client.`;
    return { send: reason, inject: reason };
  }
  if (client.foundBy === "wire") {
    const reason = `Client ${client.clientId} is only seen on the wire (it was built before the hook arrived): reload the page to send through it.`;
    return { send: reason, inject: reason };
  }
  if (client.state !== "ready") {
    // The hook refuses to send then, as client-js would (BotNotReadyError). Injecting runs the
    // client's own inbound handling, which works in any state: useful to try the app's
    // reactions (an error, a server-message) with no bot connected at all.
    return {
      send: `Sending needs a ready client; ${client.clientId} is ${client.state ?? "in an unknown state"} (client-js would throw BotNotReadyError). Injecting still works.`,
    };
  }
  return {};
}
