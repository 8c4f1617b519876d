/**
 * DEMO ENVIRONMENT (simulation) — not a real EHR. Part of the synthetic population generator.
 *
 * The invented clinic network: the network Organization, payers, clinic Locations (with their rooms) and one
 * urgent care, clinicians with their PractitionerRole (telehealth flag), a Schedule per provider and 20-minute
 * Slots for the next 35 days (the scheduler searches at least 30 days ahead): a few each afternoon reserved for
 * urgent visits, and about one in six already booked (an Appointment for a synthetic patient), so limits and
 * "taken" slots are exercised.
 */
import type {
  Appointment,
  CodeableConcept,
  Location,
  Organization,
  Practitioner,
  PractitionerRole,
  Reference,
  Resource,
  Schedule,
  Slot,
} from '@medplum/fhirtypes';
import { NEW_PATIENT_EXTENSION, RESOURCE_TAG_EXTENSION, SCHEDULING_IDENTIFIER_SYSTEMS, TELEHEALTH_EXTENSION, TIMEZONE_EXTENSION, VISIT_TYPE_SYSTEM } from '../../scheduling/fhir/schedulingFhir';
import { addDays, dayOfWeek, localInstant } from './calendarDates';
import { CLINIC_SITES, type ClinicSite, utcOffsetHoursOn } from './demoGeography';
import { DEMO_SYSTEMS, NETWORK_ORGANIZATION_ID, SYNTHETIC_META, demoIds } from './demoIdentifiers';
import type { PhoneAllocator } from './PhoneAllocator';
import type { SeededRandom } from './seededRandom';
import { frozen } from './sharedValues';
import { NAME_POOLS } from './syntheticNames';

export const NETWORK_NAME = 'Careline Demo Health';
const OFFICE_OPEN_MINUTES = 8 * 60;
const OFFICE_CLOSE_MINUTES = 17 * 60;
const SLOT_MINUTES = 20;
const SCHEDULE_DAYS = 35;
/** Slots are the bulk of the network's resources; past this many providers the rest have schedules only. */
export const MAX_PROVIDERS_WITH_SLOTS = 40;
/** Roughly one clinician per 400 patients, never fewer than a small practice. */
export function clinicianCount(patients: number): number {
  return Math.max(12, Math.ceil(patients / 400));
}

export type PayerKind = 'commercial' | 'medicare' | 'medicaid';

export interface Payer {
  readonly id: string;
  readonly name: string;
  readonly kind: PayerKind;
  readonly memberPrefix: string;
  readonly plans: readonly { readonly code: string; readonly name: string }[];
}

/** Invented commercial plans plus the two public programs every US panel has. */
export const PAYERS: readonly Payer[] = [
  { id: demoIds.payer('evergreen'), name: 'Evergreen Health Plan', kind: 'commercial', memberPrefix: 'EVG', plans: [{ code: 'EVG-PPO-500', name: 'Evergreen PPO 500' }, { code: 'EVG-HMO-SLV', name: 'Evergreen HMO Silver' }] },
  { id: demoIds.payer('lakeshore'), name: 'Lakeshore Mutual Health', kind: 'commercial', memberPrefix: 'LKS', plans: [{ code: 'LKS-EPO', name: 'Lakeshore Choice EPO' }, { code: 'LKS-PPO-GLD', name: 'Lakeshore Gold PPO' }] },
  { id: demoIds.payer('pioneer'), name: 'Pioneer Care Alliance', kind: 'commercial', memberPrefix: 'PCA', plans: [{ code: 'PCA-HMO-BRZ', name: 'Pioneer HMO Bronze' }] },
  { id: demoIds.payer('medicare'), name: 'Medicare', kind: 'medicare', memberPrefix: 'MCR', plans: [{ code: 'MCR-AB', name: 'Medicare Part A & B' }] },
  { id: demoIds.payer('medicaid'), name: 'Medicaid', kind: 'medicaid', memberPrefix: 'MCD', plans: [{ code: 'MCD-MMC', name: 'Medicaid Managed Care' }, { code: 'MCD-CHIP', name: 'CHIP (children)' }] },
];

type ClinicianKind = 'family' | 'pediatrics' | 'internal' | 'npFamily' | 'npPediatrics' | 'rn';

interface ClinicianProfile {
  readonly degree: 'MD' | 'NP' | 'RN';
  readonly degreeDisplay: string;
  readonly role: 'doctor' | 'nurse';
  /** NUCC Health Care Provider Taxonomy, the specialty code set US payers and EHRs use. */
  readonly taxonomy: { readonly code: string; readonly display: string };
  readonly seesChildren: boolean;
  readonly seesAdults: boolean;
  /** Registered nurses run the phone triage queue; they do not book visits of their own. */
  readonly bookable: boolean;
}

