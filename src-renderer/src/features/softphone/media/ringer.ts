import { type AudioElementLike, setSinkSafely } from './remoteAudio';
import { microphoneConstraints } from './WebRtcMediaEngine';
import type { StreamLike } from './types';

/**
 * Sounds made with WebAudio (no audio files to ship or to fail to load): the ringtone on the ringer device, a
 * test tone for the speaker, and a microphone level meter for Audio settings. Output goes through an <audio>
 * element fed by a MediaStreamAudioDestinationNode, because an element can be routed to a device (setSinkId).
 */
export interface AudioToolsDeps {
  /** Null where WebAudio is missing (jsdom): every sound is then silently skipped. */
  readonly createAudioContext: () => AudioContext | null;
  readonly createAudioElement: () => AudioElementLike;
  readonly getUserMedia?: (constraints: MediaStreamConstraints) => Promise<StreamLike>;
}

/** Double ring (400 + 450 Hz, 0.4 s on, 0.2 s off, 0.4 s on, 2 s off): familiar, and distinct from call audio. */
export const RING_CADENCE_S: readonly (readonly [on: number, off: number])[] = [
  [0.4, 0.2],
  [0.4, 2.0],
];
const RING_FREQUENCIES_HZ = [400, 450] as const;
const RING_LEVEL = 0.25;
/** Ramps avoid clicks at every edge of the cadence. */
const EDGE_S = 0.01;
/** Cycles scheduled ahead (~5 minutes): longer than any queue rings an agent. */
const CYCLES_AHEAD = 100;

interface Output {
  readonly context: AudioContext;
  readonly input: GainNode;
  close(): void;
}

async function openOutput(deps: AudioToolsDeps, deviceId: string): Promise<Output | null> {
  const context = deps.createAudioContext();
  if (!context) return null;
  const input = context.createGain();
  input.gain.value = 0;
  const element = deps.createAudioElement();
  const destination = context.createMediaStreamDestination();
  input.connect(destination);
  element.srcObject = destination.stream;
  await setSinkSafely(element, deviceId);
  element.play().catch(() => undefined);
  // Chromium starts contexts suspended until a user gesture; resume is harmless when already running.
  void context.resume().catch(() => undefined);
  return {
    context,
    input,
    close() {
      element.pause();
      element.srcObject = null;
      void context.close().catch(() => undefined);
    },
  };
}

function startOscillators(output: Output, frequencies: readonly number[]): OscillatorNode[] {
  return frequencies.map((frequency) => {
    const oscillator = output.context.createOscillator();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    oscillator.connect(output.input);
    oscillator.start();
    return oscillator;
  });
}

/** Schedules the cadence from `start` for `cycles` cycles on a gain parameter; returns when it ends. */
export function scheduleRingCadence(gain: AudioParam, start: number, cycles: number, level = RING_LEVEL): number {
  let t = start;
  gain.setValueAtTime(0, t);
  for (let cycle = 0; cycle < cycles; cycle += 1) {
    for (const [on, off] of RING_CADENCE_S) {
      gain.setValueAtTime(0, t);
      gain.linearRampToValueAtTime(level, t + EDGE_S);
      gain.setValueAtTime(level, t + on - EDGE_S);
      gain.linearRampToValueAtTime(0, t + on);
      t += on + off;
    }
  }
  return t;
}

/** Rings on the ringer device until stopped. start() while ringing (a second call) changes nothing. */
export class Ringer {
  private output: Output | null = null;
  private oscillators: OscillatorNode[] = [];
  private active = false;
  /** Bumped by every start and stop, so a start still choosing its device knows it was cancelled. */
  private token = 0;

  constructor(private readonly deps: AudioToolsDeps) {}

  get ringing(): boolean {
    return this.active;
  }

  async start(deviceId: string): Promise<void> {
    if (this.active) return;
    this.active = true;
    const token = ++this.token;
    const output = await openOutput(this.deps, deviceId);
    if (!output) return;
    if (token !== this.token) {
      output.close();
      return;
    }
    this.output = output;
    this.oscillators = startOscillators(output, RING_FREQUENCIES_HZ);
    scheduleRingCadence(output.input.gain, output.context.currentTime, CYCLES_AHEAD);
  }

