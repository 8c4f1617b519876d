import type { Weekday } from '../model';

/**
 * Wall-clock time in a clinic's IANA zone, fast enough to run on every candidate slot.
 *
 * Intl.DateTimeFormat#formatToParts costs microseconds per call, far too slow for hundreds of thousands of slots,
 * so we ask it for the zone's UTC offset at the start and end of each UTC day only, and when they differ (a DST
 * change) find the quarter hour it happens at by bisection (every real zone changes on a quarter hour, at most
 * once a day). The rest is integer arithmetic on the shifted instant. Formatters are created once per zone.
 */

const DAY_MS = 86_400_000;
const BUCKET_MS = 15 * 60_000;
const BUCKETS_PER_DAY = DAY_MS / BUCKET_MS;
const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Per zone, per UTC day: the offset, or the change that day (first quarter hour with the new offset). */
type DayOffsets = number | { readonly changeAt: number; readonly before: number; readonly after: number };
const offsetsByZone = new Map<string, Map<number, DayOffsets>>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime knows the zone (a rules file or FHIR Location may name one it does not). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Milliseconds to add to a UTC instant to read the zone's wall clock. */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  let days = offsetsByZone.get(timeZone);
  if (!days) {
    days = new Map();
    offsetsByZone.set(timeZone, days);
  }
  const day = Math.floor(ms / DAY_MS);
  let offsets = days.get(day);
  if (offsets === undefined) {
    offsets = dayOffsets(day, timeZone);
    days.set(day, offsets);
  }
  if (typeof offsets === 'number') return offsets;
  return ms < offsets.changeAt ? offsets.before : offsets.after;
}

function dayOffsets(day: number, timeZone: string): DayOffsets {
  const start = day * DAY_MS;
  const before = offsetAt(start, timeZone);
  const after = offsetAt(start + DAY_MS, timeZone);
  if (before === after) return before;
  // Bisect for the first quarter hour of the day already on the new offset.
  let lo = 1;
  let hi = BUCKETS_PER_DAY;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (offsetAt(start + mid * BUCKET_MS, timeZone) === after) hi = mid;
    else lo = mid + 1;
  }
  return { changeAt: start + lo * BUCKET_MS, before, after };
}

function offsetAt(at: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!) - at;
}

export interface LocalClock {
  /** Days since 1970-01-01 on the local calendar: equal for two instants on the same local day. */
  readonly day: number;
  readonly weekday: Weekday;
  /** Minutes since local midnight (0..1439). */
  readonly minutes: number;
}

export function localClock(ms: number, timeZone: string): LocalClock {
  const wall = ms + zoneOffsetMs(ms, timeZone);
  const day = Math.floor(wall / DAY_MS);
  const minutes = Math.floor((wall - day * DAY_MS) / 60_000);
  // 1970-01-01 was a Thursday.
  const weekday = WEEKDAYS[(((day + 4) % 7) + 7) % 7]!;
  return { day, weekday, minutes };
}

/** "08:30" -> 510; the schema guarantees the shape, this only reads it. */
export function minutesOfLocalTime(time: string): number {
  const [h, m] = time.split(':');
  return Number(h) * 60 + Number(m);
}

export type DayPartName = 'morning' | 'afternoon' | 'evening';

/** Morning before 12:00, afternoon before 17:00, evening after (the contract's day parts). */
export function dayPartOf(minutes: number): DayPartName {
  if (minutes < 12 * 60) return 'morning';
  return minutes < 17 * 60 ? 'afternoon' : 'evening';
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAY_LABELS: Record<Weekday, string> = { sun: 'Sun', mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat' };

/** "2:40 PM" in the zone. */
export function timeLabel(ms: number, timeZone: string): string {
  const { minutes } = localClock(ms, timeZone);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${h % 12 === 0 ? 12 : h % 12}:${String(m).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
}

/** "Dec 24" in the zone. */
export function dateLabel(ms: number, timeZone: string): string {
  const d = new Date(localClock(ms, timeZone).day * DAY_MS);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
}

/** "today 2:40 PM", "tomorrow 9:00 AM", "Tue Dec 8 9:00 AM": read in the clinic's zone, relative to `now`. */
export function whenLabel(ms: number, now: number, timeZone: string): string {
  const at = localClock(ms, timeZone);
  const today = localClock(now, timeZone).day;
  const time = timeLabel(ms, timeZone);
  if (at.day === today) return `today ${time}`;
  if (at.day === today + 1) return `tomorrow ${time}`;
  return `${WEEKDAY_LABELS[at.weekday]} ${dateLabel(ms, timeZone)} ${time}`;
}

const zoneNameFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * "EST (clinic)": said after every clinic time main writes into a sentence (reasons, windows, plans). Main does not
 * know the agent's zone, so its sentences always name the clinic's; times the screen formats itself say it only
 * when it differs from the agent's (src-renderer/src/ui/zonedTime.ts).
 */
export function clinicZoneLabel(ms: number, timeZone: string): string {
  let f = zoneNameFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' });
    zoneNameFormatters.set(timeZone, f);
  }
  const name = f.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  return `${name} (clinic)`;
}
