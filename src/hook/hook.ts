// Page hook (MAIN world): installs the hook once per document: the traps that find clients as
// they are built, the app's own registration point, the wire taps, and the place where the
// panel's controls attach (./controlsKit.ts), to which it hands the panel's commands and rules.
import type { HookCommand } from "../shared/protocol";
// The version alone: the bundler takes this one field of the manifest (test/hook/hookVersion.test.ts; the built bundle holds no other field).
import { version } from "../../manifest.json";
import { adoptClient } from "./clients";
import { looksLikeClient, looksLikeTransport } from "./recognition";
import { adoptTransport } from "./transportTaps";
import { announceClients, hasHookedTransport } from "./registry";
import { captureWireMessage, retireWireClient } from "./wireClients";
import { NO_CONTROLS, controls, offerControlsSlot } from "./controlsKit";
import { currentSend } from "./sendContext";
import { installWireTaps } from "./wire";
import { emit, flushOnPageHide, openOutbox, reportError, timestamp, type FromRelay } from "./outbox";
import { trapAssignment } from "./traps";
import { describeError, longText } from "./bounds";
import { apply, arrayPush, defineOwn, isArray, symbolFor } from "./builtins";

/** The extension's version, as its manifest says. */
export const HOOK_VERSION: string = version;

/** Apps that want to be found without relying on the traps push their client here. */
export const REGISTRY_KEY = symbolFor("pipecat.devtools");
const INSTALLED_KEY = symbolFor("pipecat.devtools.hook");

function installRegistry(): void {
  const global = globalThis as Record<symbol, unknown>;
  const existing = global[REGISTRY_KEY];
  const registry: unknown[] = isArray(existing) ? existing : [];
  const register = (candidate: unknown) => {
    try {
      if (looksLikeClient(candidate)) adoptClient(candidate, "registry");
      else reportError("registry", "Pushed object is not a PipecatClient");
    } catch (error) {
      reportError("registry", error);
    }
  };
  for (let i = 0; i < registry.length; i++) register(registry[i]);
  defineOwn(registry, "push", {
    configurable: true,
    writable: true,
    value(...items: unknown[]) {
      const length = apply(arrayPush, registry, items);
      for (let i = 0; i < items.length; i++) register(items[i]);
      return length;
    },
  });
  if (registry !== existing) {
    defineOwn(global, REGISTRY_KEY, { value: registry, configurable: true, writable: true });
  }
}

interface InstalledHook {
  version: string;
  /** Hands a new relay a channel and tells it everything known so far. */
  reconnect(): void;
}

async function runAndReport({ commandId, command }: HookCommand): Promise<void> {
  try {
    if (!controls) throw new Error(NO_CONTROLS);
    const value = await controls.runCommand(command);
    emit({ kind: "command-result", t: timestamp(), commandId, ok: true, value });
  } catch (error) {
    emit({ kind: "command-result", t: timestamp(), commandId, ok: false, error: describeError(error) });
  }
}

function receiveFromRelay(message: FromRelay): void {
  if (message.kind === "command") void runAndReport(message);
  else if (!controls) {
    // The background loads the controls before it sends rules (src/background/frameCommands.ts).
    if (message.kind === "rules" && message.rules.length > 0) reportError("rules", NO_CONTROLS);
  } else if (message.kind === "rules") controls.setRules(message.rules);
  else controls.panelClosed();
}

export function installHook(): void {
  const global = globalThis as Record<symbol, unknown>;
  const installed = global[INSTALLED_KEY] as InstalledHook | undefined;
  if (installed) {
    // Injected again (the extension was updated): the hook already in the page saw everything
    // from the start, so it stays and talks to the new relay.
    installed.reconnect();
    return;
  }
  // Later than document_start means the page's own scripts may have built clients already.
  const late = document.readyState !== "loading";
  const announce = () =>
    emit({
      kind: "hook-ready",
      t: timestamp(),
      url: longText(location.href),
      isTop: window === window.top,
      hookVersion: HOOK_VERSION,
      late,
    });
  const hook: InstalledHook = {
    version: HOOK_VERSION,
    reconnect() {
      openOutbox(receiveFromRelay);
      announce();
      announceClients();
    },
  };
  defineOwn(global, INSTALLED_KEY, { value: hook });
  offerControlsSlot();
  openOutbox(receiveFromRelay);
  flushOnPageHide();
  announce();

  const onTrapError = (error: unknown) => reportError("trap", error);
  // transport.initialize(options, handler) assigns `_onMessage`; the client constructor
  // then assigns `_messageDispatcher`. Both happen inside `new PipecatClient(...)`.
  trapAssignment(
    "_onMessage",
    {
      claim(target, value) {
        if (looksLikeTransport(target) && typeof value === "function") return adoptTransport(target, value);
      },
    },
    onTrapError,
  );
  trapAssignment(
    "_messageDispatcher",
    {
      assigned(target) {
        if (looksLikeClient(target)) adoptClient(target, "trap");
      },
    },
    onTrapError,
  );
  installRegistry();

  // A channel a hooked client writes to is covered by the client-level capture: its first
  // frame (client-ready) is sent from inside the client's sendMessage. The taps ask until the
  // answer is yes, then leave the channel for good.
  installWireTaps({
    onMessage: captureWireMessage,
    onError: reportError,
    isCovered(channel) {
      // daily-js too posts to its call machine inside the client's sendMessage, but the Daily tap
      // reads that post as a window message event, after the send returned: there a hooked
      // Daily client covers the window.
      const covered = currentSend.clientSends > 0 || (channel === window && hasHookedTransport("daily"));
      if (!covered) return false;
      retireWireClient(channel);
      return true;
    },
  });
}
