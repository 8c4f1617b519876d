import type {
  DtmfSenderLike,
  MediaEnvironment,
  PeerLike,
  RemoteAudioLike,
  SenderLike,
  StatsReportLike,
  StreamLike,
  TrackLike,
  TransceiverLike,
} from '../media/types';

/** In-memory stand-ins for the browser's WebRTC objects (jsdom has none), for the engine's and bridge's tests. */

let nextTrack = 1;

export class FakeTrack extends EventTarget implements TrackLike {
  readonly kind = 'audio';
  readonly id = `track-${nextTrack++}`;
  enabled = true;
  stopped = false;
  constructor(readonly deviceId = 'default') {
    super();
  }
  stop(): void {
    this.stopped = true;
  }
  /** Plays the device going away (the browser ends the track). */
  end(): void {
    this.dispatchEvent(new Event('ended'));
  }
}

export class FakeDtmf implements DtmfSenderLike {
  readonly sent: { tones: string; duration?: number; gap?: number }[] = [];
  constructor(public canInsertDTMF = true) {}
  insertDTMF(tones: string, duration?: number, gap?: number): void {
    this.sent.push({ tones, duration, gap });
  }
}

export class FakeSender implements SenderLike {
  dtmf: FakeDtmf | null = new FakeDtmf();
  readonly replaced: (TrackLike | null)[] = [];
  constructor(public track: TrackLike | null) {}
  async replaceTrack(track: TrackLike | null): Promise<void> {
    this.replaced.push(track);
    this.track = track;
  }
}

export class FakeTransceiver implements TransceiverLike {
  mid: string | null = null;
  readonly sender: FakeSender;
  readonly receiver = { track: new FakeTrack('remote') as TrackLike };
  constructor(
    track: TrackLike | null,
    public direction: RTCRtpTransceiverDirection,
  ) {
    this.sender = new FakeSender(track);
  }
}

export type GatheringMode = 'async' | 'never';

export class FakePeer extends EventTarget implements PeerLike {
  iceGatheringState: RTCIceGatheringState = 'new';
  connectionState: RTCPeerConnectionState = 'new';
  signalingState: RTCSignalingState = 'stable';
  localDescription: { type: RTCSdpType; sdp: string } | null = null;
  remoteDescription: RTCSessionDescriptionInit | null = null;
  readonly transceivers: FakeTransceiver[] = [];
  readonly offerOptions: (RTCOfferOptions | undefined)[] = [];
  readonly localCalls: (RTCLocalSessionDescriptionInit | undefined)[] = [];
  closed = false;
  gathering: GatheringMode = 'async';
  stats: StatsReportLike = new Map<string, unknown>();
  /** Set to make the next setRemoteDescription reject (e.g. an SDP the browser refuses). */
  remoteError: Error | null = null;
  private stableLocal: { type: RTCSdpType; sdp: string } | null = null;

  constructor(readonly configuration: RTCConfiguration) {
    super();
  }

  addTransceiver(track: TrackLike | string, init: RTCRtpTransceiverInit): TransceiverLike {
    const transceiver = new FakeTransceiver(typeof track === 'string' ? null : track, init.direction ?? 'sendrecv');
    this.transceivers.push(transceiver);
    return transceiver;
  }

  getTransceivers(): TransceiverLike[] {
    return this.transceivers;
  }

  async createOffer(options?: RTCOfferOptions): Promise<RTCSessionDescriptionInit> {
    this.offerOptions.push(options);
    return { type: 'offer', sdp: this.sdp(options?.iceRestart === true) };
  }

  async createAnswer(): Promise<RTCSessionDescriptionInit> {
    return { type: 'answer', sdp: this.sdp(false) };
  }

  async setLocalDescription(description?: RTCLocalSessionDescriptionInit): Promise<void> {
    this.assertOpen();
    this.localCalls.push(description);
    if (description?.type === 'rollback') {
      this.signalingState = 'stable';
      this.localDescription = this.stableLocal;
      return;
    }
    const type = description?.type ?? 'offer';
    this.signalingState = type === 'offer' ? 'have-local-offer' : 'stable';
    this.transceivers.forEach((t, i) => (t.mid ??= String(i)));
    this.localDescription = { type, sdp: description?.sdp ?? '' };
    if (type === 'answer') this.stableLocal = this.localDescription;
    this.iceGatheringState = 'gathering';
    if (this.gathering === 'async') {
      setTimeout(() => {
        if (this.closed || !this.localDescription) return;
        this.localDescription = { ...this.localDescription, sdp: `${this.localDescription.sdp}a=candidate:1 1 udp 2122260223 192.0.2.10 50000 typ host\r\n` };
        this.iceGatheringState = 'complete';
        this.dispatchEvent(new Event('icegatheringstatechange'));
      }, 5);
    }
  }

