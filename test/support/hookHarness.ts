// Installs the real page hook in the test's window (with the panel's controls, as the
// background injects them) and plays the relay: catches the private port the hook hands over,
// takes its batch node and reads what it fires there (with the relay's own reading side,
// src/shared/batchHandoff.ts), and sends it commands.
import {
  HOOK_HANDSHAKE,
  parsePageBatch,
  type PageToPanel,
  type PanelToPage,
  type RelayToHook,
} from "../../src/shared/protocol";
import { readBatches, type FiredBatch } from "../../src/shared/batchHandoff";

export type CommandResult = Extract<PageToPanel, { kind: "command-result" }>;

export interface HookHarness {
  /** Flushes the hook and returns what arrived since the last drain. */
  drain(): Promise<PageToPanel[]>;
  /** Everything ever drained, for assertions about events a helper consumed. */
  history: PageToPanel[];
  /** Each batch the hook posted: its keep mark and the kinds of its events. */
  batches: { keep: boolean; kinds: string[] }[];
  /** The nodes the hook fired batches on, in order, and whether each was in a document when it fired a batch. */
  batchNodes: Text[];
  firedConnected: boolean[];
  command(command: PanelToPage): Promise<CommandResult>;
  /** Posts what the relay posts besides commands: the rules in force, or that the panel closed. */
  relay(message: Exclude<RelayToHook, { kind: "command" | "relay-ready" }>): void;
  /** Says on the port that the relay listens, for a harness installed with `relayListens: false`. */
  relayListens(): void;
  registryKey: symbol;
  close(): void;
}

/**
 * `controls`: attach the panel's controls (src/controls/attach.ts) as the background injects them
 * before a panel's first command; off, the hook runs alone, as on a page no panel inspects.
 */
export async function installHookForTest({ relayListens = true, controls = true } = {}): Promise<HookHarness> {
  // happy-dom's postMessage does not transfer ports: catch the handshake before the hook
  // module takes its reference to postMessage.
  const handshake = new Promise<MessagePort>((resolve) => {
    window.postMessage = ((data: unknown, _origin: string, transfer: Transferable[]) => {
      if (data === HOOK_HANDSHAKE) resolve(transfer[0] as MessagePort);
    }) as typeof window.postMessage;
  });
  const hook = await import("../../src/hook/hook");
  const { flush } = await import("../../src/hook/outbox");
  hook.installHook();
  if (controls) await import("../../src/controls/attach");
  const port = await handshake;
  const received: PageToPanel[] = [];
  const history: PageToPanel[] = [];
  const batches: HookHarness["batches"] = [];
  // Fired inside the hook's flush, which a test may run with the page's builtins replaced:
  // only kept here (by index, no push), read at the next drain.
  const fired: { events: string; keep: boolean }[] = [];
  const batchNodes: Text[] = [];
  const firedConnected: boolean[] = [];
  const onBatch = (batch: FiredBatch, node: Text) => {
    fired[fired.length] = { events: batch.events, keep: batch.keep };
    firedConnected[firedConnected.length] = node.isConnected;
    if (batchNodes[batchNodes.length - 1] !== node) batchNodes[batchNodes.length] = node;
  };
  const readFired = () => {
    for (const batch of fired.splice(0, fired.length)) {
      const { events, rejections } = parsePageBatch(batch.events);
      // Every event the hook makes passes the panel's validators.
      if (rejections.length > 0)
        throw new Error(`The hook sent events the panel rejects: ${JSON.stringify(rejections)}`);
      batches.push({ keep: batch.keep, kinds: events.map((e) => e.kind) });
      received.push(...events);
    }
  };
  const stopReading = readBatches(onBatch);
  const sayRelayListens = () => port.postMessage({ kind: "relay-ready" } satisfies RelayToHook);
  if (relayListens) sayRelayListens();

  async function drain(): Promise<PageToPanel[]> {
    flush();
    await new Promise((resolve) => setTimeout(resolve, 20));
    readFired();
    const events = received.splice(0, received.length);
    history.push(...events);
    return events;
  }

  let nextCommand = 1;
  async function command(command: PanelToPage): Promise<CommandResult> {
    const commandId = `test-${nextCommand++}`;
    port.postMessage({ kind: "command", commandId, command } satisfies RelayToHook);
    for (let attempt = 0; attempt < 100; attempt++) {
      await drain();
      // Searched in the whole history: a concurrent command's drain may have taken it.
      const found = history.find((e) => e.kind === "command-result" && e.commandId === commandId);
      if (found) return found as CommandResult;
    }
    throw new Error(`No result for ${command.kind}`);
  }

  return {
    drain,
    history,
    batches,
    batchNodes,
    firedConnected,
    command,
    relay: (message) => port.postMessage(message),
    relayListens: sayRelayListens,
    registryKey: hook.REGISTRY_KEY,
    close: () => {
      stopReading();
      port.close();
    },
  };
}
