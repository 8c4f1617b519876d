import type { Appointment, Bundle, BundleEntry, Communication, Resource, Slot as FhirSlot } from '@medplum/fhirtypes';
import { checkTransactionResponse } from '../../documentation/deliveryOutcome';
import { type DeliveredOther, DeferredDeliveryError, type OutboxDeliverer, PermanentDeliveryError } from '../../documentation/DocumentationOutbox';
import { assignedIds } from '../../documentation/encounterTransaction';
import { FhirError, type FhirClient } from '../../ehr/FhirClient';
import { ACTIVE_APPOINTMENT_STATUSES, refId } from './fhirToModel';
import { AFTER_BOOKING_SLOT_SYSTEM, AFTER_BOOKING_TAG_SYSTEM, HOLD_TAG_SYSTEM, OUTBOX_KINDS, SCHEDULING_IDENTIFIER_SYSTEMS } from './schedulingFhir';
import { availableTo, conditionalPut, isVersionConflict, withoutHold } from './SlotHolds';

/** Failure codes the scheduling service acts on (PermanentDeliveryError.code). */
export const BOOKING_FAILURES = { slotTaken: 'slot-taken', appointmentGone: 'appointment-gone', replacementFailed: 'replacement-failed' } as const;

/** How many times one attempt re-reads and resends after someone wrote a slot between our read and write. */
const CONFLICT_ROUNDS = 3;

export const SLOT_TAKEN_MESSAGE = 'The slot was taken by someone else before the booking reached the EHR. Search again for fresh offers.';

async function findByIdentifier<T extends Resource>(fhir: FhirClient, type: T['resourceType'], system: string, value: string, signal: AbortSignal): Promise<T | null> {
  const found = await fhir.search<T>(type, { identifier: `${system}|${value}`, _count: '2' }, { signal });
  return found[0] ?? null;
}

function identifierOf(entry: BundleEntry): string | null {
  return (entry.resource as Appointment | Communication | undefined)?.identifier?.[0]?.value ?? null;
}

async function readSlot(fhir: FhirClient, id: string, signal: AbortSignal): Promise<FhirSlot> {
  try {
    return await fhir.read<FhirSlot>('Slot', id, signal);
  } catch (error) {
    if (error instanceof FhirError && (error.status === 404 || error.status === 410)) throw new PermanentDeliveryError(BOOKING_FAILURES.slotTaken, 'The slot no longer exists in the EHR. Search again for fresh offers.');
    throw error;
  }
}

function stripMeta(bundle: Bundle): Bundle {
  const { meta: _meta, ...rest } = bundle;
  return rest;
}

/**
 * Delivers a booking, correct on replay: (1) our Appointment already there (found by its client identifier)
 * means an earlier attempt succeeded, whatever answer was lost; (2) else each Slot must still be ours to
 * take (free, our hold, or a lapsed hold) — taken by someone else is a permanent failure the agent sees with
 * fresh offers; (3) else one transaction: each Slot PUT busy with If-Match on the version just read,
 * the Appointment(s) with If-None-Exist, the confirmation Communication. A 412/409 means someone wrote a
 * slot in between: read again and decide again.
 */
export class BookingDeliverer implements OutboxDeliverer {
  constructor(private readonly now: () => number = Date.now) {}

