import type { Appointment, Bundle, BundleEntry, Communication, Extension } from '@medplum/fhirtypes';
import type { DispositionId } from '../../../src-preload/contract';
import { OUTBOX_KIND_SYSTEM } from '../../documentation/DocumentationOutbox';
import { iso } from './fhirSearch';
import { AFTER_BOOKING_SLOT_SYSTEM, AFTER_BOOKING_TAG_SYSTEM, CARE_BY_EXTENSION, DISPOSITION_EXTENSION, HOLD_TAG_SYSTEM, NEW_PATIENT_EXTENSION, OUTBOX_KINDS, SCHEDULING_IDENTIFIER_SYSTEMS, VISIT_TYPE_SYSTEM } from './schedulingFhir';

/**
 * What the outbox keeps for a booking or a cancellation: a transaction Bundle tagged with its kind. The
 * Slot entries name the slots and the version seen when held; the deliverer re-reads each Slot before
 * sending (a replay with the old If-Match would 412 even though our own first attempt succeeded).
 */
export interface BookedVisitPlan {
  readonly visitTypeId: string;
  readonly visitTypeLabel: string;
  readonly start: number;
  readonly end: number;
  readonly slotIds: readonly string[];
  readonly providerId: string;
  readonly providerName: string;
  readonly locationId: string;
  readonly locationName: string;
  readonly resourceIds: readonly string[];
  readonly mode: 'in-person' | 'telehealth';
  readonly newPatient: boolean;
}

export interface BookingPlan {
  readonly idempotencyKey: string;
  readonly holdId: string;
  readonly patientId: string;
  readonly visits: readonly BookedVisitPlan[];
  /** Appointment.description: the reason as the agent wrote it. */
  readonly reason: string;
  /** Why a slot past the disposition's window was booked (a nurse's words); kept on the Appointment. */
  readonly outsideWindowReason: string | null;
  /** The disposition booked for, and the latest time to be seen (its window): kept so a reschedule never moves past it. */
  readonly careWindow?: { readonly dispositionId: DispositionId | null; readonly careBy: number | null };
  /** The message queued for the patient; null = none. */
  readonly confirmationText: string | null;
  /** Slot id -> versionId when we held it. */
  readonly slotVersions: Readonly<Record<string, string>>;
  readonly bookedAt: number;
}

/** Identifier value of each visit's Appointment: the key for the first, key#n for later steps. */
export function appointmentIdentifier(idempotencyKey: string, step: number): string {
  return step === 0 ? idempotencyKey : `${idempotencyKey}#${step + 1}`;
}

