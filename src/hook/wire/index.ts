// Wire taps: when the hook arrives after a PipecatClient was built, the client-level traps
// never fire, so the same RTVI messages are read where they leave and enter the page: the
// WebSocket transport's socket, SmallWebRTC's data channel, and daily-js's postMessage to
// its call machine. Each channel is tapped only until the lead says the client-level capture
// covers it.
import { tapDaily } from "./daily";
import { tapDataChannels } from "./datachannel";
import { tapWebSockets } from "./websocket";

export type WireKind = "websocket" | "smallwebrtc" | "daily";

export interface WireMessage {
  kind: WireKind;
  channel: object;
  dir: "in" | "out";
  msg: { type: string; id?: string; label?: string; data?: unknown };
}

export interface WireTapOptions {
  onMessage(message: WireMessage): void; // called for each RTVI message seen on the wire
  onError(where: string, error: unknown): void;
  /** Return true to stop tapping this channel for good (the client-level capture already covers it). */
  isCovered(channel: object): boolean;
}

let uninstallCurrent: (() => void) | undefined;

export function installWireTaps(options: WireTapOptions): () => void {
  if (uninstallCurrent) return () => {};
  const uninstalls: (() => void)[] = [];
  const tap = (kind: WireKind, install: (options: WireTapOptions) => () => void) => {
    try {
      uninstalls[uninstalls.length] = install(options);
    } catch (error) {
      // One transport's globals being odd (a frozen prototype) must not cost the others.
      options.onError(`${kind} wire tap`, error);
    }
  };
  tap("websocket", tapWebSockets);
  tap("smallwebrtc", tapDataChannels);
  tap("daily", tapDaily);
  const uninstall = () => {
    if (uninstallCurrent !== uninstall) return;
    uninstallCurrent = undefined;
    for (let i = 0; i < uninstalls.length; i++) uninstalls[i]();
  };
  uninstallCurrent = uninstall;
  return uninstall;
}
