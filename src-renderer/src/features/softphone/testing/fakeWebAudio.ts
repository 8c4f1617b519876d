import type { AudioToolsDeps } from '../media/ringer';
import type { AudioElementLike } from '../media/remoteAudio';
import type { StreamLike } from '../media/types';
import { FakeTrack } from './fakeWebRtc';

/** A WebAudio graph that records what was scheduled (jsdom has no AudioContext). */

export class FakeParam {
  value = 0;
  readonly events: [kind: 'set' | 'ramp', value: number, time: number][] = [];
  setValueAtTime(value: number, time: number) {
    this.events.push(['set', value, time]);
    return this;
  }
  linearRampToValueAtTime(value: number, time: number) {
    this.events.push(['ramp', value, time]);
    return this;
  }
}

class FakeNode {
  readonly connections: unknown[] = [];
  connect(target: unknown) {
    this.connections.push(target);
    return target;
  }
  disconnect() {
    this.connections.length = 0;
  }
}

export class FakeOscillator extends FakeNode {
  type = 'sine';
  readonly frequency = new FakeParam();
  started = false;
  stopped = false;
  start() {
    this.started = true;
  }
  stop() {
    this.stopped = true;
  }
}

export class FakeAnalyser extends FakeNode {
  fftSize = 2048;
  /** The samples getFloatTimeDomainData copies out. */
  samples = new Float32Array(0);
  getFloatTimeDomainData(buffer: Float32Array) {
    buffer.fill(0);
    buffer.set(this.samples.subarray(0, buffer.length));
  }
}

export class FakeAudioContext {
  currentTime = 10;
  closed = false;
  readonly oscillators: FakeOscillator[] = [];
  readonly gains: { gain: FakeParam }[] = [];
  readonly analysers: FakeAnalyser[] = [];
  readonly destinationStream = { id: 'ring-stream' };
  createGain() {
    const node = Object.assign(new FakeNode(), { gain: new FakeParam() });
    this.gains.push(node);
    return node;
  }
  createOscillator() {
    const node = new FakeOscillator();
    this.oscillators.push(node);
    return node;
  }
  createMediaStreamDestination() {
    return Object.assign(new FakeNode(), { stream: this.destinationStream });
  }
  createAnalyser() {
    const node = new FakeAnalyser();
    this.analysers.push(node);
    return node;
  }
  createMediaStreamSource() {
    return new FakeNode();
  }
  async resume() {}
  async close() {
    this.closed = true;
  }
}

export interface FakeAudioTools extends AudioToolsDeps {
  readonly contexts: FakeAudioContext[];
  readonly elements: (AudioElementLike & { sinkId: string | null; playing: boolean })[];
  readonly micTracks: FakeTrack[];
  microphoneError: { name: string } | null;
}

export function createFakeAudioTools(): FakeAudioTools {
  const contexts: FakeAudioContext[] = [];
  const elements: FakeAudioTools['elements'] = [];
  const micTracks: FakeTrack[] = [];
  const tools: FakeAudioTools = {
    contexts,
    elements,
    micTracks,
    microphoneError: null,
    createAudioContext: () => {
      const context = new FakeAudioContext();
      contexts.push(context);
      return context as unknown as AudioContext;
    },
    createAudioElement: () => {
      const element = {
        srcObject: null as MediaProvider | null,
        autoplay: false,
        sinkId: null as string | null,
        playing: false,
        async play() {
          element.playing = true;
        },
        pause() {
          element.playing = false;
        },
        async setSinkId(id: string) {
          element.sinkId = id;
        },
      };
      elements.push(element);
      return element;
    },
    getUserMedia: async (constraints: MediaStreamConstraints): Promise<StreamLike> => {
      if (tools.microphoneError) throw Object.assign(new Error(tools.microphoneError.name), tools.microphoneError);
      const audio = constraints.audio as MediaTrackConstraints;
      const track = new FakeTrack(audio.deviceId ? String((audio.deviceId as ConstrainDOMStringParameters).exact) : 'default');
      micTracks.push(track);
      return { getAudioTracks: () => [track], getTracks: () => [track] };
    },
  };
  return tools;
}