const PROFILES: Readonly<Record<ClinicianKind, ClinicianProfile>> = {
  family: { degree: 'MD', degreeDisplay: 'Doctor of Medicine', role: 'doctor', taxonomy: { code: '207Q00000X', display: 'Family Medicine' }, seesChildren: true, seesAdults: true, bookable: true },
  pediatrics: { degree: 'MD', degreeDisplay: 'Doctor of Medicine', role: 'doctor', taxonomy: { code: '208000000X', display: 'Pediatrics' }, seesChildren: true, seesAdults: false, bookable: true },
  internal: { degree: 'MD', degreeDisplay: 'Doctor of Medicine', role: 'doctor', taxonomy: { code: '207R00000X', display: 'Internal Medicine' }, seesChildren: false, seesAdults: true, bookable: true },
  npFamily: { degree: 'NP', degreeDisplay: 'Nurse Practitioner', role: 'nurse', taxonomy: { code: '363LF0000X', display: 'Nurse Practitioner, Family' }, seesChildren: true, seesAdults: true, bookable: true },
  npPediatrics: { degree: 'NP', degreeDisplay: 'Nurse Practitioner', role: 'nurse', taxonomy: { code: '363LP0200X', display: 'Nurse Practitioner, Pediatrics' }, seesChildren: true, seesAdults: false, bookable: true },
  rn: { degree: 'RN', degreeDisplay: 'Registered Nurse', role: 'nurse', taxonomy: { code: '163W00000X', display: 'Registered Nurse' }, seesChildren: false, seesAdults: false, bookable: false },
};

/**
 * Clinician i works at site i % 4 and has kind CYCLE[i % 10]; with 12 clinicians every clinic gets someone
 * who sees adults and someone who sees children, and the cycle adds nurse practitioners and RNs as it grows.
 */
const CYCLE: readonly ClinicianKind[] = ['family', 'pediatrics', 'internal', 'npFamily', 'rn', 'family', 'pediatrics', 'internal', 'npPediatrics', 'rn'];

export interface DemoSite {
  readonly site: ClinicSite;
  readonly locationId: string;
  readonly phone: string;
  /** Shared, frozen reference to the clinic's Location. */
  readonly reference: Reference<Location>;
}

export interface CareProvider {
  readonly index: number;
  readonly practitionerId: string;
  readonly roleId: string;
  readonly display: string;
  readonly kind: ClinicianKind;
  readonly profile: ClinicianProfile;
  readonly site: DemoSite;
  readonly given: string;
  readonly family: string;
  readonly gender: 'female' | 'male';
  /** Shared, frozen reference to the Practitioner (with display). */
  readonly reference: Reference<Practitioner>;
}

export interface CareNetwork {
  readonly sites: readonly DemoSite[];
  readonly providers: readonly CareProvider[];
}

const ref = <T extends Resource>(type: T['resourceType'], id: string, display?: string): Reference<T> =>
  display ? { reference: `${type}/${id}`, display } : { reference: `${type}/${id}` };

/** Decides who works where; small (one entry per clinician), kept in memory while patients stream. */
export function planCareNetwork(patients: number, random: SeededRandom, phones: PhoneAllocator): CareNetwork {
  const sites = CLINIC_SITES.map((site) => ({
    site,
    locationId: demoIds.location(site.key),
    phone: phones.allocate(site.zip.areaCodes),
    reference: frozen(ref<Location>('Location', demoIds.location(site.key), site.name)),
  }));
  const providers: CareProvider[] = [];
  const count = clinicianCount(patients);
  for (let i = 0; i < count; i++) {
    const site = sites[i % sites.length] as DemoSite;
    const kind = CYCLE[i % CYCLE.length] as ClinicianKind;
    const profile = PROFILES[kind];
    const pool = NAME_POOLS[random.weighted(site.site.nameGroups)];
    const gender = random.chance(0.55) ? 'female' : 'male';
    const given = random.pick(gender === 'female' ? pool.female : pool.male);
    const family = random.pick(pool.family);
    const index = i + 1;
    const display = `${profile.degree === 'MD' ? 'Dr. ' : ''}${given} ${family}, ${profile.degree}`;
    providers.push({
      index,
      practitionerId: demoIds.practitioner(index),
      roleId: demoIds.practitionerRole(index),
      display,
      reference: frozen(ref<Practitioner>('Practitioner', demoIds.practitioner(index), display)),
      kind,
      profile,
      site,
      given,
      family,
      gender,
    });
  }
  return { sites, providers };
}

