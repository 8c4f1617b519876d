import type { BlockedPeriod, InstantPeriod, LocalPeriod } from '../model';
import { zoneOffsetMs } from './localClock';

/**
 * Local dates and times ("2026-12-09", "2026-12-09T13:00") turned into instants in a clinic's IANA zone. An
 * absence written as local days means those days on the clinic's calendar: read in UTC (or the workstation's
 * zone) it would end at the wrong midnight and let a visit be offered inside it.
 */

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/;
const DAY_MS = 86_400_000;

/** "2026-12-09" or "2026-12-09T13:00" as the UTC instant with that wall-clock reading (a "wall" number); null when malformed. */
export function wallOf(local: string): number | null {
  const m = LOCAL.exec(local);
  if (!m) return null;
  const [y, mo, d, h, mi] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0)];
  if (h > 24 || mi > 59 || (h === 24 && mi > 0)) return null;
  const day = Date.UTC(y, mo - 1, d);
  const back = new Date(day);
  // Date.UTC rolls Feb 30 over to Mar 2: only a real date is accepted (24:00 is the end of the day).
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return day + (h * 60 + mi) * 60_000;
}

/** A wall number back to "YYYY-MM-DDTHH:MM". */
export function localText(wall: number): string {
  return new Date(wall).toISOString().slice(0, 16);
}

/** The local day after a "YYYY-MM-DD" date, at 00:00: the exclusive end of a period whose last day is `date`. */
export function dayAfter(date: string): string | null {
  const wall = wallOf(date);
  return wall === null ? null : localText(wall + DAY_MS);
}

/**
 * The instant a local wall-clock time starts a period (`edge: 'start'`) or ends one (`'end'`) in the zone,
 * read so that every instant whose local reading lies in [start, end) is inside the period:
 * - a time that happens twice (clocks go back) starts at its first occurrence and ends at its second;
 * - a time that never happens (clocks go forward; in some zones midnight itself) is the instant the clock jumps.
 */
export function localInstant(wall: number, timeZone: string, edge: 'start' | 'end'): number {
  // Offsets are within ±14 h: the instant is within a day and a half of the wall number either way.
  const offsets = [...new Set([zoneOffsetMs(wall - 1.5 * DAY_MS, timeZone), zoneOffsetMs(wall, timeZone), zoneOffsetMs(wall + 1.5 * DAY_MS, timeZone)])];
  const exact = offsets.map((o) => wall - o).filter((t) => t + zoneOffsetMs(t, timeZone) === wall);
  if (exact.length > 0) return edge === 'start' ? Math.min(...exact) : Math.max(...exact);
  // In a gap: the first instant whose local reading is past the wall time (bisection to the millisecond).
  let lo = wall - Math.max(...offsets);
  let hi = wall - Math.min(...offsets);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (mid + zoneOffsetMs(mid, timeZone) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

const resolved = new WeakMap<LocalPeriod, Map<string, InstantPeriod>>();

export function isLocalPeriod(period: BlockedPeriod): period is LocalPeriod {
  return 'localStart' in period;
}

/** The period as instants in a clinic's zone (a local period is read in that zone; memoized per period and zone). */
export function periodIn(period: BlockedPeriod, timeZone: string): InstantPeriod {
  if (!isLocalPeriod(period)) return period;
  let byZone = resolved.get(period);
  if (!byZone) {
    byZone = new Map();
    resolved.set(period, byZone);
  }
  let instants = byZone.get(timeZone);
  if (!instants) {
    const start = wallOf(period.localStart);
    const end = wallOf(period.localEnd);
    // The rules loader refuses malformed times; one that slipped through blocks everything (the cautious reading).
    instants =
      start === null || end === null
        ? { start: Number.MIN_SAFE_INTEGER, end: Number.MAX_SAFE_INTEGER, reason: period.reason }
        : { start: localInstant(start, timeZone, 'start'), end: localInstant(end, timeZone, 'end'), reason: period.reason };
    byZone.set(timeZone, instants);
  }
  return instants;
}

/** True when [start, end) overlaps the period read in the clinic's zone. */
export function overlapsPeriod(period: BlockedPeriod, timeZone: string, start: number, end: number): boolean {
  const p = periodIn(period, timeZone);
  return p.start < end && start < p.end;
}
