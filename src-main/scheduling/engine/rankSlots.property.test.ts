import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EngineOffer, EngineResult, SchedulingRequest, SchedulingWorld } from '../model';
import { planMassReschedule } from './planMassReschedule';
import { rankSlots } from './rankSlots';
import { randomCase } from './testing/randomWorld';
import { offerFreedSlot, type WaitlistEntry } from './waitlistOrder';

/**
 * Property tests: random worlds and requests, and every offer checked against each hard rule by a checker written
 * here, independently of the engine (its own reading of wall clocks through Intl, its own distance), so a bug in
 * the engine's rules cannot hide behind the same bug in the check.
 */

const formats = new Map<string, Intl.DateTimeFormat>();
/** The wall clock the slow, obvious way. */
function wall(ms: number, timeZone: string): { day: string; weekday: string; minutes: number } {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit' });
    formats.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, x.value]));
  return { day: `${p.year}-${p.month}-${p.day}`, weekday: p.weekday!.toLowerCase(), minutes: Number(p.hour) * 60 + Number(p.minute) };
}

function km(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const toRad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * toRad) / 2) ** 2 + Math.cos(a.lat * toRad) * Math.cos(b.lat * toRad) * Math.sin(((b.lon - a.lon) * toRad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
const toMinutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));

/** Every hard rule an offer breaks, in words (empty = none). */
function violations(world: SchedulingWorld, request: SchedulingRequest, offer: EngineOffer): string[] {
  const out: string[] = [];
  const vt = world.visitTypes.find((v) => v.id === request.visitTypeId)!;
  const { patient, preferences } = request;
  if (offer.visits.length !== vt.steps.length) out.push('wrong number of visits');
  offer.visits.forEach((v, k) => {
    const step = vt.steps[k]!;
    const p = world.providers.find((x) => x.id === v.providerId)!;
    const loc = world.locations.find((x) => x.id === v.locationId)!;
    const bad = (rule: string) => out.push(`visit ${k}: ${rule}`);
    if (v.stepIndex !== k) bad('step order');
    if (k === 0 && (v.start < request.window.from || v.start > request.window.to)) bad('outside window');
    if (v.start < request.now) bad('in the past');
    if (k > 0) {
      const gap = v.start - offer.visits[k - 1]!.end;
      if (gap < (step.minGapMinutes ?? 0) * 60_000) bad('gap too short');
      if (step.maxGapMinutes !== undefined && gap > step.maxGapMinutes * 60_000) bad('gap too long');
    }
    if (v.end - v.start !== step.durationMinutes * 60_000) bad('duration');
    // Slots: this provider and place, contiguous from start to end, each bookable for this visit type.
    const slots = v.slotIds.map((id) => world.slots.find((s) => s.id === id)!);
    if (slots.some((s) => !s)) bad('unknown slot');
    if (slots[0]!.start !== v.start || slots[slots.length - 1]!.end < v.end) bad('slots do not cover the visit');
    slots.forEach((s, i) => {
      if (s.providerId !== p.id || s.locationId !== loc.id) bad('slot of someone else');
      if (i > 0 && s.start !== slots[i - 1]!.end) bad('slots not contiguous');
      const heldNow = s.heldUntil != null && s.heldUntil > request.now;
      const ok = (s.status === 'free' && !heldNow) || (s.status === 'busy-tentative' && s.heldUntil != null && !heldNow);
      if (!ok) bad(`slot ${s.status}${heldNow ? ' held' : ''}`);
      if (s.visitTypeIds && s.visitTypeIds.length > 0 && !s.visitTypeIds.includes(vt.id)) bad('slot reserved');
    });
    if (step.providerIds && !step.providerIds.includes(p.id)) bad('provider not listed');
    if (step.specialties && !step.specialties.some((x) => p.specialties.includes(x))) bad('specialty');
    if (step.locationIds && !step.locationIds.includes(loc.id)) bad('location not allowed');
    const w = wall(v.start, loc.timeZone);
    const endMinutes = w.minutes + step.durationMinutes;
    if (!loc.hours.some((h) => h.days.includes(w.weekday as never) && toMinutes(h.open) <= w.minutes && endMinutes <= toMinutes(h.close))) bad('closed hours');
    if (loc.closures.some((c) => overlaps(c, v))) bad('closure');
    if (p.blocked.some((b) => overlaps(b, v))) bad('blocked');
    if (p.acceptedPlans !== 'any' && (patient.planCode === null || !p.acceptedPlans.includes(patient.planCode))) bad('insurance');
    const inRange = (r: { minYears: number | null; maxYears: number | null } | undefined) =>
      !r || ((r.minYears === null || patient.ageYears >= r.minYears) && (r.maxYears === null || patient.ageYears < r.maxYears));
    if (!inRange(p.ageRange) || !inRange(vt.ageRange)) bad('age');
    const isNew = !patient.seenProviderIds.includes(p.id) && !patient.pcpProviderIds.includes(p.id);
    if (isNew && !p.acceptsNewPatients) bad('not taking new patients');
    if (vt.patients === 'new-only' && !isNew) bad('new only');
    if (vt.patients === 'established-only' && isNew) bad('established only');
    if (vt.telehealth === 'only' && (v.mode !== 'telehealth' || !p.telehealth || preferences.telehealthOk === false)) bad('video only');
    if (vt.telehealth === 'never' && v.mode !== 'in-person') bad('video never');
    if (v.mode === 'telehealth' && !p.telehealth) bad('video without provider');
    // Rooms: one distinct, tagged, free resource at the location per requirement.
    const needs = step.requiredResources ?? [];
    if (v.resourceIds.length !== needs.length || new Set(v.resourceIds).size !== needs.length) bad('resources count');
    needs.forEach((need, i) => {
      const res = loc.resources.find((r) => r.id === v.resourceIds[i]);
      if (!res || res.kind !== need.kind || !res.tags.includes(need.tag)) bad('resource not fit');
      if (world.booked.some((b) => b.resourceIds.includes(v.resourceIds[i]!) && overlaps(b, v))) bad('resource busy');
    });
    if (v.mode === 'in-person' && preferences.maxDistanceKm !== undefined && patient.home && loc.centroid && km(patient.home, loc.centroid) > preferences.maxDistanceKm + 1e-9) bad('too far');
    for (const limit of p.limits) {
      if (limit.counts === 'new-patients' && !isNew) continue;
      if (limit.visitTypeIds && !limit.visitTypeIds.includes(vt.id)) continue;
      if (limit.days && !limit.days.includes(w.weekday as never)) continue;
      const half = (m: number) => (m < 720 ? 'morning' : 'afternoon');
      if (limit.per !== 'day' && limit.per !== half(w.minutes)) continue;
      const count = world.booked.filter((b) => {
        if (b.providerId !== p.id) return false;
        if (limit.counts === 'new-patients' && !b.newPatient) return false;
        if (limit.visitTypeIds && !limit.visitTypeIds.includes(b.visitTypeId)) return false;
        const bw = wall(b.start, loc.timeZone);
        return bw.day === w.day && (limit.per === 'day' || half(bw.minutes) === limit.per);
      }).length;
      if (count >= limit.max) bad(`limit ${limit.per} ${count}/${limit.max}`);
    }
  });
  return out;
}

