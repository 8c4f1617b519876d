import { disposition } from '../../../src-preload/contract/domain/dispositions';
import type { BookedVisit, VisitType } from '../model';
import { localClock } from './localClock';
import { localInstant } from './localPeriod';

const DAY_MS = 86_400_000;
/** A visit that must happen within this (from now, or by its disposition) is urgent: soonest slot first. */
export const URGENT_WITHIN_MS = 36 * 3_600_000;

/** Where the latest acceptable start of a moved visit comes from. */
export type RescheduleWindowBasis = 'disposition' | 'visit-type' | 'same-day';

export interface RescheduleWindow {
  /** Offers start in [from, to]: from is now, to the latest start the visit's reason allows. */
  readonly from: number;
  readonly to: number;
  readonly urgent: boolean;
  readonly basis: RescheduleWindowBasis;
}

/**
 * How late a mass reschedule may move an appointment. The window its reason allows, most cautious first:
 * - the disposition's window carried on the Appointment (`careBy`): never later than that — or than the booked
 *   time itself, when a nurse booked past the window with a reason;
 * - the visit type's `rescheduleWithinDays` (the rules file): that many local days after the booked day;
 * - when both are known, the earlier; when neither is, the booked local day: never later than the day the
 *   patient was given. Days are the clinic's days (its zone).
 * Urgent: the disposition asked for care within 36 hours, or the window ends within 36 hours of now.
 */
export function rescheduleWindow(appointment: BookedVisit, visitType: VisitType | undefined, timeZone: string, now: number): RescheduleWindow {
  const bounds: { to: number; basis: RescheduleWindowBasis }[] = [];
  if (appointment.careBy !== undefined && appointment.careBy !== null) bounds.push({ to: Math.max(appointment.careBy, appointment.start), basis: 'disposition' });
  if (visitType?.rescheduleWithinDays !== undefined) bounds.push({ to: endOfLocalDay(appointment.start, timeZone, visitType.rescheduleWithinDays), basis: 'visit-type' });
  if (bounds.length === 0) bounds.push({ to: endOfLocalDay(appointment.start, timeZone, 0), basis: 'same-day' });
  const tightest = bounds.reduce((a, b) => (b.to < a.to ? b : a));
  const maxMinutes = appointment.dispositionId ? disposition(appointment.dispositionId).maxMinutesToCare : null;
  const urgent = (maxMinutes !== null && maxMinutes * 60_000 <= URGENT_WITHIN_MS) || tightest.to - now <= URGENT_WITHIN_MS;
  return { from: now, to: tightest.to, urgent, basis: tightest.basis };
}

/** The last millisecond of the clinic's local day `days` days after the day of `at`. */
export function endOfLocalDay(at: number, timeZone: string, days: number): number {
  const { day } = localClock(at, timeZone);
  return localInstant((day + 1 + days) * DAY_MS, timeZone, 'start') - 1;
}
