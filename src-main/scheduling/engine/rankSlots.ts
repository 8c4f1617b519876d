import type { BookedVisit, EngineOffer, EngineResult, EngineVisit, Provider, RankingWeights, SchedulingRequest, SchedulingWorld, Slot, VisitStep, VisitType } from '../model';
import { BestCandidates, compareRank, type RankKey } from './bestCandidates';
import { consecutiveSlots, type CompositionFailure } from './composeVisits';
import { explain, reasonText } from './explain';
import { ExclusionTally } from './exclusionTally';
import {
  createRuleContext,
  modeFor,
  providerFailure,
  requestFailure,
  visitFailure,
  type RuleContext,
  type RuleFailure,
  type VisitMode,
} from './hardRules';
import { dayPartOf, localClock } from './localClock';
import { newPatientShares } from './roundRobin';
import { maxScoreBeforeWait, scoreVisit, type RankingContext, type ScoreTerm } from './softRanking';
import { indexWorld, lowerBound, upperBound, type WorldIndex } from './worldIndex';

/** How far past the window `firstAfterWindow` looks. */
export const AFTER_WINDOW_SEARCH_MS = 30 * 86_400_000;
/** A later step with no max gap may follow within this. */
const DEFAULT_MAX_GAP_MINUTES = 30 * 24 * 60;
/**
 * Diversity: on the first pass at most this many offers per provider in one day part of one day, so the best 10
 * are not ten back-to-back slots of one provider when others are eligible. A second pass fills any places left
 * from what the cap skipped, in rank order, so a lone eligible provider still fills the list.
 */
export const OFFERS_PER_PROVIDER_DAY_PART = 2;

/** A ranked visit that passed every hard rule. */
interface CandidateVisit extends RankKey {
  readonly step: VisitStep;
  readonly stepIndex: number;
  readonly provider: Provider;
  readonly slots: readonly Slot[];
  readonly end: number;
  readonly locationId: string;
  readonly mode: VisitMode;
  readonly resourceIds: readonly string[];
  readonly distanceKm: number | null;
}

interface EligibleProvider {
  readonly provider: Provider;
  readonly slots: readonly Slot[];
}

/** For the engine's own callers (mass reschedule, waitlist): constraints on top of the world. */
export interface RankOptions {
  /** Slots already promised to someone else in this plan: never offered. */
  readonly takenSlotIds?: ReadonlySet<string>;
  /** Visits decided in this plan but not in the world yet: they use rooms and count towards limits. */
  readonly extraBooked?: readonly BookedVisit[];
  /** Only visits starting on one of these slots (a freed slot offered to the waitlist). */
  readonly startSlotIds?: ReadonlySet<string>;
}

/** One request's state: rules, ranking, and the providers that can do each step. */
interface Search {
  readonly index: WorldIndex;
  readonly request: SchedulingRequest;
  readonly visitType: VisitType;
  readonly rules: RuleContext;
  readonly ranking: RankingContext;
  readonly eligibleByStep: (EligibleProvider[] | undefined)[];
  /** Per later step: each slot's checked visit (null = fails a rule), scored with waiting counted from 0. */
  readonly followUpCache: Map<string, CandidateVisit | null>[];
  readonly options: RankOptions;
}

/**
 * Ranks the slots for a request: every hard rule filters (never offered, always explained), then the soft
 * preferences rank what is left. Pure and deterministic: the same world and request give the same result.
 *
 * `considered` counts every slot in the window. Exclusions count the slots actually examined: a provider failing a
 * provider rule has all its window slots counted at once; a provider whose later slots can no longer beat the
 * offers already found stops being read (see findOffers), so those slots are neither offered nor excluded.
 */
export function rankSlots(world: SchedulingWorld, request: SchedulingRequest): EngineResult {
  return rankIndexed(indexWorld(world), world.weights, request, {});
}