  async setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
    this.assertOpen();
    if (this.remoteError) throw this.remoteError;
    this.remoteDescription = description;
    if (description.type === 'offer') {
      this.signalingState = 'have-remote-offer';
      if (this.transceivers.length === 0 && description.sdp?.includes('m=audio')) {
        const offered = new FakeTransceiver(null, 'recvonly');
        offered.mid = '0';
        this.transceivers.push(offered);
      }
    } else {
      this.signalingState = 'stable';
      this.stableLocal = this.localDescription;
    }
  }

  async getStats(): Promise<StatsReportLike> {
    return this.stats;
  }

  close(): void {
    this.closed = true;
    this.connectionState = 'closed';
    this.signalingState = 'closed';
  }

  /** Plays ICE/DTLS connecting. */
  connect(): void {
    this.connectionState = 'connected';
    this.dispatchEvent(new Event('connectionstatechange'));
  }

  private sdp(iceRestart: boolean): string {
    const direction = this.transceivers[0]?.direction ?? 'inactive';
    return `v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0 101\r\na=${direction}\r\n${iceRestart ? 'a=ice-ufrag:restarted\r\n' : ''}`;
  }

  private assertOpen(): void {
    if (this.closed) throw Object.assign(new Error('closed'), { name: 'InvalidStateError' });
  }
}

export class FakeRemoteAudio implements RemoteAudioLike {
  played: TrackLike | null = null;
  sinkId: string | null = null;
  stopped = false;
  play(track: TrackLike): void {
    this.played = track;
  }
  async setSink(deviceId: string): Promise<void> {
    this.sinkId = deviceId;
  }
  stop(): void {
    this.stopped = true;
  }
}

export interface FakeEnvironment extends MediaEnvironment {
  readonly peers: FakePeer[];
  readonly audios: FakeRemoteAudio[];
  readonly constraints: MediaStreamConstraints[];
  readonly tracks: FakeTrack[];
  /** Errors for the next getUserMedia calls, in order (a DOMException-like { name }). */
  readonly microphoneErrors: { name: string }[];
  /** Holds getUserMedia until release() (a permission prompt the agent has not answered). */
  holdMicrophone(): () => void;
}

export function createFakeEnvironment(): FakeEnvironment {
  const peers: FakePeer[] = [];
  const audios: FakeRemoteAudio[] = [];
  const constraints: MediaStreamConstraints[] = [];
  const tracks: FakeTrack[] = [];
  const microphoneErrors: { name: string }[] = [];
  let gate: Promise<void> | null = null;
  return {
    peers,
    audios,
    constraints,
    tracks,
    microphoneErrors,
    holdMicrophone() {
      let release = () => {};
      gate = new Promise((resolve) => (release = resolve));
      return () => {
        gate = null;
        release();
      };
    },
    createPeerConnection(configuration) {
      const peer = new FakePeer(configuration);
      peers.push(peer);
      return peer;
    },
    async getUserMedia(request): Promise<StreamLike> {
      constraints.push(request);
      if (gate) await gate;
      const error = microphoneErrors.shift();
      if (error) throw Object.assign(new Error(error.name), error);
      const audio = request.audio;
      const exact = typeof audio === 'object' && audio.deviceId && typeof audio.deviceId === 'object' && 'exact' in audio.deviceId ? audio.deviceId.exact : 'default';
      const track = new FakeTrack(String(exact));
      tracks.push(track);
      return { getAudioTracks: () => [track], getTracks: () => [track] };
    },
    createRemoteAudio() {
      const audio = new FakeRemoteAudio();
      audios.push(audio);
      return audio;
    },
  };
}

export const REMOTE_OFFER = 'v=0\r\no=- 9 9 IN IP4 192.0.2.1\r\ns=-\r\nm=audio 4000 RTP/AVP 0 101\r\na=sendrecv\r\n';
export const REMOTE_ANSWER = 'v=0\r\no=- 9 10 IN IP4 192.0.2.1\r\ns=-\r\nm=audio 4000 RTP/AVP 0 101\r\na=sendrecv\r\n';
