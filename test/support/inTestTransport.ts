// A real client-js Transport with no network: what the client sends is kept in `sent`,
// and `receive` plays the bot. Used to drive a real PipecatClient in unit tests.
import { RTVIMessage, Transport, type PipecatClientOptions, type TransportState, type Tracks } from "@pipecat-ai/client-js";

export class InTestTransport extends Transport {
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
    this.sendMessage(RTVIMessage.clientReady());
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
