/**
 * DEMO ENVIRONMENT (simulation) — not a real EHR. Part of the synthetic population generator.
 *
 * Calendar arithmetic on ISO dates (YYYY-MM-DD) in UTC, so results never depend on the machine's time zone
 * or clock. The generator's "today" is always an explicit reference date.
 */

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses YYYY-MM-DD, rejecting impossible dates such as 2026-02-30. */
export function parseIsoDate(value: string): number {
  const match = ISO_DATE.exec(value);
  if (!match) throw new RangeError(`Expected a date as YYYY-MM-DD, got "${value}".`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    throw new RangeError(`"${value}" is not a calendar date.`);
  }
  return ms;
}

export function addDays(isoDate: string, days: number): string {
  return new Date(parseIsoDate(isoDate) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday ... 6 = Saturday. */
export function dayOfWeek(isoDate: string): number {
  return new Date(parseIsoDate(isoDate)).getUTCDay();
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((parseIsoDate(to) - parseIsoDate(from)) / DAY_MS);
}

/** A local wall-clock time as a FHIR instant with its UTC offset, e.g. 2026-11-02T08:20:00-05:00. */
export function localInstant(isoDate: string, minutesAfterMidnight: number, utcOffsetHours: number): string {
  const hh = String(Math.floor(minutesAfterMidnight / 60)).padStart(2, '0');
  const mm = String(minutesAfterMidnight % 60).padStart(2, '0');
  const sign = utcOffsetHours < 0 ? '-' : '+';
  const offset = `${sign}${String(Math.abs(utcOffsetHours)).padStart(2, '0')}:00`;
  return `${isoDate}T${hh}:${mm}:00${offset}`;
}
