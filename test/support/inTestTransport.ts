// A real client-js Transport with no network: what the client sends is kept in `sent`,
// and `receive` plays the bot. Used to drive a real PipecatClient in unit tests, for the
// installed client-js and for older versions installed side by side: each version's own
// Transport base class and RTVIMessage are passed in.
import * as current from "@pipecat-ai/client-js";
import type { PipecatClientOptions, RTVIMessage, TransportState, Tracks } from "@pipecat-ai/client-js";

interface ClientJsModule {
  Transport: unknown;
  RTVIMessage: { clientReady(): unknown };
}

export function inTestTransportClass(clientJs: ClientJsModule) {
  const Base = clientJs.Transport as typeof current.Transport;
  const Message = clientJs.RTVIMessage;

  class InTestTransport extends Base {
    sent: RTVIMessage[] = [];
    private currentState: TransportState = "disconnected";

    initialize(options: PipecatClientOptions, messageHandler: (ev: RTVIMessage) => void): void {
      this._options = options;
      this._callbacks = options.callbacks ?? {};
      this._onMessage = messageHandler;
      this.state = "disconnected";
    }
    async initDevices(): Promise<void> {
      this.state = "initialized";
    }
    _validateConnectionParams(connectParams?: unknown): unknown {
      return connectParams;
    }
    async _connect(): Promise<void> {
      this.state = "connected";
    }
    async _disconnect(): Promise<void> {
      this.state = "disconnected";
    }
    sendReadyMessage(): void {
      this.state = "ready";
      this.sendMessage(Message.clientReady() as RTVIMessage);
    }
    get state(): TransportState {
      return this.currentState;
    }
    set state(state: TransportState) {
      if (state === this.currentState) return;
      this.currentState = state;
      this._callbacks?.onTransportStateChanged?.(state);
    }
    /** Plays an inbound message, as a real transport does when the bot sends one. */
    receive(message: Record<string, unknown>): void {
      this._onMessage({ label: "rtvi-ai", ...message } as unknown as RTVIMessage);
    }
    sendMessage(message: RTVIMessage): void {
      this.sent.push(message);
    }
    getAllMics = async () => [];
    getAllCams = async () => [];
    getAllSpeakers = async () => [];
    updateMic(): void {}
    updateCam(): void {}
    updateSpeaker(): void {}
    get selectedMic() {
      return {};
    }
    get selectedCam() {
      return {};
    }
    get selectedSpeaker() {
      return {};
    }
    enableMic(): void {}
    enableCam(): void {}
    enableScreenShare(): void {}
    get isCamEnabled() {
      return false;
    }
    get isMicEnabled() {
      return false;
    }
    get isSharingScreen() {
      return false;
    }
    tracks(): Tracks {
      return { local: { audio: undefined, video: undefined } } as unknown as Tracks;
    }
  }
  // RTVIClient 0.4's Transport leaves connect() to each transport (1.x implements it and
  // calls _connect).
  if (typeof (Base.prototype as { connect?: unknown }).connect !== "function") {
    Object.defineProperty(InTestTransport.prototype, "connect", {
      value: async function (this: InTestTransport) {
        this.state = "connected";
      },
    });
  }
  return InTestTransport;
}

export const InTestTransport = inTestTransportClass(current);
export type InTestTransport = InstanceType<typeof InTestTransport>;
