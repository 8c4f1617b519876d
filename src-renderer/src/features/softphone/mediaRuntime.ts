import { createContext } from 'react';
import { AudioDeviceStore, type AudioDeviceStoreOptions } from './media/devices';
import { browserMediaEnvironment, canUseWebRtc } from './media/browserEnvironment';
import { type AudioToolsDeps, browserAudioTools, Ringer } from './media/ringer';
import type { MediaEnvironment } from './media/types';
import { WebRtcMediaEngine } from './media/WebRtcMediaEngine';
import { MediaStatusStore } from './mediaStatusStore';

/** What the media feature needs from the browser; tests pass fakes, the app passes `browserMediaServices()`. */
export interface MediaServices {
  /** Null where WebRTC is missing (jsdom, locked-down browsers): no engine, nothing attaches to main. */
  readonly environment: MediaEnvironment | null;
  readonly audioTools: AudioToolsDeps;
  readonly mediaDevices: AudioDeviceStoreOptions['mediaDevices'];
  readonly storage: AudioDeviceStoreOptions['storage'];
  readonly userAgent: string;
  readonly iceServers?: readonly RTCIceServer[];
}

export function browserMediaServices(win: Window & typeof globalThis = window): MediaServices {
  let storage: Storage | null = null;
  try {
    storage = win.localStorage;
  } catch {
    // Storage disabled: device choices last for the session.
  }
  return {
    environment: canUseWebRtc(win) ? browserMediaEnvironment(win) : null,
    audioTools: browserAudioTools(win),
    mediaDevices: win.navigator.mediaDevices,
    storage,
    userAgent: win.navigator.userAgent,
  };
}

/** The long-lived objects behind the feature: made once per provider, never re-created by renders. */
export interface MediaRuntime {
  readonly engine: WebRtcMediaEngine | null;
  readonly devices: AudioDeviceStore;
  readonly ringer: Ringer;
  readonly status: MediaStatusStore;
  readonly services: MediaServices;
}

export function createMediaRuntime(services: MediaServices): MediaRuntime {
  const devices = new AudioDeviceStore({ mediaDevices: services.mediaDevices, storage: services.storage });
  const { microphoneId, speakerId } = devices.getSnapshot().effective;
  const engine = services.environment
    ? new WebRtcMediaEngine({
        environment: services.environment,
        microphoneId,
        speakerId,
        ...(services.iceServers ? { iceServers: services.iceServers } : {}),
      })
    : null;
  return { engine, devices, ringer: new Ringer(services.audioTools), status: new MediaStatusStore(engine !== null), services };
}

export const MediaRuntimeContext = createContext<MediaRuntime | null>(null);
