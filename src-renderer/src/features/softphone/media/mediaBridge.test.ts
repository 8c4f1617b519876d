import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MediaOperation } from '../../../../../src-preload/contract';
import { type BridgeConnectionState, ok } from '../../../bridge';
import { createFakeBridge, type FakeBridge } from '../../../bridge/fakeBridge';
import { createFakeEnvironment, REMOTE_ANSWER, REMOTE_OFFER } from '../testing/fakeWebRtc';
import { attachMediaBridge, type MediaBridgeOptions } from './mediaBridge';
import { WebRtcMediaEngine } from './WebRtcMediaEngine';

const CALL = '6f1c2b0e-7a7d-4c61-9d55-0a4b8f1e2c3d';
let requestCounter = 0;
const requestId = () => `00000000-0000-4000-8000-${String(++requestCounter).padStart(12, '0')}`;

function setup(options: Partial<MediaBridgeOptions> & { bridge?: FakeBridge } = {}) {
  const bridge =
    options.bridge ??
    createFakeBridge({ 'media.attach': () => ok({}), 'media.respond': () => ok({}), 'media.quality': () => ok({}) });
  const env = createFakeEnvironment();
  const engine = new WebRtcMediaEngine({ environment: env });
  const detach = attachMediaBridge({ bridge, engine, userAgent: 'Mozilla/5.0 Careline-test', ...options });
  return { bridge, env, engine, detach };
}

