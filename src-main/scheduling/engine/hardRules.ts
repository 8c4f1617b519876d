import type { AgeRange, BookedVisit, ClinicLocation, PatientContext, Provider, SchedulingRequest, Slot, VisitStep, VisitType } from '../model';
import { haversineKm } from '../geo/haversine';
import { explain } from './explain';
import { localClock, minutesOfLocalTime } from './localClock';
import { periodIn } from './localPeriod';
import { lowerBound, type WorldIndex } from './worldIndex';

/**
 * The hard rules: a candidate failing any of them is never offered. Each check returns the failure (rule id,
 * who it is about, the sentence) or null, so the caller can both filter and explain. Checks are split by what
 * they depend on: the request alone, the provider (checked once per provider before any of its slots), and the
 * visit itself (time, place, resources).
 */
export interface RuleFailure {
  readonly rule: string;
  readonly subject: string | null;
  readonly message: string;
}

export type VisitMode = 'in-person' | 'telehealth';

/** What the rules need to know about one request, computed once. */
export interface RuleContext {
  readonly index: WorldIndex;
  readonly request: SchedulingRequest;
  readonly visitType: VisitType;
  /** Limit counts per provider/limit/local day, memoized for this request. */
  readonly limitCounts: Map<string, number>;
  /**
   * Visits decided but not yet in the world (a mass reschedule assigning one patient after another): they take
   * rooms and count towards limits like booked ones. Few, so scanned.
   */
  readonly extraBooked: readonly BookedVisit[];
}

const LIMIT_SCAN_MS = 36 * 3_600_000;

export function createRuleContext(index: WorldIndex, request: SchedulingRequest, visitType: VisitType, extraBooked: readonly BookedVisit[] = []): RuleContext {
  return { index, request, visitType, limitCounts: new Map(), extraBooked };
}

export function inAgeRange(age: number, range: AgeRange | undefined): boolean {
  if (!range) return true;
  return (range.minYears === null || age >= range.minYears) && (range.maxYears === null || age < range.maxYears);
}

export function isNewPatientTo(request: SchedulingRequest, providerId: string): boolean {
  return isNewPatient(request.patient, providerId);
}

/**
 * New to this provider: never seen by them, and they are not the patient's PCP. A PCP on the chart is an
 * established relationship even when no visit is on file (a panel assignment, records from before the EHR).
 */
export function isNewPatient(patient: Pick<PatientContext, 'seenProviderIds' | 'pcpProviderIds'>, providerId: string): boolean {
  return !patient.seenProviderIds.includes(providerId) && !patient.pcpProviderIds.includes(providerId);
}

/** Rules about the request as a whole: when one fails, nothing can be offered. */
export function requestFailure(visitType: VisitType, request: SchedulingRequest): RuleFailure | null {
  if (!inAgeRange(request.patient.ageYears, visitType.ageRange)) {
    return { rule: 'age', subject: null, message: explain.visitTypeAge(visitType, visitType.ageRange!) };
  }
  if (visitType.telehealth === 'only' && request.preferences.telehealthOk === false) {
    return { rule: 'telehealth', subject: null, message: explain.videoRefused(visitType) };
  }
  return null;
}

/** Rules about a provider for one step: insurance, ages, new patients, qualification. */
export function providerFailure(provider: Provider, visitType: VisitType, step: VisitStep, request: SchedulingRequest): RuleFailure | null {
  const subject = provider.name;
  if (step.providerIds && !step.providerIds.includes(provider.id)) return { rule: 'visit-type', subject, message: explain.notQualified(provider, visitType, step.label) };
  if (step.specialties && !step.specialties.some((s) => provider.specialties.includes(s))) {
    return { rule: 'visit-type', subject, message: explain.notQualified(provider, visitType, step.label) };
  }
  if (step.locationIds && !step.locationIds.some((l) => provider.locationIds.includes(l))) {
    return { rule: 'visit-type', subject, message: explain.notAtProviderLocations(provider, visitType) };
  }
  if (visitType.telehealth === 'only' && !provider.telehealth) return { rule: 'telehealth', subject, message: explain.noVideo(provider) };
  const plan = request.patient.planCode;
  if (provider.acceptedPlans !== 'any') {
    if (plan === null) return { rule: 'insurance', subject, message: explain.selfPay(provider) };
    if (!provider.acceptedPlans.includes(plan)) return { rule: 'insurance', subject, message: explain.plan(provider, request.patient.planName ?? plan) };
  }
  if (!inAgeRange(request.patient.ageYears, provider.ageRange)) return { rule: 'age', subject, message: explain.providerAge(provider) };
  const isNew = isNewPatientTo(request, provider.id);
  if (isNew && !provider.acceptsNewPatients) return { rule: 'new-patients', subject, message: explain.notTakingNew(provider) };
  if (visitType.patients === 'new-only' && !isNew) return { rule: 'new-patients', subject, message: explain.newOnly(provider, visitType) };
  if (visitType.patients === 'established-only' && isNew) return { rule: 'new-patients', subject, message: explain.establishedOnly(provider, visitType) };
  return null;
}

