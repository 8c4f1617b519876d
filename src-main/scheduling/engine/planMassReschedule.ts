import type { BlockedPeriod, BookedVisit, EngineOffer, SchedulingRequest, SchedulingWorld } from '../model';
import { isNewPatient } from './hardRules';
import { rankIndexed } from './rankSlots';
import { overlapsPeriod } from './localPeriod';
import { cmp, indexWorld, withOverrides } from './worldIndex';

/** What closes: a provider (out sick), a location (snowstorm), or a provider at one location, over a period. */
export type ClosureEvent = BlockedPeriod & {
  readonly providerId: string | null;
  readonly locationId: string | null;
};

/** One appointment's request: its window ends where its reason allows (engine/rescheduleWindow.ts). */
export interface RescheduleRequest extends SchedulingRequest {
  /** Soonest slot first, and assigned before the others. */
  readonly urgent?: boolean;
  /** The window in words, for the reason given ("by Tue Dec 8 3:00 AM, the disposition's window"). */
  readonly windowText?: string;
}

/** For one affected appointment: the proposed new visit (null when nothing fits: call the patient) and why. */
export interface RescheduleProposal {
  readonly appointment: BookedVisit;
  readonly offer: EngineOffer | null;
  readonly reason: string;
  /** The latest start this visit may move to (its window's end): every offer starts at or before it. */
  readonly latest: number;
  readonly urgent: boolean;
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
/** Waiting cost for an urgent visit: an hour sooner outweighs every preference together. */
const URGENT_PER_HOUR_WAIT = 1_000_000;

/**
 * A provider out sick or a location closed: for each affected appointment, the best slot under the same rules
 * (with the closure applied), never the same slot for two patients, and never later than the window its reason
 * allows (`makeRequest` sets it, see rescheduleWindow.ts): what cannot be placed inside it is "call the patient",
 * never moved later. Urgent visits are assigned first and get the soonest slot (waiting outweighs every
 * preference); then by the end of their window, then the original time. Each assignment takes its slots, rooms
 * and limit counts from the ones after. The affected visits stay counted where they were booked: freeing their
 * rooms would only matter inside the closure, and keeping them can never double-book.
 *
 * The closure's period may be local days: they are read in the zone of each clinic (engine/localPeriod.ts).
 */
export function planMassReschedule(
  world: SchedulingWorld,
  affected: readonly BookedVisit[],
  closure: ClosureEvent,
  makeRequest: (appointment: BookedVisit) => RescheduleRequest,
): MassReschedulePlan {
  const base = indexWorld(world);
  const period = periodOf(closure);
  const wholeProvider = closure.providerId !== null && closure.locationId === null;
  const providers = wholeProvider ? world.providers.filter((p) => p.id === closure.providerId).map((p) => ({ ...p, blocked: [...p.blocked, period] })) : [];
  // A provider out at one location only keeps their other sites: their visits there are filtered out below.
  const locations =
    closure.locationId && !closure.providerId ? world.locations.filter((l) => l.id === closure.locationId).map((l) => ({ ...l, closures: [...l.closures, period] })) : [];
  const index = withOverrides(base, providers, locations);
  const zoneOf = (locationId: string): string => index.locations.get(locationId)?.timeZone ?? 'UTC';

  const requests = new Map(affected.map((a) => [a, makeRequest(a)] as const));
  const byOriginalTime = [...affected].sort((a, b) => a.start - b.start || cmp(a.appointmentId, b.appointmentId));
  const byNeed = [...byOriginalTime].sort((a, b) => {
    const [ra, rb] = [requests.get(a)!, requests.get(b)!];
    return Number(rb.urgent ?? false) - Number(ra.urgent ?? false) || ra.window.to - rb.window.to;
  });
  const taken = new Set<string>();
  const extraBooked: BookedVisit[] = [];
  const decided = new Map<BookedVisit, RescheduleProposal>();
  for (const appointment of byNeed) {
    const request = requests.get(appointment)!;
    const urgent = request.urgent ?? false;
    const weights = urgent ? { ...world.weights, perHourWait: URGENT_PER_HOUR_WAIT } : world.weights;
    // Ask for more when a provider is out at one location only: their offers there are skipped here.
    const limit = closure.providerId && closure.locationId ? request.limit + 25 : request.limit;
    const result = rankIndexed(index, weights, { ...request, limit }, { takenSlotIds: taken, extraBooked });
    const inWindow = (o: EngineOffer) => o.visits[0]!.start <= request.window.to && o.visits[0]!.start >= Math.max(request.window.from, request.now);
    const offer = result.offers.find((o) => inWindow(o) && !o.visits.some((v) => insideClosure(closure, v, zoneOf(v.locationId)))) ?? null;
    const common = { appointment, latest: request.window.to, urgent };
    if (!offer) {
      const reason = request.windowText ? `${NO_SLOT_REASON}: nothing free ${request.windowText}` : NO_SLOT_REASON;
      decided.set(appointment, { ...common, offer: null, reason });
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
    const why = urgent ? `urgent, the soonest slot ${request.windowText ?? 'in its window'}` : offer.reasons[0];
    decided.set(appointment, { ...common, offer, reason: `Moved because of ${closure.reason.toLowerCase()}: ${why}` });
  }
  const proposals = byOriginalTime.map((a) => decided.get(a)!);
  const notifyPatientIds = [...new Set(byOriginalTime.map((a) => a.patientId))];
  return { proposals, notifyPatientIds };
}

/** The closure's period without who it is about. */
function periodOf(closure: ClosureEvent): BlockedPeriod {
  return 'localStart' in closure
    ? { localStart: closure.localStart, localEnd: closure.localEnd, reason: closure.reason }
    : { start: closure.start, end: closure.end, reason: closure.reason };
}

/** A provider closed at one location: a visit of theirs there inside the period (read in that clinic's zone). */
function insideClosure(closure: ClosureEvent, v: { providerId: string; locationId: string; start: number; end: number }, timeZone: string): boolean {
  if (!closure.providerId || !closure.locationId) return false;
  return v.providerId === closure.providerId && v.locationId === closure.locationId && overlapsPeriod(closure, timeZone, v.start, v.end);
}
