import { describe, expect, it } from 'vitest';
import type { EngineResult, SchedulingRequest, SchedulingWorld } from '../model';
import { rankSlots } from './rankSlots';
import {
  DAY,
  HOUR,
  MINUTE,
  MONDAY_9AM_NY,
  slotRun,
  testBooking,
  testLocation,
  testPatient,
  testProvider,
  testRequest,
  testVisitType,
  testWorld,
} from './testing/worldBuilder';

const offeredSlotIds = (r: EngineResult) => r.offers.flatMap((o) => o.visits.flatMap((v) => v.slotIds));
const offeredProviders = (r: EngineResult) => [...new Set(r.offers.map((o) => o.visits[0]!.providerId))].sort();
const exclusion = (r: EngineResult, rule: string) => r.exclusions.find((e) => e.rule === rule);

/** Two providers at one clinic, each with a morning of slots on Monday. */
function twoProviders(p2: Parameters<typeof testProvider>[1] = {}, world: Partial<SchedulingWorld> = {}): SchedulingWorld {
  return testWorld({
    providers: [testProvider('p1'), testProvider('p2', p2)],
    slots: [...slotRun('p1', 'loc-a', MONDAY_9AM_NY, 9), ...slotRun('p2', 'loc-a', MONDAY_9AM_NY, 9)],
    ...world,
  });
}

function rank(world: SchedulingWorld, overrides: Partial<SchedulingRequest> = {}): EngineResult {
  return rankSlots(world, testRequest(overrides));
}

