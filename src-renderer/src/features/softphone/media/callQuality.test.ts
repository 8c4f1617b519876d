import { describe, expect, it } from 'vitest';
import { computeCallQuality, estimateMos, mosFromR, readStatsSample, rFactor, type StatsSample } from './callQuality';

const CALL = '6f1c2b0e-7a7d-4c61-9d55-0a4b8f1e2c3d';

/** A Chromium-shaped getStats report (units as in W3C webrtc-stats: seconds). */
function report(overrides: {
  rttS?: number | null;
  pairRttS?: number;
  jitterS?: number;
  received?: number;
  lost?: number;
  sent?: number;
  fractionLost?: number;
  bufferDelayS?: number;
  emitted?: number;
  mimeType?: string;
  noInbound?: boolean;
} = {}): Map<string, unknown> {
  const stats = new Map<string, unknown>();
  stats.set('T01', { type: 'transport', id: 'T01', selectedCandidatePairId: 'CP1' });
  stats.set('CP1', { type: 'candidate-pair', id: 'CP1', state: 'succeeded', nominated: true, currentRoundTripTime: overrides.pairRttS ?? 0.03 });
  stats.set('COT', { type: 'codec', id: 'COT', mimeType: overrides.mimeType ?? 'audio/PCMU', clockRate: 8000 });
  if (!overrides.noInbound) {
    stats.set('IT01', {
      type: 'inbound-rtp',
      kind: 'audio',
      codecId: 'COT',
      jitter: overrides.jitterS ?? 0.002,
      packetsReceived: overrides.received ?? 1000,
      packetsLost: overrides.lost ?? 0,
      jitterBufferDelay: overrides.bufferDelayS ?? 960 * 0.04,
      jitterBufferEmittedCount: overrides.emitted ?? 960,
    });
  }
  stats.set('OT01', { type: 'outbound-rtp', kind: 'audio', packetsSent: overrides.sent ?? 1000 });
  if (overrides.rttS !== null) {
    stats.set('RI01', { type: 'remote-inbound-rtp', kind: 'audio', roundTripTime: overrides.rttS ?? 0.02, fractionLost: overrides.fractionLost ?? 0 });
  }
  return stats;
}

describe('readStatsSample', () => {
  it('reads RTT, jitter and the jitter buffer in ms from seconds, and the codec', () => {
    const sample = readStatsSample(report({ rttS: 0.05, jitterS: 0.004, bufferDelayS: 30, emitted: 1000 }));
    expect(sample.roundTripMs).toBeCloseTo(50);
    expect(sample.jitterMs).toBeCloseTo(4);
    expect(sample.jitterBufferMs).toBeCloseTo(30);
    expect(sample.codec).toBe('pcmu');
    expect(sample.packetsReceived).toBe(1000);
    expect(sample.packetsSent).toBe(1000);
  });

  it('falls back to the selected candidate pair RTT before the first RTCP report', () => {
    expect(readStatsSample(report({ rttS: null, pairRttS: 0.08 })).roundTripMs).toBeCloseTo(80);
  });

  it('returns nulls and zeros for an empty report', () => {
    expect(readStatsSample(new Map())).toEqual({
      roundTripMs: null,
      jitterMs: null,
      jitterBufferMs: null,
      hasInbound: false,
      packetsReceived: 0,
      packetsLost: 0,
      packetsSent: 0,
      remoteFractionLost: null,
      codec: null,
    });
  });
});

