import { SeededRandom } from '../../../demo/ehr/seededRandom';
import type {
  BlockedPeriod,
  BookedVisit,
  ClinicLocation,
  Provider,
  ProviderLimit,
  SchedulingRequest,
  SchedulingWorld,
  Slot,
  SlotStatus,
  VisitStep,
  VisitType,
  Weekday,
} from '../../model';
import { DAY, HOUR, MINUTE, TEST_WEIGHTS } from './worldBuilder';

/**
 * Random small worlds for property tests: a seed gives the same world every time, so a failing case is
 * reproduced from the seed fast-check prints. Everything a hard rule reads varies: zones, hours, closures,
 * blocked periods, plans, ages, new patients, limits, rooms, reserved and held slots, video, distances.
 */
export const RANDOM_WORLD_START = Date.UTC(2026, 11, 7); // Monday, 00:00 UTC

const ZONES = ['America/New_York', 'America/Chicago', 'America/Los_Angeles'];
const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const PLANS = ['P1', 'P2', 'P3'];
const SPECIALTIES = ['FAM', 'PED'];
const TAGS = ['x-ray', 'procedure-room'];

export interface RandomCase {
  readonly world: SchedulingWorld;
  readonly request: SchedulingRequest;
}

export function randomCase(seed: number): RandomCase {
  const r = new SeededRandom(seed);
  const locations: ClinicLocation[] = Array.from({ length: r.int(1, 2) }, (_, i) => ({
    id: `loc-${i}`,
    name: `Clinic ${i}`,
    timeZone: r.pick(ZONES),
    postalCode: null,
    centroid: r.chance(0.8) ? { lat: 40 + r.float(), lon: -74 + r.float() } : null,
    hours: [{ days: WEEKDAYS.filter(() => r.chance(0.85)), open: r.pick(['06:00', '08:00', '09:30']), close: r.pick(['12:00', '19:40', '22:00']) }],
    closures: r.chance(0.3) ? [period(r, 'Holiday')] : [],
    resources: TAGS.filter(() => r.chance(0.6)).map((tag, k) => ({ id: `loc-${i}-res-${k}`, name: `Room ${k}`, kind: 'room' as const, tags: [tag] })),
    kind: 'clinic' as const,
  }));
  const providers: Provider[] = Array.from({ length: r.int(1, 5) }, (_, i) => ({
    id: `p${i}`,
    practitionerId: `pr${i}`,
    name: `Clinician ${i}`,
    specialties: [r.pick(SPECIALTIES)],
    specialtyLabel: '',
    locationIds: locations.filter(() => r.chance(0.7)).map((l) => l.id).concat(locations[0]!.id).filter((v, k, a) => a.indexOf(v) === k),
    languages: r.chance(0.4) ? ['en', 'es'] : ['en'],
    acceptedPlans: r.chance(0.6) ? 'any' : PLANS.filter(() => r.chance(0.8)),
    ageRange: r.chance(0.15) ? { minYears: null, maxYears: 18 } : r.chance(0.15) ? { minYears: 18, maxYears: null } : { minYears: null, maxYears: null },
    acceptsNewPatients: r.chance(0.85),
    telehealth: r.chance(0.7),
    limits: r.chance(0.4) ? [limit(r)] : [],
    blocked: r.chance(0.4) ? [period(r, 'Admin time')] : [],
    preferredVisitTypeIds: r.chance(0.3) ? ['vt'] : [],
  }));
  const slots: Slot[] = [];
  const booked: BookedVisit[] = [];
  for (const p of providers) {
    for (let d = 0; d < 6; d++) {
      if (r.chance(0.3)) continue;
      const locationId = r.pick(p.locationIds);
      let t = RANDOM_WORLD_START + d * DAY + r.int(11, 22) * HOUR + r.pick([0, 20, 40]) * MINUTE;
      for (let k = r.int(1, 10); k > 0; k--) {
        const id = `${p.id}-${slots.length}`;
        const status: SlotStatus = r.chance(0.7) ? 'free' : r.pick(['busy', 'busy-tentative', 'busy-unavailable', 'entered-in-error'] as const);
        const slot: Slot = {
          id,
          providerId: p.id,
          locationId,
          start: t,
          end: t + 20 * MINUTE,
          status,
          ...(r.chance(0.15) ? { visitTypeIds: [r.pick(['vt', 'other'])] } : {}),
          ...(r.chance(0.15) ? { heldUntil: RANDOM_WORLD_START + r.int(0, 4 * 24) * HOUR } : {}),
        };
        slots.push(slot);
        if (status === 'busy') {
          const location = locations.find((l) => l.id === locationId)!;
          booked.push({
            appointmentId: `a-${id}`,
            providerId: p.id,
            locationId,
            patientId: `x${k}`,
            visitTypeId: r.pick(['vt', 'other']),
            start: t,
            end: t + 20 * MINUTE,
            newPatient: r.chance(0.5),
            resourceIds: location.resources.filter(() => r.chance(0.5)).map((res) => res.id),
            slotIds: [id],
          });
        }
        t += r.chance(0.9) ? 20 * MINUTE : 40 * MINUTE;
      }
    }
  }
  const steps: VisitStep[] = [step(r, locations)];
  if (r.chance(0.25)) {
    const min = r.int(0, 2 * 24 * 60);
    steps.push({ ...step(r, locations), minGapMinutes: min, maxGapMinutes: min + r.int(0, 3 * 24 * 60) });
  }
  const visitType: VisitType = {
    id: 'vt',
    label: 'Random visit',
    telehealth: r.pick(['never', 'allowed', 'allowed', 'only'] as const),
    steps,
    ...(r.chance(0.1) ? { ageRange: { minYears: null, maxYears: 18 } } : {}),
    ...(r.chance(0.2) ? { patients: r.pick(['any', 'new-only', 'established-only'] as const) } : {}),
  };
  const seen = providers.filter(() => r.chance(0.3)).map((p) => p.id);
  const from = RANDOM_WORLD_START + r.int(0, 48) * HOUR;
  const request: SchedulingRequest = {
    visitTypeId: 'vt',
    window: { from, to: from + r.int(r.chance(0.1) ? 0 : 12, 5 * 24) * HOUR },
    patient: {
      id: 'pat',
      ageYears: r.pick([2, 17, 18, 45]),
      planCode: r.chance(0.2) ? null : r.pick(PLANS),
      planName: null,
      // Usually a provider already seen; sometimes a PCP with no visit on file (still established).
      pcpProviderIds: r.chance(0.3) ? [r.pick(providers).id] : seen.slice(0, 1),
      seenProviderIds: seen,
      language: r.chance(0.3) ? 'es' : null,
      home: r.chance(0.7) ? { lat: 40 + r.float(), lon: -74 + r.float() } : null,
    },
    preferences: {
      ...(r.chance(0.5) ? { telehealthOk: r.chance(0.5) } : {}),
      ...(r.chance(0.3) ? { maxDistanceKm: r.int(5, 120) } : {}),
      ...(r.chance(0.3) ? { dayParts: [r.pick(['morning', 'afternoon', 'evening'] as const)] } : {}),
      ...(r.chance(0.2) ? { providerId: r.pick(providers).id } : {}),
    },
    limit: r.int(1, 12),
    now: RANDOM_WORLD_START + r.int(0, 48) * HOUR,
  };
  return { world: { providers, locations, visitTypes: [visitType], slots, booked, weights: TEST_WEIGHTS }, request };
}

