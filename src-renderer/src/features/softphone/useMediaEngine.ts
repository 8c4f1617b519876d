import { use, useMemo, useSyncExternalStore } from 'react';
import type { CallQuality } from '../../../../src-preload/contract';
import type { AudioDeviceSnapshot, AudioPreferences } from './media/devices';
import { type MicrophoneMeter, openMicrophoneMeter, playTestRing, playTestTone } from './media/ringer';
import type { MediaEngineSnapshot } from './media/WebRtcMediaEngine';
import { type MediaRuntime, MediaRuntimeContext } from './mediaRuntime';
import type { MediaStatus } from './mediaStatusStore';

export interface MediaEngineApi {
  /** False where this page cannot do WebRTC: calls have no audio here. */
  readonly available: boolean;
  readonly attach: MediaStatus['attach'];
  readonly attachError: string | null;
  readonly muted: boolean;
  setMuted(muted: boolean): void;
  toggleMute(): void;
  /** Calls with media in this window (held state, connection). */
  readonly calls: MediaEngineSnapshot['calls'];
  /** Latest quality of a call, null before the first measurement (every ~5 s while connected). */
  qualityOf(callId: string): CallQuality | null;
  readonly devices: AudioDeviceSnapshot;
  chooseDevice(role: keyof AudioPreferences, deviceId: string): void;
  readonly deviceError: string | null;
  playTestTone(deviceId: string): Promise<void>;
  playTestRing(deviceId: string): Promise<void>;
  openMicrophoneMeter(deviceId: string): Promise<MicrophoneMeter | null>;
}

const NO_CALLS: MediaEngineSnapshot = { muted: false, calls: [] };
const noSubscription = () => () => {};

function useRuntime(): MediaRuntime {
  const runtime = use(MediaRuntimeContext);
  if (!runtime) throw new Error('useMediaEngine() needs a <MediaEngineProvider> above it');
  return runtime;
}

/** Mute, quality, devices and device tests for the call bar and Audio settings. */
export function useMediaEngine(): MediaEngineApi {
  const runtime = useRuntime();
  const { engine, devices, status, services } = runtime;
  const engineState = useSyncExternalStore(
    useMemo(() => (engine ? (listener: () => void) => engine.subscribe(listener) : noSubscription), [engine]),
    useMemo(() => (engine ? () => engine.getSnapshot() : () => NO_CALLS), [engine]),
  );
  const deviceState = useSyncExternalStore(devices.subscribe, devices.getSnapshot);
  const statusState = useSyncExternalStore(status.subscribe, status.getSnapshot);

  return useMemo(
    () => ({
      available: engine !== null,
      attach: statusState.attach,
      attachError: statusState.attachError,
      muted: engineState.muted,
      setMuted: (muted: boolean) => engine?.setMuted(muted),
      toggleMute: () => engine?.setMuted(!engine.isMuted),
      calls: engineState.calls,
      qualityOf: (callId: string) => statusState.quality.get(callId) ?? null,
      devices: deviceState,
      chooseDevice: (role: keyof AudioPreferences, deviceId: string) => devices.choose(role, deviceId),
      deviceError: statusState.deviceError,
      playTestTone: (deviceId: string) => playTestTone(services.audioTools, deviceId),
      playTestRing: (deviceId: string) => playTestRing(services.audioTools, deviceId),
      openMicrophoneMeter: (deviceId: string) => openMicrophoneMeter(services.audioTools, deviceId),
    }),
    [engine, engineState, deviceState, statusState, devices, services],
  );
}

/** The latest quality of one call (null before the first measurement or without a call). */
export function useCallQuality(callId: string | null): CallQuality | null {
  const { status } = useRuntime();
  const state = useSyncExternalStore(status.subscribe, status.getSnapshot);
  return callId === null ? null : (state.quality.get(callId) ?? null);
}
