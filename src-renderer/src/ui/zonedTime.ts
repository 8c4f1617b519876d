/**
 * The one way a time goes on screen. Times are shown in the zone they belong to (a clinic's appointment in the
 * clinic's zone, a call in the agent's) and, whenever that zone is not the agent's, say which it is:
 * "Mon, Dec 7, 9:00 AM MST (clinic)". A screen once showed the line's, the patient's, the clinics' and UTC times
 * side by side with no names; an agent reads the wrong hour from that.
 *
 * The agent's zone is the workstation's (the operating system's) unless a caller passes another.
 */

/** Whose time it is, said after the zone when it is not the agent's. */
export type ZoneRole = 'clinic' | 'line' | 'patient';

export interface ZonedTimeOptions {
  /** What the time belongs to ("(clinic)"); absent = only the zone's name. */
  readonly role?: ZoneRole;
  /** The agent's zone (tests pin it); default: the workstation's. */
  readonly agentZone?: string | undefined;
  /** "date-time": "Mon, Dec 7, 9:00 AM" (default); "time": "9:00 AM"; "long": "Monday, December 7 at 9:00 AM". */
  readonly style?: 'date-time' | 'time' | 'long';
}

const STYLES: Record<NonNullable<ZonedTimeOptions['style']>, Intl.DateTimeFormatOptions> = {
  'date-time': { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
  time: { hour: 'numeric', minute: '2-digit' },
  long: { weekday: 'long', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit' },
};

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}\u0000${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, ...options });
    formatters.set(key, f);
  }
  return f;
}

/** The workstation's IANA zone. */
export function agentTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The short name of a zone at an instant ("EST", "CDT"; "GMT+14" where the locale has no name). */
export function zoneAbbreviation(epochMs: number, timeZone: string): string {
  return formatter(timeZone, { timeZoneName: 'short' }).formatToParts(epochMs).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

/** True when the agent reads the same wall clock and zone name there at that instant (Detroit and New York, say). */
export function sameAsAgentZone(epochMs: number, timeZone: string, agentZone: string = agentTimeZone()): boolean {
  if (timeZone === agentZone) return true;
  const named = { ...STYLES['date-time'], timeZoneName: 'short' } as const;
  return formatter(timeZone, named).format(epochMs) === formatter(agentZone, named).format(epochMs);
}

/** The time in `timeZone`, with the zone's name (and whose it is) when it is not the agent's. */
export function formatZonedTime(epochMs: number, timeZone: string, options: ZonedTimeOptions = {}): string {
  const text = formatter(timeZone, STYLES[options.style ?? 'date-time']).format(epochMs);
  if (sameAsAgentZone(epochMs, timeZone, options.agentZone)) return text;
  const zone = zoneAbbreviation(epochMs, timeZone);
  return options.role ? `${text} ${zone} (${options.role})` : `${text} ${zone}`;
}
