/**
 * Media managers that never touch the network.
 *
 * Both transports default to DailyMediaManager, which loads Daily's call
 * machine from the internet. With the microphone on we use the transport's own
 * WavMediaManager (getUserMedia + AudioWorklets from blob: URLs; it also plays
 * the bot's WebSocket audio). With it off we use NoDeviceMediaManager, because
 * WavMediaManager.initialize() asks for the microphone even when enableMic is
 * false.
 */
import type { PipecatClientOptions, Tracks } from "@pipecat-ai/client-js";

const NO_DEVICE: Record<string, never> = {};

/** Duck-typed media manager: no devices, no audio in or out. */
export class NoDeviceMediaManager {
  readonly supportsScreenShare = false;
  readonly isMicEnabled = false;
  readonly isCamEnabled = false;
  readonly isSharingScreen = false;
  readonly selectedMic = NO_DEVICE;
  readonly selectedCam = NO_DEVICE;
  readonly selectedSpeaker = NO_DEVICE;

  setUserAudioCallback(_callback: (data: ArrayBuffer) => void): void {}
  setClientOptions(_options: PipecatClientOptions, _override?: boolean): void {}
  async initialize(): Promise<void> {}
  async connect(): Promise<void> {}
  async disconnect(): Promise<void> {}
  async userStartedSpeaking(): Promise<void> {}
  bufferBotAudio(_data: ArrayBuffer | Int16Array, _id?: string): undefined {
    return undefined;
  }
  async getAllMics(): Promise<MediaDeviceInfo[]> {
    return [];
  }
  async getAllCams(): Promise<MediaDeviceInfo[]> {
    return [];
  }
  async getAllSpeakers(): Promise<MediaDeviceInfo[]> {
    return [];
  }
  updateMic(_micId: string): void {}
  updateCam(_camId: string): void {}
  updateSpeaker(_speakerId: string): void {}
  enableMic(_enable: boolean): void {}
  enableCam(_enable: boolean): void {}
  enableScreenShare(_enable: boolean): void {}
  tracks(): Tracks {
    return { local: {} };
  }
}