/** The network Organization, referenced by thousands of resources: one shared frozen value. */
export const NETWORK_REFERENCE: Reference<Organization> = frozen({ reference: `Organization/${NETWORK_ORGANIZATION_ID}`, display: NETWORK_NAME });
const ROUTINE_APPOINTMENT = frozen({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0276', code: 'ROUTINE', display: 'Routine appointment' }] });

const weekdayHours = [{ daysOfWeek: ['mon', 'tue', 'wed', 'thu', 'fri'] as ('mon' | 'tue' | 'wed' | 'thu' | 'fri')[], openingTime: '08:00:00', closingTime: '17:00:00' }];

export type CareNetworkResource = Organization | Location | Practitioner | PractitionerRole | Schedule | Slot | Appointment;

/** Rooms per site, ids as the demo scheduling rules name them (resources/scheduling/demo-rules.json). */
const SITE_ROOMS: Readonly<Record<string, readonly { id: string; name: string; tag: string }[]>> = {
  ny: [
    { id: 'loc-ny-xray-1', name: 'X-ray room', tag: 'x-ray' },
    { id: 'loc-ny-proc-1', name: 'Procedure room 1', tag: 'procedure-room' },
  ],
  bos: [{ id: 'loc-bos-proc-1', name: 'Procedure room', tag: 'procedure-room' }],
  chi: [
    { id: 'loc-chi-xray-1', name: 'X-ray room', tag: 'x-ray' },
    { id: 'loc-chi-proc-1', name: 'Procedure room 1', tag: 'procedure-room' },
    { id: 'loc-chi-proc-2', name: 'Procedure room 2', tag: 'procedure-room' },
  ],
  sf: [{ id: 'loc-sf-proc-1', name: 'Procedure room', tag: 'procedure-room' }],
};
export const URGENT_CARE_LOCATION_ID = 'loc-urgent-ny';
/** Slots at these minutes after midnight are reserved for urgent visits (same-day access). */
const URGENT_SLOT_MINUTES: readonly number[] = [13 * 60, 13 * 60 + 20];
/** About one slot in BOOKED_EVERY is already booked. */
const BOOKED_EVERY = 6;

/** Slots generated busy, waiting for their Appointment once the patients (and their PCPs) are known. */
export interface BookedSlot {
  readonly provider: CareProvider;
  readonly slot: Slot;
}

/**
 * `patients`: how many synthetic patients exist (pat-000001 ..): 0 = no slot is booked. Booked slots are
 * yielded busy and pushed to `booked`; `bookedAppointments` writes their Appointments after the households.
 */
export function* careNetworkResources(network: CareNetwork, referenceDate: string, patients = 0, booked: BookedSlot[] = []): Generator<CareNetworkResource> {
  yield {
    resourceType: 'Organization',
    id: NETWORK_ORGANIZATION_ID,
    meta: SYNTHETIC_META,
    active: true,
    type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/organization-type', code: 'prov', display: 'Healthcare Provider' }] }],
    name: NETWORK_NAME,
    alias: ['Careline demo clinic network (simulation)'],
  };
  for (const payer of PAYERS) {
    yield {
      resourceType: 'Organization',
      id: payer.id,
      meta: SYNTHETIC_META,
      identifier: [{ system: DEMO_SYSTEMS.payer, value: payer.memberPrefix }],
      active: true,
      type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/organization-type', code: 'pay', display: 'Payer' }] }],
      name: payer.name,
    };
  }
  for (const { site, locationId, phone } of network.sites) {
    yield {
      resourceType: 'Location',
      id: locationId,
      meta: SYNTHETIC_META,
      // The R4 timezone extension: office-hours logic needs the clinic's zone, not the agent's.
      extension: [{ url: TIMEZONE_EXTENSION, valueCode: site.timeZone }],
      status: 'active',
      name: site.name,
      description: 'Synthetic demo clinic (simulation)',
      mode: 'instance',
      type: [{ text: 'Primary care clinic' }],
      telecom: [{ system: 'phone', value: phone, use: 'work' }],
      address: {
        use: 'work',
        type: 'physical',
        line: [site.line],
        city: site.zip.city,
        state: site.zip.state,
        postalCode: site.zip.postalCode,
        country: 'US',
      },
      managingOrganization: NETWORK_REFERENCE,
      hoursOfOperation: weekdayHours,
    };
    yield* rooms(site, locationId);
  }
  yield urgentCare(network.sites[0]!);
  let withSlots = 0;
  for (const provider of network.providers) {
    yield* providerResources(provider);
    if (!provider.profile.bookable) continue;
    yield schedule(provider, referenceDate);
    if (withSlots < MAX_PROVIDERS_WITH_SLOTS) {
      withSlots += 1;
      yield* providerSlots(provider, referenceDate, patients, booked);
    }
  }
}

function specialtyOf(provider: CareProvider): CodeableConcept {
  const { taxonomy } = provider.profile;
  return { coding: [{ system: 'http://nucc.org/provider-taxonomy', code: taxonomy.code, display: taxonomy.display }], text: taxonomy.display };
}

function* providerResources(provider: CareProvider): Generator<Practitioner | PractitionerRole> {
  const { profile } = provider;
  yield {
    resourceType: 'Practitioner',
    id: provider.practitionerId,
    meta: SYNTHETIC_META,
    identifier: [{ system: DEMO_SYSTEMS.practitioner, value: `D${String(provider.index).padStart(5, '0')}` }],
    active: true,
    name: [
      {
        use: 'official',
        family: provider.family,
        given: [provider.given],
        ...(profile.degree === 'MD' ? { prefix: ['Dr.'] } : {}),
        suffix: [profile.degree],
      },
    ],
    gender: provider.gender,
    telecom: [{ system: 'phone', value: provider.site.phone, use: 'work' }],
    qualification: [
      { code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0360', code: profile.degree, display: profile.degreeDisplay }], text: profile.degreeDisplay } },
    ],
  };
  yield {
    resourceType: 'PractitionerRole',
    id: provider.roleId,
    meta: SYNTHETIC_META,
    active: true,
    practitioner: provider.reference,
    organization: NETWORK_REFERENCE,
    code: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/practitioner-role', code: profile.role, display: profile.role === 'doctor' ? 'Doctor' : 'Nurse' }] }],
    specialty: [specialtyOf(provider)],
    location: [provider.site.reference],
    telecom: [{ system: 'phone', value: provider.site.phone, use: 'work' }],
    // Pediatric in-person only (exams), everyone else also sees patients by video.
    ...(profile.bookable ? { extension: [{ url: TELEHEALTH_EXTENSION, valueBoolean: !profile.taxonomy.display.includes('Pediatrics') }] } : {}),
    availableTime: weekdayHours.map((h) => ({ daysOfWeek: h.daysOfWeek, availableStartTime: h.openingTime, availableEndTime: h.closingTime })),
  };
}

function schedule(provider: CareProvider, referenceDate: string): Schedule {
  return {
    resourceType: 'Schedule',
    id: demoIds.schedule(provider.index),
    meta: SYNTHETIC_META,
    active: true,
    specialty: [specialtyOf(provider)],
    actor: [
      ref<PractitionerRole>('PractitionerRole', provider.roleId),
      provider.reference,
      provider.site.reference,
    ],
    planningHorizon: { start: referenceDate, end: addDays(referenceDate, SCHEDULE_DAYS - 1) },
    comment: 'Synthetic demo schedule (simulation)',
  };
}

/** Rooms of a clinic (physicalType "ro", part of the clinic), tagged with what they serve. */
function* rooms(site: ClinicSite, clinicId: string): Generator<Location> {
  for (const room of SITE_ROOMS[site.key] ?? []) {
    yield {
      resourceType: 'Location',
      id: room.id,
      meta: SYNTHETIC_META,
      extension: [
        { url: TIMEZONE_EXTENSION, valueCode: site.timeZone },
        { url: RESOURCE_TAG_EXTENSION, valueCode: room.tag },
      ],
      status: 'active',
      name: room.name,
      mode: 'instance',
      physicalType: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/location-physical-type', code: 'ro', display: 'Room' }] },
      partOf: { reference: `Location/${clinicId}` },
      managingOrganization: NETWORK_REFERENCE,
    };
  }
}

/** One walk-in urgent care, open every day into the evening: the alternative when no appointment fits. */
function urgentCare(near: DemoSite): Location {
  const { site } = near;
  return {
    resourceType: 'Location',
    id: URGENT_CARE_LOCATION_ID,
    meta: SYNTHETIC_META,
    extension: [{ url: TIMEZONE_EXTENSION, valueCode: site.timeZone }],
    status: 'active',
    name: 'Careline Demo Health – Urgent Care (walk-in)',
    description: 'Synthetic demo urgent care (simulation)',
    mode: 'instance',
    type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'URGCARE', display: 'Urgent care' }], text: 'Urgent care' }],
    address: { use: 'work', type: 'physical', line: ['12 Harbor Rd'], city: site.zip.city, state: site.zip.state, postalCode: site.zip.postalCode, country: 'US' },
    managingOrganization: NETWORK_REFERENCE,
    hoursOfOperation: [{ daysOfWeek: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], openingTime: '08:00:00', closingTime: '20:00:00' }],
  };
}

