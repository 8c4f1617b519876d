import { type Socket, createSocket } from 'node:dgram';
import type { MediaEngine, OfferOptions } from './MediaEngine';
import { type Direction, type RemoteAudio, answerDirection, buildPlainSdp, parseRemoteAudio } from './plainSdp';
import { decodeDtmfEvent, decodeRtp, encodeDtmfEvent, encodeRtp } from './rtpPackets';

const PCMU = 0;
const TELEPHONE_EVENT = 101;
const FRAME_MS = 20;
const SAMPLES_PER_FRAME = 160; // 8 kHz × 20 ms
const SILENCE = Buffer.alloc(SAMPLES_PER_FRAME, 0xff); // µ-law silence

interface Leg {
  readonly socket: Socket;
  readonly port: number;
  readonly ssrc: number;
  readonly sessionId: number;
  version: number;
  direction: Direction;
  /** We put the call on hold: no audio from us, whatever the direction says. */
  holding: boolean;
  remote: RemoteAudio | null;
  /** The remote description before our pending offer, restored by rollback. */
  previous: { direction: Direction; holding: boolean; remote: RemoteAudio | null } | null;
  sequence: number;
  timestamp: number;
  timer: ReturnType<typeof setInterval> | null;
  packetsSent: number;
  packetsReceived: number;
  lastEventTimestamp: number | null;
}

export interface PlainRtpStats {
  readonly packetsSent: number;
  readonly packetsReceived: number;
  readonly direction: Direction;
  readonly remote: RemoteAudio | null;
}

/**
 * Plain RTP media in Node for tests, benchmarks and lab work against sipp / baresip / trunks that do not
 * speak ICE: a UDP socket per call on the loopback address, G.711 µ-law silence every 20 ms while we send,
 * RFC 4733 telephone-events out and in. It is not what agents use (their media is WebRTC in the renderer).
 */
export class PlainRtpEngine implements MediaEngine {
  readonly kind = 'plain-rtp' as const;
  readonly usesIce = false;
  private readonly legs = new Map<string, Leg>();
  private readonly dtmfListeners = new Set<(callId: string, tone: string) => void>();

  constructor(private readonly options: { address?: string; sendAudio?: boolean } = {}) {}

  onDtmf(listener: (callId: string, tone: string) => void): () => void {
    this.dtmfListeners.add(listener);
    return () => this.dtmfListeners.delete(listener);
  }

  stats(callId: string): PlainRtpStats | null {
    const leg = this.legs.get(callId);
    return leg ? { packetsSent: leg.packetsSent, packetsReceived: leg.packetsReceived, direction: leg.direction, remote: leg.remote } : null;
  }

  get openCalls(): number {
    return this.legs.size;
  }

  async createOffer(callId: string, options: OfferOptions): Promise<string> {
    const leg = await this.leg(callId);
    leg.previous = { direction: leg.direction, holding: leg.holding, remote: leg.remote };
    leg.direction = options.hold ? 'sendonly' : 'sendrecv';
    leg.holding = options.hold;
    leg.version += 1;
    return this.describe(leg);
  }

  async createAnswer(callId: string, remoteSdp: string, options: { hold: boolean }): Promise<string> {
    const leg = await this.leg(callId);
    const remote = parseRemoteAudio(remoteSdp);
    if (!remote.pcmu) throw new Error('The far end offers no codec we support (G.711 µ-law).');
    leg.remote = remote;
    leg.direction = answerDirection(remote.direction, options.hold);
    leg.holding = options.hold;
    leg.previous = null;
    leg.version += 1;
    this.flow(leg);
    return this.describe(leg);
  }

  async acceptAnswer(callId: string, remoteSdp: string): Promise<void> {
    const leg = this.legs.get(callId);
    if (!leg) throw new Error('No media for this call.');
    leg.remote = parseRemoteAudio(remoteSdp);
    leg.previous = null;
    this.flow(leg);
  }

  async rollback(callId: string): Promise<void> {
    const leg = this.legs.get(callId);
    if (!leg?.previous) return;
    leg.direction = leg.previous.direction;
    leg.holding = leg.previous.holding;
    leg.remote = leg.previous.remote;
    leg.previous = null;
    this.flow(leg);
  }

