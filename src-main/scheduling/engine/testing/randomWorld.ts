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
import { localInstant, localText } from '../localPeriod';
import { DAY, HOUR, MINUTE, TEST_WEIGHTS } from './worldBuilder';

/**
 * Random small worlds for property tests: a seed gives the same world every time, so a failing case is
 * reproduced from the seed fast-check prints. Everything a hard rule reads varies: zones, hours, closures,
 * blocked periods, plans, ages, new patients, limits, rooms, reserved and held slots, video, distances.
 */
export const RANDOM_WORLD_START = Date.UTC(2026, 11, 7); // Monday, 00:00 UTC

const ZONES = ['America/New_York', 'America/Chicago', 'America/Los_Angeles'];

/**
 * Zones for the time-zone properties: the extremes (UTC-10 Honolulu, UTC+14 Kiritimati), half and quarter hours
 * (Kolkata, Kathmandu, St John's), DST changing at 2:00 (New York, Denver), at 1:00 UTC (London), by half an hour
 * (Lord Howe), at midnight (Santiago, Havana: local midnight itself is skipped in spring), and UTC.
 */
export const TIME_ZONES_WORLDWIDE = [
  'Pacific/Honolulu',
  'Pacific/Kiritimati',
  'America/New_York',
  'America/Denver',
  'America/St_Johns',
  'America/Santiago',
  'America/Havana',
  'Europe/London',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'UTC',
] as const;

/**
 * First days (00:00 UTC, Thursdays) of six-day worlds spanning the Sunday clocks change somewhere in
 * TIME_ZONES_WORLDWIDE, and one quiet week.
 */
export const DST_WORLD_STARTS = [
  Date.UTC(2026, 2, 5), // US, Havana (Sun Mar 8)
  Date.UTC(2026, 2, 26), // London (Sun Mar 29)
  Date.UTC(2026, 3, 2), // Lord Howe, Santiago (Sun Apr 5)
  Date.UTC(2026, 8, 3), // Santiago (Sun Sep 6)
  Date.UTC(2026, 9, 1), // Lord Howe (Sun Oct 4)
  Date.UTC(2026, 9, 22), // London (Sun Oct 25)
  Date.UTC(2026, 9, 29), // US, Havana (Sun Nov 1)
  Date.UTC(2026, 11, 7),
] as const;

export interface RandomCaseOptions {
  /** Zones the clinics are drawn from (default: three US zones). */
  readonly zones?: readonly string[];
  /** 00:00 UTC of the world's first day (default RANDOM_WORLD_START); it spans six days. */
  readonly start?: number;
}
const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const PLANS = ['P1', 'P2', 'P3'];
const SPECIALTIES = ['FAM', 'PED'];
const TAGS = ['x-ray', 'procedure-room'];

export interface RandomCase {
  readonly world: SchedulingWorld;
  readonly request: SchedulingRequest;
}

export function randomCase(seed: number, options: RandomCaseOptions = {}): RandomCase {
  const r = new SeededRandom(seed);
  const START = options.start ?? RANDOM_WORLD_START;
  const period = (reason: string) => randomPeriod(r, START, reason);
  const locations: ClinicLocation[] = Array.from({ length: r.int(1, 2) }, (_, i) => ({
    id: `loc-${i}`,
    name: `Clinic ${i}`,
    timeZone: r.pick(options.zones ?? ZONES),
    postalCode: null,
    centroid: r.chance(0.8) ? { lat: 40 + r.float(), lon: -74 + r.float() } : null,
    hours: [{ days: WEEKDAYS.filter(() => r.chance(0.85)), open: r.pick(['06:00', '08:00', '09:30']), close: r.pick(['12:00', '19:40', '22:00']) }],
    closures: r.chance(0.3) ? [period('Holiday')] : [],
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
    blocked: r.chance(0.4) ? [period('Admin time')] : [],
    preferredVisitTypeIds: r.chance(0.3) ? ['vt'] : [],
  }));
  const slots: Slot[] = [];
  const booked: BookedVisit[] = [];
  for (const p of providers) {
    for (let d = 0; d < 6; d++) {
      if (r.chance(0.3)) continue;
      const locationId = r.pick(p.locationIds);
      // Slots start in the clinic's own morning to evening, whatever its zone.
      const zone = locations.find((l) => l.id === locationId)!.timeZone;
      let t = localInstant(START + d * DAY + r.int(6, 17) * HOUR + r.pick([0, 20, 40]) * MINUTE, zone, 'start');
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
          ...(r.chance(0.15) ? { heldUntil: START + r.int(0, 4 * 24) * HOUR } : {}),
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
  const from = START + r.int(0, 48) * HOUR;
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
    now: START + r.int(0, 48) * HOUR,
  };
  return { world: { providers, locations, visitTypes: [visitType], slots, booked, weights: TEST_WEIGHTS }, request };
}

/** Instants, whole local days ("2026-12-09" to "2026-12-10") or local hours, as a rules file may write them. */
function randomPeriod(r: SeededRandom, start: number, reason: string): BlockedPeriod {
  const kind = r.pick(['instants', 'local-days', 'local-hours'] as const);
  if (kind === 'local-days') {
    const first = start + r.int(0, 5) * DAY;
    return { localStart: localText(first), localEnd: localText(first + r.int(1, 2) * DAY), reason };
  }
  const from = start + r.int(0, 6 * 24) * HOUR;
  const to = from + r.int(1, 30) * HOUR;
  return kind === 'instants' ? { start: from, end: to, reason } : { localStart: localText(from), localEnd: localText(to), reason };
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
