import type { CallQuality } from '../../../../src-preload/contract';

export type QualityGrade = 'good' | 'fair' | 'poor' | 'unknown';

/**
 * Grades follow ITU-T G.107 Annex B's user satisfaction bands: R >= 80 (MOS ~4.0) users satisfied; R 70..80
 * (MOS ~3.6..4.0) some users dissatisfied; below that many are.
 */
export function gradeOf(mos: number | null): QualityGrade {
  if (mos === null) return 'unknown';
  if (mos >= 4.0) return 'good';
  if (mos >= 3.6) return 'fair';
  return 'poor';
}

export const GRADE_WORDS: Record<QualityGrade, string> = {
  good: 'Good',
  fair: 'Fair',
  poor: 'Poor',
  unknown: 'Measuring…',
};

export const GRADE_COLORS: Record<QualityGrade, string> = {
  good: 'green',
  fair: 'yellow',
  poor: 'red',
  unknown: 'gray',
};

/** One short sentence per measure, for the tooltip and screen readers. */
export function qualityDetails(quality: CallQuality | null): string[] {
  if (!quality) return ['No measurement yet: quality is measured every few seconds once audio flows.'];
  const lines: string[] = [];
  lines.push(quality.mos === null ? 'Estimated score: not enough data yet' : `Estimated score ${quality.mos.toFixed(1)} of 5`);
  lines.push(quality.roundTripMs === null ? 'Delay: not measured yet' : `Delay ${Math.round(quality.roundTripMs)} ms round trip${delayWords(quality.roundTripMs)}`);
  lines.push(quality.jitterMs === null ? 'Jitter: not measured yet' : `Jitter ${Math.round(quality.jitterMs)} ms${quality.jitterMs > 30 ? ' (audio may sound choppy)' : ''}`);
  lines.push(
    quality.lossPercent === null
      ? 'Packet loss: not measured yet'
      : `Packet loss ${formatPercent(quality.lossPercent)}${quality.lossPercent >= 3 ? ' (words may drop out)' : ''}`,
  );
  return lines;
}

function delayWords(roundTripMs: number): string {
  if (roundTripMs >= 400) return ' (people will talk over each other)';
  if (roundTripMs >= 300) return ' (noticeable lag)';
  return '';
}

function formatPercent(value: number): string {
  return `${value < 10 ? value.toFixed(1) : Math.round(value)}%`;
}