/** rankSlots on an index (possibly with overrides, see withOverrides) and with a plan's constraints. */
export function rankIndexed(index: WorldIndex, weights: RankingWeights, request: SchedulingRequest, options: RankOptions): EngineResult {
  const tally = new ExclusionTally();
  const visitType = index.visitTypes.get(request.visitTypeId);
  if (!visitType || visitType.steps.length === 0) {
    return { offers: [], exclusions: [{ rule: 'visit-type', subject: null, message: explain.unknownVisitType(request.visitTypeId), slots: 0 }], considered: 0, firstAfterWindow: null };
  }
  const from = Math.max(request.window.from, request.now);
  const to = request.window.to;
  const search = createSearch(index, request, visitType, weights, options);
  const considered = countInRange(index, from, to);
  const refused = requestFailure(visitType, request);
  if (refused) {
    tally.add(refused, considered);
    return { offers: [], exclusions: tally.list(), considered, firstAfterWindow: null };
  }
  const offers = to >= from ? findOffers(search, from, to, request.limit, tally) : [];
  let firstAfterWindow: EngineOffer | null = null;
  if (offers.length === 0) {
    const after = Math.max(to + 1, from);
    firstAfterWindow = findOffers(search, after, after + AFTER_WINDOW_SEARCH_MS, 1, null)[0] ?? null;
  }
  return { offers, exclusions: tally.list(), considered, firstAfterWindow };
}

function createSearch(index: WorldIndex, request: SchedulingRequest, visitType: VisitType, weights: RankingWeights, options: RankOptions): Search {
  const from = Math.max(request.window.from, request.now);
  return {
    index,
    request,
    visitType,
    rules: createRuleContext(index, request, visitType, options.extraBooked),
    ranking: {
      request,
      visitType,
      weights,
      language: request.preferences.language ?? request.patient.language,
      waitFrom: from,
      newPatientShares: newPatientShares(index, index.providerOrder, request.now),
    },
    eligibleByStep: [],
    followUpCache: visitType.steps.map(() => new Map()),
    options,
  };
}

function countInRange(index: WorldIndex, from: number, to: number): number {
  if (to < from) return 0;
  let n = 0;
  for (const list of index.slotsByProvider.values()) n += upperBound(list, to) - lowerBound(list, from);
  return n;
}

/** Providers that pass the provider rules for a step; on the first step, what the others would have had is tallied. */
function eligibleFor(search: Search, stepIndex: number, tally: ExclusionTally | null, from: number, to: number): EligibleProvider[] {
  const known = search.eligibleByStep[stepIndex];
  if (known && !tally) return known;
  const step = search.visitType.steps[stepIndex]!;
  const eligible: EligibleProvider[] = [];
  for (const provider of search.index.providerOrder) {
    const slots = search.index.slotsByProvider.get(provider.id) ?? [];
    const failure = providerFailure(provider, search.visitType, step, search.request);
    if (failure) {
      tally?.add(failure, Math.max(0, upperBound(slots, to) - lowerBound(slots, from)));
      continue;
    }
    eligible.push({ provider, slots });
  }
  search.eligibleByStep[stepIndex] = eligible;
  const language = search.ranking.language;
  if (tally && stepIndex === 0 && language && eligible.length > 0 && !eligible.some((e) => e.provider.languages.includes(language))) {
    tally.add({ rule: 'language-unavailable', subject: null, message: explain.languageUnavailable(language) }, 0);
  }
  return eligible;
}

function compositionFailure(kind: CompositionFailure, provider: Provider, minutes: number): RuleFailure {
  if (kind === 'taken') return { rule: 'taken', subject: null, message: explain.taken() };
  if (kind === 'reserved') return { rule: 'reserved', subject: provider.name, message: explain.reserved(provider) };
  return { rule: 'consecutive', subject: provider.name, message: explain.notConsecutive(provider, minutes) };
}

/** The visit starting on `slots[i]` for a step, or why not. */
function checkVisit(search: Search, stepIndex: number, provider: Provider, slots: readonly Slot[], i: number, waitFrom: number): CandidateVisit | RuleFailure {
  const step = search.visitType.steps[stepIndex]!;
  const durationMs = step.durationMinutes * 60_000;
  const composed = consecutiveSlots(slots, i, durationMs, search.visitType.id, search.request.now);
  if (typeof composed === 'string') return compositionFailure(composed, provider, step.durationMinutes);
  const taken = search.options.takenSlotIds;
  if (taken && composed.some((s) => taken.has(s.id))) return compositionFailure('taken', provider, step.durationMinutes);
  const first = composed[0]!;
  const location = search.index.locations.get(first.locationId);
  if (!location) return { rule: 'visit-type', subject: null, message: explain.unknownLocation(first.locationId) };
  const mode = modeFor(search.visitType, step, provider, search.request);
  const end = first.start + durationMs;
  const check = visitFailure(search.rules, { provider, location, step, start: first.start, end, mode });
  if (check.failure) return check.failure;
  const ranking = waitFrom === search.ranking.waitFrom ? search.ranking : { ...search.ranking, waitFrom };
  const score = scoreVisit(ranking, { provider, location, start: first.start, mode, distanceKm: check.distanceKm });
  return {
    score,
    start: first.start,
    providerId: provider.id,
    firstSlotId: first.id,
    step,
    stepIndex,
    provider,
    slots: composed,
    end,
    locationId: location.id,
    mode,
    resourceIds: check.resourceIds,
    distanceKm: check.distanceKm,
  };
}

