/**
 * The FHIR vocabulary scheduling reads and writes: extension URLs, code systems and client identifier
 * systems. One place, so the loader, the hold writer and the booking delivery agree on every string.
 */

/** R4 core extension on Location: the clinic's IANA zone (opening hours are read in it). */
export const TIMEZONE_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/timezone';

/**
 * On a Slot while Careline holds it (status busy-tentative): who holds it (holdId) and until when (expires).
 * Other workstations read it: a hold past its expiry counts as free, so a crashed workstation never keeps a
 * slot away from patients for longer than the hold window.
 */
export const HOLD_EXTENSION = 'http://careline.example.org/fhir/StructureDefinition/slot-hold';

/** Slot.appointmentType / Appointment.appointmentType codings naming one of the rules' visit types. */
export const VISIT_TYPE_SYSTEM = 'http://careline.example.org/fhir/CodeSystem/visit-type';

/** Location.physicalType "ro" (room) with this extension's tags marks a bookable room or equipment. */
export const RESOURCE_TAG_EXTENSION = 'http://careline.example.org/fhir/StructureDefinition/resource-tag';

/** On PractitionerRole / HealthcareService: whether video visits are offered. */
export const TELEHEALTH_EXTENSION = 'http://careline.example.org/fhir/StructureDefinition/telehealth';

/** Location.type code for an urgent care / walk-in site (v3 RoleCode). */
export const URGENT_CARE_TYPE_CODES: readonly string[] = ['URGCARE', 'ER'];

/** Client-generated identifiers: the request's idempotency key makes each write replay-safe (If-None-Exist). */
export const SCHEDULING_IDENTIFIER_SYSTEMS = {
  appointment: 'urn:careline:appointment',
  confirmation: 'urn:careline:appointment-confirmation',
  cancellation: 'urn:careline:appointment-cancellation',
} as const;

/** Bundle.meta.tag system carrying the hold a booking was made from (read by its deliverer, never sent). */
export const HOLD_TAG_SYSTEM = 'urn:careline:slot-hold';
/**
 * On a cancel that completes a reschedule: the new appointment's identifier (code), and its slots
 * (AFTER_BOOKING_SLOT_SYSTEM, one tag each) with the hold they were booked under (HOLD_TAG_SYSTEM).
 */
export const AFTER_BOOKING_TAG_SYSTEM = 'urn:careline:after-booking';
export const AFTER_BOOKING_SLOT_SYSTEM = 'urn:careline:after-booking-slot';

/** Outbox item kinds (Bundle.meta.tag code, system OUTBOX_KIND_SYSTEM) scheduling delivers. */
export const OUTBOX_KINDS = { book: 'appointment-book', cancel: 'appointment-cancel' } as const;

/** On an Appointment Careline books: the patient was new to this provider (counts toward new-patient limits). */
export const NEW_PATIENT_EXTENSION = 'http://careline.example.org/fhir/StructureDefinition/new-patient';

/**
 * On an Appointment Careline books for a disposition: the disposition (valueCode, a Careline disposition id) and
 * the latest time the patient should be seen (valueDateTime, the disposition's window when booked). A mass
 * reschedule reads them so it never moves the visit past that window.
 */
export const DISPOSITION_EXTENSION = 'http://careline.example.org/fhir/StructureDefinition/disposition';
export const CARE_BY_EXTENSION = 'http://careline.example.org/fhir/StructureDefinition/care-by';
