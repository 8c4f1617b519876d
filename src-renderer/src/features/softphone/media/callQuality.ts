import type { CallQuality } from '../../../../../src-preload/contract';
import type { StatsReportLike } from './types';

/**
 * Call quality from WebRTC stats (W3C webrtc-stats: times and jitter are in SECONDS; packet counters are
 * cumulative since the stream started). Pure: the bridge samples getStats every few seconds and keeps the previous
 * sample, so loss is measured over the last interval rather than diluted by the whole call.
 */

export type VoiceCodec = 'pcmu' | 'pcma' | 'opus' | 'other';

export interface StatsSample {
  /** remote-inbound-rtp.roundTripTime (RTCP), else the selected candidate pair's currentRoundTripTime (STUN). */
  readonly roundTripMs: number | null;
  /** inbound-rtp.jitter: what we hear. */
  readonly jitterMs: number | null;
  /** Average time a sample waited in the jitter buffer (jitterBufferDelay / jitterBufferEmittedCount). */
  readonly jitterBufferMs: number | null;
  /** False when there is no inbound-rtp report yet (no media received). */
  readonly hasInbound: boolean;
  readonly packetsReceived: number;
  readonly packetsLost: number;
  readonly packetsSent: number;
  /** remote-inbound-rtp.fractionLost (0..1): what the far end lost of what we sent, per RTCP report. */
  readonly remoteFractionLost: number | null;
  readonly codec: VoiceCodec | null;
}

type Stats = Record<string, unknown>;

export function readStatsSample(report: StatsReportLike): StatsSample {
  const byId = new Map<string, Stats>();
  report.forEach((value, key) => {
    if (typeof value === 'object' && value !== null) byId.set(key, value as Stats);
  });
  const all = [...byId.values()];
  const audio = (s: Stats) => s.kind === undefined || s.kind === 'audio';
  const inbound = all.find((s) => s.type === 'inbound-rtp' && audio(s));
  const outbound = all.find((s) => s.type === 'outbound-rtp' && audio(s));
  const remoteInbound = all.find((s) => s.type === 'remote-inbound-rtp' && audio(s));

  const rttSeconds = num(remoteInbound?.roundTripTime) ?? num(selectedPair(all, byId)?.currentRoundTripTime);
  const bufferDelay = num(inbound?.jitterBufferDelay);
  const emitted = num(inbound?.jitterBufferEmittedCount);
  const codecStats = typeof inbound?.codecId === 'string' ? byId.get(inbound.codecId) : undefined;

  return {
    roundTripMs: rttSeconds === null ? null : rttSeconds * 1000,
    jitterMs: seconds(inbound?.jitter),
    jitterBufferMs: bufferDelay !== null && emitted !== null && emitted > 0 ? (bufferDelay / emitted) * 1000 : null,
    hasInbound: inbound !== undefined,
    packetsReceived: count(inbound?.packetsReceived),
    // packetsLost may be negative (duplicates) per RFC 3550 §6.4.1.
    packetsLost: count(inbound?.packetsLost),
    packetsSent: count(outbound?.packetsSent),
    remoteFractionLost: num(remoteInbound?.fractionLost),
    codec: codecOf(codecStats?.mimeType),
  };
}

/** The pair ICE is using: transport.selectedCandidatePairId, else the nominated succeeded pair. */
function selectedPair(all: Stats[], byId: Map<string, Stats>): Stats | undefined {
  const transport = all.find((s) => s.type === 'transport' && typeof s.selectedCandidatePairId === 'string');
  const viaTransport = transport ? byId.get(transport.selectedCandidatePairId as string) : undefined;
  return viaTransport ?? all.find((s) => s.type === 'candidate-pair' && s.nominated === true && s.state === 'succeeded');
}

function codecOf(mimeType: unknown): VoiceCodec | null {
  if (typeof mimeType !== 'string') return null;
  const name = mimeType.toLowerCase();
  if (name === 'audio/pcmu') return 'pcmu';
  if (name === 'audio/pcma') return 'pcma';
  if (name === 'audio/opus') return 'opus';
  return 'other';
}

/** Packetization (20 ms frames) plus typical codec/device processing, added to every one-way delay estimate. */
export const PROCESSING_DELAY_MS = 20;

/**
 * Loss over the interval since `previous` (cumulative when there is none), taking the worse direction: a call is
 * as bad as the worse of what the agent hears and what the caller hears.
 */