const URGENT_VISIT_TYPE = frozen({ coding: [{ system: VISIT_TYPE_SYSTEM, code: 'urgent-visit', display: 'Urgent visit' }], text: 'Urgent visit' });
const BOOKED_VISIT_TYPE = frozen({ coding: [{ system: VISIT_TYPE_SYSTEM, code: 'follow-up', display: 'Follow-up' }], text: 'Follow-up' });

/**
 * Every 20-minute office-hours slot, Monday to Friday, for SCHEDULE_DAYS from the reference date. Two early
 * afternoon slots a day are reserved for urgent visits; about one in BOOKED_EVERY of the others is booked
 * (status busy + a follow-up Appointment for a synthetic patient), deterministically from the slot number.
 */
function* providerSlots(provider: CareProvider, referenceDate: string, patients: number, bookedSlots: BookedSlot[]): Generator<Slot> {
  const scheduleRef = ref<Schedule>('Schedule', demoIds.schedule(provider.index));
  let n = 0;
  for (let day = 0; day < SCHEDULE_DAYS; day++) {
    const date = addDays(referenceDate, day);
    const weekday = dayOfWeek(date);
    if (weekday === 0 || weekday === 6) continue;
    const offset = utcOffsetHoursOn(provider.site.site, date);
    for (let start = OFFICE_OPEN_MINUTES; start + SLOT_MINUTES <= OFFICE_CLOSE_MINUTES; start += SLOT_MINUTES) {
      n += 1;
      const urgent = URGENT_SLOT_MINUTES.includes(start);
      const booked = !urgent && patients > 0 && (n * 7 + provider.index) % BOOKED_EVERY === 0;
      const slot: Slot = {
        resourceType: 'Slot',
        id: demoIds.slot(provider.index, n),
        meta: SYNTHETIC_META,
        schedule: scheduleRef,
        status: booked ? 'busy' : 'free',
        start: localInstant(date, start, offset),
        end: localInstant(date, start + SLOT_MINUTES, offset),
        appointmentType: urgent ? URGENT_VISIT_TYPE : ROUTINE_APPOINTMENT,
      };
      yield slot;
      if (booked) bookedSlots.push({ provider, slot });
    }
  }
}

