// Runs in the background: what the panels hand one relay (one document in one frame): their
// commands, still waiting for the page, and the rules. Both need the panel's controls in the
// page (src/controls/), which are not part of the hook every page runs: the first of them loads
// the controls into the frame, and everything goes to the relay in the order it was handed over.
// The hook's answer to a command comes back as a `command-result` event inside a batch, which
// the panel reads; what only the background can tell is that the controls could not be loaded,
// or that the relay's Port closed first (the frame navigated, reloaded or closed), and then each
// command still waiting is rejected with that reason instead of being left to the panel's timeout.
import type { BackgroundToRelay, PanelToPage } from "../shared/protocol";

interface RelayPort {
  postMessage(message: BackgroundToRelay): void;
}

export class FrameCommands {
  private readonly waiting = new Map<string, (reason: Error) => void>();
  /** Settles when the controls are in the frame: with why they could not be loaded, or undefined. */
  private controls: Promise<string | undefined> | undefined;
  /** What was handed over before: each post waits for it, so nothing overtakes. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly relay: RelayPort,
    private readonly frameId: number,
    /** Runs the controls' script in this frame's MAIN world. */
    private readonly injectControls: () => Promise<unknown>,
  ) {}

  /**
   * Hands a command to the frame's relay, once the controls are there. Never resolves (the
   * answer is the page's, in a batch); rejects if the controls cannot be loaded, or if the
   * frame goes before the caller stops waiting (`signal`).
   */
  send(commandId: string, command: PanelToPage, signal: AbortSignal): Promise<never> {
    return new Promise((_, reject) => {
      this.waiting.set(commandId, reject);
      signal.addEventListener("abort", () => this.waiting.delete(commandId), { once: true });
      this.afterControls((failure) => {
        if (!this.waiting.has(commandId)) return;
        if (failure) {
          this.waiting.delete(commandId);
          reject(new Error(`The panel's controls could not be loaded into frame ${this.frameId}: ${failure}`));
          return;
        }
        try {
          this.relay.postMessage({ kind: "command", commandId, command });
        } catch {
          // The relay's Port closed a moment ago; its onDisconnect has not run yet.
          this.waiting.delete(commandId);
          reject(this.lost());
        }
      });
    });
  }

  /**
   * Posts what needs no answer: the rules (after loading the controls when there are any) or
   * that the panel closed (to controls already loaded: with none, nothing acts or waits).
   * Lost with the relay when its Port just closed.
   */
  post(message: BackgroundToRelay): void {
    const needsControls = message.kind === "rules" && message.rules.length > 0;
    if (!needsControls && !this.controls) return;
    this.afterControls(() => {
      try {
        this.relay.postMessage(message);
      } catch {
        // Its onDisconnect is about to run; the next document's relay gets the rules as it connects.
      }
    });
  }

  /** The relay's Port closed: every command still waiting is lost with it. */
  relayGone(): void {
    for (const reject of this.waiting.values()) reject(this.lost());
    this.waiting.clear();
  }

  /** Runs `then` after everything handed over before, with the controls loaded (or why not). */
  private afterControls(then: (failure: string | undefined) => void): void {
    if (!this.controls) {
      const loading: Promise<string | undefined> = this.injectControls().then(
        () => undefined,
        (error: unknown) => {
          // The next command tries again: the frame may have been between documents.
          if (this.controls === loading) this.controls = undefined;
          return error instanceof Error ? error.message : String(error);
        },
      );
      this.controls = loading;
    }
    const controls = this.controls;
    this.queue = this.queue
      .then(() => controls)
      .then(then)
      .catch((error) => console.warn("Pipecat DevTools: handing the page a command", error));
  }

  private lost(): Error {
    return new Error(
      `Frame ${this.frameId} of the page went away (navigated, reloaded or closed) before answering: the command may or may not have run.`,
    );
  }
}
