/**
 * The slices of the browser's WebRTC and media APIs the engine uses, written as narrow structural types so the
 * real objects fit them (Chromium) and unit tests can pass small fakes (jsdom has no WebRTC at all).
 */

export interface TrackLike {
  readonly kind: string;
  enabled: boolean;
  stop(): void;
  /** 'ended' fires when the device goes away (headset unplugged); optional so tiny fakes can skip it. */
  addEventListener?(type: 'ended', listener: () => void): void;
  removeEventListener?(type: 'ended', listener: () => void): void;
}

export interface StreamLike {
  getAudioTracks(): TrackLike[];
  getTracks(): TrackLike[];
}

export interface DtmfSenderLike {
  readonly canInsertDTMF: boolean;
  insertDTMF(tones: string, duration?: number, interToneGap?: number): void;
}

export interface SenderLike {
  readonly track: TrackLike | null;
  /** Null when the sender cannot do RFC 4733 (no telephone-event negotiated, or the browser lacks it). */
  readonly dtmf: DtmfSenderLike | null;
  replaceTrack(track: TrackLike | null): Promise<void>;
}

export interface TransceiverLike {
  readonly mid: string | null;
  direction: RTCRtpTransceiverDirection;
  readonly sender: SenderLike;
  readonly receiver: { readonly track: TrackLike };
}

/** A stats report is a read-only map of id -> stats dictionary (RTCStatsReport is one). */
export interface StatsReportLike {
  forEach(callback: (value: unknown, key: string) => void): void;
}

export interface PeerLike {
  readonly iceGatheringState: RTCIceGatheringState;
  readonly connectionState: RTCPeerConnectionState;
  readonly signalingState: RTCSignalingState;
  readonly localDescription: { readonly sdp: string } | null;
  // `| string` only so the real RTCPeerConnection (track or kind) fits; the engine always passes a track.
  addTransceiver(track: TrackLike | string, init: RTCRtpTransceiverInit): TransceiverLike;
  getTransceivers(): TransceiverLike[];
  createOffer(options?: RTCOfferOptions): Promise<RTCSessionDescriptionInit>;
  createAnswer(): Promise<RTCSessionDescriptionInit>;
  setLocalDescription(description?: RTCLocalSessionDescriptionInit): Promise<void>;
  setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void>;
  getStats(): Promise<StatsReportLike>;
  addEventListener(type: string, listener: (event: Event) => void): void;
  removeEventListener(type: string, listener: (event: Event) => void): void;
  close(): void;
}

/** Plays the far end's audio on the chosen speaker (an <audio> element in the browser). */
export interface RemoteAudioLike {
  play(track: TrackLike): void;
  setSink(deviceId: string): Promise<void>;
  stop(): void;
}

/** Everything the engine needs from the browser, injected so tests can fake it. */
export interface MediaEnvironment {
  createPeerConnection(configuration: RTCConfiguration): PeerLike;
  getUserMedia(constraints: MediaStreamConstraints): Promise<StreamLike>;
  createRemoteAudio(): RemoteAudioLike;
}
