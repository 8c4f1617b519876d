import { describe, expect, it } from 'vitest';
import type { MediaRequest } from '../../../src-preload/contract';
import { EventHub } from '../../ipc/EventHub';
import { createMemoryLogger } from '../../log/logger';
import { RendererMediaEngine } from './RendererMediaEngine';

const MEDIA = '5d7d8a3e-1111-4c3b-9a55-00000000000a';
const CALL = '5d7d8a3e-1111-4c3b-9a55-00000000000b';
const SDP = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\n';

function setup(timeoutMs = 1000) {
  const events = new EventHub();
  const requests: MediaRequest[] = [];
  events.subscribe((event, payload) => {
    if (event === 'media.request') requests.push(payload as MediaRequest);
  });
  const engine = new RendererMediaEngine(events, createMemoryLogger(), timeoutMs);
  return { engine, requests };
}

describe('RendererMediaEngine (main side of the media RPC)', () => {
  it('refuses in words when no renderer has attached its media engine', async () => {
    const { engine, requests } = setup();
    await expect(engine.createOffer(MEDIA, { hold: false, iceRestart: false })).rejects.toThrow(/audio engine is not running/);
    expect(requests).toHaveLength(0);
  });

  it('publishes each operation with the call it serves and resolves with the renderer answer', async () => {
    const { engine, requests } = setup();
    engine.attach('webrtc');
    const offer = engine.createOffer(MEDIA, { hold: true, iceRestart: false, forCall: CALL });
    expect(requests[0]!.operation).toEqual({ op: 'create-offer', callId: MEDIA, hold: true, iceRestart: false, forCall: CALL });
    engine.respond({ requestId: requests[0]!.requestId, result: { ok: true, sdp: SDP } });
    await expect(offer).resolves.toBe(SDP);

    const dtmf = engine.sendDtmf(MEDIA, '12', 100);
    engine.respond({ requestId: requests[1]!.requestId, result: { ok: true, sent: false } });
    await expect(dtmf).resolves.toBe(false);
  });

  it('turns a renderer failure, a missing SDP and a timeout into errors; late answers are dropped', async () => {
    const { engine, requests } = setup(50);
    engine.attach('webrtc');
    const denied = engine.createAnswer(MEDIA, SDP, { hold: false });
    engine.respond({ requestId: requests[0]!.requestId, result: { ok: false, message: 'Microphone access was denied.' } });
    await expect(denied).rejects.toThrow('Microphone access was denied.');

    const empty = engine.createOffer(MEDIA, { hold: false, iceRestart: false });
    engine.respond({ requestId: requests[1]!.requestId, result: { ok: true } });
    await expect(empty).rejects.toThrow(/no session description/);

    await expect(engine.acceptAnswer(MEDIA, SDP)).rejects.toThrow(/did not answer in time/);
    expect(() => engine.respond({ requestId: requests[2]!.requestId, result: { ok: true } })).not.toThrow();
  });

  it('fails what is in flight when the host shuts down', async () => {
    const { engine } = setup(10_000);
    engine.attach('webrtc');
    const pending = engine.rollback(MEDIA);
    engine.dispose();
    await expect(pending).rejects.toThrow(/shutting down/);
  });
});
