import { DEFAULT_DEVICE } from './WebRtcMediaEngine';

/**
 * Audio devices and this workstation's choices. Only device ids are stored (never labels or anything else):
 * ids are per-origin opaque strings, and labels can name a person ("Dr Smith's AirPods").
 */
export const AUDIO_PREFERENCES_KEY = 'careline.audio.v1';

export interface AudioDevice {
  readonly deviceId: string;
  readonly label: string;
}

export interface AudioDeviceList {
  readonly inputs: readonly AudioDevice[];
  readonly outputs: readonly AudioDevice[];
  /** True when the browser hides device ids (no microphone permission yet): presence cannot be judged. */
  readonly idsHidden?: boolean;
}

/** The ringer is separate so a ring can sound on the desk speaker while calls stay in the headset. */
export interface AudioPreferences {
  readonly microphoneId: string;
  readonly speakerId: string;
  readonly ringerId: string;
}

export const DEFAULT_AUDIO_PREFERENCES: AudioPreferences = {
  microphoneId: DEFAULT_DEVICE,
  speakerId: DEFAULT_DEVICE,
  ringerId: DEFAULT_DEVICE,
};

type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;
type MediaDevicesLike = Pick<MediaDevices, 'enumerateDevices'> & Partial<Pick<MediaDevices, 'addEventListener' | 'removeEventListener'>>;

export function loadAudioPreferences(storage: StorageLike | null): AudioPreferences {
  let raw: string | null = null;
  try {
    raw = storage?.getItem(AUDIO_PREFERENCES_KEY) ?? null;
  } catch {
    return DEFAULT_AUDIO_PREFERENCES;
  }
  if (!raw) return DEFAULT_AUDIO_PREFERENCES;
  try {
    const parsed = JSON.parse(raw) as Record<string, unknown>;
    return {
      microphoneId: deviceIdOr(parsed.microphoneId),
      speakerId: deviceIdOr(parsed.speakerId),
      ringerId: deviceIdOr(parsed.ringerId),
    };
  } catch {
    return DEFAULT_AUDIO_PREFERENCES;
  }
}

export function saveAudioPreferences(storage: StorageLike | null, preferences: AudioPreferences): void {
  const { microphoneId, speakerId, ringerId } = preferences;
  try {
    storage?.setItem(AUDIO_PREFERENCES_KEY, JSON.stringify({ microphoneId, speakerId, ringerId }));
  } catch {
    // Storage full or disabled: the choice lasts for this session only.
  }
}

function deviceIdOr(value: unknown): string {
  return typeof value === 'string' && value.length > 0 && value.length <= 256 ? value : DEFAULT_DEVICE;
}

/** Audio inputs and outputs, "System default" first; unnamed devices (no permission yet) get a neutral name. */
export async function listAudioDevices(mediaDevices: MediaDevicesLike | undefined): Promise<AudioDeviceList> {
  if (!mediaDevices) return { inputs: [defaultEntry('audioinput')], outputs: [defaultEntry('audiooutput')] };
  const all = await mediaDevices.enumerateDevices().catch(() => [] as MediaDeviceInfo[]);
  const pick = (kind: 'audioinput' | 'audiooutput'): AudioDevice[] => {
    const found = all.filter((d) => d.kind === kind && d.deviceId !== '');
    const noun = kind === 'audioinput' ? 'Microphone' : 'Speaker';
    let unnamed = 0;
    const devices = found.map((d) => ({
      deviceId: d.deviceId,
      label: d.deviceId === DEFAULT_DEVICE ? 'System default' + (d.label ? ` (${d.label.replace(/^Default - /, '')})` : '') : d.label || `${noun} ${++unnamed}`,
    }));
    const defaults = devices.filter((d) => d.deviceId === DEFAULT_DEVICE);
    const others = devices.filter((d) => d.deviceId !== DEFAULT_DEVICE);
    return [...(defaults.length > 0 ? defaults : [defaultEntry(kind)]), ...others];
  };
  const audio = all.filter((d) => d.kind === 'audioinput' || d.kind === 'audiooutput');
  const idsHidden = audio.length > 0 && audio.every((d) => d.deviceId === '');
  return { inputs: pick('audioinput'), outputs: pick('audiooutput'), ...(idsHidden ? { idsHidden } : {}) };
}

function defaultEntry(_kind: 'audioinput' | 'audiooutput'): AudioDevice {
  return { deviceId: DEFAULT_DEVICE, label: 'System default' };
}

/**
 * The devices to use now: a remembered device that is not plugged in falls back to the default. The stored
 * choice is kept, so the headset is used again as soon as it is plugged back in. When the browser hides device
 * ids (no microphone permission yet) nothing can be judged and the choice stands.
 */
export function effectivePreferences(preferences: AudioPreferences, devices: AudioDeviceList): AudioPreferences {
  const has = (list: readonly AudioDevice[], id: string) =>
    id === DEFAULT_DEVICE || devices.idsHidden === true || list.some((d) => d.deviceId === id);
  return {
    microphoneId: has(devices.inputs, preferences.microphoneId) ? preferences.microphoneId : DEFAULT_DEVICE,
    speakerId: has(devices.outputs, preferences.speakerId) ? preferences.speakerId : DEFAULT_DEVICE,
    ringerId: has(devices.outputs, preferences.ringerId) ? preferences.ringerId : DEFAULT_DEVICE,
  };
}

export interface AudioDeviceSnapshot {
  readonly devices: AudioDeviceList;
  /** What the agent chose (remembered on this workstation). */
  readonly chosen: AudioPreferences;
  /** What is used now (`chosen`, with unplugged devices replaced by the default). */
  readonly effective: AudioPreferences;
}

export interface AudioDeviceStoreOptions {
  readonly mediaDevices: MediaDevicesLike | undefined;
  readonly storage: StorageLike | null;
}

/** Devices and choices as an external store (useSyncExternalStore), refreshed on `devicechange`. */
export class AudioDeviceStore {
  private readonly listeners = new Set<() => void>();
  private snapshot: AudioDeviceSnapshot;
  private refreshing: Promise<void> | null = null;

  constructor(private readonly options: AudioDeviceStoreOptions) {
    const chosen = loadAudioPreferences(options.storage);
    // Until the first enumeration answers, nothing is known: keep the remembered choice.
    const devices: AudioDeviceList = { inputs: [defaultEntry('audioinput')], outputs: [defaultEntry('audiooutput')], idsHidden: true };
    this.snapshot = { devices, chosen, effective: effectivePreferences(chosen, devices) };
  }

  /** Listens for plugged and unplugged devices; returns the function that stops listening. */
  start(): () => void {
    const onChange = () => void this.refresh();
    this.options.mediaDevices?.addEventListener?.('devicechange', onChange);
    void this.refresh();
    return () => this.options.mediaDevices?.removeEventListener?.('devicechange', onChange);
  }

  refresh(): Promise<void> {
    this.refreshing ??= listAudioDevices(this.options.mediaDevices).then((devices) => {
      this.refreshing = null;
      this.update(this.snapshot.chosen, devices);
    });
    return this.refreshing;
  }

  choose(role: keyof AudioPreferences, deviceId: string): void {
    const chosen = { ...this.snapshot.chosen, [role]: deviceId };
    saveAudioPreferences(this.options.storage, chosen);
    this.update(chosen, this.snapshot.devices);
  }

  getSnapshot = (): AudioDeviceSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  private update(chosen: AudioPreferences, devices: AudioDeviceList): void {
    this.snapshot = { devices, chosen, effective: effectivePreferences(chosen, devices) };
    for (const listener of [...this.listeners]) listener();
  }
}
