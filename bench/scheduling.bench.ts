/**
 * Scheduling engine figures (issue 6): a deterministic synthetic network of 200 providers at 4 clinics in 3 time
 * zones, 90 days of 20-minute slots 08:00-17:00 on weekdays (about 345,000 slots, 40% already booked), with the
 * rules a real network has (plans, ages, new patients, limits, blocked afternoons, rooms). Prints the time to
 * rank the best 10 offers for several kinds of request (p50/p95 over many runs, after one cold run that builds
 * the world's index), and the memory used. Figures only: no timed assertions.
 * Run: npx tsx bench/scheduling.bench.ts
 */
import type {
  BookedVisit,
  ClinicLocation,
  Provider,
  SchedulingRequest,
  SchedulingWorld,
  Slot,
  VisitType,
  Weekday,
} from '../src-main/scheduling/model';
import { planMassReschedule } from '../src-main/scheduling/engine/planMassReschedule';
import { rankSlots } from '../src-main/scheduling/engine/rankSlots';
import { indexWorld } from '../src-main/scheduling/engine/worldIndex';
import { SeededRandom } from '../src-main/demo/ehr/seededRandom';
import { mib, summary } from './stats';

const PROVIDERS = 200;
const DAYS = 90;
const RUNS = 60;
const MINUTE = 60_000;
const DAY = 86_400_000;
/** Monday 2026-12-07 00:00 UTC. */
const START_DAY = Date.UTC(2026, 11, 7);
const NOW = START_DAY + 13 * 3_600_000; // 08:00 New York

const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
const PLANS = ['EVG-PPO-500', 'EVG-HMO-SLV', 'LKS-EPO', 'LKS-PPO-GLD', 'PCA-HMO-BRZ', 'MCR-AB', 'MCD-MMC', 'MCD-CHIP'];
const FAMILY = '207Q00000X';
const PEDIATRICS = '208000000X';
const INTERNAL = '207R00000X';
const RADIOLOGY = '2085R0202X';

const SITES: { id: string; zone: string; utcOpenHour: number; lat: number; lon: number }[] = [
  { id: 'loc-ny', zone: 'America/New_York', utcOpenHour: 13, lat: 40.7506, lon: -73.9972 },
  { id: 'loc-bos', zone: 'America/New_York', utcOpenHour: 13, lat: 42.3467, lon: -71.0972 },
  { id: 'loc-chi', zone: 'America/Chicago', utcOpenHour: 14, lat: 41.9217, lon: -87.6489 },
  { id: 'loc-sf', zone: 'America/Los_Angeles', utcOpenHour: 16, lat: 37.7484, lon: -122.4156 },
];