  async deliver(bundle: Bundle, fhir: FhirClient, signal: AbortSignal): Promise<DeliveredOther> {
    const holdId = bundle.meta?.tag?.find((t) => t.system === HOLD_TAG_SYSTEM)?.code ?? null;
    const entries = bundle.entry ?? [];
    const slotIds = entries.filter((e) => e.resource?.resourceType === 'Slot').map((e) => e.resource!.id!);
    const rest = entries.filter((e) => e.resource?.resourceType !== 'Slot');
    const appointmentKeys = rest.filter((e) => e.resource?.resourceType === 'Appointment').map(identifierOf).filter((v): v is string => v !== null);
    for (let round = 0; round < CONFLICT_ROUNDS; round++) {
      const existing = await this.existing(fhir, appointmentKeys, rest, signal);
      if (existing) return existing;
      const slots = await Promise.all(slotIds.map((id) => readSlot(fhir, id, signal)));
      const now = this.now();
      if (!slots.every((s) => availableTo(s, holdId, now))) throw new PermanentDeliveryError(BOOKING_FAILURES.slotTaken, SLOT_TAKEN_MESSAGE);
      const transaction: Bundle = stripMeta({
        ...bundle,
        entry: [...slots.map((s) => conditionalPut({ ...withoutHold(s), status: 'busy' }, s.meta?.versionId)), ...rest],
      });
      try {
        const response = checkTransactionResponse(transaction, await fhir.transaction(transaction, signal));
        const ids = assignedIds(response).slice(slots.length);
        return delivered(rest, ids);
      } catch (error) {
        if (!isVersionConflict(error)) throw error;
      }
    }
    // Still contended after re-reading: a transient state (another workstation mid-write); the outbox retries.
    throw new FhirError('http', 'The slot kept changing while Careline booked it; Careline will try again.', 409);
  }

  private async existing(fhir: FhirClient, keys: readonly string[], rest: readonly BundleEntry[], signal: AbortSignal): Promise<DeliveredOther | null> {
    if (keys.length === 0) return null;
    const first = await findByIdentifier<Appointment>(fhir, 'Appointment', SCHEDULING_IDENTIFIER_SYSTEMS.appointment, keys[0]!, signal);
    if (!first) return null;
    const ids = await Promise.all(
      rest.map(async (e) => {
        const value = identifierOf(e);
        const type = e.resource?.resourceType;
        if (!value || (type !== 'Appointment' && type !== 'Communication')) return '';
        const system = type === 'Appointment' ? SCHEDULING_IDENTIFIER_SYSTEMS.appointment : SCHEDULING_IDENTIFIER_SYSTEMS.confirmation;
        return (await findByIdentifier<Appointment | Communication>(fhir, type, system, value, signal))?.id ?? '';
      }),
    );
    return delivered(rest, ids);
  }
}

function delivered(rest: readonly BundleEntry[], ids: readonly string[]): DeliveredOther {
  const out: Record<string, string | null> = { communicationId: null };
  let step = 0;
  rest.forEach((e, i) => {
    if (e.resource?.resourceType === 'Appointment') out[step++ === 0 ? 'appointmentId' : `appointmentId${step}`] = ids[i] || null;
    if (e.resource?.resourceType === 'Communication') out.communicationId = ids[i] || null;
  });
  return { kind: OUTBOX_KINDS.book, ids: out };
}

/**
 * Delivers a cancellation, idempotent: the Appointment goes to cancelled (If-Match on the version read)
 * unless it already is, and each of its Slots still busy goes back to free — but only when no other active
 * Appointment holds that slot (a replay after the slot was re-booked must not free someone else's visit).
 */
export class CancelDeliverer implements OutboxDeliverer {
  constructor(private readonly now: () => number = Date.now) {}

