import { describe, expect, it } from 'vitest';
import { decodeDtmfEvent, decodeRtp, encodeDtmfEvent, encodeRtp } from './rtpPackets';

describe('RTP packets', () => {
  it('encodes and decodes the fixed header and payload', () => {
    const packet = encodeRtp({ payloadType: 101, marker: true, sequence: 65535, timestamp: 2 ** 32 - 1, ssrc: 0xdeadbeef }, Buffer.from([1, 2, 3]));
    const decoded = decodeRtp(packet)!;
    expect(decoded.header).toEqual({ payloadType: 101, marker: true, sequence: 65535, timestamp: 2 ** 32 - 1, ssrc: 0xdeadbeef });
    expect([...decoded.payload]).toEqual([1, 2, 3]);
  });

  it('ignores what is not RTP version 2 or too short', () => {
    expect(decodeRtp(Buffer.from([0x40, 0, 0]))).toBeNull();
    expect(decodeRtp(Buffer.alloc(12, 0))).toBeNull();
    expect(decodeRtp(Buffer.from([0x8f, ...Array(14).fill(0)]))).toBeNull(); // 15 CSRCs announced, none there
  });

  it('carries RFC 4733 events with the end bit and duration', () => {
    expect(decodeDtmfEvent(encodeDtmfEvent('#', true, 800))).toEqual({ tone: '#', end: true, duration: 800 });
    expect(decodeDtmfEvent(encodeDtmfEvent('a', false, 160))).toEqual({ tone: 'A', end: false, duration: 160 });
    expect(() => encodeDtmfEvent('x', false, 1)).toThrow(/not a DTMF tone/);
    expect(decodeDtmfEvent(Buffer.from([99, 0, 0, 0]))).toBeNull();
  });
});