function buildWorld(): SchedulingWorld {
  const seeded = new SeededRandom(20261207);
  const rnd = () => seeded.float();
  const locations: ClinicLocation[] = SITES.map((s) => ({
    id: s.id,
    name: `Clinic ${s.id}`,
    timeZone: s.zone,
    postalCode: null,
    centroid: { lat: s.lat, lon: s.lon },
    hours: [{ days: WEEKDAYS, open: '08:00', close: '17:00' }],
    closures: [{ start: START_DAY + 17 * DAY, end: START_DAY + 18 * DAY, reason: 'Holiday' }],
    resources: [
      { id: `${s.id}-xray`, name: 'X-ray room', kind: 'room', tags: ['x-ray'] },
      { id: `${s.id}-proc-1`, name: 'Procedure room 1', kind: 'room', tags: ['procedure-room'] },
      { id: `${s.id}-proc-2`, name: 'Procedure room 2', kind: 'room', tags: ['procedure-room'] },
    ],
    kind: 'clinic',
  }));
  const providers: Provider[] = [];
  for (let i = 0; i < PROVIDERS; i++) {
    const site = SITES[i % SITES.length]!;
    const specialty = i % 25 === 0 ? RADIOLOGY : [FAMILY, PEDIATRICS, INTERNAL, FAMILY][i % 4]!;
    providers.push({
      id: `role-${String(i + 1).padStart(4, '0')}`,
      practitionerId: `pr-${i + 1}`,
      name: `Clinician ${i + 1}`,
      specialties: [specialty],
      specialtyLabel: specialty,
      locationIds: [site.id],
      languages: rnd() < 0.25 ? ['en', 'es'] : ['en'],
      acceptedPlans: rnd() < 0.3 ? 'any' : PLANS.filter(() => rnd() < 0.7),
      ageRange: specialty === PEDIATRICS ? { minYears: null, maxYears: 18 } : specialty === INTERNAL ? { minYears: 18, maxYears: null } : { minYears: null, maxYears: null },
      acceptsNewPatients: rnd() < 0.8,
      telehealth: rnd() < 0.6,
      limits: rnd() < 0.3 ? [{ id: 'fri-am-new', counts: 'new-patients', max: 2, per: 'morning', days: ['fri'] }] : [],
      blocked: rnd() < 0.2 ? [{ start: START_DAY + 2 * DAY + 18 * 3_600_000, end: START_DAY + 2 * DAY + 23 * 3_600_000, reason: 'Admin time' }] : [],
      preferredVisitTypeIds: rnd() < 0.3 ? ['new-patient'] : [],
    });
  }
  const slots: Slot[] = [];
  const booked: BookedVisit[] = [];
  for (let p = 0; p < PROVIDERS; p++) {
    const provider = providers[p]!;
    const site = SITES[p % SITES.length]!;
    for (let d = 0; d < DAYS; d++) {
      const day = START_DAY + d * DAY;
      const weekday = new Date(day).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      const open = day + site.utcOpenHour * 3_600_000;
      for (let k = 0; k < 27; k++) {
        const start = open + k * 20 * MINUTE;
        const id = `s-${p}-${d}-${k}`;
        const busy = rnd() < 0.4 * Math.max(0.2, 1 - d / DAYS);
        slots.push({ id, providerId: provider.id, locationId: site.id, start, end: start + 20 * MINUTE, status: busy ? 'busy' : 'free', ...(k === 0 ? { visitTypeIds: ['urgent'] } : {}) });
        if (busy) {
          booked.push({
            appointmentId: `a-${id}`,
            providerId: provider.id,
            locationId: site.id,
            patientId: `pat-${Math.floor(rnd() * 50_000)}`,
            visitTypeId: 'sick',
            start,
            end: start + 20 * MINUTE,
            newPatient: rnd() < 0.15,
            resourceIds: rnd() < 0.05 ? [`${site.id}-proc-1`] : [],
            slotIds: [id],
          });
        }
      }
    }
  }
  const visitTypes: VisitType[] = [
    { id: 'sick', label: 'Same-day sick visit', telehealth: 'allowed', steps: [{ label: 'Visit', durationMinutes: 20, specialties: [FAMILY, PEDIATRICS, INTERNAL] }] },
    { id: 'urgent', label: 'Urgent visit', telehealth: 'never', steps: [{ label: 'Visit', durationMinutes: 20, specialties: [FAMILY, PEDIATRICS, INTERNAL] }] },
    { id: 'new-patient', label: 'New patient visit', telehealth: 'never', patients: 'new-only', steps: [{ label: 'Visit', durationMinutes: 40, specialties: [FAMILY, PEDIATRICS, INTERNAL] }] },
    { id: 'telehealth', label: 'Telehealth check-in', telehealth: 'only', steps: [{ label: 'Video visit', durationMinutes: 20 }] },
    {
      id: 'imaging-follow-up',
      label: 'X-ray then follow-up',
      telehealth: 'never',
      steps: [
        { label: 'X-ray', durationMinutes: 20, specialties: [RADIOLOGY], requiredResources: [{ kind: 'room', tag: 'x-ray' }] },
        { label: 'Follow-up', durationMinutes: 20, specialties: [FAMILY, INTERNAL], minGapMinutes: 2 * 24 * 60, maxGapMinutes: 10 * 24 * 60 },
      ],
    },
    { id: 'procedure', label: 'Minor procedure', telehealth: 'never', steps: [{ label: 'Procedure', durationMinutes: 40, specialties: [FAMILY], requiredResources: [{ kind: 'room', tag: 'procedure-room' }] }] },
  ];
  const weights = { pcp: 50, establishedProvider: 20, requestedProvider: 40, language: 15, dayPart: 8, preferredVisitType: 4, perHourWait: 0.05, perKm: 0.05, telehealthWhenWanted: 6, roundRobin: 5 };
  return { providers, locations, visitTypes, slots, booked, weights };
}

const patient = {
  id: 'pat-bench',
  ageYears: 42,
  planCode: 'EVG-PPO-500',
  planName: 'Evergreen PPO 500',
  pcpProviderIds: ['role-0005'],
  seenProviderIds: ['role-0005', 'role-0009'],
  language: null,
  home: { lat: 40.73, lon: -73.99 },
};

