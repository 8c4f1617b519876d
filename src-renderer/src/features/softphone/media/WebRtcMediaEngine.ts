import { waitForIceGathering, ICE_GATHERING_TIMEOUT_MS } from './gatherIce';
import { MediaFailure, microphoneFailure } from './mediaErrors';
import type { MediaEnvironment, PeerLike, RemoteAudioLike, StatsReportLike, TrackLike, TransceiverLike } from './types';

export const DEFAULT_DEVICE = 'default';
/** RTCDTMFSender's default gap; the spec floor is 30 ms, and many IVRs miss digits below ~50 ms. */
export const DTMF_GAP_MS = 70;

export interface WebRtcMediaEngineOptions {
  readonly environment: MediaEnvironment;
  /** None by default: the PBX is on the agents' network; a deployment behind NAT passes its STUN/TURN here. */
  readonly iceServers?: readonly RTCIceServer[];
  readonly iceGatheringTimeoutMs?: number;
  readonly microphoneId?: string;
  readonly speakerId?: string;
}

export interface CallMediaState {
  readonly callId: string;
  /** On hold as last agreed with the far end (or being put on hold: the microphone is already off). */
  readonly held: boolean;
  readonly connection: RTCPeerConnectionState;
}

export interface MediaEngineSnapshot {
  readonly muted: boolean;
  readonly calls: readonly CallMediaState[];
}

interface CallMedia {
  readonly callId: string;
  readonly pc: PeerLike;
  readonly remoteAudio: RemoteAudioLike;
  transceiver: TransceiverLike | null;
  localTrack: TrackLike | null;
  /** Hold state agreed in the last completed offer/answer. */
  held: boolean;
  /** Hold state of our offer in flight (null when none), undone by rollback. */
  pendingHold: boolean | null;
  playing: boolean;
  closed: boolean;
  readonly onConnectionChange: () => void;
  readonly onTrackEnded: () => void;
}

/**
 * The renderer's WebRTC engine: one RTCPeerConnection per call, audio only, complete (non-trickle) SDP because
 * SIP in main carries a single offer/answer. Operations of one call run one after another (a re-INVITE never
 * overlaps the previous one); `close` runs at once so a hung-up call never waits behind a slow microphone prompt.
 */
export class WebRtcMediaEngine {
  private readonly calls = new Map<string, CallMedia>();
  private readonly queues = new Map<string, Promise<void>>();
  private readonly listeners = new Set<() => void>();
  private readonly env: MediaEnvironment;
  private readonly iceServers: RTCIceServer[];
  private readonly iceTimeoutMs: number;
  private microphoneId: string;
  private speakerId: string;
  private muted = false;
  private snapshot: MediaEngineSnapshot = { muted: false, calls: [] };

  constructor(options: WebRtcMediaEngineOptions) {
    this.env = options.environment;
    this.iceServers = [...(options.iceServers ?? [])];
    this.iceTimeoutMs = options.iceGatheringTimeoutMs ?? ICE_GATHERING_TIMEOUT_MS;
    this.microphoneId = options.microphoneId ?? DEFAULT_DEVICE;
    this.speakerId = options.speakerId ?? DEFAULT_DEVICE;
  }

  // ---- contract operations (schemas/media.ts) ----

  createOffer(callId: string, options: { readonly hold: boolean; readonly iceRestart: boolean }): Promise<string> {
    return this.serial(callId, async () => {
      const media = this.calls.get(callId) ?? (await this.startCall(callId, null));
      media.pendingHold = options.hold;
      this.applyHold(media);
      const offer = await media.pc.createOffer(options.iceRestart ? { iceRestart: true } : undefined);
      await media.pc.setLocalDescription(offer);
      return this.completeLocalSdp(media);
    });
  }

  createAnswer(callId: string, remoteSdp: string, options: { readonly hold: boolean }): Promise<string> {
    return this.serial(callId, async () => {
      const existing = this.calls.get(callId);
      const media = existing ?? (await this.startCall(callId, remoteSdp));
      if (existing) await media.pc.setRemoteDescription({ type: 'offer', sdp: remoteSdp });
      this.alive(media);
      media.pendingHold = null;
      media.held = options.hold;
      this.applyHold(media);
      this.playRemote(media);
      const answer = await media.pc.createAnswer();
      await media.pc.setLocalDescription(answer);
      return this.completeLocalSdp(media);
    });
  }

