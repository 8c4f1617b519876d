import { describe, expect, it } from 'vitest';
import type { MediaEngine } from '../media/MediaEngine';
import { BridgedSessionDescriptionHandler } from './BridgedSessionDescriptionHandler';

function recordingEngine() {
  const calls: string[] = [];
  const engine: MediaEngine = {
    kind: 'plain-rtp',
    usesIce: false,
    createOffer: async (id, o) => (calls.push(`offer ${id} hold=${o.hold} ice=${o.iceRestart} for=${o.forCall}`), 'OFFER'),
    createAnswer: async (id, sdp, o) => (calls.push(`answer ${id} to=${sdp} hold=${o.hold} for=${o.forCall}`), 'ANSWER'),
    acceptAnswer: async (id, sdp) => void calls.push(`accept ${id} ${sdp}`),
    rollback: async (id) => void calls.push(`rollback ${id}`),
    sendDtmf: async () => true,
    close: (id) => void calls.push(`close ${id}`),
  };
  return { engine, calls };
}

describe('BridgedSessionDescriptionHandler', () => {
  it('offers, then applies the answer (we are the offerer)', async () => {
    const { engine, calls } = recordingEngine();
    const sdh = new BridgedSessionDescriptionHandler(engine, 'm1', () => 'call-1');
    expect(await sdh.getDescription({ hold: true } as never)).toEqual({ body: 'OFFER', contentType: 'application/sdp' });
    await sdh.setDescription('THEIR-ANSWER');
    expect(calls).toEqual(['offer m1 hold=true ice=false for=call-1', 'accept m1 THEIR-ANSWER']);
  });

  it('answers an offer from the far end in one engine step, and rolls back a refused offer', async () => {
    const { engine, calls } = recordingEngine();
    const sdh = new BridgedSessionDescriptionHandler(engine, 'm2');
    await sdh.setDescription('THEIR-OFFER');
    expect((await sdh.getDescription()).body).toBe('ANSWER');
    await sdh.getDescription({ iceRestart: true } as never);
    await sdh.rollbackDescription();
    expect(calls).toEqual(['answer m2 to=THEIR-OFFER hold=false for=null', 'offer m2 hold=false ice=true for=null', 'rollback m2']);
  });

  it('closes the media once, then refuses further work; DTMF is not its job', async () => {
    const { engine, calls } = recordingEngine();
    const sdh = new BridgedSessionDescriptionHandler(engine, 'm3');
    expect(sdh.sendDtmf()).toBe(false);
    expect(sdh.hasDescription('application/sdp')).toBe(true);
    expect(sdh.hasDescription('text/plain')).toBe(false);
    sdh.close();
    sdh.close();
    expect(calls).toEqual(['close m3']);
    await expect(sdh.getDescription()).rejects.toThrow(/closed/);
  });
});
