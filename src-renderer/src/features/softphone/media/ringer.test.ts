import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeAudioTools, FakeParam } from '../testing/fakeWebAudio';
import { levelFromSamples, openMicrophoneMeter, playTestRing, playTestTone, Ringer, scheduleRingCadence } from './ringer';

afterEach(() => {
  vi.useRealTimers();
});

describe('Ringer', () => {
  it('rings 400 + 450 Hz on the ringer device through a media stream, and stops everything', async () => {
    const tools = createFakeAudioTools();
    const ringer = new Ringer(tools);
    await ringer.start('spk-desk');
    expect(ringer.ringing).toBe(true);
    const context = tools.contexts[0]!;
    expect(context.oscillators.map((o) => o.frequency.value)).toEqual([400, 450]);
    expect(context.oscillators.every((o) => o.started)).toBe(true);
    const element = tools.elements[0]!;
    expect(element.srcObject).toBe(context.destinationStream);
    expect(element.sinkId).toBe('spk-desk');
    expect(element.playing).toBe(true);

    ringer.stop();
    expect(ringer.ringing).toBe(false);
    expect(context.oscillators.every((o) => o.stopped)).toBe(true);
    expect(context.closed).toBe(true);
    expect(element.playing).toBe(false);
  });

  it('starts once for overlapping calls, and a stop during start wins', async () => {
    const tools = createFakeAudioTools();
    const ringer = new Ringer(tools);
    const first = ringer.start('default');
    void ringer.start('default');
    ringer.stop();
    await first;
    expect(tools.contexts).toHaveLength(1);
    expect(tools.contexts[0]!.closed).toBe(true);
    expect(tools.contexts[0]!.oscillators).toHaveLength(0);
  });

  it('is silent (and harmless) without WebAudio', async () => {
    const ringer = new Ringer({ createAudioContext: () => null, createAudioElement: () => { throw new Error('unused'); } });
    await expect(ringer.start('default')).resolves.toBeUndefined();
    expect(() => ringer.stop()).not.toThrow();
  });
});

describe('scheduleRingCadence', () => {
  it('schedules on 0.4 s, off 0.2 s, on 0.4 s, off 2 s per cycle with ramped edges', () => {
    const gain = new FakeParam();
    const end = scheduleRingCadence(gain as unknown as AudioParam, 10, 2, 0.25);
    expect(end).toBeCloseTo(10 + 2 * 3.0);
    const ramps = gain.events.filter(([kind]) => kind === 'ramp');
    // Each burst ramps up then down: 2 bursts x 2 cycles.
    expect(ramps).toHaveLength(8);
    expect(ramps[0]![1]).toBe(0.25);
    expect(ramps[1]).toEqual(['ramp', 0, 10.4]);
    expect(ramps[2]![2]).toBeCloseTo(10.61);
    expect(ramps[4]![2]).toBeCloseTo(13.01);
  });
});

describe('test sounds', () => {
  it('plays a test tone on the speaker and cleans up when it ends', async () => {
    vi.useFakeTimers();
    const tools = createFakeAudioTools();
    let done = false;
    void playTestTone(tools, 'spk-jabra', 1).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    const context = tools.contexts[0]!;
    expect(context.oscillators.map((o) => o.frequency.value)).toEqual([440]);
    expect(tools.elements[0]!.sinkId).toBe('spk-jabra');
    await vi.advanceTimersByTimeAsync(1_100);
    expect(done).toBe(true);
    expect(context.closed).toBe(true);
  });

  it('plays one ring cycle on the ringer device', async () => {
    vi.useFakeTimers();
    const tools = createFakeAudioTools();
    const ring = playTestRing(tools, 'spk-desk');
    await vi.advanceTimersByTimeAsync(3_100);
    await ring;
    expect(tools.elements[0]!.sinkId).toBe('spk-desk');
    expect(tools.contexts[0]!.closed).toBe(true);
  });
});

describe('microphone level', () => {
  it('maps RMS in dBFS to 0..1', () => {
    expect(levelFromSamples(new Float32Array(0))).toBe(0);
    expect(levelFromSamples(new Float32Array(512))).toBe(0);
    expect(levelFromSamples(new Float32Array(512).fill(1))).toBe(1);
    expect(levelFromSamples(new Float32Array(512).fill(0.1))).toBeCloseTo(40 / 60);
    expect(levelFromSamples(new Float32Array(512).fill(0.001))).toBeCloseTo(0);
    const sine = Float32Array.from({ length: 1024 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * i) / 32));
    expect(levelFromSamples(sine)).toBeGreaterThan(levelFromSamples(sine.map((v) => v / 10)));
  });

  it('meters the chosen microphone and releases it on close', async () => {
    const tools = createFakeAudioTools();
    const meter = (await openMicrophoneMeter(tools, 'mic-jabra'))!;
    expect(tools.micTracks[0]!.deviceId).toBe('mic-jabra');
    tools.contexts[0]!.analysers[0]!.samples = new Float32Array(1024).fill(0.1);
    expect(meter.read()).toBeCloseTo(40 / 60);
    meter.close();
    expect(tools.micTracks[0]!.stopped).toBe(true);
    expect(tools.contexts[0]!.closed).toBe(true);
  });

  it('passes microphone errors on and closes the context', async () => {
    const tools = createFakeAudioTools();
    tools.microphoneError = { name: 'NotAllowedError' };
    await expect(openMicrophoneMeter(tools, 'default')).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(tools.contexts[0]!.closed).toBe(true);
  });
});
