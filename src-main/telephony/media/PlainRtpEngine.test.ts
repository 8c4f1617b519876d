import { afterEach, describe, expect, it } from 'vitest';
import { PlainRtpEngine } from './PlainRtpEngine';

const engines: PlainRtpEngine[] = [];
afterEach(() => engines.splice(0).forEach((e) => e.closeAll()));

async function pair() {
  const a = new PlainRtpEngine();
  const b = new PlainRtpEngine();
  engines.push(a, b);
  const offer = await a.createOffer('a', { hold: false, iceRestart: false });
  const answer = await b.createAnswer('b', offer, { hold: false });
  await a.acceptAnswer('a', answer);
  return { a, b };
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('PlainRtpEngine (loopback UDP)', () => {
  it('sends 20 ms frames both ways once offer and answer are exchanged', async () => {
    const { a, b } = await pair();
    await settle(200);
    expect(a.stats('a')!.packetsReceived).toBeGreaterThan(3);
    expect(b.stats('b')!.packetsReceived).toBeGreaterThan(3);
  });

  it('stops sending while we hold, and a rollback restores the previous state', async () => {
    const { a, b } = await pair();
    const held = await a.createOffer('a', { hold: true, iceRestart: false });
    expect(held).toContain('a=sendonly');
    await a.acceptAnswer('a', await b.createAnswer('b', held, { hold: false }));
    expect(b.stats('b')!.direction).toBe('recvonly');
    await settle(60);
    const before = b.stats('b')!.packetsReceived;
    await settle(150);
    expect(b.stats('b')!.packetsReceived - before).toBeLessThanOrEqual(1);
    await a.createOffer('a', { hold: false, iceRestart: false });
    await a.rollback('a');
    expect(a.stats('a')!.direction).toBe('sendonly');
  });

  it('carries DTMF as RFC 4733 events, each tone reported once', async () => {
    const { a, b } = await pair();
    const heard: string[] = [];
    b.onDtmf((callId, tone) => heard.push(`${callId}:${tone}`));
    expect(await a.sendDtmf('a', '1#', 60)).toBe(true);
    await settle(100);
    expect(heard).toEqual(['b:1', 'b:#']);
  });

  it('says it cannot send DTMF when the far end offers no telephone-event', async () => {
    const a = new PlainRtpEngine();
    engines.push(a);
    await a.createAnswer('a', 'v=0\r\nc=IN IP4 127.0.0.1\r\nm=audio 9 RTP/AVP 0\r\n', { hold: false });
    expect(await a.sendDtmf('a', '1', 60)).toBe(false);
    await expect(a.createAnswer('x', 'v=0\r\nc=IN IP4 127.0.0.1\r\nm=audio 9 RTP/AVP 8\r\n', { hold: false })).rejects.toThrow(/no codec we support/);
  });
});
