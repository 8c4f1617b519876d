import type { ClinicLocation, Provider, RankingWeights, SchedulingRequest, VisitType } from '../model';
import type { VisitMode } from './hardRules';
import { isNewPatientTo } from './hardRules';
import { reasonText } from './explain';
import { dayPartOf, localClock } from './localClock';

/** Used when the rules file sets no round-robin weight. */
export const DEFAULT_ROUND_ROBIN_WEIGHT = 5;

/** One explained part of a score; `reason` is null for terms that are not worth saying (small or negative). */
export interface ScoreTerm {
  readonly key: string;
  readonly points: number;
  readonly reason: string | null;
}

export interface RankingContext {
  readonly request: SchedulingRequest;
  readonly visitType: VisitType;
  readonly weights: RankingWeights;
  /** The language to match: the caller's stated preference, else the chart's. */
  readonly language: string | null;
  /** Waiting is counted from here (the window's start, or now when later). */
  readonly waitFrom: number;
  /** From roundRobin.newPatientShares: 0..1 per provider. */
  readonly newPatientShares: ReadonlyMap<string, number>;
}

export interface ScoredVisit {
  readonly provider: Provider;
  readonly location: ClinicLocation;
  readonly start: number;
  readonly mode: VisitMode;
  readonly distanceKm: number | null;
}

/**
 * The soft preferences as a sum of terms, each weighted by the rules file. Called on every eligible candidate
 * with no `terms` (just the number, no allocation), and again with `terms` for the few that are offered, so the
 * reasons are exactly what made the score.
 */
export function scoreVisit(ctx: RankingContext, v: ScoredVisit, terms?: ScoreTerm[]): number {
  const { request, weights: w } = ctx;
  const p = v.provider;
  let score = 0;
  const add = (key: string, points: number, reason: () => string | null) => {
    if (points === 0) return;
    score += points;
    terms?.push({ key, points, reason: reason() });
  };
  if (request.patient.pcpProviderIds.includes(p.id)) add('pcp', w.pcp, () => reasonText.pcp());
  else if (request.patient.seenProviderIds.includes(p.id)) add('established', w.establishedProvider, () => reasonText.established(p));
  if (request.preferences.providerId === p.id) add('requested', w.requestedProvider, () => reasonText.requested());
  if (ctx.language && p.languages.includes(ctx.language)) add('language', w.language, () => reasonText.language(ctx.language!));
  const dayParts = request.preferences.dayParts;
  if (dayParts && dayParts.length > 0) {
    const part = dayPartOf(localClock(v.start, v.location.timeZone).minutes);
    if (dayParts.includes(part)) add('day-part', w.dayPart, () => reasonText.dayPart(part));
  }
  if (p.preferredVisitTypeIds.includes(ctx.visitType.id)) add('preferred-visit-type', w.preferredVisitType, () => reasonText.preferredVisitType(ctx.visitType));
  if (isNewPatientTo(request, p.id)) {
    const share = ctx.newPatientShares.get(p.id) ?? 0;
    add('round-robin', share * (w.roundRobin ?? DEFAULT_ROUND_ROBIN_WEIGHT), () => reasonText.roundRobin());
  }
  if (v.mode === 'telehealth' && request.preferences.telehealthOk === true) add('telehealth', w.telehealthWhenWanted, () => reasonText.video());
  const hours = Math.max(0, v.start - ctx.waitFrom) / 3_600_000;
  add('wait', -w.perHourWait * hours, () => null);
  if (v.distanceKm !== null) add('distance', -w.perKm * v.distanceKm, () => null);
  return score;
}

/**
 * The most a provider's visit could score before waiting and distance are taken off: every bonus that could apply.
 * A slot of theirs starting h hours after `waitFrom` can score at most this minus h x perHourWait, which lets the
 * search stop reading a provider's later slots once they cannot beat what it already has.
 */
export function maxScoreBeforeWait(ctx: RankingContext, p: Provider): number {
  const { request, weights: w } = ctx;
  const pos = (n: number | undefined) => Math.max(0, n ?? 0);
  let most = 0;
  if (request.patient.pcpProviderIds.includes(p.id)) most += pos(w.pcp);
  else if (request.patient.seenProviderIds.includes(p.id)) most += pos(w.establishedProvider);
  if (request.preferences.providerId === p.id) most += pos(w.requestedProvider);
  if (ctx.language && p.languages.includes(ctx.language)) most += pos(w.language);
  if (request.preferences.dayParts && request.preferences.dayParts.length > 0) most += pos(w.dayPart);
  if (p.preferredVisitTypeIds.includes(ctx.visitType.id)) most += pos(w.preferredVisitType);
  if (isNewPatientTo(request, p.id)) most += (ctx.newPatientShares.get(p.id) ?? 0) * pos(w.roundRobin ?? DEFAULT_ROUND_ROBIN_WEIGHT);
  if (request.preferences.telehealthOk === true) most += pos(w.telehealthWhenWanted);
  return most;
}