  stop(): void {
    this.active = false;
    this.token += 1;
    for (const oscillator of this.oscillators) oscillator.stop();
    this.oscillators = [];
    this.output?.close();
    this.output = null;
  }
}

/** One ring cycle on `deviceId`, for "Play test ring" in Audio settings. */
export function playTestRing(deps: AudioToolsDeps, deviceId: string): Promise<void> {
  return playPattern(deps, deviceId, RING_FREQUENCIES_HZ, (gain, start) => scheduleRingCadence(gain, start, 1));
}

/** A short 440 Hz tone with soft edges on `deviceId`, for "Play test tone" (the call speaker). */
export function playTestTone(deps: AudioToolsDeps, deviceId: string, durationS = 1): Promise<void> {
  return playPattern(deps, deviceId, [440], (gain, start) => {
    gain.setValueAtTime(0, start);
    gain.linearRampToValueAtTime(RING_LEVEL, start + 0.05);
    gain.setValueAtTime(RING_LEVEL, start + durationS - 0.05);
    gain.linearRampToValueAtTime(0, start + durationS);
    return start + durationS;
  });
}

async function playPattern(
  deps: AudioToolsDeps,
  deviceId: string,
  frequencies: readonly number[],
  schedule: (gain: AudioParam, start: number) => number,
): Promise<void> {
  const output = await openOutput(deps, deviceId);
  if (!output) return;
  const oscillators = startOscillators(output, frequencies);
  const start = output.context.currentTime;
  const end = schedule(output.input.gain, start);
  await new Promise((resolve) => setTimeout(resolve, (end - start) * 1000 + 50));
  for (const oscillator of oscillators) oscillator.stop();
  output.close();
}

// ---- microphone level ----

/**
 * Microphone level 0..1 from time-domain samples: RMS in dBFS mapped from -60 dB (silence, 0) to 0 dB (full
 * scale, 1), which follows loudness as people hear it better than raw RMS (speech sits around -30..-15 dBFS).
 */
export function levelFromSamples(samples: Float32Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  const rms = Math.sqrt(sum / samples.length);
  if (rms <= 0) return 0;
  const db = 20 * Math.log10(rms);
  return Math.min(1, Math.max(0, (db + 60) / 60));
}

export interface MicrophoneMeter {
  /** The current level, 0..1. */
  read(): number;
  /** Stops the microphone and the audio graph. */
  close(): void;
}

/** Opens `deviceId` only for metering (voice processing on, as in calls, so the meter shows what callers hear). */
export async function openMicrophoneMeter(deps: AudioToolsDeps, deviceId: string): Promise<MicrophoneMeter | null> {
  if (!deps.getUserMedia) return null;
  const context = deps.createAudioContext();
  if (!context) return null;
  let stream: StreamLike;
  try {
    stream = await deps.getUserMedia(microphoneConstraints(deviceId));
  } catch (error) {
    void context.close().catch(() => undefined);
    throw error;
  }
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  const source = context.createMediaStreamSource(stream as MediaStream);
  source.connect(analyser);
  void context.resume().catch(() => undefined);
  const buffer = new Float32Array(analyser.fftSize);
  return {
    read() {
      analyser.getFloatTimeDomainData(buffer);
      return levelFromSamples(buffer);
    },
    close() {
      source.disconnect();
      for (const track of stream.getTracks()) track.stop();
      void context.close().catch(() => undefined);
    },
  };
}

/** The real browser behind AudioToolsDeps. */
export function browserAudioTools(win: Window & typeof globalThis = window): AudioToolsDeps {
  return {
    createAudioContext: () => (typeof win.AudioContext === 'function' ? new win.AudioContext() : null),
    createAudioElement: () => win.document.createElement('audio'),
    ...(typeof win.navigator.mediaDevices?.getUserMedia === 'function'
      ? { getUserMedia: (constraints: MediaStreamConstraints) => win.navigator.mediaDevices.getUserMedia(constraints) }
      : {}),
  };
}
