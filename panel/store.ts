// The panel's model of the inspected tab: its clients and every message they exchanged.
// Components read it through useStore(); ingest may run thousands of times a second, so
// change notifications are coalesced to one per frame's worth of time. Not
// requestAnimationFrame: it never fires while the panel is hidden (another DevTools tab is
// selected, or a DevTools window that was just reopened), and the model must stay current.
import type { CaptureLevel, ClientInfo, ConnectionCall, Direction, PageToPanel, RtviMessage } from "../src/shared/protocol";

export interface LogRow {
  /** Position in the log: the panel's own id for the row. */
  index: number;
  frameId: number;
  clientKey: string;
  messageId: number;
  t: number;
  dir: Direction;
  level: CaptureLevel;
  type: string;
  requestId?: string;
  size: number;
  msg: RtviMessage;
  truncated: boolean;
  origin?: "devtools";
}

export interface ClientView extends ClientInfo {
  key: string;
  frameId: number;
  url?: string;
  removedAt?: number;
  /** startBot / startBotAndConnect calls, oldest first. */
  connections: (ConnectionCall & { t: number })[];
}

export interface HookProblem {
  frameId: number;
  t: number;
  where: string;
  message: string;
}

const NOTIFY_INTERVAL_MS = 16;

export function clientKey(frameId: number, clientId: string): string {
  return `${frameId}:${clientId}`;
}

export class SessionStore {
  rows: LogRow[] = [];
  clients = new Map<string, ClientView>();
  frames = new Map<number, { url: string; isTop: boolean; late: boolean }>();
  problems: HookProblem[] = [];
  dropped = 0;
  truncated = 0;
  rejected = 0;
  /** Bumped on every change; components compare it to decide whether to render. */
  version = 0;

  private listeners = new Set<() => void>();
  private notifyScheduled = false;

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.version++;
    if (this.notifyScheduled) return;
    this.notifyScheduled = true;
    const notify = () => {
      this.notifyScheduled = false;
      for (const listener of this.listeners) listener();
    };
    setTimeout(notify, NOTIFY_INTERVAL_MS);
  }

  ingest(frameId: number, events: PageToPanel[]): void {
    for (const event of events) this.ingestOne(frameId, event);
    this.changed();
  }

  private ingestOne(frameId: number, event: PageToPanel): void {
    switch (event.kind) {
      case "hook-ready":
        this.frames.set(frameId, { url: event.url, isTop: event.isTop, late: event.late === true });
        return;
      case "client-added": {
        const key = clientKey(frameId, event.client.clientId);
        const known = this.clients.get(key);
        // Announced again when the hook reconnects (extension updated): keep what we learnt.
        if (known) Object.assign(known, event.client);
        else this.clients.set(key, { ...event.client, key, frameId, url: this.frames.get(frameId)?.url, connections: [] });
        return;
      }
      case "client-updated": {
        const client = this.clients.get(clientKey(frameId, event.clientId));
        if (client) Object.assign(client, event.patch);
        return;
      }
      case "client-removed": {
        const client = this.clients.get(clientKey(frameId, event.clientId));
        if (client) client.removedAt = event.t;
        return;
      }
      case "hook-error":
        this.problems.push({ frameId, t: event.t, where: event.where, message: event.message });
        return;
      case "command-result":
        return;
      case "connection": {
        const { kind: _kind, clientId, ...call } = event;
        this.clients.get(clientKey(frameId, clientId))?.connections.push(call);
        return;
      }
      case "message": {
        const msg = event.msg;
        if (event.truncated) this.truncated++;
        this.rows.push({
          index: this.rows.length,
          frameId,
          clientKey: clientKey(frameId, event.clientId),
          messageId: event.messageId,
          t: event.t,
          dir: event.dir,
          level: event.level,
          type: msg.type,
          requestId: typeof msg.id === "string" ? msg.id : undefined,
          size: event.size,
          msg,
          truncated: event.truncated === true,
          origin: event.origin,
        });
        this.learnFromMessage(frameId, event.clientId, msg);
        return;
      }
    }
  }

  /** client-ready and bot-ready carry the versions the client and the bot announce. */
  private learnFromMessage(frameId: number, clientId: string, msg: RtviMessage): void {
    if (msg.type !== "client-ready" && msg.type !== "bot-ready") return;
    const client = this.clients.get(clientKey(frameId, clientId));
    const data = (msg.data ?? {}) as { version?: unknown; about?: { library_version?: unknown } };
    if (!client) return;
    if (msg.type === "client-ready") {
      if (typeof data.about?.library_version === "string") client.clientVersion = data.about.library_version;
      if (typeof data.version === "string") client.rtviVersion = data.version;
    } else {
      if (typeof data.version === "string") client.botVersion = data.version;
      client.botAbout = data.about;
    }
  }

  /** How the hook stands in the inspected page: absent, arrived late, or there from the start. */
  hookPresence(): "absent" | "late" | "full" {
    const top = [...this.frames.values()].find((frame) => frame.isTop);
    if (!top) return "absent";
    return top.late ? "late" : "full";
  }

  noteDropped(count: number): void {
    this.dropped += count;
    this.changed();
  }

  noteRejected(count: number): void {
    this.rejected += count;
    this.changed();
  }
}

export const store = new SessionStore();