function period(r: SeededRandom, reason: string): BlockedPeriod {
  const start = RANDOM_WORLD_START + r.int(0, 6 * 24) * HOUR;
  return { start, end: start + r.int(1, 30) * HOUR, reason };
}

function limit(r: SeededRandom): ProviderLimit {
  return {
    id: 'lim',
    counts: r.pick(['new-patients', 'visits'] as const),
    max: r.int(0, 3),
    per: r.pick(['day', 'morning', 'afternoon'] as const),
    ...(r.chance(0.5) ? { days: WEEKDAYS.filter(() => r.chance(0.5)) } : {}),
    ...(r.chance(0.3) ? { visitTypeIds: ['vt'] } : {}),
  };
}

function step(r: SeededRandom, locations: readonly ClinicLocation[]): VisitStep {
  return {
    label: 'Step',
    durationMinutes: r.pick([20, 20, 40, 60]),
    ...(r.chance(0.25) ? { specialties: [r.pick(SPECIALTIES)] } : {}),
    ...(r.chance(0.1) ? { providerIds: ['p0', 'p1'] } : {}),
    ...(r.chance(0.2) ? { locationIds: [r.pick(locations).id] } : {}),
    ...(r.chance(0.3) ? { requiredResources: [{ kind: 'room' as const, tag: r.pick(TAGS) }] } : {}),
  };
}
