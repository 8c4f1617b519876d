import type { Bundle, Coverage, Location, Patient, Practitioner, PractitionerRole, Resource, Schedule, Slot } from '@medplum/fhirtypes';
import type { FhirClient } from '../../../ehr/FhirClient';
import type { SchedulingRules } from '../../model';
import { TIMEZONE_EXTENSION } from '../schedulingFhir';

/**
 * A small synthetic scheduling network for tests (invented names, no real people): one clinic and one
 * urgent care open around the clock (so tests do not depend on the wall clock), two family doctors with a
 * Schedule each, 20-minute free Slots from `start` for `hours` hours, and a few patients with coverage.
 */
export const FIXTURE = {
  clinic: 'loc-clinic',
  urgentCare: 'loc-urgent',
  providers: ['role-kim', 'role-lee'] as const,
  patients: ['pat-1', 'pat-2', 'pat-3', 'pat-4'] as const,
  plan: 'PLAN-A',
  slotMinutes: 20,
};

const ALL_DAY: Location['hoursOfOperation'] = [{ daysOfWeek: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], allDay: true }];

export function slotId(provider: string, n: number): string {
  return `slot-${provider.replace('role-', '')}-${n}`;
}

export function fixtureResources(options: { start: number; hours: number }): Resource[] {
  const resources: Resource[] = [
    {
      resourceType: 'Location',
      id: FIXTURE.clinic,
      status: 'active',
      name: 'Maple Street Clinic',
      extension: [{ url: TIMEZONE_EXTENSION, valueCode: 'America/New_York' }],
      address: { postalCode: '10001' },
      hoursOfOperation: ALL_DAY,
    } satisfies Location,
    {
      resourceType: 'Location',
      id: FIXTURE.urgentCare,
      status: 'active',
      name: 'Riverside Urgent Care',
      extension: [{ url: TIMEZONE_EXTENSION, valueCode: 'America/New_York' }],
      type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'URGCARE' }], text: 'Urgent care' }],
      hoursOfOperation: ALL_DAY,
    } satisfies Location,
  ];
  for (const role of FIXTURE.providers) {
    const short = role.replace('role-', '');
    const family = short === 'kim' ? 'Kimura' : 'Leland';
    resources.push(
      { resourceType: 'Practitioner', id: `pr-${short}`, name: [{ family, given: ['Avery'], prefix: ['Dr.'] }] } satisfies Practitioner,
      {
        resourceType: 'PractitionerRole',
        id: role,
        active: true,
        practitioner: { reference: `Practitioner/pr-${short}` },
        location: [{ reference: `Location/${FIXTURE.clinic}` }],
        specialty: [{ coding: [{ system: 'http://nucc.org/provider-taxonomy', code: '207Q00000X', display: 'Family Medicine' }] }],
      } satisfies PractitionerRole,
      { resourceType: 'Schedule', id: `sched-${short}`, active: true, actor: [{ reference: `PractitionerRole/${role}` }, { reference: `Location/${FIXTURE.clinic}` }] } satisfies Schedule,
    );
    const count = Math.floor((options.hours * 60) / FIXTURE.slotMinutes);
    for (let n = 0; n < count; n++) {
      const start = options.start + n * FIXTURE.slotMinutes * 60_000;
      resources.push({
        resourceType: 'Slot',
        id: slotId(role, n),
        schedule: { reference: `Schedule/sched-${short}` },
        status: 'free',
        start: new Date(start).toISOString(),
        end: new Date(start + FIXTURE.slotMinutes * 60_000).toISOString(),
      } satisfies Slot);
    }
  }
  FIXTURE.patients.forEach((id, i) => {
    resources.push(
      {
        resourceType: 'Patient',
        id,
        name: [{ family: 'Testperson', given: [`Sample${i + 1}`] }],
        birthDate: '1980-04-02',
        address: [{ use: 'home', postalCode: '10001' }],
        generalPractitioner: i === 0 ? [{ reference: 'Practitioner/pr-kim' }] : undefined,
      } satisfies Patient,
      {
        resourceType: 'Coverage',
        id: `cov-${id}`,
        status: 'active',
        beneficiary: { reference: `Patient/${id}` },
        payor: [{ display: 'Sample Health Plan' }],
        class: [{ type: { coding: [{ code: 'plan' }] }, value: FIXTURE.plan, name: 'Sample Plan A' }],
      } satisfies Coverage,
    );
  });
  return resources;
}

/** Writes the fixture with client ids (PUT = create-or-update), in batches (servers cap updates per transaction). */
export async function loadFixture(fhir: FhirClient, options: { start: number; hours: number }): Promise<void> {
  const resources = fixtureResources(options);
  for (let i = 0; i < resources.length; i += 40) {
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'batch',
      entry: resources.slice(i, i + 40).map((resource) => ({ resource, request: { method: 'PUT', url: `${resource.resourceType}/${resource.id}` } })),
    };
    const response = await fhir.transaction(bundle);
    const failed = (response.entry ?? []).filter((e) => !/^2/.test(e.response?.status ?? ''));
    if (failed.length > 0) throw new Error(`The fixture did not load: ${JSON.stringify(failed[0])}`);
  }
}

export function fixtureRules(overrides: Partial<SchedulingRules> = {}): SchedulingRules {
  return {
    version: 'test-1',
    visitTypes: [
      { id: 'sick', label: 'Sick visit', telehealth: 'allowed', steps: [{ label: 'Visit', durationMinutes: 20 }] },
      { id: 'long', label: 'Long visit', telehealth: 'never', steps: [{ label: 'Visit', durationMinutes: 40 }] },
    ],
    dispositionVisitTypes: { 'seen-within-4-hours': ['sick'], 'seen-today': ['sick'] },
    routineWindowDays: 14,
    holdMinutes: 5,
    weights: { pcp: 50, establishedProvider: 20, requestedProvider: 40, language: 15, dayPart: 8, preferredVisitType: 4, perHourWait: 0.2, perKm: 0.3, telehealthWhenWanted: 6 },
    providers: {},
    locations: {},
    ...overrides,
  };
}