const REQUESTS: Record<string, SchedulingRequest> = {
  'sick visit, routine, 90 days': { visitTypeId: 'sick', window: { from: NOW, to: NOW + DAYS * DAY }, patient, preferences: {}, limit: 10, now: NOW },
  'urgent, within 4 hours': { visitTypeId: 'urgent', window: { from: NOW, to: NOW + 4 * 3_600_000 }, patient, preferences: {}, limit: 10, now: NOW },
  'new patient 40 min, Spanish, afternoons, 30 days': {
    visitTypeId: 'new-patient',
    window: { from: NOW, to: NOW + 30 * DAY },
    patient: { ...patient, id: 'pat-new', pcpProviderIds: [], seenProviderIds: [], language: 'es', planCode: 'MCD-MMC', planName: 'Medicaid Managed Care' },
    preferences: { dayParts: ['afternoon'] },
    limit: 10,
    now: NOW,
  },
  'child sick visit, 25 km, 14 days': {
    visitTypeId: 'sick',
    window: { from: NOW, to: NOW + 14 * DAY },
    patient: { ...patient, id: 'pat-child', ageYears: 6, pcpProviderIds: [], planCode: 'MCD-CHIP', planName: 'CHIP (children)' },
    preferences: { maxDistanceKm: 25 },
    limit: 10,
    now: NOW,
  },
  'telehealth only, 90 days': { visitTypeId: 'telehealth', window: { from: NOW, to: NOW + DAYS * DAY }, patient, preferences: { telehealthOk: true }, limit: 10, now: NOW },
  'x-ray then follow-up, 14 days': { visitTypeId: 'imaging-follow-up', window: { from: NOW, to: NOW + 14 * DAY }, patient, preferences: {}, limit: 10, now: NOW },
  'procedure with room, 90 days': { visitTypeId: 'procedure', window: { from: NOW, to: NOW + DAYS * DAY }, patient, preferences: {}, limit: 10, now: NOW },
};

function main(): void {
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const world = buildWorld();
  const built = performance.now() - t0;
  const heapWorld = process.memoryUsage().heapUsed;
  process.stdout.write(`world: ${world.providers.length} providers x ${DAYS} days, ${world.slots.length} slots (${world.booked.length} booked), built in ${built.toFixed(0)} ms, heap +${mib(heapWorld - heap0)}\n`);

  const i0 = performance.now();
  indexWorld(world);
  process.stdout.write(`index (slots and bookings per provider, sorted; once per world): ${(performance.now() - i0).toFixed(1)} ms, heap +${mib(process.memoryUsage().heapUsed - heapWorld)}\n`);
  const first = Object.values(REQUESTS)[0]!;
  const c0 = performance.now();
  rankSlots(world, first);
  process.stdout.write(`first request (cold caches: zone offsets, JIT): ${(performance.now() - c0).toFixed(1)} ms\n`);

  for (const [label, request] of Object.entries(REQUESTS)) {
    const times: number[] = [];
    let result = rankSlots(world, request);
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      result = rankSlots(world, request);
      times.push(performance.now() - t);
    }
    const figures = `${result.offers.length} offers, ${result.considered} slots considered, ${result.exclusions.length} exclusion groups`;
    process.stdout.write(`${summary(label, times)}  (${figures})\n`);
  }

  // Mass reschedule: a provider out sick for a week, every booked visit re-offered under the same rules.
  const sick = world.providers[4]!;
  const closure = { providerId: sick.id, locationId: null, start: NOW, end: NOW + 7 * DAY, reason: 'Provider out sick' };
  const affected = world.booked.filter((b) => b.providerId === sick.id && b.start >= closure.start && b.start < closure.end);
  const m0 = performance.now();
  const plan = planMassReschedule(world, affected, closure, (visit) => ({
    visitTypeId: 'sick',
    window: { from: NOW, to: visit.start + 14 * DAY },
    patient: { ...patient, id: visit.patientId, pcpProviderIds: [], seenProviderIds: [] },
    preferences: {},
    limit: 1,
    now: NOW,
  }));
  const proposed = plan.proposals.filter((p) => p.offer !== null).length;
  process.stdout.write(`mass reschedule (1 provider out 7 days): ${affected.length} appointments, ${proposed} proposed, in ${(performance.now() - m0).toFixed(1)} ms\n`);

  global.gc?.();
  const mem = process.memoryUsage();
  process.stdout.write(`memory: heapUsed ${mib(mem.heapUsed)} (+${mib(mem.heapUsed - heap0)} since start), rss ${mib(mem.rss)}\n`);
}

main();
