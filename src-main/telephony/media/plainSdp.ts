/**
 * Plain RTP session descriptions (RFC 4566 / RFC 3264), as sipp, baresip and SIP trunks speak them: one audio
 * stream, G.711 µ-law (PT 0) and RFC 4733 telephone-events. Pure functions: no sockets here.
 */
export type Direction = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

export interface PlainOffer {
  readonly sessionId: number;
  readonly version: number;
  readonly address: string;
  readonly port: number;
  readonly direction: Direction;
  /** Payload type for telephone-event, null when we do not offer it. */
  readonly telephoneEvent: number | null;
}

export function buildPlainSdp(offer: PlainOffer): string {
  const payloads = offer.telephoneEvent === null ? '0' : `0 ${offer.telephoneEvent}`;
  const lines = [
    'v=0',
    `o=careline ${offer.sessionId} ${offer.version} IN IP4 ${offer.address}`,
    's=Careline',
    `c=IN IP4 ${offer.address}`,
    't=0 0',
    `m=audio ${offer.port} RTP/AVP ${payloads}`,
    'a=rtpmap:0 PCMU/8000',
    ...(offer.telephoneEvent === null ? [] : [`a=rtpmap:${offer.telephoneEvent} telephone-event/8000`, `a=fmtp:${offer.telephoneEvent} 0-15`]),
    'a=ptime:20',
    `a=${offer.direction}`,
  ];
  return `${lines.join('\r\n')}\r\n`;
}

export interface RemoteAudio {
  readonly address: string;
  readonly port: number;
  readonly direction: Direction;
  readonly pcmu: boolean;
  readonly telephoneEvent: number | null;
}

/** Reads the first audio stream of a remote description; throws a plain Error naming what is missing. */
export function parseRemoteAudio(sdp: string): RemoteAudio {
  const lines = sdp.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  let sessionAddress: string | null = null;
  let mediaAddress: string | null = null;
  let port: number | null = null;
  let payloads: number[] = [];
  let sessionDirection: Direction = 'sendrecv';
  let mediaDirection: Direction | null = null;
  let telephoneEvent: number | null = null;
  let inAudio = false;
  let seenAudio = false;
  for (const line of lines) {
    if (line.startsWith('m=')) {
      if (seenAudio) break; // only the first audio stream matters
      const m = /^m=audio (\d+)(?:\/\d+)? (RTP\/AVP|RTP\/SAVP|RTP\/AVPF|UDP\/TLS\/RTP\/SAVPF) ([\d ]+)$/.exec(line);
      inAudio = m !== null;
      if (m) {
        seenAudio = true;
        port = Number(m[1]);
        payloads = m[3]!.trim().split(/\s+/).map(Number);
      }
      continue;
    }
    const connection = /^c=IN IP4 ([\d.]+)/.exec(line);
    if (connection) {
      if (inAudio) mediaAddress = connection[1]!;
      else if (!seenAudio) sessionAddress = connection[1]!;
      continue;
    }
    const direction = /^a=(sendrecv|sendonly|recvonly|inactive)$/.exec(line);
    if (direction) {
      if (inAudio) mediaDirection = direction[1] as Direction;
      else if (!seenAudio) sessionDirection = direction[1] as Direction;
      continue;
    }
    const rtpmap = /^a=rtpmap:(\d+) telephone-event\/8000/i.exec(line);
    if (rtpmap && inAudio) telephoneEvent = Number(rtpmap[1]);
  }
  const address = mediaAddress ?? sessionAddress;
  if (port === null) throw new Error('The session description has no audio stream.');
  if (!address) throw new Error('The session description has no connection address.');
  return {
    address,
    port,
    direction: mediaDirection ?? sessionDirection,
    pcmu: payloads.includes(0),
    telephoneEvent: telephoneEvent !== null && payloads.includes(telephoneEvent) ? telephoneEvent : null,
  };
}

/** RFC 3264 §6.1: the direction we answer with, given theirs and whether we hold. */
export function answerDirection(remote: Direction, hold: boolean): Direction {
  const weSend = !hold && (remote === 'sendrecv' || remote === 'recvonly');
  const weReceive = remote === 'sendrecv' || remote === 'sendonly';
  if (weSend && weReceive) return 'sendrecv';
  if (weSend) return 'sendonly';
  if (weReceive) return 'recvonly';
  return 'inactive';
}