  acceptAnswer(callId: string, remoteSdp: string): Promise<void> {
    return this.serial(callId, async () => {
      const media = this.require(callId);
      await media.pc.setRemoteDescription({ type: 'answer', sdp: remoteSdp });
      if (media.pendingHold !== null) media.held = media.pendingHold;
      media.pendingHold = null;
      this.playRemote(media);
      this.notify();
    });
  }

  rollback(callId: string): Promise<void> {
    return this.serial(callId, async () => {
      const media = this.calls.get(callId);
      if (!media || media.closed) return;
      if (media.pc.signalingState === 'have-local-offer') await media.pc.setLocalDescription({ type: 'rollback' });
      // The refused re-INVITE never happened: back to the agreed direction (and microphone state).
      media.pendingHold = null;
      this.applyHold(media);
    });
  }

  /** RFC 4733 in the media; false when this call cannot (main then sends SIP INFO). */
  sendDtmf(callId: string, tones: string, durationMs: number): Promise<boolean> {
    return this.serial(callId, async () => {
      const dtmf = this.require(callId).transceiver?.sender.dtmf ?? null;
      if (!dtmf || !dtmf.canInsertDTMF) return false;
      dtmf.insertDTMF(tones, durationMs, DTMF_GAP_MS);
      return true;
    });
  }

  close(callId: string): void {
    const media = this.calls.get(callId);
    if (!media) return;
    this.calls.delete(callId);
    media.closed = true;
    media.pc.removeEventListener('connectionstatechange', media.onConnectionChange);
    this.setLocalTrack(media, null);
    media.remoteAudio.stop();
    media.pc.close();
    this.notify();
  }

  closeAll(): void {
    for (const callId of [...this.calls.keys()]) this.close(callId);
  }

  // ---- agent controls (not contract operations) ----

  get isMuted(): boolean {
    return this.muted;
  }

  /** Mute is the agent's: it applies to every call, and to calls that start while it is on. */
  setMuted(muted: boolean): void {
    if (this.muted === muted) return;
    this.muted = muted;
    for (const media of this.calls.values()) this.updateTrackEnabled(media);
    this.notify();
  }

  /**
   * Future calls use `deviceId`; live calls switch now with replaceTrack (no renegotiation). If the new microphone
   * cannot be opened the call keeps the old one and the error says why.
   */
  async setMicrophone(deviceId: string): Promise<void> {
    this.microphoneId = deviceId;
    for (const media of [...this.calls.values()]) await this.swapMicrophone(media);
  }

  async setSpeaker(deviceId: string): Promise<void> {
    this.speakerId = deviceId;
    await Promise.all([...this.calls.values()].map((media) => media.remoteAudio.setSink(deviceId)));
  }