describe('rankSlots: hard rules', () => {
  it('offers free slots inside the window, best first, at most `limit`', () => {
    const r = rank(twoProviders(), { limit: 5 });
    expect(r.offers).toHaveLength(5);
    expect(r.considered).toBe(18);
    for (const o of r.offers) expect(o.reasons.length).toBeGreaterThan(0);
    expect(r.firstAfterWindow).toBeNull();
  });

  it('never offers a busy slot or one held by someone else; a lapsed hold counts as free', () => {
    const now = MONDAY_9AM_NY - HOUR;
    const slots = slotRun('p1', 'loc-a', MONDAY_9AM_NY, 4).map((s, i) =>
      i === 0 ? { ...s, status: 'busy' as const } : i === 1 ? { ...s, heldUntil: now + 5 * MINUTE } : i === 2 ? { ...s, status: 'busy-tentative' as const, heldUntil: now - MINUTE } : s,
    );
    const r = rank(testWorld({ slots }), { now });
    expect(offeredSlotIds(r).sort()).toEqual([slots[2]!.id, slots[3]!.id].sort());
    expect(exclusion(r, 'taken')?.slots).toBe(2);
  });

  it('offers nothing before now or outside the window', () => {
    const slots = slotRun('p1', 'loc-a', MONDAY_9AM_NY, 6);
    const r = rank(testWorld({ slots }), { now: MONDAY_9AM_NY + 30 * MINUTE, window: { from: MONDAY_9AM_NY, to: MONDAY_9AM_NY + 80 * MINUTE } });
    expect(r.offers.map((o) => o.visits[0]!.start)).toEqual([MONDAY_9AM_NY + 40 * MINUTE, MONDAY_9AM_NY + 60 * MINUTE, MONDAY_9AM_NY + 80 * MINUTE]);
  });

  it('excludes a provider who does not accept the plan, and says so by name and plan', () => {
    const r = rank(twoProviders({ acceptedPlans: ['OTHER'] }), { patient: testPatient({ planCode: 'EVG-PPO-500', planName: 'Evergreen PPO 500' }) });
    expect(offeredProviders(r)).toEqual(['p1']);
    expect(exclusion(r, 'insurance')).toEqual({ rule: 'insurance', subject: 'Dr. P2, MD', message: 'Dr. P2, MD does not accept Evergreen PPO 500', slots: 9 });
  });

  it('self-pay (no plan) is seen only by providers accepting any plan', () => {
    const r = rank(twoProviders({ acceptedPlans: ['PLAN-A'] }), { patient: testPatient({ planCode: null, planName: null }) });
    expect(offeredProviders(r)).toEqual(['p1']);
    expect(exclusion(r, 'insurance')?.message).toBe('Dr. P2, MD does not accept self-pay patients');
  });

  it("applies the provider's age range (upper bound exclusive) and the visit type's", () => {
    const world = twoProviders({ ageRange: { minYears: null, maxYears: 18 } });
    expect(offeredProviders(rank(world, { patient: testPatient({ ageYears: 18 }) }))).toEqual(['p1']);
    expect(offeredProviders(rank(world, { patient: testPatient({ ageYears: 17 }) }))).toEqual(['p1', 'p2']);
    const wellChild = testWorld({ ...world, visitTypes: [testVisitType('sick', { ageRange: { minYears: null, maxYears: 18 } })] });
    const adult = rank(wellChild, { patient: testPatient({ ageYears: 30 }) });
    expect(adult.offers).toEqual([]);
    expect(adult.exclusions).toEqual([{ rule: 'age', subject: null, message: 'Visit sick is only for patients under 18', slots: 18 }]);
  });

  it('a provider not taking new patients sees only patients they have seen', () => {
    const world = twoProviders({ acceptsNewPatients: false });
    expect(offeredProviders(rank(world))).toEqual(['p1']);
    expect(exclusion(rank(world), 'new-patients')?.message).toBe('Dr. P2, MD is not taking new patients');
    expect(offeredProviders(rank(world, { patient: testPatient({ seenProviderIds: ['p2'] }) }))).toEqual(['p1', 'p2']);
  });

  it('new-only and established-only visit types follow seenProviderIds', () => {
    const base = twoProviders();
    const newOnly = { ...base, visitTypes: [testVisitType('sick', { patients: 'new-only' })] };
    expect(offeredProviders(rank(newOnly, { patient: testPatient({ seenProviderIds: ['p1'] }) }))).toEqual(['p2']);
    const establishedOnly = { ...base, visitTypes: [testVisitType('sick', { patients: 'established-only' })] };
    expect(offeredProviders(rank(establishedOnly, { patient: testPatient({ seenProviderIds: ['p1'] }) }))).toEqual(['p1']);
  });

  it('only providers qualified for the step (by specialty or id)', () => {
    const peds = testWorld({ ...twoProviders({ specialties: ['208000000X'] }), visitTypes: [testVisitType('sick', { steps: [{ label: 'Visit', durationMinutes: 20, specialties: ['208000000X'] }] })] });
    expect(offeredProviders(rank(peds))).toEqual(['p2']);
    expect(exclusion(rank(peds), 'visit-type')?.subject).toBe('Dr. P1, MD');
    const byId = { ...twoProviders(), visitTypes: [testVisitType('sick', { steps: [{ label: 'Visit', durationMinutes: 20, providerIds: ['p1'] }] })] };
    expect(offeredProviders(rank(byId))).toEqual(['p1']);
  });

  it("only at the visit type's locations", () => {
    const world = testWorld({
      providers: [testProvider('p1', { locationIds: ['loc-a', 'loc-b'] })],
      locations: [testLocation('loc-a'), testLocation('loc-b')],
      visitTypes: [testVisitType('sick', { steps: [{ label: 'Visit', durationMinutes: 20, locationIds: ['loc-b'] }] })],
      slots: [...slotRun('p1', 'loc-a', MONDAY_9AM_NY, 3), ...slotRun('p1', 'loc-b', MONDAY_9AM_NY + DAY, 3)],
    });
    const r = rank(world);
    expect(new Set(r.offers.map((o) => o.visits[0]!.locationId))).toEqual(new Set(['loc-b']));
    expect(exclusion(r, 'visit-type')).toMatchObject({ subject: 'Clinic loc-a', message: 'Visit sick is not offered at Clinic loc-a', slots: 3 });
  });

  it('respects opening hours in the clinic zone (a 16:40 slot ending 17:00 fits; one past close does not)', () => {
    const late = MONDAY_9AM_NY + 7 * HOUR + 40 * MINUTE; // 16:40 New York
    const r = rank(testWorld({ slots: slotRun('p1', 'loc-a', late, 3) }));
    expect(r.offers.map((o) => o.visits[0]!.start)).toEqual([late]);
    expect(exclusion(r, 'closed')).toMatchObject({ message: "Outside Clinic loc-a's opening hours", slots: 2 });
    const saturday = rank(testWorld({ slots: slotRun('p1', 'loc-a', MONDAY_9AM_NY - 2 * DAY, 3) }), { window: { from: 0, to: MONDAY_9AM_NY }, now: 0 });
    expect(saturday.offers).toEqual([]);
  });

  it('the same UTC instant is open in Chicago and closed in New York (zones are read per location)', () => {
    const sevenAmNy = MONDAY_9AM_NY - 2 * HOUR; // 07:00 New York = 06:00 Chicago: both closed
    const fivePmNy = MONDAY_9AM_NY + 8 * HOUR; // 17:00 New York (closed) = 16:00 Chicago (open)
    const world = testWorld({
      providers: [testProvider('ny'), testProvider('chi', { locationIds: ['loc-chi'] })],
      locations: [testLocation('loc-a'), testLocation('loc-chi', { timeZone: 'America/Chicago' })],
      slots: [...slotRun('ny', 'loc-a', fivePmNy, 1), ...slotRun('chi', 'loc-chi', fivePmNy, 1), ...slotRun('chi', 'loc-chi', sevenAmNy, 1)],
    });
    expect(offeredProviders(rank(world, { now: 0, window: { from: 0, to: MONDAY_9AM_NY + DAY } }))).toEqual(['chi']);
  });

  it('closures and provider blocked periods remove overlapping slots, with the reason and date', () => {
    const closure = { localStart: '2026-12-07T00:00', localEnd: '2026-12-08T00:00', reason: 'Snowstorm closure' };
    const closed = rank(testWorld({ locations: [testLocation('loc-a', { closures: [closure] })], slots: slotRun('p1', 'loc-a', MONDAY_9AM_NY, 3) }));
    expect(closed.offers).toEqual([]);
    expect(exclusion(closed, 'closed')?.message).toBe('Clinic loc-a is closed Dec 7 (Snowstorm closure)');
    const blocked = { start: MONDAY_9AM_NY + 20 * MINUTE, end: MONDAY_9AM_NY + 40 * MINUTE, reason: 'Admin time' };
    const r = rank(testWorld({ providers: [testProvider('p1', { blocked: [blocked] })], slots: slotRun('p1', 'loc-a', MONDAY_9AM_NY, 3) }));
    expect(r.offers.map((o) => o.visits[0]!.start)).toEqual([MONDAY_9AM_NY, MONDAY_9AM_NY + 40 * MINUTE]);
    expect(exclusion(r, 'blocked')?.message).toBe('Dr. P1, MD is unavailable Dec 7 9:20 AM–9:40 AM EST (clinic) (Admin time)');
  });

  it('an absence written as local days is read on each clinic\'s calendar: it ends at the clinic\'s midnight, not UTC\'s', () => {
    const away = { localStart: '2026-12-07T00:00', localEnd: '2026-12-08T00:00', reason: 'Out sick' };
    const hours = [{ days: ['mon', 'tue'] as const, open: '08:00', close: '20:00' }].map((h) => ({ ...h, days: [...h.days] }));
    const locations = [testLocation('loc-den', { timeZone: 'America/Denver', hours }), testLocation('loc-ny', { hours })];
    // Monday 5:30 PM in Denver is already Tuesday 00:30 UTC: still Monday, still away.
    const monEvening = Date.UTC(2026, 11, 8, 0, 30);
    const tueMorning = Date.UTC(2026, 11, 8, 15, 0); // 8:00 AM MST
    const world = testWorld({
      providers: [testProvider('p1', { locationIds: ['loc-den', 'loc-ny'], blocked: [away] })],
      locations,
      slots: [...slotRun('p1', 'loc-den', monEvening, 1, 20, 'den-mon'), ...slotRun('p1', 'loc-den', tueMorning, 1, 20, 'den-tue'), ...slotRun('p1', 'loc-ny', Date.UTC(2026, 11, 8, 13, 0), 1, 20, 'ny-tue')],
    });
    const r = rank(world, { window: { from: MONDAY_9AM_NY, to: MONDAY_9AM_NY + 2 * DAY } });
    // New York's Monday ended at 05:00 UTC: 8:00 AM Tuesday there is bookable; Denver's Monday evening is not.
    expect(offeredSlotIds(r).sort()).toEqual(['den-tue-0', 'ny-tue-0']);
    expect(exclusion(r, 'blocked')?.message).toBe('Dr. P1, MD is unavailable Dec 7 (Out sick)');
  });

  it('slots reserved for other visit types are not offered', () => {
    const slots = slotRun('p1', 'loc-a', MONDAY_9AM_NY, 3).map((s, i) => (i === 0 ? { ...s, visitTypeIds: ['urgent'] } : i === 1 ? { ...s, visitTypeIds: ['sick'] } : s));
    const r = rank(testWorld({ slots }));
    expect(offeredSlotIds(r).sort()).toEqual([slots[1]!.id, slots[2]!.id].sort());
    expect(exclusion(r, 'reserved')?.slots).toBe(1);
  });

  it('provider limits count booked visits in the local half day ("at most 2 new patients on Monday mornings")', () => {
    const limit = { id: 'mon-am-new', counts: 'new-patients' as const, max: 2, per: 'morning' as const, days: ['mon' as const] };
    const slots = [...slotRun('p1', 'loc-a', MONDAY_9AM_NY, 3), ...slotRun('p1', 'loc-a', MONDAY_9AM_NY + 4 * HOUR, 2, 20, 'pm')];
    const booked = [testBooking({ providerId: 'p1', start: MONDAY_9AM_NY - HOUR, newPatient: true }), testBooking({ providerId: 'p1', start: MONDAY_9AM_NY - 40 * MINUTE, newPatient: true })];
    const world = testWorld({ providers: [testProvider('p1', { limits: [limit] })], slots, booked });
    const forNew = rank(world);
    expect(forNew.offers.every((o) => o.visits[0]!.start >= MONDAY_9AM_NY + 4 * HOUR)).toBe(true);
    expect(forNew.offers).toHaveLength(2);
    expect(exclusion(forNew, 'limit')).toMatchObject({ message: 'Dr. P1, MD is at the limit of 2 new patients on Monday mornings', slots: 3 });
    // An established patient does not count against a new-patient limit.
    expect(rank(world, { patient: testPatient({ seenProviderIds: ['p1'] }) }).offers).toHaveLength(5);
    // One booking fewer: room for one more.
    expect(rank({ ...world, booked: booked.slice(1) }).offers).toHaveLength(5);
  });

  it('required resources: a free room with the tag, not used by an overlapping booked visit', () => {
    const room = { id: 'room-1', name: 'Procedure room 1', kind: 'room' as const, tags: ['procedure-room'] };
    const vt = testVisitType('sick', { steps: [{ label: 'Procedure', durationMinutes: 20, requiredResources: [{ kind: 'room', tag: 'procedure-room' }] }] });
    const slots = slotRun('p1', 'loc-a', MONDAY_9AM_NY, 3);
    const booked = [testBooking({ providerId: 'other', start: MONDAY_9AM_NY + 20 * MINUTE, resourceIds: ['room-1'] })];
    const r = rank(testWorld({ locations: [testLocation('loc-a', { resources: [room] })], visitTypes: [vt], slots, booked }));
    expect(r.offers.map((o) => [o.visits[0]!.start, o.visits[0]!.resourceIds])).toEqual([[MONDAY_9AM_NY, ['room-1']], [MONDAY_9AM_NY + 40 * MINUTE, ['room-1']]]);
    expect(exclusion(r, 'resource')?.message).toBe('No free procedure room at Clinic loc-a at that time');
    const noRoom = rank(testWorld({ visitTypes: [vt], slots }));
    expect(noRoom.offers).toEqual([]);
  });

  it('video-only visit types need a telehealth provider and a caller who accepts video', () => {
    const vt = testVisitType('sick', { telehealth: 'only' });
    const world = { ...twoProviders({ telehealth: false }), visitTypes: [vt] };
    const r = rank(world);
    expect(offeredProviders(r)).toEqual(['p1']);
    expect(r.offers.every((o) => o.visits[0]!.mode === 'telehealth')).toBe(true);
    expect(exclusion(r, 'telehealth')?.message).toBe('Dr. P2, MD does not offer video visits');
    expect(rank(world, { preferences: { telehealthOk: false } }).offers).toEqual([]);
    const never = { ...twoProviders(), visitTypes: [testVisitType('sick', { telehealth: 'never' })] };
    expect(rank(never, { preferences: { telehealthOk: true } }).offers.every((o) => o.visits[0]!.mode === 'in-person')).toBe(true);
  });

  it('maxDistanceKm excludes farther in-person visits; unknown distance is kept and said', () => {
    const home = { lat: 40.7506, lon: -73.9972 }; // Manhattan 10001
    const world = testWorld({
      providers: [testProvider('near'), testProvider('far', { locationIds: ['loc-far'] }), testProvider('unknown', { locationIds: ['loc-x'] })],
      locations: [testLocation('loc-a'), testLocation('loc-far', { name: 'Boston Clinic', centroid: { lat: 42.3467, lon: -71.0972 } }), testLocation('loc-x', { centroid: null })],
      slots: [...slotRun('near', 'loc-a', MONDAY_9AM_NY, 2), ...slotRun('far', 'loc-far', MONDAY_9AM_NY, 2), ...slotRun('unknown', 'loc-x', MONDAY_9AM_NY, 2)],
    });
    const r = rank(world, { patient: testPatient({ home }), preferences: { maxDistanceKm: 25 } });
    expect(offeredProviders(r)).toEqual(['near', 'unknown']);
    expect(exclusion(r, 'distance')?.message).toMatch(/^Boston Clinic is (29\d|30\d)\.\d km from home, farther than 25 km$/);
    const unknown = r.offers.find((o) => o.visits[0]!.providerId === 'unknown')!;
    expect(unknown.reasons).toContain('Distance from home unknown');
    expect(r.offers.find((o) => o.visits[0]!.providerId === 'near')!.reasons).toContain('0.0 km from home');
  });

  it('a 40-minute visit takes two consecutive free slots of one provider at one place', () => {
    const vt = testVisitType('sick', { steps: [{ label: 'New patient visit', durationMinutes: 40 }] });
    const slots = slotRun('p1', 'loc-a', MONDAY_9AM_NY, 5).map((s, i) => (i === 2 ? { ...s, status: 'busy' as const } : s));
    const r = rank(testWorld({ visitTypes: [vt], slots }));
    expect(r.offers.map((o) => o.visits[0]!.slotIds)).toEqual([[slots[0]!.id, slots[1]!.id], [slots[3]!.id, slots[4]!.id]]);
    expect(r.offers[0]!.visits[0]!.end - r.offers[0]!.visits[0]!.start).toBe(40 * MINUTE);
    // 9:20 would need the busy 9:40 slot; 10:20 has no slot after it.
    expect(exclusion(r, 'consecutive')?.slots).toBe(2);
  });

  it('multi-step sequences keep the order and the min/max gap', () => {
    const vt = testVisitType('sick', {
      telehealth: 'never',
      steps: [
        { label: 'X-ray', durationMinutes: 20, providerIds: ['xr'] },
        { label: 'Follow-up', durationMinutes: 20, providerIds: ['p1'], minGapMinutes: 2 * 24 * 60, maxGapMinutes: 10 * 24 * 60 },
      ],
    });
    const world = testWorld({
      providers: [testProvider('xr'), testProvider('p1')],
      visitTypes: [vt],
      slots: [...slotRun('xr', 'loc-a', MONDAY_9AM_NY, 2), ...slotRun('p1', 'loc-a', MONDAY_9AM_NY + DAY, 3), ...slotRun('p1', 'loc-a', MONDAY_9AM_NY + 3 * DAY, 1)],
    });
    const r = rank(world, { window: { from: MONDAY_9AM_NY, to: MONDAY_9AM_NY + HOUR } });
    // Only one follow-up slot is 2-10 days out, so only one sequence can be offered.
    expect(r.offers).toHaveLength(1);
    const [xray, followUp] = r.offers[0]!.visits;
    expect(xray!.providerId).toBe('xr');
    expect(followUp!.providerId).toBe('p1');
    expect(followUp!.start - xray!.end).toBeGreaterThanOrEqual(2 * DAY);
    expect(r.offers[0]!.reasons.some((x) => x.startsWith('Then Follow-up: Thu Dec 10'))).toBe(true);
    expect(exclusion(r, 'sequence')?.slots).toBe(1);
  });

  it('an unknown visit type is explained, not thrown', () => {
    const r = rank(twoProviders(), { visitTypeId: 'nope' });
    expect(r.offers).toEqual([]);
    expect(r.exclusions[0]!.message).toBe('Unknown visit type "nope"');
  });
});

