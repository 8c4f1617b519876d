import type { DispositionId } from '../../src-preload/contract';
import { disposition } from '../../src-preload/contract/domain/dispositions';
import type { ClinicLocation, OpeningHours, Weekday } from './model';
import { clinicZoneLabel, dateLabel, localClock, minutesOfLocalTime, whenLabel } from './engine/localClock';
import { overlapsPeriod } from './engine/localPeriod';
import { SchedulingError } from './SchedulingError';

/** Dispositions that send the caller elsewhere now: never an appointment, whatever the rules file says. */
export const NEVER_SCHEDULABLE: readonly DispositionId[] = ['call-911', 'ed-now', 'poison-control', 'crisis-line'];

export interface SchedulingWindow {
  readonly from: number;
  readonly to: number;
  /** Minutes to care the disposition allows; null = a routine request. */
  readonly maxMinutes: number | null;
}

/**
 * The window the disposition allows, from now: "seen within 4 hours" = [now, now + 4 h]. A routine request
 * (no disposition, or one without a time limit such as home care) gets the rules' routine window.
 */
export function windowFor(dispositionId: DispositionId | null, routineWindowDays: number, now: number): SchedulingWindow {
  if (dispositionId !== null && NEVER_SCHEDULABLE.includes(dispositionId)) {
    const d = disposition(dispositionId);
    throw new SchedulingError('not-schedulable', `"${d.label}" is not something to book: follow the disposition (${d.label.toLowerCase()}) instead of scheduling.`);
  }
  const minutes = dispositionId === null ? null : disposition(dispositionId).maxMinutesToCare;
  if (minutes === null) return { from: now, to: now + routineWindowDays * 24 * 60 * 60_000, maxMinutes: null };
  return { from: now, to: now + minutes * 60_000, maxMinutes: minutes };
}

/** "Within 4 hours: until 3:40 PM EST (clinic)", "Within 3 days: until Tue Dec 8", "Routine: within 14 days (until Dec 21)". */
export function windowLabel(window: SchedulingWindow, timeZone: string): string {
  if (window.maxMinutes === null) return `Routine: within ${Math.round((window.to - window.from) / 86_400_000)} days (until ${dateLabel(window.to, timeZone)})`;
  const hours = window.maxMinutes / 60;
  const span = hours < 24 ? `${Math.round(hours)} hours` : hours <= 36 ? `${Math.round(hours)} hours` : `${Math.round(hours / 24)} days`;
  const until = hours <= 36 ? `${whenLabel(window.to, window.from, timeZone)} ${clinicZoneLabel(window.to, timeZone)}` : dateLabel(window.to, timeZone);
  return `Within ${span}: until ${until.replace(/^today /, '')}`;
}

function openAt(hours: readonly OpeningHours[], weekday: Weekday, minutes: number): boolean {
  return hours.some((h) => h.days.includes(weekday) && minutes >= minutesOfLocalTime(h.open) && minutes < minutesOfLocalTime(h.close));
}

/** The first instant in [from, to] the location is open (15-minute steps), or null; closures count as closed. */
export function firstOpenBetween(location: ClinicLocation, from: number, to: number): number | null {
  const step = 15 * 60_000;
  for (let at = from; at <= to; at += step) {
    if (location.closures.some((c) => overlapsPeriod(c, location.timeZone, at, at + 1))) continue;
    const { weekday, minutes } = localClock(at, location.timeZone);
    if (openAt(location.hours, weekday, minutes)) return at;
  }
  return null;
}
