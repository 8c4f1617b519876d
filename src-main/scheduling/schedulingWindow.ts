import type { DispositionId } from '../../src-preload/contract';
import { disposition } from '../../src-preload/contract/domain/dispositions';
import type { ClinicLocation, OpeningHours, Weekday } from './model';
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

/** "Within 4 hours: until 3:40 PM clinic time", "Within 3 days: until Tue, Dec 8", "Routine: within 14 days (until Mon, Dec 21)". */
export function windowLabel(window: SchedulingWindow, timeZone: string): string {
  const until = new Date(window.to);
  const time = until.toLocaleTimeString('en-US', { timeZone, hour: 'numeric', minute: '2-digit' });
  const day = until.toLocaleDateString('en-US', { timeZone, weekday: 'short', month: 'short', day: 'numeric' });
  if (window.maxMinutes === null) return `Routine: within ${Math.round((window.to - window.from) / 86_400_000)} days (until ${day})`;
  const span = window.maxMinutes < 24 * 60 ? `${Math.round(window.maxMinutes / 60)} hours` : `${Math.round(window.maxMinutes / (24 * 60))} days`;
  return window.maxMinutes <= 24 * 60 ? `Within ${span}: until ${day === sameDay(window.from, timeZone) ? '' : `${day}, `}${time} clinic time` : `Within ${span}: until ${day}`;
}

function sameDay(at: number, timeZone: string): string {
  return new Date(at).toLocaleDateString('en-US', { timeZone, weekday: 'short', month: 'short', day: 'numeric' });
}

const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Weekday and minutes since midnight of an instant, on the location's clock. */
export function localClock(at: number, timeZone: string): { day: Weekday; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(at));
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  const day = WEEKDAYS.find((d) => d === get('weekday').toLowerCase().slice(0, 3)) ?? 'mon';
  return { day, minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}

function toMinutes(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

function openAt(hours: readonly OpeningHours[], day: Weekday, minutes: number): boolean {
  return hours.some((h) => h.days.includes(day) && minutes >= toMinutes(h.open) && minutes < toMinutes(h.close));
}

/** The first instant in [from, to] the location is open (15-minute steps), or null; closures count as closed. */
export function firstOpenBetween(location: ClinicLocation, from: number, to: number): number | null {
  const step = 15 * 60_000;
  for (let at = from; at <= to; at += step) {
    if (location.closures.some((c) => at >= c.start && at < c.end)) continue;
    const { day, minutes } = localClock(at, location.timeZone);
    if (openAt(location.hours, day, minutes)) return at;
  }
  return null;
}