/** A slot can be taken: free and not held, or a tentative hold that has lapsed. */
export function isSlotAvailable(slot: Slot, now: number): boolean {
  const held = slot.heldUntil !== undefined && slot.heldUntil !== null;
  if (slot.status === 'free') return !held || slot.heldUntil! <= now;
  return slot.status === 'busy-tentative' && held && slot.heldUntil! <= now;
}

export function slotServesVisitType(slot: Slot, visitTypeId: string): boolean {
  return !slot.visitTypeIds || slot.visitTypeIds.length === 0 || slot.visitTypeIds.includes(visitTypeId);
}

/** In person unless the visit type is video-only, or video is allowed, wanted and offered (and needs no room). */
export function modeFor(visitType: VisitType, step: VisitStep, provider: Provider, request: SchedulingRequest): VisitMode {
  if (visitType.telehealth === 'only') return 'telehealth';
  if (visitType.telehealth === 'never') return 'in-person';
  const needsRoom = (step.requiredResources?.length ?? 0) > 0;
  return request.preferences.telehealthOk === true && provider.telehealth && !needsRoom ? 'telehealth' : 'in-person';
}

/** A visit being considered: one provider at one location over [start, end). */
export interface VisitCandidate {
  readonly provider: Provider;
  readonly location: ClinicLocation;
  readonly step: VisitStep;
  readonly start: number;
  readonly end: number;
  readonly mode: VisitMode;
}

export interface VisitCheck {
  readonly failure: RuleFailure | null;
  readonly resourceIds: readonly string[];
  readonly distanceKm: number | null;
}

/**
 * Rules about one visit's time and place. Slot availability and contiguity are checked where slots are composed
 * (composeVisits); this covers what applies to the visit as a whole. Opening hours and closures apply to video
 * visits too: the provider works the clinic's schedule, and a snowstorm closure is read the cautious way.
 */
export function visitFailure(ctx: RuleContext, c: VisitCandidate): VisitCheck {
  const { location, provider, step } = c;
  const none = (failure: RuleFailure): VisitCheck => ({ failure, resourceIds: [], distanceKm: null });
  if (step.locationIds && !step.locationIds.includes(location.id)) {
    return none({ rule: 'visit-type', subject: location.name, message: explain.locationNotOffered(location, ctx.visitType) });
  }
  const clock = localClock(c.start, location.timeZone);
  const endMinutes = clock.minutes + Math.round((c.end - c.start) / 60_000);
  const open = openingMinutes(location).some((h) => h.days.includes(clock.weekday) && h.open <= clock.minutes && endMinutes <= h.close);
  if (!open) return none({ rule: 'closed', subject: location.name, message: explain.outsideHours(location) });
  // Closures and absences written as local dates are read in this clinic's zone (engine/localPeriod.ts).
  for (const closure of location.closures) {
    const p = periodIn(closure, location.timeZone);
    if (p.start < c.end && c.start < p.end) return none({ rule: 'closed', subject: location.name, message: explain.closed(location, p) });
  }
  for (const b of provider.blocked) {
    const p = periodIn(b, location.timeZone);
    if (p.start < c.end && c.start < p.end) return none({ rule: 'blocked', subject: provider.name, message: explain.blocked(provider, p, location.timeZone) });
  }
  const limitHit = limitFailure(ctx, provider, location, c.start, clock.day, clock.weekday, clock.minutes);
  if (limitHit) return none(limitHit);
  const resourceIds: string[] = [];
  for (const need of step.requiredResources ?? []) {
    const free = location.resources.find(
      (r) => r.kind === need.kind && r.tags.includes(need.tag) && !resourceIds.includes(r.id) && !resourceBusy(ctx, r.id, c.start, c.end),
    );
    if (!free) return none({ rule: 'resource', subject: location.name, message: explain.noResource(location, need.tag) });
    resourceIds.push(free.id);
  }
  let distanceKm: number | null = null;
  const home = ctx.request.patient.home;
  if (c.mode === 'in-person' && home && location.centroid) {
    distanceKm = haversineKm(home, location.centroid);
    const max = ctx.request.preferences.maxDistanceKm;
    if (max !== undefined && distanceKm > max) {
      return none({ rule: 'distance', subject: location.name, message: explain.tooFar(location, distanceKm, max) });
    }
  }
  return { failure: null, resourceIds, distanceKm };
}