/**
 * The Appointments of the booked slots: a follow-up with the patient's own PCP (the provider's panel, as a real
 * clinic's schedule mostly is), so a chart never shows visits at clinics across the country; a provider with
 * no panel (more clinicians than the population needs) books any patient, marked new to them.
 */
export function* bookedAppointments(booked: readonly BookedSlot[], panels: ReadonlyMap<string, readonly number[]>, patients: number): Generator<Appointment> {
  for (const { provider, slot } of booked) {
    const panel = panels.get(provider.practitionerId) ?? [];
    const n = Number(slot.id!.split('-').pop());
    const pick = (provider.index * 7919 + n * 104_729) >>> 0;
    yield panel.length > 0 ? bookedAppointment(provider, slot, panel[pick % panel.length]!, false) : bookedAppointment(provider, slot, 1 + (pick % patients), true);
  }
}

function bookedAppointment(provider: CareProvider, slot: Slot, patientIndex: number, newPatient: boolean): Appointment {
  return {
    resourceType: 'Appointment',
    id: `appt-${slot.id!.slice('slot-'.length)}`,
    meta: SYNTHETIC_META,
    identifier: [{ system: SCHEDULING_IDENTIFIER_SYSTEMS.appointment, value: `demo-${slot.id!}` }],
    status: 'booked',
    appointmentType: BOOKED_VISIT_TYPE,
    description: 'Synthetic demo appointment (simulation)',
    start: slot.start,
    end: slot.end,
    minutesDuration: SLOT_MINUTES,
    slot: [{ reference: `Slot/${slot.id!}` }],
    ...(newPatient ? { extension: [{ url: NEW_PATIENT_EXTENSION, valueBoolean: true }] } : {}),
    participant: [
      { actor: { reference: `Patient/${demoIds.patient(patientIndex)}` }, status: 'accepted', required: 'required' },
      { actor: { reference: `PractitionerRole/${provider.roleId}`, display: provider.display }, status: 'accepted', required: 'required' },
      { actor: provider.site.reference, status: 'accepted', required: 'required' },
    ],
  };
}