  async sendDtmf(callId: string, tones: string, durationMs: number): Promise<boolean> {
    const leg = this.legs.get(callId);
    if (!leg?.remote || leg.remote.telephoneEvent === null) return false;
    const { address, port, telephoneEvent } = leg.remote;
    for (const tone of tones) {
      if (tone === ',') {
        await sleep(2000); // RFC 4733 has no pause; "," is the dialer convention for two seconds
        continue;
      }
      const eventTimestamp = (leg.timestamp += SAMPLES_PER_FRAME);
      const frames = Math.max(1, Math.round(durationMs / FRAME_MS));
      for (let frame = 1; frame <= frames + 2; frame++) {
        const end = frame >= frames;
        const payload = encodeDtmfEvent(tone, end, Math.min(frame, frames) * SAMPLES_PER_FRAME);
        const header = { payloadType: telephoneEvent, marker: frame === 1, sequence: leg.sequence++, timestamp: eventTimestamp, ssrc: leg.ssrc };
        leg.socket.send(encodeRtp(header, payload), port, address);
        leg.packetsSent += 1;
        if (frame <= frames) await sleep(FRAME_MS);
      }
      await sleep(FRAME_MS * 3);
    }
    return true;
  }

  close(callId: string): void {
    const leg = this.legs.get(callId);
    if (!leg) return;
    this.legs.delete(callId);
    if (leg.timer) clearInterval(leg.timer);
    leg.socket.close();
  }

  closeAll(): void {
    for (const callId of [...this.legs.keys()]) this.close(callId);
  }

  private async leg(callId: string): Promise<Leg> {
    const existing = this.legs.get(callId);
    if (existing) return existing;
    const socket = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, this.options.address ?? '127.0.0.1', () => resolve());
    });
    socket.on('error', () => undefined); // ICMP port unreachable after the far end left: not our problem
    const leg: Leg = {
      socket,
      port: socket.address().port,
      ssrc: (Math.random() * 0xffffffff) >>> 0,
      sessionId: Math.floor(Math.random() * 1e9),
      version: 0,
      direction: 'sendrecv',
      holding: false,
      remote: null,
      previous: null,
      sequence: Math.floor(Math.random() * 0xffff),
      timestamp: Math.floor(Math.random() * 0xffffff),
      timer: null,
      packetsSent: 0,
      packetsReceived: 0,
      lastEventTimestamp: null,
    };
    socket.on('message', (packet) => this.receive(callId, leg, packet));
    this.legs.set(callId, leg);
    return leg;
  }

  private receive(callId: string, leg: Leg, packet: Buffer): void {
    const rtp = decodeRtp(packet);
    if (!rtp) return;
    leg.packetsReceived += 1;
    if (leg.remote?.telephoneEvent !== rtp.header.payloadType && rtp.header.payloadType !== TELEPHONE_EVENT) return;
    const event = decodeDtmfEvent(rtp.payload);
    // One tone = several packets with the same timestamp (and the end packet three times): report it once.
    if (!event || !event.end || leg.lastEventTimestamp === rtp.header.timestamp) return;
    leg.lastEventTimestamp = rtp.header.timestamp;
    for (const listener of this.dtmfListeners) listener(callId, event.tone);
  }

  /** Starts or stops the 20 ms silence frames according to the negotiated direction. */
  private flow(leg: Leg): void {
    const send = this.options.sendAudio !== false && leg.remote !== null && !leg.holding && (leg.direction === 'sendrecv' || leg.direction === 'sendonly');
    if (!send && leg.timer) {
      clearInterval(leg.timer);
      leg.timer = null;
    }
    if (send && !leg.timer) {
      leg.timer = setInterval(() => {
        const remote = leg.remote;
        if (!remote || remote.port === 0) return;
        leg.timestamp += SAMPLES_PER_FRAME;
        leg.socket.send(encodeRtp({ payloadType: PCMU, marker: false, sequence: leg.sequence++, timestamp: leg.timestamp, ssrc: leg.ssrc }, SILENCE), remote.port, remote.address);
        leg.packetsSent += 1;
      }, FRAME_MS);
      leg.timer.unref();
    }
  }

  private describe(leg: Leg): string {
    return buildPlainSdp({
      sessionId: leg.sessionId,
      version: leg.version,
      address: this.options.address ?? '127.0.0.1',
      port: leg.port,
      direction: leg.direction,
      telephoneEvent: TELEPHONE_EVENT,
    });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
