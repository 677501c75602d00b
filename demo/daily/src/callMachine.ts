/**
 * Runs in the Daily demo page, in place of Daily's call machine: a stand-in that joins the demo
 * bot's room (demo/bot/dailyStandIn.ts) instead of Daily's servers.
 *
 * daily-js (0.90, call object mode) loads its call machine from
 * `<dailyConfig.bundlePathOverride>/call-machine-object-bundle.js` (by default Daily's CDN):
 * it pushes the call object's id to `window._daily.pendings`, fetches the bundle and runs it as
 * a classic script, then reads the machine from `window._daily.instances[id].callMachine`
 * (`store.getState()` for the media tracks, `reset()` when the call object loads again after a
 * leave). From then on the two talk in the same window by `window.postMessage`,
 * `{what: "iframe-call-message", callClientId, action, …}`: daily-js posts `from: "module"`
 * (`callbackStamp` when it waits for an answer, which carries the same stamp back), the machine
 * posts `from: "embedded"`. This file is built as that bundle (demo/daily/vite.config.ts): one
 * script with no imports, for daily-js evaluates it as a function body.
 *
 * It answers what DailyTransport (@pipecat-ai/daily-transport 1.6.9) asks of it: devices (none:
 * the demo calls without camera or microphone), join and leave, room info, and app messages,
 * which it relays to the room and back. The bot's audio is a silent track, so that daily-js
 * reports the bot's `track-started`, on which DailyTransport sends `client-ready`.
 */
import type { DailyParticipant, DailyRoomInfo, DailyTrackState } from "@daily-co/daily-js";

const WHAT = "iframe-call-message";

/** A call-machine message, as daily-js posts it or expects it. */
interface CallMachineMessage {
  what?: unknown;
  from?: unknown;
  callClientId?: unknown;
  action?: unknown;
  callbackStamp?: unknown;
  [field: string]: unknown;
}

/** daily-js's `callMachine.store.getState()`: the parts it reads to attach tracks to participants. */
interface StoreState {
  local: { public: Record<string, never>; streams: Record<string, never> };
  participants: Record<string, never>;
  streams: Record<string, { participantId: string; type: "cam"; pendingTrack: MediaStreamTrack; starttime: Date }>;
}

interface CallMachineHandle {
  store: { getState(): StoreState };
  reset(): void;
}

interface DailyGlobal {
  pendings: string[];
  instances: Record<string, { callMachine?: CallMachineHandle } | undefined>;
}

/** A frame from the room (demo/bot/dailyStandIn.ts). */
interface RoomFrame {
  action?: unknown;
  data?: unknown;
  fromId?: unknown;
  participant?: { session_id?: unknown; user_name?: unknown };
}

/** What the stand-in has to say about an action it does not take on. */
function notSupported(action: unknown) {
  return { error: { type: "not-supported", msg: `${String(action)} is not available in the Daily demo's stand-in` } };
}

function trackState(playable: boolean): DailyTrackState {
  return playable ? { subscribed: true, state: "playable" } : { subscribed: true, state: "off", off: { byUser: true } };
}

function participant(sessionId: string, userName: string, local: boolean, audio: boolean): DailyParticipant {
  return {
    session_id: sessionId,
    user_id: sessionId,
    user_name: userName,
    local,
    owner: false,
    record: false,
    joined_at: new Date(),
    will_eject_at: new Date(0),
    permissions: { hasPresence: true, canSend: true, canReceive: { base: true }, canAdmin: false },
    audio,
    video: false,
    screen: false,
    tracks: {
      audio: trackState(audio),
      video: trackState(false),
      screenAudio: trackState(false),
      screenVideo: trackState(false),
    },
    cam_info: {},
    screen_info: {},
  };
}

class StandInCallMachine {
  private state: StoreState = StandInCallMachine.emptyState();
  private room: WebSocket | undefined;
  private bot: { participant: DailyParticipant; audio: AudioContext; track: MediaStreamTrack } | undefined;
  private roomInfo: DailyRoomInfo | undefined;

  readonly handle: CallMachineHandle = {
    store: { getState: () => this.state },
    reset: () => {
      this.leaveRoom();
      this.state = StandInCallMachine.emptyState();
      // daily-js forgets that its machine is initialized when it leaves a meeting.
      this.post({ action: "call-machine-initialized" });
    },
  };

  constructor(
    private readonly callClientId: string,
    private readonly daily: DailyGlobal,
  ) {
    window.addEventListener("message", this.onMessage);
    this.post({ action: "call-machine-initialized" });
  }

  private static emptyState(): StoreState {
    return { local: { public: {}, streams: {} }, participants: {}, streams: {} };
  }

  private readonly onMessage = (event: MessageEvent) => {
    const message = event.data as CallMachineMessage | null;
    if (message?.what !== WHAT || message.from !== "module" || message.callClientId !== this.callClientId) return;
    if (!this.daily.instances[this.callClientId]) {
      // The call object was destroyed.
      window.removeEventListener("message", this.onMessage);
      this.leaveRoom();
      return;
    }
    this.handleAction(message);
  };

