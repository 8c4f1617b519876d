import { describe, expect, it, vi } from 'vitest';
import {
  AUDIO_PREFERENCES_KEY,
  AudioDeviceStore,
  DEFAULT_AUDIO_PREFERENCES,
  effectivePreferences,
  listAudioDevices,
  loadAudioPreferences,
  saveAudioPreferences,
} from './devices';

function device(kind: MediaDeviceKind, deviceId: string, label: string): MediaDeviceInfo {
  return { kind, deviceId, label, groupId: 'g', toJSON: () => ({}) } as MediaDeviceInfo;
}

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

class FakeMediaDevices extends EventTarget {
  constructor(public list: MediaDeviceInfo[]) {
    super();
  }
  enumerateDevices = vi.fn(async () => this.list);
  plug(list: MediaDeviceInfo[]) {
    this.list = list;
    this.dispatchEvent(new Event('devicechange'));
  }
}

const chromeDevices = [
  device('audioinput', 'default', 'Default - Jabra Evolve2 (0b0e:24b8)'),
  device('audioinput', 'mic-jabra', 'Jabra Evolve2 (0b0e:24b8)'),
  device('audioinput', 'mic-laptop', ''),
  device('audiooutput', 'default', 'Default - Speakers'),
  device('audiooutput', 'spk-jabra', 'Jabra Evolve2'),
  device('audiooutput', 'spk-desk', 'Desk speaker'),
  device('videoinput', 'cam', 'Camera'),
];

describe('audio preferences', () => {
  it('default to the system devices and survive a round trip', () => {
    const storage = memoryStorage();
    expect(loadAudioPreferences(storage)).toEqual(DEFAULT_AUDIO_PREFERENCES);
    saveAudioPreferences(storage, { microphoneId: 'mic-jabra', speakerId: 'spk-jabra', ringerId: 'spk-desk' });
    expect(loadAudioPreferences(storage)).toEqual({ microphoneId: 'mic-jabra', speakerId: 'spk-jabra', ringerId: 'spk-desk' });
  });

  it('store device ids only, under the versioned key', () => {
    const storage = memoryStorage();
    const withExtra = { microphoneId: 'mic-jabra', speakerId: 'default', ringerId: 'default', label: 'Jabra' };
    saveAudioPreferences(storage, withExtra);
    expect(JSON.parse(storage.data.get(AUDIO_PREFERENCES_KEY)!)).toEqual({ microphoneId: 'mic-jabra', speakerId: 'default', ringerId: 'default' });
    expect(AUDIO_PREFERENCES_KEY).toBe('careline.audio.v1');
  });

  it('ignore garbage and broken storage', () => {
    expect(loadAudioPreferences(memoryStorage({ [AUDIO_PREFERENCES_KEY]: '{not json' }))).toEqual(DEFAULT_AUDIO_PREFERENCES);
    expect(loadAudioPreferences(memoryStorage({ [AUDIO_PREFERENCES_KEY]: '{"microphoneId":42,"speakerId":""}' }))).toEqual(DEFAULT_AUDIO_PREFERENCES);
    const throwing = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('full'); } };
    expect(loadAudioPreferences(throwing)).toEqual(DEFAULT_AUDIO_PREFERENCES);
    expect(() => saveAudioPreferences(throwing, DEFAULT_AUDIO_PREFERENCES)).not.toThrow();
    expect(loadAudioPreferences(null)).toEqual(DEFAULT_AUDIO_PREFERENCES);
  });
});

