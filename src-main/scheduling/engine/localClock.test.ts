import { describe, expect, it } from 'vitest';
import { dayPartOf, isKnownTimeZone, localClock, minutesOfLocalTime, timeLabel, whenLabel, zoneOffsetMs } from './localClock';

/** What Intl says, the slow way: the reference the fast path must agree with. */
const referenceFormats = new Map<string, Intl.DateTimeFormat>();
function reference(ms: number, timeZone: string) {
  let format = referenceFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', weekday: 'short', hour: 'numeric', minute: 'numeric' });
    referenceFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(
    format
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  return { weekday: parts.weekday!.toLowerCase(), minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

describe('localClock', () => {
  it('agrees with Intl across DST changes in several zones, every 17 minutes over the weeks of each transition', () => {
    const zones = ['America/New_York', 'America/Chicago', 'America/Los_Angeles', 'America/St_Johns', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'UTC'];
    const spring = Date.UTC(2026, 2, 5);
    const fall = Date.UTC(2026, 9, 28);
    const mismatches: string[] = [];
    for (const zone of zones) {
      for (const base of [spring, fall]) {
        for (let t = base; t < base + 14 * 86_400_000; t += 17 * 60_000) {
          const c = localClock(t, zone);
          const want = reference(t, zone);
          if (c.weekday !== want.weekday || c.minutes !== want.minutes) mismatches.push(`${zone} ${new Date(t).toISOString()}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('gives the same local day number to instants on one local day only', () => {
    const nineAm = Date.UTC(2026, 11, 7, 14);
    expect(localClock(nineAm, 'America/New_York').day).toBe(localClock(nineAm + 14 * 3_600_000, 'America/New_York').day);
    expect(localClock(nineAm + 15 * 3_600_000, 'America/New_York').day).toBe(localClock(nineAm, 'America/New_York').day + 1);
  });

  it('reads offsets (EST is -5 h) and refuses unknown zones', () => {
    expect(zoneOffsetMs(Date.UTC(2026, 11, 7, 14), 'America/New_York')).toBe(-5 * 3_600_000);
    expect(isKnownTimeZone('America/Chicago')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
  });

  it('labels times for people, relative to now, in the clinic zone', () => {
    const now = Date.UTC(2026, 11, 7, 13); // 08:00 New York
    expect(timeLabel(Date.UTC(2026, 11, 7, 19, 40), 'America/New_York')).toBe('2:40 PM');
    expect(timeLabel(Date.UTC(2026, 11, 7, 5, 0), 'America/New_York')).toBe('12:00 AM');
    expect(whenLabel(Date.UTC(2026, 11, 7, 19, 40), now, 'America/New_York')).toBe('today 2:40 PM');
    expect(whenLabel(Date.UTC(2026, 11, 8, 14), now, 'America/New_York')).toBe('tomorrow 9:00 AM');
    expect(whenLabel(Date.UTC(2026, 11, 10, 17), now, 'America/New_York')).toBe('Thu Dec 10 12:00 PM');
  });

  it('day parts and local times', () => {
    expect(minutesOfLocalTime('08:30')).toBe(510);
    expect([dayPartOf(719), dayPartOf(720), dayPartOf(1019), dayPartOf(1020)]).toEqual(['morning', 'afternoon', 'afternoon', 'evening']);
  });
});