  private handleAction(message: CallMachineMessage): void {
    switch (message.action) {
      case "start-camera":
        this.answer(message, { camera: {}, mic: {}, speaker: {} });
        break;
      case "start-local-audio-level-observer":
      case "start-remote-participants-audio-level-observer":
        // Started; with no microphone and a silent bot there is never a level to report.
        this.answer(message, {});
        break;
      case "join-meeting":
        this.join(message.properties as { url?: unknown; token?: unknown; userName?: unknown });
        break;
      case "lib-room-info":
        this.answer(message, { ...this.roomInfo });
        break;
      case "app-msg":
        this.sendToRoom({ action: "app-msg", data: message.data, to: message.to });
        break;
      case "leave-meeting":
        this.leaveRoom();
        this.post({ action: "left-meeting" });
        break;
      default:
        // Logs, observers stopping, settings: nothing to do. A call daily-js waits on is refused, not left hanging.
        if (message.callbackStamp !== undefined) this.answer(message, notSupported(message.action));
    }
  }

  private join(properties: { url?: unknown; token?: unknown; userName?: unknown }): void {
    let url: URL;
    try {
      url = new URL(String(properties.url));
    } catch {
      this.fail(`Invalid room URL ${JSON.stringify(properties.url)}`);
      return;
    }
    const roomName = url.pathname.slice(url.pathname.lastIndexOf("/") + 1);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    if (typeof properties.token === "string") url.searchParams.set("token", properties.token);
    const room = new WebSocket(url);
    this.room = room;
    let opened = false;
    room.addEventListener("open", () => {
      opened = true;
      const local = participant(crypto.randomUUID(), String(properties.userName ?? ""), true, false);
      this.roomInfo = { id: crypto.randomUUID(), name: roomName, config: {}, domainConfig: {}, tokenConfig: {} };
      this.post({ action: "access-state-updated", access: { level: "full" } });
      this.post({ action: "joined-meeting", participants: { local } });
      this.post({ action: "meeting-session-summary-updated", meetingSession: { id: crypto.randomUUID() } });
    });
    room.addEventListener("message", (event) => {
      if (typeof event.data === "string") this.fromRoom(JSON.parse(event.data) as RoomFrame);
    });
    room.addEventListener("close", (event) => {
      if (this.room !== room) return; // left on purpose
      this.room = undefined;
      // The bot leaving closes the room normally: the call stays, alone, as in a Daily room.
      if (!opened || event.code !== 1000) this.fail(`The room's connection closed (${event.code})`);
    });
  }

  private fromRoom(frame: RoomFrame): void {
    const sessionId = String(frame.participant?.session_id ?? "");
    switch (frame.action) {
      case "participant-joined": {
        const bot = participant(sessionId, String(frame.participant?.user_name ?? ""), false, true);
        const audio = new AudioContext();
        const track = audio.createMediaStreamDestination().stream.getAudioTracks()[0];
        this.state.streams[`${sessionId}-cam-audio`] = {
          participantId: sessionId,
          type: "cam",
          pendingTrack: track,
          starttime: new Date(),
        };
        this.bot = { participant: bot, audio, track };
        this.post({ action: "participant-joined", participant: bot });
        break;
      }
      case "participant-left":
        if (this.bot?.participant.session_id === sessionId) {
          this.post({ action: "participant-left", participant: this.bot.participant });
          this.dropBot();
        }
        break;
      case "app-message":
        this.post({ action: "app-message", data: frame.data, fromId: frame.fromId });
        break;
    }
  }

  private sendToRoom(frame: object): void {
    if (this.room?.readyState === WebSocket.OPEN) this.room.send(JSON.stringify(frame));
  }

  private leaveRoom(): void {
    const room = this.room;
    this.room = undefined;
    room?.close(1000);
    this.dropBot();
  }

  private dropBot(): void {
    if (!this.bot) return;
    this.bot.track.stop();
    void this.bot.audio.close();
    delete this.state.streams[`${this.bot.participant.session_id}-cam-audio`];
    this.bot = undefined;
  }

  /** A fatal error, as Daily's call machine reports one: daily-js leaves the call and rejects a join under way. */
  private fail(msg: string): void {
    this.leaveRoom();
    this.post({ action: "error", errorMsg: msg, error: { type: "connection-error", msg } });
  }

  private answer(message: CallMachineMessage, body: object): void {
    this.post({ ...body, action: message.action, callbackStamp: message.callbackStamp });
  }

  private post(message: object): void {
    // daily-js's own target origin (its _targetOriginFromWindowLocation).
    const origin = location.protocol === "file:" ? "*" : location.origin;
    window.postMessage({ ...message, what: WHAT, from: "embedded", callClientId: this.callClientId }, origin);
  }
}

const daily = (window as unknown as { _daily?: DailyGlobal })._daily;
if (daily) {
  // Each call object waiting for its machine; a later load (another call object) finds the rest.
  for (const id of daily.pendings.splice(0)) {
    const instance = daily.instances[id];
    if (instance) instance.callMachine = new StandInCallMachine(id, daily).handle;
  }
}