const parsedHours = new WeakMap<ClinicLocation, readonly { days: readonly string[]; open: number; close: number }[]>();

/** Opening hours in minutes, parsed once per location object (not once per slot). */
function openingMinutes(location: ClinicLocation): readonly { days: readonly string[]; open: number; close: number }[] {
  let hours = parsedHours.get(location);
  if (!hours) {
    hours = location.hours.map((h) => ({ days: h.days, open: minutesOfLocalTime(h.open), close: minutesOfLocalTime(h.close) }));
    parsedHours.set(location, hours);
  }
  return hours;
}

/** Any booked visit using the resource overlapping [start, end). */
export function resourceBusy(ctx: RuleContext, resourceId: string, start: number, end: number): boolean {
  if (ctx.extraBooked.some((b) => b.resourceIds.includes(resourceId) && b.start < end && start < b.end)) return true;
  const list = ctx.index.bookedByResource.get(resourceId);
  if (!list) return false;
  // Visits are far shorter than a day: anything starting a day earlier has ended.
  for (let i = lowerBound(list, start - 86_400_000); i < list.length; i++) {
    const b = list[i]!;
    if (b.start >= end) break;
    if (b.end > start) return true;
  }
  return false;
}

function limitFailure(
  ctx: RuleContext,
  provider: Provider,
  location: ClinicLocation,
  start: number,
  day: number,
  weekday: string,
  minutes: number,
): RuleFailure | null {
  if (provider.limits.length === 0) return null;
  const isNew = isNewPatientTo(ctx.request, provider.id);
  const half = minutes < 720 ? 'morning' : 'afternoon';
  for (const limit of provider.limits) {
    if (limit.counts === 'new-patients' && !isNew) continue;
    if (limit.visitTypeIds && !limit.visitTypeIds.includes(ctx.visitType.id)) continue;
    if (limit.days && !limit.days.includes(weekday as never)) continue;
    if (limit.per !== 'day' && limit.per !== half) continue;
    const key = `${provider.id}\u0000${limit.id}\u0000${day}\u0000${half}`;
    let count = ctx.limitCounts.get(key);
    if (count === undefined) {
      const booked = ctx.index.bookedByProvider.get(provider.id) ?? [];
      const near: BookedVisit[] = ctx.extraBooked.filter((b) => b.providerId === provider.id);
      for (let i = lowerBound(booked, start - LIMIT_SCAN_MS); i < booked.length && booked[i]!.start < start + LIMIT_SCAN_MS; i++) near.push(booked[i]!);
      count = 0;
      for (const b of near) {
        if (limit.counts === 'new-patients' && !b.newPatient) continue;
        if (limit.visitTypeIds && !limit.visitTypeIds.includes(b.visitTypeId)) continue;
        // Counted in the candidate's location zone: a provider's day is the clinic's day.
        const at = localClock(b.start, location.timeZone);
        if (at.day !== day) continue;
        if (limit.per !== 'day' && (at.minutes < 720 ? 'morning' : 'afternoon') !== limit.per) continue;
        count += 1;
      }
      ctx.limitCounts.set(key, count);
    }
    if (count >= limit.max) return { rule: 'limit', subject: provider.name, message: explain.limit(provider, limit) };
  }
  return null;
}
