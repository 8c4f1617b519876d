import type { OpeningHours } from '../schemas/serviceLine';

export interface LocalTime {
  readonly day: number; // 0 = Sunday
  readonly minutes: number; // minutes since local midnight
  readonly label: string; // e.g. "Tue 17:42"
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Wall-clock day and time of `at` in an IANA time zone (no DST arithmetic of our own: Intl does it). */
export function localTimeIn(timeZone: string, at: Date): LocalTime {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  const day = WEEKDAYS.indexOf(get('weekday'));
  const hour = Number(get('hour'));
  const minute = Number(get('minute'));
  return { day, minutes: hour * 60 + minute, label: `${get('weekday')} ${get('hour')}:${get('minute')}` };
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export interface HoursVerdict {
  readonly open: boolean;
  /** Why, in words an agent can repeat: "open Tue 08:00-17:00, now Tue 17:42 America/New_York". */
  readonly because: string;
}

/** Whether a site with these hours is open at `at`. No hours for the day means closed all day. */
export function officeHoursAt(hours: readonly OpeningHours[], timeZone: string, at: Date): HoursVerdict {
  const now = localTimeIn(timeZone, at);
  const today = hours.filter((h) => h.day === now.day);
  const open = today.some((h) => now.minutes >= toMinutes(h.open) && now.minutes < toMinutes(h.close));
  const spans = today.map((h) => `${h.open}-${h.close}`).join(', ');
  const because = spans
    ? `${open ? 'open' : 'closed'}: hours ${WEEKDAYS[now.day]} ${spans}, now ${now.label} ${timeZone}`
    : `closed: no hours on ${WEEKDAYS[now.day]}, now ${now.label} ${timeZone}`;
  return { open, because };
}

/** The calendar date ('YYYY-MM-DD') at `at` in an IANA time zone: "today" where the site and caller are. */
export function localDateIn(timeZone: string, at: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