/** Plays main's media.request and waits for the renderer's media.respond. */
async function request(bridge: FakeBridge, operation: MediaOperation) {
  const id = requestId();
  bridge.emit('media.request', { requestId: id, operation });
  await vi.waitFor(() => expect(bridge.invocationsOf('media.respond').some((r) => r.requestId === id)).toBe(true));
  return bridge.invocationsOf('media.respond').find((r) => r.requestId === id)!.result;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('attachMediaBridge', () => {
  it('attaches the WebRTC engine with the user agent when it starts', async () => {
    const onAttachState = vi.fn();
    const { bridge } = setup({ onAttachState });
    expect(bridge.invocationsOf('media.attach')).toEqual([{ engine: 'webrtc', userAgent: 'Mozilla/5.0 Careline-test' }]);
    await vi.waitFor(() => expect(onAttachState).toHaveBeenLastCalledWith('attached', null));
  });

  it('reports a refused attach', async () => {
    const onAttachState = vi.fn();
    const bridge = createFakeBridge({ 'media.attach': () => ({ ok: false, error: { code: 'internal', message: 'No line.' } }) });
    setup({ bridge, onAttachState });
    await vi.waitFor(() => expect(onAttachState).toHaveBeenLastCalledWith('failed', 'No line.'));
  });

  it('answers create-offer, accept-answer, send-dtmf, rollback and close', async () => {
    const { bridge, env } = setup();
    const offer = await request(bridge, { op: 'create-offer', callId: CALL, hold: false, iceRestart: false });
    expect(offer).toEqual({ ok: true, sdp: expect.stringContaining('a=candidate:') });

    expect(await request(bridge, { op: 'accept-answer', callId: CALL, remoteSdp: REMOTE_ANSWER })).toEqual({ ok: true });
    expect(await request(bridge, { op: 'send-dtmf', callId: CALL, tones: '1#', durationMs: 100 })).toEqual({ ok: true, sent: true });
    env.peers[0]!.transceivers[0]!.sender.dtmf = null;
    expect(await request(bridge, { op: 'send-dtmf', callId: CALL, tones: '1', durationMs: 100 })).toEqual({ ok: true, sent: false });
    expect(await request(bridge, { op: 'rollback', callId: CALL })).toEqual({ ok: true });
    expect(await request(bridge, { op: 'close', callId: CALL })).toEqual({ ok: true });
    expect(env.peers[0]!.closed).toBe(true);
  });

  it('answers create-answer with complete SDP', async () => {
    const { bridge } = setup();
    const answer = await request(bridge, { op: 'create-answer', callId: CALL, remoteSdp: REMOTE_OFFER, hold: false });
    expect(answer).toEqual({ ok: true, sdp: expect.stringContaining('a=candidate:') });
  });

  it('answers failures in words an agent understands, and logs nothing about the call', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { bridge, env } = setup();
    env.microphoneErrors.push({ name: 'NotAllowedError' });
    const result = await request(bridge, { op: 'create-answer', callId: CALL, remoteSdp: REMOTE_OFFER, hold: false });
    expect(result).toEqual({ ok: false, message: expect.stringContaining('Microphone access was denied: allow the microphone for Careline') });
    expect(warn).toHaveBeenCalledWith('[media] create-answer failed');
    expect(JSON.stringify(warn.mock.calls)).not.toContain(CALL);

    const late = await request(bridge, { op: 'accept-answer', callId: CALL, remoteSdp: REMOTE_ANSWER });
    expect(late).toEqual({ ok: false, message: 'This call has no audio (it may have ended).' });
    warn.mockRestore();
  });

  it('maps a refused remote description to a codec message', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { bridge, env } = setup();
    await request(bridge, { op: 'create-offer', callId: CALL, hold: false, iceRestart: false });
    env.peers[0]!.remoteError = Object.assign(new Error('Failed to parse SessionDescription.'), { name: 'OperationError' });
    const result = await request(bridge, { op: 'accept-answer', callId: CALL, remoteSdp: REMOTE_ANSWER });
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/cannot use/) });
    vi.restoreAllMocks();
  });

  it('attaches again after the transport reconnects, and waits for a socket that is still connecting', () => {
    let state: BridgeConnectionState = 'connecting';
    const listeners = new Set<(s: BridgeConnectionState) => void>();
    const bridge = Object.assign(createFakeBridge({ 'media.attach': () => ok({}) }), {
      connectionState: () => state,
      onConnectionStateChange: (listener: (s: BridgeConnectionState) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    });
    const move = (next: BridgeConnectionState) => {
      state = next;
      for (const l of listeners) l(next);
    };
    const { detach } = setup({ bridge });
    expect(bridge.invocationsOf('media.attach')).toHaveLength(0);
    move('open');
    expect(bridge.invocationsOf('media.attach')).toHaveLength(1);
    move('reconnecting');
    move('open');
    expect(bridge.invocationsOf('media.attach')).toHaveLength(2);
    detach();
    expect(listeners.size).toBe(0);
  });

  it('sends quality every interval for connected calls only', async () => {
    vi.useFakeTimers();
    const onQuality = vi.fn();
    const { bridge, env } = setup({ onQuality, qualityIntervalMs: 5_000 });
    const offer = request(bridge, { op: 'create-offer', callId: CALL, hold: false, iceRestart: false });
    await vi.advanceTimersByTimeAsync(50);
    await offer;
    const peer = env.peers[0]!;
    peer.stats = new Map<string, unknown>([
      ['IT', { type: 'inbound-rtp', kind: 'audio', jitter: 0.003, packetsReceived: 250, packetsLost: 0 }],
      ['OT', { type: 'outbound-rtp', kind: 'audio', packetsSent: 250 }],
      ['RI', { type: 'remote-inbound-rtp', kind: 'audio', roundTripTime: 0.03, fractionLost: 0 }],
    ]);

    await vi.advanceTimersByTimeAsync(5_000);
    expect(bridge.invocationsOf('media.quality')).toHaveLength(0); // not connected yet

    peer.connect();
    await vi.advanceTimersByTimeAsync(5_000);
    const sent = bridge.invocationsOf('media.quality');
    expect(sent).toEqual([
      { callId: CALL, roundTripMs: 30, jitterMs: 3, lossPercent: 0, mos: expect.any(Number), packetsReceived: 250, packetsSent: 250 },
    ]);
    expect(sent[0]!.mos).toBeGreaterThan(4.3);
    expect(onQuality).toHaveBeenCalledWith(sent[0]);

    // On hold nothing is measured (and the last measure stands).
    const hold = request(bridge, { op: 'create-offer', callId: CALL, hold: true, iceRestart: false });
    await vi.advanceTimersByTimeAsync(50);
    await hold;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(bridge.invocationsOf('media.quality')).toHaveLength(1);
  });

  it('stops answering and closes call media when detached', async () => {
    const { bridge, env, detach } = setup();
    await request(bridge, { op: 'create-offer', callId: CALL, hold: false, iceRestart: false });
    detach();
    expect(env.peers[0]!.closed).toBe(true);
    expect(bridge.listenerCount('media.request')).toBe(0);
  });
});
