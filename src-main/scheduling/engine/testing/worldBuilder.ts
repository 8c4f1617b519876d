import type {
  BookedVisit,
  ClinicLocation,
  PatientContext,
  Provider,
  RankingWeights,
  SchedulingRequest,
  SchedulingWorld,
  Slot,
  VisitType,
} from '../../model';

/**
 * Small synthetic worlds for the engine's tests (no real people: names are invented). Times are UTC instants;
 * MONDAY_9AM_NY is Monday 2026-12-07 09:00 in New York (EST, UTC-5).
 */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const MONDAY_9AM_NY = Date.UTC(2026, 11, 7, 14, 0);

export const TEST_WEIGHTS: RankingWeights = {
  pcp: 50,
  establishedProvider: 20,
  requestedProvider: 40,
  language: 15,
  dayPart: 8,
  preferredVisitType: 4,
  perHourWait: 0.2,
  perKm: 0.3,
  telehealthWhenWanted: 6,
  roundRobin: 5,
};

export function testProvider(id: string, overrides: Partial<Provider> = {}): Provider {
  return {
    id,
    practitionerId: `pr-${id}`,
    name: `Dr. ${id.toUpperCase()}, MD`,
    specialties: ['207Q00000X'],
    specialtyLabel: 'Family Medicine',
    locationIds: ['loc-a'],
    languages: ['en'],
    acceptedPlans: 'any',
    ageRange: { minYears: null, maxYears: null },
    acceptsNewPatients: true,
    telehealth: true,
    limits: [],
    blocked: [],
    preferredVisitTypeIds: [],
    ...overrides,
  };
}

export function testLocation(id: string, overrides: Partial<ClinicLocation> = {}): ClinicLocation {
  return {
    id,
    name: `Clinic ${id}`,
    timeZone: 'America/New_York',
    postalCode: '10001',
    centroid: { lat: 40.7506, lon: -73.9972 },
    hours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], open: '08:00', close: '17:00' }],
    closures: [],
    resources: [],
    kind: 'clinic',
    ...overrides,
  };
}

export function testVisitType(id: string, overrides: Partial<VisitType> = {}): VisitType {
  return { id, label: `Visit ${id}`, telehealth: 'allowed', steps: [{ label: 'Visit', durationMinutes: 20 }], ...overrides };
}

/** `count` back-to-back slots from `start`, ids `${providerId}-${index}` unless a prefix is given. */
export function slotRun(providerId: string, locationId: string, start: number, count: number, minutes = 20, prefix = `${providerId}@${start}`): Slot[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${i}`,
    providerId,
    locationId,
    start: start + i * minutes * MINUTE,
    end: start + (i + 1) * minutes * MINUTE,
    status: 'free' as const,
  }));
}

export function testPatient(overrides: Partial<PatientContext> = {}): PatientContext {
  return {
    id: 'pat-1',
    ageYears: 40,
    planCode: 'PLAN-A',
    planName: 'Plan A',
    pcpProviderIds: [],
    seenProviderIds: [],
    language: null,
    home: null,
    ...overrides,
  };
}

export function testRequest(overrides: Partial<SchedulingRequest> = {}): SchedulingRequest {
  return {
    visitTypeId: 'sick',
    window: { from: MONDAY_9AM_NY, to: MONDAY_9AM_NY + 7 * DAY },
    patient: testPatient(),
    preferences: {},
    limit: 10,
    now: MONDAY_9AM_NY - HOUR,
    ...overrides,
  };
}

export function testWorld(parts: Partial<SchedulingWorld> = {}): SchedulingWorld {
  return {
    providers: [testProvider('p1')],
    locations: [testLocation('loc-a')],
    visitTypes: [testVisitType('sick')],
    slots: [],
    booked: [],
    weights: TEST_WEIGHTS,
    ...parts,
  };
}

export function testBooking(overrides: Partial<BookedVisit> & Pick<BookedVisit, 'providerId' | 'start'>): BookedVisit {
  return {
    appointmentId: `appt-${overrides.providerId}-${overrides.start}`,
    locationId: 'loc-a',
    patientId: 'someone-else',
    visitTypeId: 'sick',
    end: overrides.start + 20 * MINUTE,
    newPatient: false,
    resourceIds: [],
    slotIds: [],
    ...overrides,
  };
}
