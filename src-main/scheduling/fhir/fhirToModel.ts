import type {
  Appointment,
  Extension,
  HealthcareService,
  Location,
  Practitioner,
  PractitionerRole,
  Schedule,
  Slot as FhirSlot,
} from '@medplum/fhirtypes';
import type { DispositionId } from '../../../src-preload/contract';
import { DISPOSITION_IDS, disposition } from '../../../src-preload/contract/domain/dispositions';
import type { BookableResource, BookedVisit, ClinicLocation, OpeningHours, Provider, Slot, SlotStatus, Weekday } from '../model';
import { CARE_BY_EXTENSION, DISPOSITION_EXTENSION, HOLD_EXTENSION, NEW_PATIENT_EXTENSION, RESOURCE_TAG_EXTENSION, TELEHEALTH_EXTENSION, TIMEZONE_EXTENSION, URGENT_CARE_TYPE_CODES, VISIT_TYPE_SYSTEM } from './schedulingFhir';

/**
 * FHIR R4 -> the engine's model, pure. What FHIR does not say (plans accepted, limits, blocked times) comes
 * from the rules file, merged over these values by mergeRules.ts.
 */

/** "PractitionerRole/abc" -> "abc" when the type matches; null otherwise. */
export function refId(ref: { reference?: string } | undefined, type: string): string | null {
  const value = ref?.reference ?? '';
  const [t, id] = value.split('/').slice(-2);
  return t === type && id ? id : null;
}

/** The display name of a person resource (official name first): "Dr. Avery Kimura, MD". */
export function practitionerName(practitioner: Pick<Practitioner, 'name'> | undefined): string | null {
  const n = practitioner?.name?.find((x) => x.use === 'official') ?? practitioner?.name?.[0];
  if (!n) return null;
  if (n.text) return n.text;
  const base = [n.prefix?.join(' '), n.given?.join(' '), n.family].filter(Boolean).join(' ');
  const suffix = n.suffix?.filter((s) => s !== 'MD' || !n.prefix?.includes('Dr.')).join(', ');
  return suffix ? `${base}, ${suffix}` : base || null;
}

function boolExtension(extensions: Extension[] | undefined, url: string): boolean | undefined {
  return extensions?.find((e) => e.url === url)?.valueBoolean;
}

/** BCP-47 primary tag ("es-MX" -> "es"), lower case. */
export function primaryLanguage(code: string | undefined): string | null {
  const tag = code?.trim().toLowerCase().split(/[-_]/)[0];
  return tag && /^[a-z]{2,3}$/.test(tag) ? tag : null;
}

export function toProvider(role: PractitionerRole, practitioner: Practitioner | undefined, services: readonly HealthcareService[]): Provider | null {
  if (!role.id || role.active === false) return null;
  const practitionerId = refId(role.practitioner, 'Practitioner') ?? '';
  const specialties = (role.specialty ?? []).flatMap((s) => s.coding?.map((c) => c.code ?? '') ?? []).filter(Boolean);
  const specialtyLabel = role.specialty?.[0]?.text ?? role.specialty?.[0]?.coding?.[0]?.display ?? 'Clinician';
  const languages = [
    ...(practitioner?.communication ?? []).flatMap((c) => c.coding?.map((x) => primaryLanguage(x.code)) ?? []),
  ].filter((l): l is string => l !== null);
  const roleServices = services.filter((s) => role.healthcareService?.some((r) => refId(r, 'HealthcareService') === s.id));
  const telehealth =
    boolExtension(role.extension, TELEHEALTH_EXTENSION) ??
    roleServices.some((s) => s.extension?.some((e) => e.url === TELEHEALTH_EXTENSION && e.valueBoolean === true) || s.characteristic?.some((c) => /telehealth|video/i.test(c.text ?? '')));
  // HealthcareService.appointmentRequired / "new patients" is free text in R4; the rules file says it precisely.
  const acceptsNew = roleServices.length === 0 ? true : roleServices.some((s) => s.availabilityExceptions === undefined || !/not accepting new/i.test(s.availabilityExceptions));
  return {
    id: role.id,
    practitionerId,
    name: role.practitioner?.display ?? practitionerName(practitioner) ?? 'Clinician',
    specialties,
    specialtyLabel,
    locationIds: (role.location ?? []).map((l) => refId(l, 'Location')).filter((x): x is string => x !== null),
    languages: languages.length > 0 ? [...new Set(languages)] : ['en'],
    acceptedPlans: 'any',
    ageRange: { minYears: null, maxYears: null },
    acceptsNewPatients: acceptsNew,
    telehealth,
    limits: [],
    blocked: [],
    preferredVisitTypeIds: [],
  };
}