function isFailure(v: CandidateVisit | RuleFailure): v is RuleFailure {
  return 'rule' in v;
}

/** The search reads all providers' slots a day at a time, so the best-so-far fills early and prunes the rest. */
const SCAN_CHUNK_MS = 86_400_000;

function findOffers(search: Search, from: number, to: number, limit: number, tally: ExclusionTally | null): EngineOffer[] {
  const multiStep = search.visitType.steps.length > 1;
  // Enough spare candidates for the diversity cap, overlapping compositions and follow-ups that do not fit.
  const best = new BestCandidates<CandidateVisit>(Math.max(limit * 25, 250) * (multiStep ? 2 : 1));
  const { waitFrom } = search.ranking;
  const perHour = Math.max(0, search.ranking.weights.perHourWait) / 3_600_000;
  const only = search.options.startSlotIds;
  const cursors = eligibleFor(search, 0, tally, from, to).map((e) => ({
    ...e,
    next: lowerBound(e.slots, from),
    end: upperBound(e.slots, to),
    most: maxScoreBeforeWait(search.ranking, e.provider),
  }));
  for (let chunkEnd = from + SCAN_CHUNK_MS; ; chunkEnd += SCAN_CHUNK_MS) {
    const floor = best.floorScore();
    let active = false;
    for (const c of cursors) {
      if (c.next >= c.end) continue;
      // Everything later of this provider scores at most this: when it cannot beat the kept list, stop reading.
      if (floor !== null && c.most - perHour * Math.max(0, c.slots[c.next]!.start - waitFrom) < floor) {
        c.next = c.end;
        continue;
      }
      active = true;
      for (; c.next < c.end && c.slots[c.next]!.start < chunkEnd; c.next++) {
        if (only && !only.has(c.slots[c.next]!.id)) continue;
        const visit = checkVisit(search, 0, c.provider, c.slots, c.next, waitFrom);
        if (isFailure(visit)) tally?.add(visit, 1);
        else best.add(visit);
      }
    }
    if (!active) break;
  }
  return selectOffers(search, best.sorted(), limit, tally);
}

/** A list of offers from ranked first visits: no slot twice, diversity cap first, then fill; later steps attached. */
function selectOffers(search: Search, ranked: readonly CandidateVisit[], limit: number, tally: ExclusionTally | null): EngineOffer[] {
  const used = new Set<string>();
  const perDayPart = new Map<string, number>();
  const chosen: CandidateVisit[][] = [];
  const skipped: CandidateVisit[] = [];
  const noFollowUp = new Set<CandidateVisit>();
  const take = (first: CandidateVisit): boolean => {
    if (first.slots.some((s) => used.has(s.id))) return false;
    const sequence = [first];
    const pending = new Set(first.slots.map((s) => s.id));
    for (let k = 1; k < search.visitType.steps.length; k++) {
      const next = bestFollowUp(search, k, sequence[k - 1]!.end, used, pending);
      if (!next) {
        if (!noFollowUp.has(first)) {
          noFollowUp.add(first);
          const step = search.visitType.steps[k]!;
          tally?.add({ rule: 'sequence', subject: null, message: explain.noFollowUp(search.visitType, step.label) }, 1);
        }
        return false;
      }
      sequence.push(next);
      for (const s of next.slots) pending.add(s.id);
    }
    for (const id of pending) used.add(id);
    chosen.push(sequence);
    return true;
  };
  for (const candidate of ranked) {
    if (chosen.length >= limit) break;
    const location = search.index.locations.get(candidate.locationId)!;
    const clock = localClock(candidate.start, location.timeZone);
    const key = `${candidate.providerId}\u0000${clock.day}\u0000${dayPartOf(clock.minutes)}`;
    const n = perDayPart.get(key) ?? 0;
    if (n >= OFFERS_PER_PROVIDER_DAY_PART) {
      skipped.push(candidate);
      continue;
    }
    if (take(candidate)) perDayPart.set(key, n + 1);
  }
  for (const candidate of skipped) {
    if (chosen.length >= limit) break;
    take(candidate);
  }
  chosen.sort((a, b) => compareRank(a[0]!, b[0]!));
  const soonest = Math.min(...chosen.map((c) => c[0]!.start));
  return chosen.map((sequence) => toOffer(search, sequence, sequence[0]!.start === soonest));
}

