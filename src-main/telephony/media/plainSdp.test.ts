import { describe, expect, it } from 'vitest';
import { answerDirection, buildPlainSdp, parseRemoteAudio } from './plainSdp';

const sippOffer = [
  'v=0',
  'o=user1 53655765 2353687637 IN IP4 127.0.0.1',
  's=-',
  'c=IN IP4 127.0.0.1',
  't=0 0',
  'm=audio 6000 RTP/AVP 0 8 101',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:101 telephone-event/8000',
  'a=sendonly',
  'm=video 6002 RTP/AVP 96',
  'a=recvonly',
].join('\r\n');

describe('plain SDP', () => {
  it('reads the first audio stream: address, port, direction, codecs, telephone-event', () => {
    expect(parseRemoteAudio(sippOffer)).toEqual({ address: '127.0.0.1', port: 6000, direction: 'sendonly', pcmu: true, telephoneEvent: 101 });
  });

  it('prefers a media-level connection line and direction over the session-level ones', () => {
    const sdp = 'v=0\nc=IN IP4 10.0.0.1\na=inactive\nm=audio 4000 RTP/AVP 0\nc=IN IP4 127.0.0.2\n';
    expect(parseRemoteAudio(sdp)).toMatchObject({ address: '127.0.0.2', direction: 'inactive', telephoneEvent: null });
  });

  it('refuses descriptions without audio or without an address, in words', () => {
    expect(() => parseRemoteAudio('v=0\r\nc=IN IP4 127.0.0.1\r\nm=video 1 RTP/AVP 96')).toThrow(/no audio stream/);
    expect(() => parseRemoteAudio('v=0\r\nm=audio 1 RTP/AVP 0')).toThrow(/no connection address/);
    expect(() => parseRemoteAudio('v=0\r\nc=IN IP4 127.0.0.1\r\nm=audio 1 RTP/AV')).toThrow(/no audio stream/);
  });

  it('round-trips what it builds', () => {
    const sdp = buildPlainSdp({ sessionId: 7, version: 2, address: '127.0.0.1', port: 40000, direction: 'sendonly', telephoneEvent: 101 });
    expect(sdp.endsWith('\r\n')).toBe(true);
    expect(parseRemoteAudio(sdp)).toEqual({ address: '127.0.0.1', port: 40000, direction: 'sendonly', pcmu: true, telephoneEvent: 101 });
  });

  it('answers directions as RFC 3264 says, and never sends while we hold', () => {
    expect(answerDirection('sendrecv', false)).toBe('sendrecv');
    expect(answerDirection('sendonly', false)).toBe('recvonly');
    expect(answerDirection('recvonly', false)).toBe('sendonly');
    expect(answerDirection('inactive', false)).toBe('inactive');
    expect(answerDirection('sendrecv', true)).toBe('recvonly');
    expect(answerDirection('recvonly', true)).toBe('inactive');
  });
});
