import type { MediaServices } from '../mediaRuntime';
import { createFakeAudioTools, type FakeAudioTools } from './fakeWebAudio';
import { createFakeEnvironment, type FakeEnvironment } from './fakeWebRtc';

export class FakeMediaDevices extends EventTarget {
  constructor(public list: MediaDeviceInfo[]) {
    super();
  }
  async enumerateDevices(): Promise<MediaDeviceInfo[]> {
    return this.list;
  }
  /** Plays plugging or unplugging a device. */
  plug(list: MediaDeviceInfo[]): void {
    this.list = list;
    this.dispatchEvent(new Event('devicechange'));
  }
}

export function fakeDevice(kind: MediaDeviceKind, deviceId: string, label: string): MediaDeviceInfo {
  return { kind, deviceId, label, groupId: 'group', toJSON: () => ({ kind, deviceId, label }) } as MediaDeviceInfo;
}

export const HEADSET_DEVICES: MediaDeviceInfo[] = [
  fakeDevice('audioinput', 'default', 'Default - Laptop microphone'),
  fakeDevice('audioinput', 'mic-jabra', 'Jabra Evolve2'),
  fakeDevice('audiooutput', 'default', 'Default - Laptop speakers'),
  fakeDevice('audiooutput', 'spk-jabra', 'Jabra Evolve2'),
  fakeDevice('audiooutput', 'spk-desk', 'Desk speaker'),
];

export interface FakeMediaServices extends MediaServices {
  readonly environment: FakeEnvironment;
  readonly audioTools: FakeAudioTools;
  readonly mediaDevices: FakeMediaDevices;
  readonly stored: Map<string, string>;
}

/** Everything MediaEngineProvider needs from the browser, faked for jsdom. */
export function createFakeMediaServices(devices: MediaDeviceInfo[] = HEADSET_DEVICES): FakeMediaServices {
  const stored = new Map<string, string>();
  return {
    environment: createFakeEnvironment(),
    audioTools: createFakeAudioTools(),
    mediaDevices: new FakeMediaDevices(devices),
    storage: { getItem: (key) => stored.get(key) ?? null, setItem: (key, value) => void stored.set(key, value) },
    stored,
    userAgent: 'Mozilla/5.0 (fake) Careline-test',
  };
}
