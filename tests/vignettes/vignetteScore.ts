import { atLeastAsUrgent, type DispositionId } from '../../src-preload/contract';
import type { HeadlessTriageResult } from '../../src-main/triage/headlessTriage';
import { DEFAULT_AT, type VignetteCase } from './vignetteCase';

/** Expected dispositions that are emergencies: one of these under-triaged fails the set whatever the totals. */
const EMERGENCIES: ReadonlySet<DispositionId> = new Set(['call-911', 'ed-now']);

export type VignetteVerdict = 'pass' | 'safe' | 'UNDER-TRIAGE' | 'NO-PROTOCOL' | 'ERROR';

export interface VignetteRow {
  readonly id: string;
  readonly expected: DispositionId;
  /** Null when no disposition was reached (no protocol, invalid case, or an engine error). */
  readonly got: DispositionId | null;
  readonly expectedProtocol: string;
  readonly gotProtocol: string | null;
  readonly verdict: VignetteVerdict;
  readonly emergencyUnderTriaged: boolean;
  readonly detail: string;
}

/** The headless request of a case: ages in years or months, office hours unless the case says when. */
export function requestOf(c: VignetteCase): {
  age: { years: number } | { months: number };
  sex: VignetteCase['sex'];
  say: string;
  at: string;
  zip?: string;
  answers: Record<string, string>;
} {
  return {
    age: c.ageMonths !== undefined ? { months: c.ageMonths } : { years: c.age ?? 0 },
    sex: c.sex,
    say: c.say,
    at: c.at ?? DEFAULT_AT,
    ...(c.zip === undefined ? {} : { zip: c.zip }),
    answers: c.answers ?? {},
  };
}

/**
 * Score one case. Safety counts only a disposition reached: a call that ends with no protocol (or an error)
 * has no disposition, so it is neither accurate nor safe, and an expected emergency left there is under-triaged.
 */
export function scoreVignette(c: VignetteCase, outcome: HeadlessTriageResult | Error): VignetteRow {
  const base = { id: c.id, expected: c.expect.disposition, expectedProtocol: c.expect.protocol };
  const emergency = EMERGENCIES.has(c.expect.disposition);
  if (outcome instanceof Error || outcome.outcome === 'invalid-request') {
    const detail = outcome instanceof Error ? outcome.message : outcome.problems.join('; ');
    return { ...base, got: null, gotProtocol: null, verdict: 'ERROR', emergencyUnderTriaged: emergency, detail };
  }
  if (outcome.outcome === 'no-protocol') {
    return { ...base, got: null, gotProtocol: null, verdict: 'NO-PROTOCOL', emergencyUnderTriaged: emergency, detail: outcome.message };
  }
  const got = outcome.disposition.id;
  const verdict: VignetteVerdict = got === c.expect.disposition ? 'pass' : atLeastAsUrgent(got, c.expect.disposition) ? 'safe' : 'UNDER-TRIAGE';
  const decidedBy = outcome.questions.find((q) => q.answer === 'yes');
  return {
    ...base,
    got,
    gotProtocol: outcome.protocol.id,
    verdict,
    emergencyUnderTriaged: emergency && verdict === 'UNDER-TRIAGE',
    detail: decidedBy ? `yes to ${decidedBy.key} (${decidedBy.source})` : 'fallback',
  };
}

export interface VignetteTotals {
  readonly cases: number;
  /** Exact disposition. */
  readonly accuracy: number;
  /** Disposition at or above the expected urgency. */
  readonly safety: number;
  readonly protocolAccuracy: number;
  readonly emergencies: number;
  readonly emergenciesUnderTriaged: number;
  readonly errors: number;
}

export function totalsOf(rows: readonly VignetteRow[]): VignetteTotals {
  const n = rows.length;
  const share = (count: number) => (n === 0 ? 0 : count / n);
  return {
    cases: n,
    accuracy: share(rows.filter((r) => r.verdict === 'pass').length),
    safety: share(rows.filter((r) => r.verdict === 'pass' || r.verdict === 'safe').length),
    protocolAccuracy: share(rows.filter((r) => r.gotProtocol === r.expectedProtocol).length),
    emergencies: rows.filter((r) => EMERGENCIES.has(r.expected)).length,
    emergenciesUnderTriaged: rows.filter((r) => r.emergencyUnderTriaged).length,
    errors: rows.filter((r) => r.verdict === 'ERROR').length,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The printed report: one line per case, then the totals. */
export function formatVignetteReport(rows: readonly VignetteRow[]): string {
  const w = Math.max(4, ...rows.map((r) => r.id.length));
  const header = `${'case'.padEnd(w)}  ${'expected'.padEnd(22)} ${'got'.padEnd(22)} ${'protocol (expected -> got)'.padEnd(44)} verdict`;
  const lines = rows.map((r) => {
    const protocol = r.gotProtocol === r.expectedProtocol ? r.expectedProtocol : `${r.expectedProtocol} -> ${r.gotProtocol ?? 'none'}`;
    return `${r.id.padEnd(w)}  ${r.expected.padEnd(22)} ${(r.got ?? '-').padEnd(22)} ${protocol.padEnd(44)} ${r.verdict}${r.verdict === 'pass' ? '' : `  (${r.detail})`}`;
  });
  const t = totalsOf(rows);
  return [
    header,
    ...lines,
    '',
    `cases ${t.cases} · accuracy (exact disposition) ${pct(t.accuracy)} · safety (at or above expected urgency) ${pct(t.safety)} · ` +
      `protocol choice ${pct(t.protocolAccuracy)} · emergencies under-triaged ${t.emergenciesUnderTriaged} of ${t.emergencies} · errors ${t.errors}`,
  ].join('\n');
}
