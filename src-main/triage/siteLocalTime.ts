/**
 * Site-local wall-clock times ("2026-11-22T22:30" where the service line is) <-> instants. `--at` is given
 * in the line's own time zone because that is how a nurse states a vignette ("Sunday 22:30 at the clinic"),
 * whatever the time zone of the machine running the command. Pure: Intl does the zone arithmetic.
 */
const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** Offset of `timeZone` from UTC at `instant`, in ms (e.g. -5 h for New York in winter). */
function offsetMs(timeZone: string, instant: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(instant));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return wall - Math.floor(instant / 60_000) * 60_000;
}

/** "YYYY-MM-DDTHH:MM" of `instant` in `timeZone`. */
export function siteLocalText(instant: Date, timeZone: string): string {
  const local = new Date(instant.getTime() + offsetMs(timeZone, instant.getTime()));
  return local.toISOString().slice(0, 16);
}

export type LocalTimeParse = { readonly ok: true; readonly instant: Date } | { readonly ok: false; readonly problem: string };

/**
 * The instant at which the clock in `timeZone` reads `local` ("YYYY-MM-DDTHH:MM"). A time skipped by a
 * daylight-saving change (02:30 on the spring-forward night) is refused rather than silently moved.
 */
export function instantOfSiteLocal(local: string, timeZone: string): LocalTimeParse {
  const m = LOCAL_PATTERN.exec(local.trim());
  if (!m) return { ok: false, problem: `--at must be a site-local time like 2026-11-22T22:30, not ${JSON.stringify(local)}` };
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  if (Number.isNaN(wall) || new Date(wall).toISOString().slice(0, 16) !== local.trim()) {
    return { ok: false, problem: `--at ${local} is not a real date and time` };
  }
  // Two passes: the offset at the first guess can differ from the offset at the answer near a DST change.
  const first = wall - offsetMs(timeZone, wall);
  const instant = wall - offsetMs(timeZone, first);
  if (siteLocalText(new Date(instant), timeZone) !== local.trim()) {
    return { ok: false, problem: `--at ${local} does not exist in ${timeZone} (skipped by a daylight-saving change)` };
  }
  return { ok: true, instant: new Date(instant) };
}