  /** Null when the call has no media (never started, or closed). */
  async getStats(callId: string): Promise<StatsReportLike | null> {
    const media = this.calls.get(callId);
    return media && !media.closed ? media.pc.getStats() : null;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  getSnapshot(): MediaEngineSnapshot {
    return this.snapshot;
  }

  // ---- internals ----

  /** A new call: peer connection, microphone, and (for an incoming offer) the far end's description. */
  private async startCall(callId: string, remoteOffer: string | null): Promise<CallMedia> {
    const pc = this.env.createPeerConnection({ iceServers: this.iceServers, bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
    const remoteAudio = this.env.createRemoteAudio();
    const media: CallMedia = {
      callId,
      pc,
      remoteAudio,
      transceiver: null,
      localTrack: null,
      held: false,
      pendingHold: null,
      playing: false,
      closed: false,
      onConnectionChange: () => this.notify(),
      // The microphone went away mid-call (headset unplugged): reopen one so the caller keeps hearing the agent.
      onTrackEnded: () => {
        this.swapMicrophone(media).catch(() => console.warn('[media] microphone lost and could not be reopened'));
      },
    };
    this.calls.set(callId, media);
    pc.addEventListener('connectionstatechange', media.onConnectionChange);
    void remoteAudio.setSink(this.speakerId);
    try {
      const track = await this.openMicrophone();
      if (media.closed) {
        track.stop();
        throw new MediaFailure('The call ended before its audio started.');
      }
      this.setLocalTrack(media, track);
      if (remoteOffer === null) {
        media.transceiver = pc.addTransceiver(track, { direction: 'sendrecv' });
      } else {
        await pc.setRemoteDescription({ type: 'offer', sdp: remoteOffer });
        // Reuse the transceiver the offer created so the answer's m-line matches the offer's.
        const offered = pc.getTransceivers().find((t) => t.mid !== null && t.receiver.track.kind === 'audio');
        if (!offered) throw new MediaFailure('The phone system offered a call without audio.');
        await offered.sender.replaceTrack(track);
        media.transceiver = offered;
      }
    } catch (error) {
      this.close(callId);
      throw error;
    }
    this.notify();
    return media;
  }

  /** Opens the current microphone and puts it on the call's sender (no renegotiation); the old track stops. */
  private async swapMicrophone(media: CallMedia): Promise<void> {
    const sender = media.transceiver?.sender;
    if (!sender || media.closed) return;
    const track = await this.openMicrophone();
    if (media.closed) {
      track.stop();
      return;
    }
    await sender.replaceTrack(track);
    this.setLocalTrack(media, track);
    this.updateTrackEnabled(media);
  }

  private setLocalTrack(media: CallMedia, track: TrackLike | null): void {
    const old = media.localTrack;
    if (old) {
      old.removeEventListener?.('ended', media.onTrackEnded);
      old.stop();
    }
    media.localTrack = track;
    track?.addEventListener?.('ended', media.onTrackEnded);
  }

  private async openMicrophone(): Promise<TrackLike> {
    let stream;
    try {
      stream = await this.env.getUserMedia(microphoneConstraints(this.microphoneId));
    } catch (error) {
      // A remembered headset that was unplugged: fall back to the system default rather than fail the call.
      if (this.microphoneId === DEFAULT_DEVICE || !isMissingDevice(error)) throw microphoneFailure(error);
      try {
        stream = await this.env.getUserMedia(microphoneConstraints(DEFAULT_DEVICE));
      } catch (fallbackError) {
        throw microphoneFailure(fallbackError);
      }
    }
    const [track, ...extra] = stream.getAudioTracks();
    for (const other of extra) other.stop();
    if (!track) throw new MediaFailure('No microphone was found: plug in a headset, then try the call again.');
    return track;
  }

  private applyHold(media: CallMedia): void {
    const held = media.pendingHold ?? media.held;
    if (media.transceiver) media.transceiver.direction = held ? 'sendonly' : 'sendrecv';
    this.updateTrackEnabled(media);
    this.notify();
  }

  /** The caller hears nothing while held or muted: a disabled track sends silence. */
  private updateTrackEnabled(media: CallMedia): void {
    if (!media.localTrack) return;
    media.localTrack.enabled = !this.muted && !(media.pendingHold ?? media.held);
  }

  private playRemote(media: CallMedia): void {
    const track = media.transceiver?.receiver.track;
    if (media.playing || !track) return;
    media.remoteAudio.play(track);
    media.playing = true;
  }

  private async completeLocalSdp(media: CallMedia): Promise<string> {
    await waitForIceGathering(media.pc, this.iceTimeoutMs);
    this.alive(media);
    const sdp = media.pc.localDescription?.sdp;
    if (!sdp) throw new MediaFailure('The audio engine produced no session description.');
    return sdp;
  }

  private require(callId: string): CallMedia {
    const media = this.calls.get(callId);
    if (!media) throw new MediaFailure('This call has no audio (it may have ended).');
    return media;
  }

  private alive(media: CallMedia): void {
    if (media.closed) throw new MediaFailure('The call ended before its audio started.');
  }

  /** Runs `task` after the call's previous operations settle; a failure never blocks the next one. */
  private serial<T>(callId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(callId) ?? Promise.resolve();
    const result = previous.then(task);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(callId, settled);
    void settled.then(() => {
      if (this.queues.get(callId) === settled) this.queues.delete(callId);
    });
    return result;
  }

  private notify(): void {
    this.snapshot = {
      muted: this.muted,
      calls: [...this.calls.values()].map((m) => ({ callId: m.callId, held: m.pendingHold ?? m.held, connection: m.pc.connectionState })),
    };
    for (const listener of [...this.listeners]) listener();
  }
}

/** Voice processing on: agents sit in open-plan rooms with headsets of every quality. */
export function microphoneConstraints(deviceId: string): MediaStreamConstraints {
  const audio: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
  if (deviceId !== DEFAULT_DEVICE) audio.deviceId = { exact: deviceId };
  return { audio, video: false };
}

function isMissingDevice(error: unknown): boolean {
  const name = typeof error === 'object' && error !== null && 'name' in error ? error.name : '';
  return name === 'OverconstrainedError' || name === 'NotFoundError';
}
