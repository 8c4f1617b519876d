/**
 * RTP (RFC 3550) packets and RFC 4733 telephone-events, just enough for plain-RTP test media: fixed 12-byte
 * header, no CSRC, no extensions. Pure encode/decode.
 */
export interface RtpHeader {
  readonly payloadType: number;
  readonly marker: boolean;
  readonly sequence: number;
  readonly timestamp: number;
  readonly ssrc: number;
}

export function encodeRtp(header: RtpHeader, payload: Uint8Array): Buffer {
  const packet = Buffer.alloc(12 + payload.length);
  packet[0] = 0x80; // version 2
  packet[1] = (header.marker ? 0x80 : 0) | (header.payloadType & 0x7f);
  packet.writeUInt16BE(header.sequence & 0xffff, 2);
  packet.writeUInt32BE(header.timestamp >>> 0, 4);
  packet.writeUInt32BE(header.ssrc >>> 0, 8);
  packet.set(payload, 12);
  return packet;
}

export function decodeRtp(packet: Buffer): { header: RtpHeader; payload: Buffer } | null {
  if (packet.length < 12 || packet[0]! >> 6 !== 2) return null;
  const csrcCount = packet[0]! & 0x0f;
  const offset = 12 + csrcCount * 4;
  if (packet.length < offset) return null;
  return {
    header: {
      payloadType: packet[1]! & 0x7f,
      marker: (packet[1]! & 0x80) !== 0,
      sequence: packet.readUInt16BE(2),
      timestamp: packet.readUInt32BE(4),
      ssrc: packet.readUInt32BE(8),
    },
    payload: packet.subarray(offset),
  };
}

const EVENT_CODES = '0123456789*#ABCD';

/** RFC 4733 §3.2 event payload: event, end bit, volume, duration (timestamp units). */
export function encodeDtmfEvent(tone: string, end: boolean, duration: number): Buffer {
  const event = EVENT_CODES.indexOf(tone.toUpperCase());
  if (event < 0) throw new Error(`"${tone}" is not a DTMF tone`);
  const payload = Buffer.alloc(4);
  payload[0] = event;
  payload[1] = (end ? 0x80 : 0) | 10; // volume -10 dBm0
  payload.writeUInt16BE(Math.min(duration, 0xffff), 2);
  return payload;
}

export function decodeDtmfEvent(payload: Buffer): { tone: string; end: boolean; duration: number } | null {
  if (payload.length < 4) return null;
  const tone = EVENT_CODES[payload[0]!];
  if (tone === undefined) return null;
  return { tone, end: (payload[1]! & 0x80) !== 0, duration: payload.readUInt16BE(2) };
}