export function computeCallQuality(callId: string, current: StatsSample, previous: StatsSample | null = null): CallQuality {
  const inboundLoss = intervalLossPercent(current, previous);
  const outboundLoss = current.remoteFractionLost === null ? null : clamp(current.remoteFractionLost * 100, 0, 100);
  const lossPercent = maxOrNull(inboundLoss, outboundLoss);
  const jitterBufferMs = current.jitterBufferMs ?? (current.jitterMs === null ? null : 2 * current.jitterMs);
  const mos =
    lossPercent === null
      ? null
      : estimateMos({
          oneWayDelayMs: (current.roundTripMs ?? 0) / 2 + (jitterBufferMs ?? 0) + PROCESSING_DELAY_MS,
          lossPercent,
          codec: current.codec,
        });
  return {
    callId,
    roundTripMs: round(current.roundTripMs, 1),
    jitterMs: round(current.jitterMs, 1),
    lossPercent: round(lossPercent, 2),
    mos: round(mos, 2),
    packetsReceived: current.packetsReceived,
    packetsSent: current.packetsSent,
  };
}

function intervalLossPercent(current: StatsSample, previous: StatsSample | null): number | null {
  if (!current.hasInbound) return null;
  const comparable = previous?.hasInbound === true && current.packetsReceived >= previous.packetsReceived;
  const received = current.packetsReceived - (comparable ? previous.packetsReceived : 0);
  const lost = Math.max(0, current.packetsLost - (comparable ? previous.packetsLost : 0));
  // No packets in the interval (e.g. the far end holds us): nothing to measure.
  if (received + lost === 0) return null;
  return (100 * lost) / (received + lost);
}

// ---- E-model ----

/**
 * Codec impairments for the E-model: Ie (equipment impairment) and Bpl (packet-loss robustness), from ITU-T G.113
 * Appendix I (G.711 with packet loss concealment: Ie = 0, Bpl = 25.1). G.113 lists no values for Opus; we use the
 * G.711+PLC values, which is conservative for Opus (it has stronger concealment and in-band FEC).
 */
const CODEC_IMPAIRMENT: Record<VoiceCodec, { readonly ie: number; readonly bpl: number }> = {
  pcmu: { ie: 0, bpl: 25.1 },
  pcma: { ie: 0, bpl: 25.1 },
  opus: { ie: 0, bpl: 25.1 },
  other: { ie: 0, bpl: 25.1 },
};

export interface EModelInput {
  /** Mouth-to-ear delay in ms: half the round trip + jitter buffer + packetization/processing. */
  readonly oneWayDelayMs: number;
  readonly lossPercent: number;
  readonly codec: VoiceCodec | null;
}

/**
 * Simplified E-model (ITU-T G.107, 06/2015), the way Cole & Rosenbluth apply it to VoIP ("Voice over IP
 * Performance Monitoring", ACM SIGCOMM CCR 31(2), 2001):
 *   R = 93.2 - Id - Ie_eff                                 (93.2 = R0 - Is with G.107's default values, A = 0)
 *   Id = 0.024 d + 0.11 (d - 177.3) H(d - 177.3)           (d = one-way delay in ms, H = unit step)
 *   Ie_eff = Ie + (95 - Ie) Ppl / (Ppl / BurstR + Bpl)      (G.107 eq. 7-29; BurstR = 1, random loss)
 */
export function rFactor(input: EModelInput): number {
  const d = Math.max(0, input.oneWayDelayMs);
  const id = 0.024 * d + (d > 177.3 ? 0.11 * (d - 177.3) : 0);
  const { ie, bpl } = CODEC_IMPAIRMENT[input.codec ?? 'other'];
  const ppl = clamp(input.lossPercent, 0, 100);
  const ieEff = ie + ((95 - ie) * ppl) / (ppl + bpl);
  return 93.2 - id - ieEff;
}

/** G.107 Annex B (eq. B-4): MOS = 1 + 0.035 R + 7e-6 R (R - 60)(100 - R), 1 below R = 0 and 4.5 above R = 100. */
export function mosFromR(r: number): number {
  if (r <= 0) return 1;
  if (r >= 100) return 4.5;
  return clamp(1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r), 1, 4.5);
}

export function estimateMos(input: EModelInput): number {
  return mosFromR(rFactor(input));
}

// ---- helpers ----

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function seconds(value: unknown): number | null {
  const s = num(value);
  return s === null ? null : Math.max(0, s) * 1000;
}

function count(value: unknown): number {
  const n = num(value);
  return n === null ? 0 : Math.max(0, Math.round(n));
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

function maxOrNull(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

function round(value: number | null, digits: number): number | null {
  if (value === null) return null;
  const factor = 10 ** digits;
  return Math.round(Math.max(0, value) * factor) / factor;
}