  async deliver(bundle: Bundle, fhir: FhirClient, signal: AbortSignal): Promise<DeliveredOther> {
    const request = bundle.entry?.[0]?.resource as Appointment | undefined;
    if (!request?.id) throw new PermanentDeliveryError(BOOKING_FAILURES.appointmentGone, 'The cancellation names no appointment.');
    await replacementBooked(bundle, fhir, signal, this.now());
    for (let round = 0; round < CONFLICT_ROUNDS; round++) {
      let current: Appointment;
      try {
        current = await fhir.read<Appointment>('Appointment', request.id, signal);
      } catch (error) {
        if (error instanceof FhirError && (error.status === 404 || error.status === 410)) throw new PermanentDeliveryError(BOOKING_FAILURES.appointmentGone, 'The appointment no longer exists in the EHR.');
        throw error;
      }
      // The patient the cancel was asked for must still be this appointment's (a queued cancel was not checked).
      const asked = request.participant?.map((p) => refId(p.actor, 'Patient')).find((x) => x !== null) ?? null;
      const holder = current.participant?.map((p) => refId(p.actor, 'Patient')).find((x) => x !== null) ?? null;
      if (asked !== null && holder !== asked) throw new PermanentDeliveryError(BOOKING_FAILURES.appointmentGone, 'This appointment belongs to another patient; nothing was cancelled.');
      const slotIds = (current.slot ?? []).map((s) => refId(s, 'Slot')).filter((x): x is string => x !== null);
      const entries: BundleEntry[] = [];
      if (current.status !== 'cancelled') {
        const { meta: _meta, ...body } = current;
        entries.push({
          resource: { ...body, status: 'cancelled', cancelationReason: request.cancelationReason } as Appointment,
          request: { method: 'PUT', url: `Appointment/${current.id}`, ...(current.meta?.versionId ? { ifMatch: `W/"${current.meta.versionId}"` } : {}) },
        });
      }
      const freed: string[] = [];
      for (const slotId of slotIds) {
        const slot = await fhir.read<FhirSlot>('Slot', slotId, signal).catch(() => null);
        if (slot?.status !== 'busy') continue;
        const holders = await fhir.search<Appointment>('Appointment', { slot: `Slot/${slotId}`, _count: '10' }, { signal });
        if (holders.some((a) => a.id !== current.id && ACTIVE_APPOINTMENT_STATUSES.includes(a.status))) continue;
        entries.push(conditionalPut({ ...withoutHold(slot), status: 'free' }, slot.meta?.versionId));
        freed.push(slotId);
      }
      if (entries.length === 0) return { kind: OUTBOX_KINDS.cancel, ids: { appointmentId: current.id ?? null, freedSlotIds: null } };
      const transaction: Bundle = { resourceType: 'Bundle', type: 'transaction', entry: entries };
      try {
        checkTransactionResponse(transaction, await fhir.transaction(transaction, signal));
        return { kind: OUTBOX_KINDS.cancel, ids: { appointmentId: current.id ?? null, freedSlotIds: freed.join(',') || null } };
      } catch (error) {
        if (!isVersionConflict(error)) throw error;
      }
    }
    throw new FhirError('http', 'The appointment kept changing while Careline cancelled it; Careline will try again.', 409);
  }
}

/** The deliverers to pass to DocumentationOutbox's options (bootstrap: `deliverers: schedulingDeliverers()`). */
export function schedulingDeliverers(now: () => number = Date.now): Record<string, OutboxDeliverer> {
  return { [OUTBOX_KINDS.book]: new BookingDeliverer(now), [OUTBOX_KINDS.cancel]: new CancelDeliverer(now) };
}

/**
 * The cancel of a rescheduled visit goes ahead only once the new appointment is in the EHR. Until then it
 * waits (retried); if the new slots went to someone else the new booking can never land, and the old visit is
 * kept (a permanent refusal the agent sees): the patient never ends up with no appointment at all.
 */
async function replacementBooked(bundle: Bundle, fhir: FhirClient, signal: AbortSignal, now: number): Promise<void> {
  const tags = bundle.meta?.tag ?? [];
  const after = tags.find((t) => t.system === AFTER_BOOKING_TAG_SYSTEM)?.code;
  if (!after) return;
  const isBooked = async (): Promise<boolean> => {
    const booked = await findByIdentifier<Appointment>(fhir, 'Appointment', SCHEDULING_IDENTIFIER_SYSTEMS.appointment, after, signal);
    return booked !== null && ACTIVE_APPOINTMENT_STATUSES.includes(booked.status);
  };
  if (await isBooked()) return;
  const holdId = tags.find((t) => t.system === HOLD_TAG_SYSTEM)?.code ?? null;
  const slotIds = tags.filter((t) => t.system === AFTER_BOOKING_SLOT_SYSTEM).map((t) => t.code!);
  for (const slotId of slotIds) {
    const slot = await fhir.read<FhirSlot>('Slot', slotId, signal).catch(() => null);
    if (!slot || !availableTo(slot, holdId, now)) {
      // The booking may have landed between the two reads (it writes the Slot and the Appointment in one
      // transaction): look once more before calling the slot lost.
      if (await isBooked()) return;
      throw new PermanentDeliveryError(BOOKING_FAILURES.replacementFailed, 'The new appointment could not be booked (its slot was taken), so the old one was kept. Reschedule again.');
    }
  }
  throw new DeferredDeliveryError('Waiting for the new appointment to reach the EHR before cancelling the old one.');
}