/**
 * The best later step starting within [min gap, max gap] after the previous step ends. Sequences are ranked by
 * their first visit (what the disposition's window is about); the follow-up is the best one the gap allows.
 * Each slot is checked once per request: waiting is scored from 0 here, which orders the slots of any gap the
 * same way as scoring from the gap's start would.
 */
function bestFollowUp(search: Search, k: number, previousEnd: number, used: ReadonlySet<string>, pending: ReadonlySet<string>): CandidateVisit | null {
  const step = search.visitType.steps[k]!;
  const from = previousEnd + (step.minGapMinutes ?? 0) * 60_000;
  const to = previousEnd + (step.maxGapMinutes ?? DEFAULT_MAX_GAP_MINUTES) * 60_000;
  const cache = search.followUpCache[k]!;
  const perHour = Math.max(0, search.ranking.weights.perHourWait) / 3_600_000;
  let best: CandidateVisit | null = null;
  for (const { provider, slots } of eligibleFor(search, k, null, from, to)) {
    const most = maxScoreBeforeWait(search.ranking, provider);
    const hi = upperBound(slots, to);
    for (let i = lowerBound(slots, Math.max(from, search.request.now)); i < hi; i++) {
      const slot = slots[i]!;
      // Scores here count waiting from 0, so a later slot of this provider can only score less than this bound.
      if (best && most - perHour * slot.start < best.score) break;
      let visit = cache.get(slot.id);
      if (visit === undefined) {
        const checked = checkVisit(search, k, provider, slots, i, 0);
        visit = isFailure(checked) ? null : checked;
        cache.set(slot.id, visit);
      }
      if (!visit || visit.slots.some((s) => used.has(s.id) || pending.has(s.id))) continue;
      if (!best || compareRank(visit, best) < 0) best = visit;
    }
  }
  return best;
}

function toOffer(search: Search, sequence: readonly CandidateVisit[], isSoonest: boolean): EngineOffer {
  const { request } = search;
  const visits: EngineVisit[] = sequence.map((v) => ({
    stepIndex: v.stepIndex,
    label: v.step.label,
    start: v.start,
    end: v.end,
    slotIds: v.slots.map((s) => s.id),
    providerId: v.providerId,
    locationId: v.locationId,
    mode: v.mode,
    resourceIds: v.resourceIds,
    distanceKm: v.distanceKm,
  }));
  const first = sequence[0]!;
  const location = search.index.locations.get(first.locationId)!;
  const terms: ScoreTerm[] = [];
  scoreVisit(search.ranking, { provider: first.provider, location, start: first.start, mode: first.mode, distanceKm: first.distanceKm }, terms);
  const reasons = terms
    .filter((t) => t.points > 0 && t.reason !== null)
    .sort((a, b) => b.points - a.points)
    .map((t) => t.reason!);
  if (isSoonest) reasons.push(reasonText.soonest(first.start, request.now, location.timeZone));
  if (first.distanceKm !== null) reasons.push(reasonText.distance(first.distanceKm));
  else if (first.mode === 'in-person' && request.preferences.maxDistanceKm !== undefined) reasons.push(reasonText.distanceUnknown());
  for (const later of sequence.slice(1)) {
    const zone = search.index.locations.get(later.locationId)!.timeZone;
    reasons.push(reasonText.then(later.step.label, later.start, request.now, zone));
  }
  if (reasons.length === 0) reasons.push(reasonText.when(first.start, request.now, location.timeZone));
  const score = Math.round(first.score * 1000) / 1000;
  const offerId = visits.map((v) => `${v.mode === 'telehealth' ? 'video' : 'visit'}:${v.slotIds.join('+')}`).join('|');
  return { offerId, score, visits, reasons };
}
