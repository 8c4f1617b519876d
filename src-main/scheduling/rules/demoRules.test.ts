import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClinicLocation, Provider, SchedulingRequest, Slot } from '../model';
import { rankSlots } from '../engine/rankSlots';
import { DAY, HOUR, MINUTE, testPatient } from '../engine/testing/worldBuilder';
import { parseZipCentroids } from '../geo/zipCentroids';
import { applySchedulingRules } from './applySchedulingRules';
import { loadSchedulingRules } from './loadSchedulingRules';

/**
 * The demo rules on the demo network's shape (as the brief of the demo EHR describes it: clinician i at site i%4,
 * kind CYCLE[i%10]), with a synthetic week of slots: the rules a manager wrote do what the README says.
 */
const resources = resolve(__dirname, '../../../resources/scheduling');
const load = loadSchedulingRules(readFileSync(resolve(resources, 'demo-rules.json'), 'utf8'), 'demo-rules.json');
const zips = parseZipCentroids(readFileSync(resolve(resources, 'zip-centroids.json'), 'utf8'), 'zip-centroids.json');
if (!load.ok || !zips.ok) throw new Error('demo rules or ZIP table do not load');

const SITES = [
  { id: 'loc-ny', name: 'Chelsea Clinic', timeZone: 'America/New_York', utc9am: 14 },
  { id: 'loc-bos', name: 'Back Bay Clinic', timeZone: 'America/New_York', utc9am: 14 },
  { id: 'loc-chi', name: 'Lincoln Park Clinic', timeZone: 'America/Chicago', utc9am: 15 },
  { id: 'loc-sf', name: 'Mission Clinic', timeZone: 'America/Los_Angeles', utc9am: 17 },
];
const KINDS = ['207Q00000X', '208000000X', '207R00000X', '363LF0000X', '163W00000X', '207Q00000X', '208000000X', '207R00000X', '363LP0200X', '163W00000X'];
const MONDAY = Date.UTC(2026, 11, 7);

const providers: Provider[] = Array.from({ length: 12 }, (_, i) => ({
  id: `role-${String(i + 1).padStart(4, '0')}`,
  practitionerId: `pr-${i + 1}`,
  name: `Clinician ${i + 1}`,
  specialties: [KINDS[i % 10]!],
  specialtyLabel: '',
  locationIds: [SITES[i % 4]!.id],
  languages: ['en'],
  acceptedPlans: 'any',
  ageRange: { minYears: null, maxYears: null },
  acceptsNewPatients: true,
  telehealth: false,
  limits: [],
  blocked: [],
  preferredVisitTypeIds: [],
}));
const locations: ClinicLocation[] = SITES.map((s) => ({ id: s.id, name: s.name, timeZone: s.timeZone, postalCode: null, centroid: null, hours: [], closures: [], resources: [], kind: 'clinic' }));
/** Mon-Fri, 09:00-12:00 and 13:00-16:00 local, 20-minute slots. */
const slots: Slot[] = providers.flatMap((p, i) => {
  const site = SITES[i % 4]!;
  return [0, 1, 2, 3, 4].flatMap((d) =>
    [0, 4].flatMap((offsetHours) =>
      Array.from({ length: 9 }, (_, k) => {
        const start = MONDAY + d * DAY + (site.utc9am + offsetHours) * HOUR + k * 20 * MINUTE;
        return { id: `${p.id}-${d}-${offsetHours}-${k}`, providerId: p.id, locationId: site.id, start, end: start + 20 * MINUTE, status: 'free' as const };
      }),
    ),
  );
});
const world = applySchedulingRules({ providers, locations, slots, booked: [] }, load.rules, zips.centroids);
const now = MONDAY + 12 * HOUR;
const request = (r: Partial<SchedulingRequest>): SchedulingRequest => ({
  visitTypeId: 'sick-visit',
  window: { from: now, to: now + 5 * DAY },
  patient: testPatient({ planCode: 'LKS-EPO', planName: 'Lakeshore Choice EPO' }),
  preferences: {},
  limit: 50,
  now,
  ...r,
});
const offeredRoles = (r: SchedulingRequest) => new Set(rankSlots(world, r).offers.map((o) => o.visits[0]!.providerId));

