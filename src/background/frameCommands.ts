// Runs in the background: the panel commands handed to one relay (one document in one frame)
// that are still waiting for the page. The hook's answer comes back as a `command-result`
// event inside a batch, which the panel reads; what only the background can tell is that the
// relay's Port closed first (the frame navigated, reloaded or closed), and then each command
// still waiting is rejected with that reason instead of being left to the panel's timeout.
import type { BackgroundToRelay, PanelToPage } from "../shared/protocol";

interface RelayPort {
  postMessage(message: BackgroundToRelay): void;
}

export class FrameCommands {
  private readonly waiting = new Map<string, (reason: Error) => void>();

  constructor(
    private readonly relay: RelayPort,
    private readonly frameId: number,
  ) {}

  /**
   * Hands a command to the frame's relay. Never resolves (the answer is the page's, in a
   * batch); rejects if the frame goes before the caller stops waiting (`signal`).
   */
  send(commandId: string, command: PanelToPage, signal: AbortSignal): Promise<never> {
    return new Promise((_, reject) => {
      try {
        this.relay.postMessage({ kind: "command", commandId, command });
      } catch {
        // The relay's Port closed a moment ago; its onDisconnect has not run yet.
        reject(this.lost());
        return;
      }
      this.waiting.set(commandId, reject);
      signal.addEventListener("abort", () => this.waiting.delete(commandId), { once: true });
    });
  }

  /** Posts what needs no answer (the rules); lost with the relay when its Port just closed. */
  post(message: BackgroundToRelay): void {
    try {
      this.relay.postMessage(message);
    } catch {
      // Its onDisconnect is about to run; the next document's relay gets the rules as it connects.
    }
  }

  /** The relay's Port closed: every command still waiting is lost with it. */
  relayGone(): void {
    for (const reject of this.waiting.values()) reject(this.lost());
    this.waiting.clear();
  }

  private lost(): Error {
    return new Error(
      `Frame ${this.frameId} of the page went away (navigated, reloaded or closed) before answering: the command may or may not have run.`,
    );
  }
}
