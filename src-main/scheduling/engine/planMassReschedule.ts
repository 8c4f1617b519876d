import type { BlockedPeriod, BookedVisit, EngineOffer, SchedulingRequest, SchedulingWorld } from '../model';
import { isNewPatient } from './hardRules';
import { rankIndexed } from './rankSlots';
import { cmp, indexWorld, withOverrides } from './worldIndex';

/** What closes: a provider (out sick), a location (snowstorm), or a provider at one location, over a period. */
export interface ClosureEvent extends BlockedPeriod {
  readonly providerId: string | null;
  readonly locationId: string | null;
}

/** For one affected appointment: the proposed new visit (null when nothing fits: call the patient) and why. */
export interface RescheduleProposal {
  readonly appointment: BookedVisit;
  readonly offer: EngineOffer | null;
  readonly reason: string;
}

/**
 * Proposals in order of the original appointment time; every affected patient once (in the order of their first
 * affected appointment) in `notifyPatientIds`: all of them must be told, moved or not.
 */
export interface MassReschedulePlan {
  readonly proposals: readonly RescheduleProposal[];
  readonly notifyPatientIds: readonly string[];
}

export const NO_SLOT_REASON = 'No slot found: call the patient';

/**
 * A provider out sick or a location closed: for each affected appointment, the best slot under the same rules
 * (with the closure applied), never the same slot for two patients. Assigned in order of the original time
 * (earliest booked, first served), each assignment then taking its slots, rooms and limit counts from the ones
 * after. The affected visits stay counted where they were booked: freeing their rooms would only matter inside
 * the closure, and keeping them can never double-book.
 *
 * `makeRequest` builds the request for an appointment (its patient, visit type and window): the caller knows the
 * patients and the dispositions, the plan only orders and assigns.
 */
export function planMassReschedule(
  world: SchedulingWorld,
  affected: readonly BookedVisit[],
  closure: ClosureEvent,
  makeRequest: (appointment: BookedVisit) => SchedulingRequest,
): MassReschedulePlan {
  const base = indexWorld(world);
  const period: BlockedPeriod = { start: closure.start, end: closure.end, reason: closure.reason };
  const wholeProvider = closure.providerId !== null && closure.locationId === null;
  const providers = wholeProvider ? world.providers.filter((p) => p.id === closure.providerId).map((p) => ({ ...p, blocked: [...p.blocked, period] })) : [];
  // A provider out at one location only keeps their other sites: their visits there are filtered out below.
  const locations =
    closure.locationId && !closure.providerId ? world.locations.filter((l) => l.id === closure.locationId).map((l) => ({ ...l, closures: [...l.closures, period] })) : [];
  const index = withOverrides(base, providers, locations);

  const ordered = [...affected].sort((a, b) => a.start - b.start || cmp(a.appointmentId, b.appointmentId));
  const taken = new Set<string>();
  const extraBooked: BookedVisit[] = [];
  const proposals: RescheduleProposal[] = [];
  for (const appointment of ordered) {
    const request = makeRequest(appointment);
    // Ask for more when a provider is out at one location only: their offers there are skipped here.
    const limit = closure.providerId && closure.locationId ? request.limit + 25 : request.limit;
    const result = rankIndexed(index, world.weights, { ...request, limit }, { takenSlotIds: taken, extraBooked });
    const offer = result.offers.find((o) => !o.visits.some((v) => insideClosure(closure, v))) ?? null;
    if (!offer) {
      proposals.push({ appointment, offer: null, reason: NO_SLOT_REASON });
      continue;
    }
    for (const v of offer.visits) {
      for (const id of v.slotIds) taken.add(id);
      extraBooked.push({
        appointmentId: `proposed:${appointment.appointmentId}:${v.stepIndex}`,
        providerId: v.providerId,
        locationId: v.locationId,
        patientId: appointment.patientId,
        visitTypeId: request.visitTypeId,
        start: v.start,
        end: v.end,
        newPatient: isNewPatient(request.patient, v.providerId),
        resourceIds: v.resourceIds,
        slotIds: v.slotIds,
      });
    }
    proposals.push({ appointment, offer, reason: `Moved because of ${closure.reason.toLowerCase()}: ${offer.reasons[0]}` });
  }
  const notifyPatientIds = [...new Set(ordered.map((a) => a.patientId))];
  return { proposals, notifyPatientIds };
}

/** A provider closed at one location: a visit of theirs there inside the period. */
function insideClosure(closure: ClosureEvent, v: { providerId: string; locationId: string; start: number; end: number }): boolean {
  if (!closure.providerId || !closure.locationId) return false;
  return v.providerId === closure.providerId && v.locationId === closure.locationId && v.start < closure.end && closure.start < v.end;
}