describe('listAudioDevices', () => {
  it('lists inputs and outputs with the system default first, and names unnamed devices', async () => {
    const list = await listAudioDevices(new FakeMediaDevices(chromeDevices));
    expect(list.inputs).toEqual([
      { deviceId: 'default', label: 'System default (Jabra Evolve2 (0b0e:24b8))' },
      { deviceId: 'mic-jabra', label: 'Jabra Evolve2 (0b0e:24b8)' },
      { deviceId: 'mic-laptop', label: 'Microphone 1' },
    ]);
    expect(list.outputs.map((d) => d.deviceId)).toEqual(['default', 'spk-jabra', 'spk-desk']);
  });

  it('adds a default entry where the browser lists none, and copes without mediaDevices', async () => {
    const list = await listAudioDevices(new FakeMediaDevices([device('audioinput', 'mic-1', 'USB mic')]));
    expect(list.inputs[0]).toEqual({ deviceId: 'default', label: 'System default' });
    expect(list.outputs).toEqual([{ deviceId: 'default', label: 'System default' }]);
    expect(await listAudioDevices(undefined)).toEqual({
      inputs: [{ deviceId: 'default', label: 'System default' }],
      outputs: [{ deviceId: 'default', label: 'System default' }],
    });
  });

  it('skips entries without ids (before microphone permission)', async () => {
    const list = await listAudioDevices(new FakeMediaDevices([device('audioinput', '', ''), device('audiooutput', '', '')]));
    expect(list.inputs).toEqual([{ deviceId: 'default', label: 'System default' }]);
  });
});

describe('effectivePreferences', () => {
  it('uses the default for a remembered device that is unplugged', async () => {
    const devices = await listAudioDevices(new FakeMediaDevices(chromeDevices));
    expect(effectivePreferences({ microphoneId: 'mic-gone', speakerId: 'spk-jabra', ringerId: 'spk-gone' }, devices)).toEqual({
      microphoneId: 'default',
      speakerId: 'spk-jabra',
      ringerId: 'default',
    });
  });

  it('keeps the choice when the browser hides device ids (no permission yet)', async () => {
    const hidden = await listAudioDevices(new FakeMediaDevices([device('audioinput', '', ''), device('audiooutput', '', '')]));
    expect(hidden.idsHidden).toBe(true);
    const chosen = { microphoneId: 'mic-jabra', speakerId: 'spk-jabra', ringerId: 'spk-desk' };
    expect(effectivePreferences(chosen, hidden)).toEqual(chosen);
  });

  it('falls back when only the default is left (the headset was the only other device)', async () => {
    const devices = await listAudioDevices(new FakeMediaDevices([device('audioinput', 'default', 'Default - Laptop mic')]));
    expect(effectivePreferences({ microphoneId: 'mic-jabra', speakerId: 'default', ringerId: 'default' }, devices).microphoneId).toBe('default');
  });
});

describe('AudioDeviceStore', () => {
  it('follows devicechange: falls back when the headset is unplugged and returns to it when plugged back', async () => {
    const storage = memoryStorage();
    const mediaDevices = new FakeMediaDevices(chromeDevices);
    const store = new AudioDeviceStore({ mediaDevices, storage });
    const stop = store.start();
    await vi.waitFor(() => expect(store.getSnapshot().devices.inputs).toHaveLength(3));

    store.choose('microphoneId', 'mic-jabra');
    store.choose('ringerId', 'spk-desk');
    expect(store.getSnapshot().effective).toEqual({ microphoneId: 'mic-jabra', speakerId: 'default', ringerId: 'spk-desk' });
    expect(loadAudioPreferences(storage).ringerId).toBe('spk-desk');

    const listener = vi.fn();
    store.subscribe(listener);
    mediaDevices.plug(chromeDevices.filter((d) => !d.deviceId.endsWith('jabra')));
    await vi.waitFor(() => expect(store.getSnapshot().effective.microphoneId).toBe('default'));
    expect(store.getSnapshot().chosen.microphoneId).toBe('mic-jabra');
    expect(listener).toHaveBeenCalled();

    mediaDevices.plug(chromeDevices);
    await vi.waitFor(() => expect(store.getSnapshot().effective.microphoneId).toBe('mic-jabra'));

    stop();
    const calls = mediaDevices.enumerateDevices.mock.calls.length;
    mediaDevices.plug([]);
    await Promise.resolve();
    expect(mediaDevices.enumerateDevices.mock.calls.length).toBe(calls);
  });
});