describe('E-model', () => {
  it('gives ~4.4 with no loss and little delay (the best narrowband can do)', () => {
    expect(estimateMos({ oneWayDelayMs: 50, lossPercent: 0, codec: 'pcmu' })).toBeCloseTo(4.4, 1);
    expect(rFactor({ oneWayDelayMs: 0, lossPercent: 0, codec: 'pcmu' })).toBeCloseTo(93.2);
  });

  it('drops clearly with 5 % random loss (G.711 with PLC, Bpl 25.1)', () => {
    const clean = estimateMos({ oneWayDelayMs: 50, lossPercent: 0, codec: 'pcmu' });
    const lossy = estimateMos({ oneWayDelayMs: 50, lossPercent: 5, codec: 'pcmu' });
    // Ie_eff = 95 * 5 / (5 + 25.1) = 15.8
    expect(rFactor({ oneWayDelayMs: 0, lossPercent: 5, codec: 'pcmu' })).toBeCloseTo(93.2 - (95 * 5) / 30.1, 5);
    expect(lossy).toBeLessThan(clean - 0.4);
    expect(lossy).toBeLessThan(4);
  });

  it('penalises delay past 177.3 ms one way more steeply', () => {
    const below = rFactor({ oneWayDelayMs: 177.3, lossPercent: 0, codec: 'opus' });
    const above = rFactor({ oneWayDelayMs: 277.3, lossPercent: 0, codec: 'opus' });
    expect(93.2 - below).toBeCloseTo(0.024 * 177.3, 5);
    expect(below - above).toBeCloseTo(0.024 * 100 + 0.11 * 100, 5);
  });

  it('maps R to MOS with G.107 Annex B and clamps to 1..4.5', () => {
    expect(mosFromR(-10)).toBe(1);
    expect(mosFromR(0)).toBe(1);
    expect(mosFromR(100)).toBe(4.5);
    expect(mosFromR(120)).toBe(4.5);
    expect(mosFromR(80)).toBeCloseTo(1 + 0.035 * 80 + 7e-6 * 80 * 20 * 20, 10);
    expect(mosFromR(50)).toBeCloseTo(2.58, 2);
  });

  it('never leaves 1..4.5 however bad the network', () => {
    for (const loss of [0, 1, 10, 50, 100]) {
      for (const delay of [0, 100, 400, 1_000, 10_000]) {
        const mos = estimateMos({ oneWayDelayMs: delay, lossPercent: loss, codec: null });
        expect(mos).toBeGreaterThanOrEqual(1);
        expect(mos).toBeLessThanOrEqual(4.5);
      }
    }
  });
});

describe('computeCallQuality', () => {
  it('scores a clean call about 4.4 (Good)', () => {
    const quality = computeCallQuality(CALL, readStatsSample(report()));
    expect(quality).toMatchObject({ callId: CALL, roundTripMs: 20, jitterMs: 2, lossPercent: 0, packetsReceived: 1000, packetsSent: 1000 });
    expect(quality.mos).toBeGreaterThan(4.3);
    expect(quality.mos).toBeCloseTo(4.4, 1);
  });

  it('scores 5 % loss clearly lower', () => {
    const quality = computeCallQuality(CALL, readStatsSample(report({ received: 950, lost: 50 })));
    expect(quality.lossPercent).toBe(5);
    expect(quality.mos!).toBeLessThan(4);
  });

  it('scores a 400 ms round trip lower than a 20 ms one', () => {
    const near = computeCallQuality(CALL, readStatsSample(report({ rttS: 0.02 })));
    const far = computeCallQuality(CALL, readStatsSample(report({ rttS: 0.4 })));
    expect(far.roundTripMs).toBe(400);
    expect(far.mos!).toBeLessThan(near.mos! - 0.2);
  });

  it('takes the worse direction: loss the far end reports of our audio counts too', () => {
    const quality = computeCallQuality(CALL, readStatsSample(report({ fractionLost: 0.08 })));
    expect(quality.lossPercent).toBe(8);
  });

  it('measures loss over the interval since the previous sample, not since the call started', () => {
    const previous = readStatsSample(report({ received: 10_000, lost: 0 }));
    const current = readStatsSample(report({ received: 10_200, lost: 50 }));
    expect(computeCallQuality(CALL, current, previous).lossPercent).toBe(20);
    expect(computeCallQuality(CALL, current, null).lossPercent).toBeCloseTo(0.49, 2);
  });

  it('uses 2 x jitter for the buffer when the browser reports no jitter buffer stats', () => {
    const withBuffer = readStatsSample(report({ jitterS: 0.05, bufferDelayS: 0, emitted: 0 }));
    expect(withBuffer.jitterBufferMs).toBeNull();
    const quality = computeCallQuality(CALL, withBuffer);
    const expected = estimateMos({ oneWayDelayMs: 10 + 100 + 20, lossPercent: 0, codec: 'pcmu' });
    expect(quality.mos).toBeCloseTo(expected, 2);
  });

  it('gives nulls when the stats are missing (no media yet)', () => {
    expect(computeCallQuality(CALL, readStatsSample(new Map()))).toEqual({
      callId: CALL,
      roundTripMs: null,
      jitterMs: null,
      lossPercent: null,
      mos: null,
      packetsReceived: 0,
      packetsSent: 0,
    });
  });

  it('gives no loss (and no score) for an interval without inbound packets, e.g. while held', () => {
    const sample = readStatsSample(report({ received: 500, lost: 0, fractionLost: undefined }));
    const quality = computeCallQuality(CALL, sample, sample);
    expect(quality.lossPercent).toBe(0); // fractionLost 0 from RTCP still counts
    const noRtcp: StatsSample = { ...sample, remoteFractionLost: null };
    expect(computeCallQuality(CALL, noRtcp, noRtcp)).toMatchObject({ lossPercent: null, mos: null });
  });
});