describe('demo rules on the demo network', () => {
  it('merges rules over the EHR and fills centroids from the ZIP table', () => {
    const ny = world.locations.find((l) => l.id === 'loc-ny')!;
    expect(ny.postalCode).toBe('10001');
    expect(ny.centroid).toEqual({ lat: 40.7506, lon: -73.9972 });
    expect(world.providers.find((p) => p.id === 'role-0003')!.acceptsNewPatients).toBe(false);
    expect(world.providers.find((p) => p.id === 'role-0004')!.specialties).toEqual(['363LF0000X']);
  });

  it('registered nurses are never booked; children go to pediatric-capable clinicians only', () => {
    const adult = offeredRoles(request({}));
    expect(adult.has('role-0005')).toBe(false);
    expect(adult.has('role-0010')).toBe(false);
    expect(adult.has('role-0002')).toBe(false); // pediatrics: under 18
    const child = offeredRoles(request({ patient: testPatient({ ageYears: 6, planCode: 'MCD-CHIP', planName: 'CHIP (children)' }) }));
    expect(child.has('role-0003')).toBe(false); // internal medicine: adults
    expect(child.has('role-0002')).toBe(true);
  });

  it('role-0001 does not take Evergreen PPO 500 and says so', () => {
    const r = rankSlots(world, request({ patient: testPatient({ planCode: 'EVG-PPO-500', planName: 'Evergreen PPO 500' }) }));
    expect(r.offers.some((o) => o.visits[0]!.providerId === 'role-0001')).toBe(false);
    expect(r.exclusions).toContainEqual(expect.objectContaining({ rule: 'insurance', message: 'Clinician 1 does not accept Evergreen PPO 500' }));
  });

  it('Chelsea is closed on Christmas Eve, and says so', () => {
    const eve = Date.UTC(2026, 11, 24);
    const christmasSlots = slotsOn(eve);
    const r = rankSlots({ ...world, slots: christmasSlots }, request({ window: { from: eve - DAY, to: eve + DAY }, now: eve - DAY }));
    expect(r.offers).toEqual([]);
    expect(r.exclusions).toContainEqual(expect.objectContaining({ rule: 'closed', message: 'Chelsea Clinic is closed Dec 24–Dec 25 (Holiday)' }));
  });

  it('a Spanish-speaking caller is offered Spanish-speaking clinicians first', () => {
    const r = rankSlots(world, request({ patient: testPatient({ planCode: 'LKS-EPO', language: 'es' }), limit: 3 }));
    for (const o of r.offers) expect(['role-0001', 'role-0004', 'role-0007', 'role-0011']).toContain(o.visits[0]!.providerId);
    expect(r.offers[0]!.reasons).toContain('Speaks Spanish');
  });

  it('x-ray then follow-up happens only where there is an x-ray room, with the follow-up 2-10 days later', () => {
    const twoWeeks = providers.flatMap((p, i) => slotsFor(p.id, SITES[i % 4]!, 12));
    const r = rankSlots({ ...world, slots: twoWeeks }, request({ visitTypeId: 'imaging-follow-up', window: { from: now, to: now + 3 * DAY } }));
    expect(r.offers.length).toBeGreaterThan(0);
    for (const o of r.offers) {
      expect(['loc-ny', 'loc-chi']).toContain(o.visits[0]!.locationId);
      expect(o.visits[0]!.resourceIds.length).toBe(1);
      const gap = o.visits[1]!.start - o.visits[0]!.end;
      expect(gap).toBeGreaterThanOrEqual(2 * DAY);
      expect(gap).toBeLessThanOrEqual(10 * DAY);
    }
  });
});

function slotsFor(providerId: string, site: (typeof SITES)[number], days: number, from = MONDAY): Slot[] {
  return Array.from({ length: days }, (_, d) =>
    Array.from({ length: 9 }, (_, k) => {
      const start = from + d * DAY + site.utc9am * HOUR + k * 20 * MINUTE;
      return { id: `${providerId}-x${d}-${k}`, providerId, locationId: site.id, start, end: start + 20 * MINUTE, status: 'free' as const };
    }),
  ).flat();
}

function slotsOn(day: number): Slot[] {
  return providers.flatMap((p, i) => slotsFor(p.id, SITES[i % 4]!, 1, day));
}
