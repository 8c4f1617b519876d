import { describe, expect, it, vi } from 'vitest';
import { FakeTrack } from '../testing/fakeWebRtc';
import { type AudioElementLike, createBrowserRemoteAudio, setSinkSafely } from './remoteAudio';

function element(overrides: Partial<AudioElementLike> = {}): AudioElementLike & { sinks: string[] } {
  const sinks: string[] = [];
  return {
    srcObject: null,
    autoplay: false,
    play: vi.fn(async () => {}),
    pause: vi.fn(),
    setSinkId: vi.fn(async (id: string) => void sinks.push(id)),
    sinks,
    ...overrides,
  };
}

describe('setSinkSafely', () => {
  it('routes to the device, with the default as the empty sink id', async () => {
    const audio = element();
    expect(await setSinkSafely(audio, 'spk-1')).toBe(true);
    expect(await setSinkSafely(audio, 'default')).toBe(true);
    expect(audio.sinks).toEqual(['spk-1', '']);
  });

  it('keeps the default output when setSinkId is missing or refuses (headless Chromium)', async () => {
    const missing = element({ setSinkId: undefined });
    expect(await setSinkSafely(missing, 'spk-1')).toBe(false);

    const sinks: string[] = [];
    const refusing = element({
      setSinkId: vi.fn(async (id: string) => {
        sinks.push(id);
        if (id !== '') throw Object.assign(new Error('Requested device not found'), { name: 'NotFoundError' });
      }),
    });
    expect(await setSinkSafely(refusing, 'spk-gone')).toBe(false);
    expect(sinks).toEqual(['spk-gone', '']);
  });
});

describe('createBrowserRemoteAudio', () => {
  it('plays the far end track through a stream on an autoplaying element, and stops', () => {
    const audio = element();
    const stream = {} as MediaStream;
    const createStream = vi.fn(() => stream);
    const remote = createBrowserRemoteAudio({ createElement: () => audio, createStream });
    const track = new FakeTrack('remote');
    remote.play(track);
    expect(createStream).toHaveBeenCalledWith([track]);
    expect(audio.srcObject).toBe(stream);
    expect(audio.autoplay).toBe(true);
    expect(audio.play).toHaveBeenCalled();
    remote.stop();
    expect(audio.pause).toHaveBeenCalled();
    expect(audio.srcObject).toBeNull();
  });

  it('retries on the next click or key press when autoplay is refused', async () => {
    let refuse = true;
    const audio = element({ play: vi.fn(() => (refuse ? Promise.reject(new Error('NotAllowedError')) : Promise.resolve())) });
    const target = new EventTarget();
    const remote = createBrowserRemoteAudio({ createElement: () => audio, createStream: () => ({}) as MediaStream, gestureTarget: target });
    remote.play(new FakeTrack());
    await vi.waitFor(() => expect(audio.play).toHaveBeenCalledTimes(1));
    await Promise.resolve();
    refuse = false;
    target.dispatchEvent(new Event('keydown'));
    expect(audio.play).toHaveBeenCalledTimes(2);
    target.dispatchEvent(new Event('pointerdown'));
    expect(audio.play).toHaveBeenCalledTimes(2);
  });
});