export function buildBookingBundle(plan: BookingPlan): Bundle {
  const patient = { reference: `Patient/${plan.patientId}` };
  const slotEntries: BundleEntry[] = plan.visits.flatMap((v) =>
    v.slotIds.map((id) => ({
      resource: { resourceType: 'Slot' as const, id, status: 'busy' as const, schedule: { reference: 'Schedule/unknown' }, start: iso(v.start), end: iso(v.end) },
      request: { method: 'PUT' as const, url: `Slot/${id}`, ...(plan.slotVersions[id] ? { ifMatch: `W/"${plan.slotVersions[id]}"` } : {}) },
    })),
  );
  const care = plan.careWindow;
  const careExtensions: Extension[] = [
    ...(care?.dispositionId ? [{ url: DISPOSITION_EXTENSION, valueCode: care.dispositionId }] : []),
    ...(care?.careBy !== undefined && care.careBy !== null ? [{ url: CARE_BY_EXTENSION, valueDateTime: iso(care.careBy) }] : []),
  ];
  const appointmentEntries: BundleEntry[] = plan.visits.map((v, step) => {
    const value = appointmentIdentifier(plan.idempotencyKey, step);
    const extensions: Extension[] = [...(v.newPatient ? [{ url: NEW_PATIENT_EXTENSION, valueBoolean: true }] : []), ...careExtensions];
    const appointment: Appointment = {
      resourceType: 'Appointment',
      identifier: [{ system: SCHEDULING_IDENTIFIER_SYSTEMS.appointment, value }],
      status: 'booked',
      appointmentType: { coding: [{ system: VISIT_TYPE_SYSTEM, code: v.visitTypeId, display: v.visitTypeLabel }], text: v.visitTypeLabel },
      description: plan.reason,
      start: iso(v.start),
      end: iso(v.end),
      created: iso(plan.bookedAt),
      minutesDuration: Math.round((v.end - v.start) / 60_000),
      slot: v.slotIds.map((id) => ({ reference: `Slot/${id}` })),
      ...(extensions.length > 0 ? { extension: extensions } : {}),
      ...(plan.outsideWindowReason ? { comment: `Booked after the disposition's window: ${plan.outsideWindowReason}` } : {}),
      ...(v.mode === 'telehealth' ? { serviceCategory: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'VR', display: 'virtual' }], text: 'Telehealth' }] } : {}),
      participant: [
        { actor: { ...patient }, status: 'accepted', required: 'required' },
        { actor: { reference: `PractitionerRole/${v.providerId}`, display: v.providerName }, status: 'accepted', required: 'required' },
        { actor: { reference: `Location/${v.locationId}`, display: v.locationName }, status: 'accepted', required: 'required' },
        ...v.resourceIds.map((id) => ({ actor: { reference: `Location/${id}` }, status: 'accepted' as const, required: 'required' as const })),
      ],
    };
    return {
      fullUrl: `urn:uuid:${shiftUuid(plan.idempotencyKey, step + 1)}`,
      resource: appointment,
      request: { method: 'POST', url: 'Appointment', ifNoneExist: `identifier=${SCHEDULING_IDENTIFIER_SYSTEMS.appointment}|${value}` },
    };
  });
  const entries = [...slotEntries, ...appointmentEntries];
  if (plan.confirmationText) {
    // status "preparation": the message is written and waits for the EHR's patient messaging to send it
    // (SMS or portal); "in-progress" would claim it is being transmitted and "completed" that it arrived.
    const communication: Communication = {
      resourceType: 'Communication',
      identifier: [{ system: SCHEDULING_IDENTIFIER_SYSTEMS.confirmation, value: plan.idempotencyKey }],
      status: 'preparation',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/communication-category', code: 'notification' }], text: 'Appointment confirmation' }],
      subject: patient,
      recipient: [patient],
      about: appointmentEntries.map((e) => ({ reference: e.fullUrl })),
      payload: [{ contentString: plan.confirmationText }],
    };
    entries.push({
      fullUrl: `urn:uuid:${shiftUuid(plan.idempotencyKey, 9)}`,
      resource: communication,
      request: { method: 'POST', url: 'Communication', ifNoneExist: `identifier=${SCHEDULING_IDENTIFIER_SYSTEMS.confirmation}|${plan.idempotencyKey}` },
    });
  }
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    meta: { tag: [{ system: OUTBOX_KIND_SYSTEM, code: OUTBOX_KINDS.book }, { system: HOLD_TAG_SYSTEM, code: plan.holdId }] },
    entry: entries,
  };
}

export interface CancelPlan {
  readonly idempotencyKey: string;
  readonly appointmentId: string;
  readonly patientId: string;
  readonly reason: string;
  /**
   * A reschedule: cancel only once the new appointment is in the EHR (its identifier), and never if its slots
   * went to someone else (then the old visit is kept). Stored in the outbox item itself, so a restart before
   * delivery still completes (or refuses) the reschedule.
   */
  readonly after?: { readonly appointmentIdentifier: string; readonly slotIds: readonly string[]; readonly holdId: string | null };
}

/** A cancellation: the Appointment to cancel (its slots are freed by the deliverer, from the EHR's copy). */
export function buildCancelBundle(plan: CancelPlan): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    meta: {
      tag: [
        { system: OUTBOX_KIND_SYSTEM, code: OUTBOX_KINDS.cancel },
        ...(plan.after
          ? [
              { system: AFTER_BOOKING_TAG_SYSTEM, code: plan.after.appointmentIdentifier },
              ...plan.after.slotIds.map((code) => ({ system: AFTER_BOOKING_SLOT_SYSTEM, code })),
              ...(plan.after.holdId ? [{ system: HOLD_TAG_SYSTEM, code: plan.after.holdId }] : []),
            ]
          : []),
      ],
    },
    entry: [
      {
        resource: {
          resourceType: 'Appointment',
          id: plan.appointmentId,
          status: 'cancelled',
          cancelationReason: { text: plan.reason },
          participant: [{ actor: { reference: `Patient/${plan.patientId}` }, status: 'declined' }],
        },
        request: { method: 'PUT', url: `Appointment/${plan.appointmentId}` },
      },
    ],
  };
}

/** A stable UUID derived from the key (last hex digit rotated), so fullUrls are unique per bundle. */
function shiftUuid(uuid: string, by: number): string {
  const last = parseInt(uuid.slice(-1), 16);
  return uuid.slice(0, -1) + ((last + by) % 16).toString(16);
}