const FHIR_DAYS: Readonly<Record<string, Weekday>> = { mon: 'mon', tue: 'tue', wed: 'wed', thu: 'thu', fri: 'fri', sat: 'sat', sun: 'sun' };

/** Location.hoursOfOperation, one entry per group of days; "08:00:00" -> "08:00". */
export function openingHours(location: Location): OpeningHours[] {
  return (location.hoursOfOperation ?? [])
    .filter((h) => h.allDay || (h.openingTime && h.closingTime))
    .map((h) => ({
      days: (h.daysOfWeek ?? []).map((d) => FHIR_DAYS[d]).filter((d): d is Weekday => d !== undefined),
      open: h.allDay ? '00:00' : h.openingTime!.slice(0, 5),
      close: h.allDay ? '24:00' : h.closingTime!.slice(0, 5),
    }));
}

export function timeZoneOf(location: Location, fallback: string): string {
  const zone = location.extension?.find((e) => e.url === TIMEZONE_EXTENSION)?.valueCode;
  return zone && isTimeZone(zone) ? zone : fallback;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A room or equipment Location (physicalType ro/ve or a resource tag) belongs to its partOf clinic. */
export function isResourceLocation(location: Location): boolean {
  const physical = location.physicalType?.coding?.[0]?.code;
  return physical === 'ro' || physical === 've' || (location.extension ?? []).some((e) => e.url === RESOURCE_TAG_EXTENSION);
}

export function toResource(location: Location): BookableResource | null {
  if (!location.id) return null;
  const physical = location.physicalType?.coding?.[0]?.code;
  const tags = (location.extension ?? []).filter((e) => e.url === RESOURCE_TAG_EXTENSION).map((e) => e.valueCode ?? e.valueString ?? '').filter(Boolean);
  return { id: location.id, name: location.name ?? 'Room', kind: physical === 've' ? 'equipment' : 'room', tags };
}

/** A clinic; its centroid is Location.position when given (the ZIP table fills it in otherwise, see applySchedulingRules). */
export function toClinicLocation(location: Location, resources: readonly BookableResource[], defaultTimeZone: string): ClinicLocation | null {
  if (!location.id || location.status === 'inactive') return null;
  const postalCode = location.address?.postalCode?.slice(0, 5) ?? null;
  const urgent = (location.type ?? []).some((t) => t.coding?.some((c) => URGENT_CARE_TYPE_CODES.includes(c.code ?? '')) || /urgent care|walk-in/i.test(t.text ?? ''));
  return {
    id: location.id,
    name: location.name ?? 'Clinic',
    timeZone: timeZoneOf(location, defaultTimeZone),
    postalCode,
    centroid: location.position ? { lat: location.position.latitude, lon: location.position.longitude } : null,
    hours: openingHours(location),
    closures: [],
    resources,
    kind: urgent ? 'urgent-care' : 'clinic',
  };
}

/** Which provider and location a Schedule is for (actor: PractitionerRole, Location; Practitioner as a fallback). */
export interface ScheduleActors {
  readonly providerId: string;
  readonly locationId: string;
}

export function scheduleActors(schedule: Schedule, rolesByPractitioner: ReadonlyMap<string, Provider>): ScheduleActors | null {
  const actors = schedule.actor ?? [];
  const roleId = actors.map((a) => refId(a, 'PractitionerRole')).find((x) => x !== null);
  const practitionerId = actors.map((a) => refId(a, 'Practitioner')).find((x) => x !== null);
  const provider = roleId ? undefined : practitionerId ? rolesByPractitioner.get(practitionerId) : undefined;
  const providerId = roleId ?? provider?.id;
  const locationId = actors.map((a) => refId(a, 'Location')).find((x) => x !== null) ?? provider?.locationIds[0];
  return providerId && locationId ? { providerId, locationId } : null;
}

export interface SlotHold {
  readonly holdId: string;
  readonly expires: number;
}

export function holdOf(slot: FhirSlot): SlotHold | null {
  const ext = slot.extension?.find((e) => e.url === HOLD_EXTENSION);
  const holdId = ext?.extension?.find((e) => e.url === 'holdId')?.valueString;
  const expires = Date.parse(ext?.extension?.find((e) => e.url === 'expires')?.valueInstant ?? '');
  return holdId && !Number.isNaN(expires) ? { holdId, expires } : null;
}

/** Visit types a slot is reserved for: codings of our visit-type system; other codes (ROUTINE) restrict nothing. */
export function slotVisitTypes(slot: FhirSlot): string[] | undefined {
  const codes = [...(slot.appointmentType?.coding ?? []), ...(slot.serviceType ?? []).flatMap((s) => s.coding ?? [])]
    .filter((c) => c.system === VISIT_TYPE_SYSTEM && c.code)
    .map((c) => c.code!);
  return codes.length > 0 ? codes : undefined;
}

export function toSlot(slot: FhirSlot, actors: ScheduleActors): Slot | null {
  const start = Date.parse(slot.start ?? '');
  const end = Date.parse(slot.end ?? '');
  if (!slot.id || Number.isNaN(start) || Number.isNaN(end) || end <= start) return null;
  const hold = slot.status === 'busy-tentative' ? holdOf(slot) : null;
  const visitTypeIds = slotVisitTypes(slot);
  return {
    id: slot.id,
    providerId: actors.providerId,
    locationId: actors.locationId,
    start,
    end,
    status: slot.status as SlotStatus,
    ...(visitTypeIds ? { visitTypeIds } : {}),
    // busy-tentative without our hold extension is someone else's tentative booking: never free.
    heldUntil: slot.status === 'busy-tentative' ? (hold?.expires ?? Number.MAX_SAFE_INTEGER) : null,
  };
}

/** Appointment statuses that occupy a provider (limits, round robin) and its resources. */
export const ACTIVE_APPOINTMENT_STATUSES: readonly string[] = ['proposed', 'pending', 'booked', 'arrived', 'fulfilled', 'checked-in', 'waitlist'];

export function visitTypeOfAppointment(appointment: Appointment): string {
  return (
    appointment.appointmentType?.coding?.find((c) => c.system === VISIT_TYPE_SYSTEM)?.code ??
    appointment.serviceType?.flatMap((s) => s.coding ?? []).find((c) => c.system === VISIT_TYPE_SYSTEM)?.code ??
    'unknown'
  );
}

export function toBookedVisit(appointment: Appointment, roleOfPractitioner: (practitionerId: string) => string | null): BookedVisit | null {
  const start = Date.parse(appointment.start ?? '');
  const end = Date.parse(appointment.end ?? '');
  if (!appointment.id || Number.isNaN(start) || Number.isNaN(end) || !ACTIVE_APPOINTMENT_STATUSES.includes(appointment.status)) return null;
  const actors = (appointment.participant ?? []).map((p) => p.actor).filter((a) => a !== undefined);
  const providerId =
    actors.map((a) => refId(a, 'PractitionerRole')).find((x) => x !== null) ??
    actors.map((a) => refId(a, 'Practitioner')).map((p) => (p ? roleOfPractitioner(p) : null)).find((x) => x !== null);
  const locations = actors.map((a) => refId(a, 'Location')).filter((x): x is string => x !== null);
  const patientId = actors.map((a) => refId(a, 'Patient')).find((x) => x !== null);
  if (!providerId || !patientId) return null;
  return {
    appointmentId: appointment.id,
    providerId,
    // The first Location actor is the clinic; further ones are rooms booked with the visit.
    locationId: locations[0] ?? '',
    patientId,
    visitTypeId: visitTypeOfAppointment(appointment),
    start,
    end,
    newPatient: appointment.extension?.some((e) => e.url === NEW_PATIENT_EXTENSION && e.valueBoolean === true) ?? false,
    resourceIds: locations.slice(1),
    slotIds: (appointment.slot ?? []).map((s) => refId(s, 'Slot')).filter((x): x is string => x !== null),
    ...careWindowOf(appointment),
  };
}

/**
 * The disposition an Appointment was booked for and the latest time to be seen: our extensions, or (a
 * disposition without the time) its window counted from when the Appointment was created. Unknown = nulls.
 */
export function careWindowOf(appointment: Appointment): { careBy: number | null; dispositionId: DispositionId | null } {
  const code = appointment.extension?.find((e) => e.url === DISPOSITION_EXTENSION)?.valueCode;
  const dispositionId = code && (DISPOSITION_IDS as readonly string[]).includes(code) ? (code as DispositionId) : null;
  const written = Date.parse(appointment.extension?.find((e) => e.url === CARE_BY_EXTENSION)?.valueDateTime ?? '');
  if (!Number.isNaN(written)) return { careBy: written, dispositionId };
  const minutes = dispositionId ? disposition(dispositionId).maxMinutesToCare : null;
  const created = Date.parse(appointment.created ?? '');
  return { careBy: minutes !== null && !Number.isNaN(created) ? created + minutes * 60_000 : null, dispositionId };
}