function allSlotIds(result: EngineResult): string[] {
  return result.offers.flatMap((o) => o.visits.flatMap((v) => v.slotIds));
}

const seeds = fc.integer({ min: 1, max: 2 ** 31 - 1 });

describe('rankSlots properties', () => {
  it('no offered slot ever breaks a hard rule; offers in the window, within the limit, never sharing a slot', () => {
    let offered = 0;
    fc.assert(
      fc.property(seeds, (seed) => {
        const { world, request } = randomCase(seed);
        const result = rankSlots(world, request);
        offered += result.offers.length;
        expect(result.offers.length).toBeLessThanOrEqual(request.limit);
        for (const offer of result.offers) {
          expect(violations(world, request, offer), `seed ${seed}`).toEqual([]);
          expect(offer.reasons.length).toBeGreaterThan(0);
        }
        const ids = allSlotIds(result);
        expect(new Set(ids).size).toBe(ids.length);
        if (result.firstAfterWindow) {
          expect(result.offers).toEqual([]);
          const after = { ...request, window: { from: request.window.to, to: request.window.to + 31 * 86_400_000 } };
          expect(violations(world, after, result.firstAfterWindow).filter((v) => !v.endsWith('outside window'))).toEqual([]);
          expect(result.firstAfterWindow.visits[0]!.start).toBeGreaterThan(request.window.to);
        }
      }),
      { numRuns: 800 },
    );
    // The generator must actually produce offers, or the property says nothing.
    expect(offered).toBeGreaterThan(250);
  });

  it('is deterministic: same input, same output, whatever the order of providers, slots and bookings', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { world, request } = randomCase(seed);
        const shuffled = { ...world, providers: [...world.providers].reverse(), slots: [...world.slots].reverse(), booked: [...world.booked].reverse() };
        const a = rankSlots(world, request);
        expect(rankSlots(world, request)).toEqual(a);
        expect(rankSlots(shuffled, request).offers).toEqual(a.offers);
      }),
      { numRuns: 150 },
    );
  });

  it('stopping early (providers whose later slots cannot win) never changes the best offer', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { world, request } = randomCase(seed);
        const pruned = rankSlots(world, { ...request, limit: 1 });
        // A limit this large keeps every candidate, so nothing is pruned.
        const exhaustive = rankSlots(world, { ...request, limit: 100_000 });
        expect(pruned.offers[0]?.offerId, `seed ${seed}`).toBe(exhaustive.offers[0]?.offerId);
      }),
      { numRuns: 300 },
    );
  });

  it('the offers are sorted by score, best first (ties: earlier start first)', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { world, request } = randomCase(seed);
        const { offers } = rankSlots(world, request);
        for (let i = 1; i < offers.length; i++) {
          const [a, b] = [offers[i - 1]!, offers[i]!];
          expect(a.score > b.score || (a.score === b.score && a.visits[0]!.start <= b.visits[0]!.start), `seed ${seed}`).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('mass reschedule never gives one slot to two patients, nor a slot inside the closure', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const { world, request } = randomCase(seed);
        const providerId = world.providers[0]!.id;
        const closure = { providerId, locationId: null, start: request.now, end: request.now + 2 * 86_400_000, reason: 'Provider out sick' };
        const affected = world.booked.filter((b) => b.providerId === providerId);
        const plan = planMassReschedule(world, affected, closure, (a) => ({ ...request, patient: { ...request.patient, id: a.patientId }, limit: 1 }));
        const ids = plan.proposals.flatMap((p) => p.offer?.visits.flatMap((v) => v.slotIds) ?? []);
        expect(new Set(ids).size).toBe(ids.length);
        for (const p of plan.proposals) {
          for (const v of p.offer?.visits ?? []) expect(v.providerId === providerId && overlaps(v, closure)).toBe(false);
        }
        expect(plan.proposals).toHaveLength(affected.length);
      }),
      { numRuns: 80 },
    );
  });

  it('the waitlist offers a freed slot to the earliest-added entry it fits, and an earlier twin always wins', () => {
    fc.assert(
      fc.property(seeds, fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 6 }), (seed, addedAts) => {
        const { world, request } = randomCase(seed);
        const free = world.slots.filter((s) => s.status === 'free' && !s.heldUntil);
        fc.pre(free.length > 0);
        const freed = free[seed % free.length]!;
        const entries: WaitlistEntry[] = addedAts.map((addedAt, i) => ({
          id: `e${i}`,
          addedAt,
          patient: { ...request.patient, id: `pat-${i}`, ageYears: [2, 17, 18, 45][i % 4]! },
          visitTypeId: 'vt',
          window: { from: request.now, to: request.now + ((i % 3) + 1) * 86_400_000 },
          preferences: request.preferences,
        }));
        const decision = offerFreedSlot(world, freed.id, entries, new Set(), request.now, 5);
        const order = [...entries].sort((a, b) => a.addedAt - b.addedAt || (a.id < b.id ? -1 : 1)).map((e) => e.id);
        const skipped = decision.skipped.map((s) => s.entryId);
        // Everyone ahead of the chosen entry was looked at and skipped, in order; nobody after it was.
        const cut = decision.next ? order.indexOf(decision.next.entryId) : order.length;
        expect(skipped).toEqual(order.slice(0, cut));
        if (decision.next) {
          expect(decision.next.offer.visits[0]!.slotIds[0]).toBe(freed.id);
          expect(violations(world, { ...request, patient: entries.find((e) => e.id === decision.next!.entryId)!.patient, window: { from: freed.start, to: freed.start } }, decision.next.offer)).toEqual([]);
          const chosen = entries.find((e) => e.id === decision.next!.entryId)!;
          const twin = { ...chosen, id: 'twin', addedAt: -1 };
          expect(offerFreedSlot(world, freed.id, [...entries, twin], new Set(), request.now, 5).next?.entryId).toBe('twin');
        }
      }),
      { numRuns: 120 },
    );
  });
});