describe('rankSlots: ranking', () => {
  it('PCP first, then the established provider, then language, with the reasons in words', () => {
    const world = testWorld({
      providers: [testProvider('pcp'), testProvider('seen'), testProvider('es', { languages: ['en', 'es'] }), testProvider('other')],
      slots: ['pcp', 'seen', 'es', 'other'].flatMap((p) => slotRun(p, 'loc-a', MONDAY_9AM_NY + 2 * HOUR, 1)),
    });
    const r = rank(world, { patient: testPatient({ pcpProviderIds: ['pcp'], seenProviderIds: ['pcp', 'seen'], language: 'es' }) });
    expect(r.offers.map((o) => o.visits[0]!.providerId)).toEqual(['pcp', 'seen', 'es', 'other']);
    expect(r.offers[0]!.reasons[0]).toBe('Your primary care provider');
    expect(r.offers[1]!.reasons[0]).toBe('Has seen you before (Dr. SEEN, MD)');
    expect(r.offers[2]!.reasons).toContain('Speaks Spanish');
    expect(r.offers[0]!.reasons).toContain('Soonest: today 11:00 AM EST (clinic)');
  });

  it('sooner ranks higher when nothing else differs; ties break by start then provider id', () => {
    const world = twoProviders();
    const r = rank(world, { limit: 4 });
    expect(r.offers.map((o) => [o.visits[0]!.providerId, o.visits[0]!.start - MONDAY_9AM_NY])).toEqual([
      ['p1', 0],
      ['p2', 0],
      ['p1', 20 * MINUTE],
      ['p2', 20 * MINUTE],
    ]);
  });

  it('the requested provider, preferred day part and preferred visit type lift a slot', () => {
    const world = testWorld({
      providers: [testProvider('p1'), testProvider('p2', { preferredVisitTypeIds: ['sick'] })],
      slots: [...slotRun('p1', 'loc-a', MONDAY_9AM_NY, 1), ...slotRun('p1', 'loc-a', MONDAY_9AM_NY + 5 * HOUR, 1, 20, 'pm'), ...slotRun('p2', 'loc-a', MONDAY_9AM_NY, 1)],
    });
    expect(rank(world).offers[0]!.visits[0]!.providerId).toBe('p2');
    expect(rank(world).offers[0]!.reasons[0]).toBe('Regularly sees visit sick visits');
    const asked = rank(world, { preferences: { providerId: 'p1', dayParts: ['afternoon'] } });
    expect(asked.offers[0]!.visits[0]!.start).toBe(MONDAY_9AM_NY + 5 * HOUR);
    expect(asked.offers[0]!.reasons.slice(0, 2)).toEqual(['The provider you asked for', 'In the afternoon, as preferred']);
  });

  it('video when the caller wants it and the provider offers it', () => {
    const r = rank(twoProviders({ telehealth: false }), { preferences: { telehealthOk: true } });
    expect(r.offers[0]!.visits[0]!.mode).toBe('telehealth');
    expect(r.offers[0]!.reasons[0]).toBe('Video visit, as preferred');
  });

  it('closer clinics rank higher when times are equal', () => {
    const world = testWorld({
      providers: [testProvider('far', { locationIds: ['loc-far'] }), testProvider('near')],
      locations: [testLocation('loc-a'), testLocation('loc-far', { centroid: { lat: 40.9, lon: -73.9 } })],
      slots: [...slotRun('far', 'loc-far', MONDAY_9AM_NY, 1), ...slotRun('near', 'loc-a', MONDAY_9AM_NY, 1)],
    });
    const r = rank(world, { patient: testPatient({ home: { lat: 40.75, lon: -74.0 } }) });
    expect(r.offers.map((o) => o.visits[0]!.providerId)).toEqual(['near', 'far']);
  });

  it('round robin: a new patient leans to the provider with fewer recent new patients', () => {
    const booked = [0, 1, 2].map((i) => testBooking({ providerId: 'p1', start: MONDAY_9AM_NY - (i + 1) * DAY, newPatient: true }));
    const r = rank(twoProviders({}, { booked }), { limit: 1 });
    expect(r.offers[0]!.visits[0]!.providerId).toBe('p2');
    expect(r.offers[0]!.reasons[0]).toBe('Shares new patients fairly across the team');
    // An established patient is not spread around.
    expect(rank(twoProviders({}, { booked }), { limit: 1, patient: testPatient({ seenProviderIds: ['p1', 'p2'] }) }).offers[0]!.visits[0]!.providerId).toBe('p1');
  });

  it('diversity: a favoured provider does not take all ten places when others are eligible', () => {
    const r = rank(twoProviders(), { patient: testPatient({ pcpProviderIds: ['p1'] }), limit: 6 });
    const perProvider = r.offers.map((o) => o.visits[0]!.providerId);
    expect(perProvider.filter((p) => p === 'p2').length).toBeGreaterThan(0);
    expect(perProvider[0]).toBe('p1');
    // A lone provider still fills the list.
    expect(rank(testWorld({ slots: slotRun('p1', 'loc-a', MONDAY_9AM_NY, 9) })).offers).toHaveLength(9);
  });

  it('no two offers share a slot (40-minute visits overlap on a 20-minute schedule)', () => {
    const vt = testVisitType('sick', { steps: [{ label: 'Visit', durationMinutes: 40 }] });
    const r = rank(testWorld({ visitTypes: [vt], slots: slotRun('p1', 'loc-a', MONDAY_9AM_NY, 9) }));
    const ids = offeredSlotIds(r);
    expect(new Set(ids).size).toBe(ids.length);
    expect(r.offers).toHaveLength(4);
  });

  it('the same input gives the same output, whatever the order of providers and slots', () => {
    const world = twoProviders();
    const shuffled = { ...world, providers: [...world.providers].reverse(), slots: [...world.slots].reverse() };
    expect(rank(shuffled)).toEqual(rank(world));
  });

  it('stops reading providers whose later slots cannot win, without changing the best offer', () => {
    // 12 providers x 20 days x 27 slots, every third taken: thousands of candidates, enough for the cut-off to bite.
    const providers = Array.from({ length: 12 }, (_, i) => testProvider(`p${String(i).padStart(2, '0')}`, { languages: i % 3 === 0 ? ['en', 'es'] : ['en'] }));
    const slots = providers.flatMap((p) =>
      Array.from({ length: 20 }, (_, d) => slotRun(p.id, 'loc-a', MONDAY_9AM_NY - HOUR + d * DAY, 27, 20, `${p.id}-d${d}`)).flat(),
    ).map((s, k) => (k % 3 === 0 ? { ...s, status: 'busy' as const } : s));
    const world = testWorld({ providers, slots });
    const variants: Partial<SchedulingRequest>[] = [
      {},
      { patient: testPatient({ pcpProviderIds: ['p07'], seenProviderIds: ['p07'], language: 'es' }) },
      { preferences: { dayParts: ['afternoon'], providerId: 'p11' } },
    ];
    for (const v of variants) {
      const request = { window: { from: MONDAY_9AM_NY, to: MONDAY_9AM_NY + 20 * DAY }, ...v };
      const pruned = rank(world, { ...request, limit: 1 });
      const exhaustive = rank(world, { ...request, limit: 100_000 });
      expect(pruned.offers[0]!.offerId).toBe(exhaustive.offers[0]!.offerId);
      const examined = (r: EngineResult) => r.exclusions.reduce((n, e) => n + e.slots, 0);
      expect(examined(pruned)).toBeLessThan(examined(exhaustive) / 2);
    }
  });

  it('firstAfterWindow: nothing within the window, the first eligible offer after it', () => {
    const slots = slotRun('p1', 'loc-a', MONDAY_9AM_NY + DAY, 2);
    const r = rank(testWorld({ slots }), { window: { from: MONDAY_9AM_NY, to: MONDAY_9AM_NY + 4 * HOUR } });
    expect(r.offers).toEqual([]);
    expect(r.firstAfterWindow?.visits[0]!.start).toBe(MONDAY_9AM_NY + DAY);
    expect(r.firstAfterWindow?.reasons).toContain('Soonest: tomorrow 9:00 AM EST (clinic)');
  });
});
