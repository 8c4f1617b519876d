import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeEnvironment, type FakeEnvironment, REMOTE_ANSWER, REMOTE_OFFER } from '../testing/fakeWebRtc';
import { MediaFailure } from './mediaErrors';
import { DTMF_GAP_MS, WebRtcMediaEngine, type WebRtcMediaEngineOptions } from './WebRtcMediaEngine';

const CALL = '6f1c2b0e-7a7d-4c61-9d55-0a4b8f1e2c3d';
const OTHER = '0b8f7e1c-2d3a-4b5c-8d9e-1f2a3b4c5d6e';

function setup(options: Partial<WebRtcMediaEngineOptions> = {}): { env: FakeEnvironment; engine: WebRtcMediaEngine } {
  const env = createFakeEnvironment();
  return { env, engine: new WebRtcMediaEngine({ environment: env, ...options }) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('WebRtcMediaEngine: offers', () => {
  it('offers audio from the chosen microphone with voice processing, and a complete SDP (all candidates)', async () => {
    const { env, engine } = setup({ microphoneId: 'headset-mic' });
    const sdp = await engine.createOffer(CALL, { hold: false, iceRestart: false });

    expect(env.constraints).toEqual([
      {
        audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true, deviceId: { exact: 'headset-mic' } },
        video: false,
      },
    ]);
    const peer = env.peers[0]!;
    expect(peer.configuration.iceServers).toEqual([]);
    expect(peer.transceivers).toHaveLength(1);
    expect(peer.transceivers[0]!.sender.track).toBe(env.tracks[0]);
    expect(sdp).toContain('a=sendrecv');
    expect(sdp).toContain('a=candidate:');
    expect(peer.iceGatheringState).toBe('complete');
  });

  it('uses the ICE servers it is given (none by default) and the default microphone without an exact id', async () => {
    const iceServers = [{ urls: 'stun:stun.example.org:3478' }];
    const { env, engine } = setup({ iceServers });
    await engine.createOffer(CALL, { hold: false, iceRestart: false });
    expect(env.peers[0]!.configuration.iceServers).toEqual(iceServers);
    expect(env.constraints[0]!.audio).not.toHaveProperty('deviceId');
  });

  it('answers with what was gathered when ICE gathering does not complete within the bound', async () => {
    vi.useFakeTimers();
    const { env, engine } = setup({ iceGatheringTimeoutMs: 2_000 });
    const original = env.createPeerConnection.bind(env);
    env.createPeerConnection = (config) => {
      const peer = original(config);
      env.peers.at(-1)!.gathering = 'never';
      return peer;
    };
    let sdp: string | null = null;
    void engine.createOffer(CALL, { hold: false, iceRestart: false }).then((s) => (sdp = s));
    await vi.advanceTimersByTimeAsync(1_900);
    expect(sdp).toBeNull();
    await vi.advanceTimersByTimeAsync(200);
    expect(sdp).toContain('m=audio');
    expect(sdp).not.toContain('a=candidate:');
  });

  it('holds with a=sendonly and a silent microphone, and resumes with a=sendrecv', async () => {
    const { env, engine } = setup();
    await engine.createOffer(CALL, { hold: false, iceRestart: false });
    await engine.acceptAnswer(CALL, REMOTE_ANSWER);
    const track = env.tracks[0]!;

    const holdSdp = await engine.createOffer(CALL, { hold: true, iceRestart: false });
    expect(holdSdp).toContain('a=sendonly');
    expect(track.enabled).toBe(false);
    await engine.acceptAnswer(CALL, REMOTE_ANSWER);
    expect(engine.getSnapshot().calls).toEqual([{ callId: CALL, held: true, connection: 'new' }]);

    const resumeSdp = await engine.createOffer(CALL, { hold: false, iceRestart: false });
    expect(resumeSdp).toContain('a=sendrecv');
    expect(track.enabled).toBe(true);
    // One peer connection and one microphone for the whole call.
    expect(env.peers).toHaveLength(1);
    expect(env.tracks).toHaveLength(1);
  });

  it('restarts ICE when asked (a network change)', async () => {
    const { env, engine } = setup();
    await engine.createOffer(CALL, { hold: false, iceRestart: false });
    await engine.acceptAnswer(CALL, REMOTE_ANSWER);
    await engine.createOffer(CALL, { hold: false, iceRestart: true });
    expect(env.peers[0]!.offerOptions).toEqual([undefined, { iceRestart: true }]);
  });

  it('rolls back a refused hold offer to the agreed direction and microphone state', async () => {
    const { env, engine } = setup();
    await engine.createOffer(CALL, { hold: false, iceRestart: false });
    await engine.acceptAnswer(CALL, REMOTE_ANSWER);
    await engine.createOffer(CALL, { hold: true, iceRestart: false });
    const peer = env.peers[0]!;
    expect(peer.signalingState).toBe('have-local-offer');

    await engine.rollback(CALL);
    expect(peer.localCalls.at(-1)).toEqual({ type: 'rollback' });
    expect(peer.signalingState).toBe('stable');
    expect(peer.transceivers[0]!.direction).toBe('sendrecv');
    expect(env.tracks[0]!.enabled).toBe(true);
    expect(engine.getSnapshot().calls[0]!.held).toBe(false);
  });

  it('treats rollback without a pending offer or call as done', async () => {
    const { env, engine } = setup();
    await expect(engine.rollback(CALL)).resolves.toBeUndefined();
    await engine.createOffer(CALL, { hold: false, iceRestart: false });
    await engine.acceptAnswer(CALL, REMOTE_ANSWER);
    await engine.rollback(CALL);
    expect(env.peers[0]!.localCalls.filter((d) => d?.type === 'rollback')).toHaveLength(0);
  });

  it('plays the far end on the chosen speaker once the answer arrives', async () => {
    const { env, engine } = setup({ speakerId: 'desk-speaker' });
    await engine.createOffer(CALL, { hold: false, iceRestart: false });
    const audio = env.audios[0]!;
    expect(audio.sinkId).toBe('desk-speaker');
    expect(audio.played).toBeNull();
    await engine.acceptAnswer(CALL, REMOTE_ANSWER);
    expect(audio.played).toBe(env.peers[0]!.transceivers[0]!.receiver.track);
  });
});

describe('WebRtcMediaEngine: answers', () => {
  it('answers an incoming offer on the transceiver the offer created, with the microphone on it', async () => {
    const { env, engine } = setup();
    const sdp = await engine.createAnswer(CALL, REMOTE_OFFER, { hold: false });
    const peer = env.peers[0]!;
    expect(peer.remoteDescription).toEqual({ type: 'offer', sdp: REMOTE_OFFER });
    expect(peer.transceivers).toHaveLength(1);
    expect(peer.transceivers[0]!.sender.replaced).toEqual([env.tracks[0]]);
    expect(peer.transceivers[0]!.direction).toBe('sendrecv');
    expect(sdp).toContain('a=candidate:');
    expect(env.audios[0]!.played).toBe(peer.transceivers[0]!.receiver.track);
  });

  it('answers a re-INVITE on the same peer connection, on hold when asked', async () => {
    const { env, engine } = setup();
    await engine.createAnswer(CALL, REMOTE_OFFER, { hold: false });
    const sdp = await engine.createAnswer(CALL, REMOTE_OFFER, { hold: true });
    expect(env.peers).toHaveLength(1);
    expect(sdp).toContain('a=sendonly');
    expect(env.tracks[0]!.enabled).toBe(false);
  });

  it('fails an offer without audio and closes what it opened', async () => {
    const { env, engine } = setup();
    const error = await engine.createAnswer(CALL, 'v=0\r\nm=video 9 RTP/AVP 96\r\n', { hold: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaFailure);
    expect((error as Error).message).toMatch(/without audio/);
    expect(env.peers[0]!.closed).toBe(true);
    expect(env.tracks[0]!.stopped).toBe(true);
    expect(engine.getSnapshot().calls).toEqual([]);
  });
});

describe('WebRtcMediaEngine: microphone', () => {
  it('says so in words when the microphone is denied, and leaves nothing open', async () => {
    const { env, engine } = setup();
    env.microphoneErrors.push({ name: 'NotAllowedError' });
    await expect(engine.createOffer(CALL, { hold: false, iceRestart: false })).rejects.toThrow(
      'Microphone access was denied: allow the microphone for Careline',
    );
    expect(env.peers[0]!.closed).toBe(true);
    expect(engine.getSnapshot().calls).toEqual([]);
  });

  it('falls back to the default microphone when the remembered one is unplugged', async () => {
    const { env, engine } = setup({ microphoneId: 'gone-headset' });
    env.microphoneErrors.push({ name: 'OverconstrainedError' });
    await engine.createOffer(CALL, { hold: false, iceRestart: false });
    expect(env.constraints.map((c) => (c.audio as MediaTrackConstraints).deviceId)).toEqual([{ exact: 'gone-headset' }, undefined]);
    expect(env.tracks).toHaveLength(1);
  });

  it('switches the microphone mid-call with replaceTrack and stops the old one', async () => {
    const { env, engine } = setup();
    await engine.createOffer(CALL, { hold: false, iceRestart: false });
    const old = env.tracks[0]!;
    await engine.setMicrophone('usb-headset');
    const fresh = env.tracks[1]!;
    expect(fresh.deviceId).toBe('usb-headset');
    expect(env.peers[0]!.transceivers[0]!.sender.replaced).toEqual([fresh]);
    expect(old.stopped).toBe(true);
    expect(fresh.stopped).toBe(false);
  });

  it('keeps the old microphone when the new one cannot be opened', async () => {
    const { env, engine } = setup();
    await engine.createOffer(CALL, { hold: false, iceRestart: false });
    env.microphoneErrors.push({ name: 'NotReadableError' });
    await expect(engine.setMicrophone('busy-mic')).rejects.toThrow(/could not be started/);
    expect(env.tracks[0]!.stopped).toBe(false);
    expect(env.peers[0]!.transceivers[0]!.sender.track).toBe(env.tracks[0]);
  });

  it('reopens a microphone when the one in use goes away mid-call (headset unplugged)', async () => {
    const { env, engine } = setup({ microphoneId: 'usb-headset' });
    await engine.createOffer(CALL, { hold: false, iceRestart: false });
    engine.setMuted(true);
    const lost = env.tracks[0]!;
    env.microphoneErrors.push({ name: 'NotFoundError' });
    lost.end();
    await vi.waitFor(() => expect(env.tracks).toHaveLength(2));
    const replacement = env.tracks[1]!;
    expect(replacement.deviceId).toBe('default');
    expect(env.peers[0]!.transceivers[0]!.sender.track).toBe(replacement);
    expect(replacement.enabled).toBe(false); // still muted
    expect(lost.stopped).toBe(true);
  });

  it('mutes every call (and calls that start muted), keeping held calls silent on unmute', async () => {
    const { env, engine } = setup();
    await engine.createOffer(CALL, { hold: false, iceRestart: false });
    engine.setMuted(true);
    expect(env.tracks[0]!.enabled).toBe(false);
    expect(engine.getSnapshot().muted).toBe(true);

    await engine.createOffer(OTHER, { hold: false, iceRestart: false });
    expect(env.tracks[1]!.enabled).toBe(false);
    await engine.createOffer(OTHER, { hold: true, iceRestart: false });

    engine.setMuted(false);
    expect(env.tracks[0]!.enabled).toBe(true);
    expect(env.tracks[1]!.enabled).toBe(false);
    expect(engine.isMuted).toBe(false);
  });

  it('routes live calls to a new speaker', async () => {
    const { env, engine } = setup();
    await engine.createOffer(CALL, { hold: false, iceRestart: false });
    await engine.setSpeaker('usb-speaker');
    expect(env.audios[0]!.sinkId).toBe('usb-speaker');
  });
});

describe('WebRtcMediaEngine: DTMF and close', () => {
  it('sends RFC 4733 tones through the sender', async () => {
    const { env, engine } = setup();
    await engine.createOffer(CALL, { hold: false, iceRestart: false });
    await expect(engine.sendDtmf(CALL, '12#', 160)).resolves.toBe(true);
    expect(env.peers[0]!.transceivers[0]!.sender.dtmf!.sent).toEqual([{ tones: '12#', duration: 160, gap: DTMF_GAP_MS }]);
  });

  it('answers sent: false when the sender has no DTMF (main falls back to SIP INFO)', async () => {
    const { env, engine } = setup();
    await engine.createOffer(CALL, { hold: false, iceRestart: false });
    const sender = env.peers[0]!.transceivers[0]!.sender;
    sender.dtmf!.canInsertDTMF = false;
    await expect(engine.sendDtmf(CALL, '5', 100)).resolves.toBe(false);
    sender.dtmf = null;
    await expect(engine.sendDtmf(CALL, '5', 100)).resolves.toBe(false);
  });

  it('fails DTMF for a call without media', async () => {
    const { engine } = setup();
    await expect(engine.sendDtmf(CALL, '1', 100)).rejects.toThrow(/no audio/);
  });

  it('closes: stops the microphone and the far-end audio and closes the peer connection', async () => {
    const { env, engine } = setup();
    await engine.createOffer(CALL, { hold: false, iceRestart: false });
    const listener = vi.fn();
    engine.subscribe(listener);
    engine.close(CALL);
    expect(env.tracks[0]!.stopped).toBe(true);
    expect(env.audios[0]!.stopped).toBe(true);
    expect(env.peers[0]!.closed).toBe(true);
    expect(engine.getSnapshot().calls).toEqual([]);
    expect(listener).toHaveBeenCalled();
    expect(() => engine.close(CALL)).not.toThrow();
    await expect(engine.getStats(CALL)).resolves.toBeNull();
  });

  it('closes at once even while the microphone prompt is open, and releases the microphone later', async () => {
    const { env, engine } = setup();
    const release = env.holdMicrophone();
    const offer = engine.createOffer(CALL, { hold: false, iceRestart: false });
    await vi.waitFor(() => expect(env.constraints).toHaveLength(1));
    engine.close(CALL);
    expect(env.peers[0]!.closed).toBe(true);
    release();
    await expect(offer).rejects.toThrow(/ended before its audio started/);
    expect(env.tracks[0]!.stopped).toBe(true);
  });

  it('runs the operations of one call one after another', async () => {
    const { env, engine } = setup();
    const order: string[] = [];
    const offer = engine.createOffer(CALL, { hold: false, iceRestart: false }).then(() => order.push('offer'));
    const answer = engine.acceptAnswer(CALL, REMOTE_ANSWER).then(() => order.push('answer'));
    await Promise.all([offer, answer]);
    expect(order).toEqual(['offer', 'answer']);
    expect(env.peers[0]!.signalingState).toBe('stable');
  });

  it('reports connection changes to subscribers', async () => {
    const { env, engine } = setup();
    await engine.createOffer(CALL, { hold: false, iceRestart: false });
    env.peers[0]!.connect();
    expect(engine.getSnapshot().calls[0]!.connection).toBe('connected');
  });
});
