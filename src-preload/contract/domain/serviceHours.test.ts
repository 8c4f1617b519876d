import { describe, expect, it } from 'vitest';
import type { OpeningHours } from '../schemas/serviceLine';
import { localTimeIn, officeHoursAt } from './serviceHours';

const NY = 'America/New_York';
/** Mon-Fri 08:00-17:00, Saturday morning, Sunday closed. */
const HOURS: OpeningHours[] = [
  ...[1, 2, 3, 4, 5].map((day) => ({ day, open: '08:00', close: '17:00' })),
  { day: 6, open: '09:00', close: '12:00' },
];
const at = (iso: string) => new Date(iso);

describe('localTimeIn', () => {
  it('reads wall-clock time in the zone, not in UTC or the machine zone', () => {
    expect(localTimeIn(NY, at('2025-01-07T13:05:00Z'))).toEqual({ day: 2, minutes: 8 * 60 + 5, label: 'Tue 08:05' });
    expect(localTimeIn(NY, at('2025-07-08T13:05:00Z'))).toEqual({ day: 2, minutes: 9 * 60 + 5, label: 'Tue 09:05' });
    // 02:00 UTC on Wednesday is still Tuesday evening in New York.
    expect(localTimeIn(NY, at('2025-01-08T02:00:00Z'))).toMatchObject({ day: 2, label: 'Tue 21:00' });
  });

  it('reports midnight as 00:00, not 24:00', () => {
    expect(localTimeIn(NY, at('2025-01-07T05:00:00Z'))).toMatchObject({ minutes: 0, label: 'Tue 00:00' });
  });
});

describe('officeHoursAt', () => {
  it('follows the spring DST change in America/New_York (2025-03-09)', () => {
    // Friday before the change: 12:30 UTC is 07:30 EST -> closed.
    expect(officeHoursAt(HOURS, NY, at('2025-03-07T12:30:00Z')).open).toBe(false);
    // Monday after the change: the same 12:30 UTC is 08:30 EDT -> open.
    const monday = officeHoursAt(HOURS, NY, at('2025-03-10T12:30:00Z'));
    expect(monday.open).toBe(true);
    expect(monday.because).toContain('Mon 08:30');
  });

  it('follows the autumn DST change in America/New_York (2025-11-02)', () => {
    // Friday before: 12:30 UTC is 08:30 EDT -> open. Monday after: 12:30 UTC is 07:30 EST -> closed.
    expect(officeHoursAt(HOURS, NY, at('2025-10-31T12:30:00Z')).open).toBe(true);
    expect(officeHoursAt(HOURS, NY, at('2025-11-03T12:30:00Z')).open).toBe(false);
    expect(officeHoursAt(HOURS, NY, at('2025-11-03T13:30:00Z')).open).toBe(true);
  });

  it('is closed all Sunday when Sunday has no hours, and says so', () => {
    // Sunday 00:00 EST, 10:00 EDT and 23:59 EDT: the DST-change Sunday from its first minute to its last.
    for (const iso of ['2025-03-09T05:00:00Z', '2025-03-09T14:00:00Z', '2025-03-10T03:59:00Z']) {
      const verdict = officeHoursAt(HOURS, NY, at(iso));
      expect(verdict.open).toBe(false);
      expect(verdict.because).toMatch(/^closed: no hours on Sun, now Sun \d\d:\d\d America\/New_York$/);
    }
  });

  it('is open at the opening minute and closed at the closing minute', () => {
    // 2025-01-07 is a Tuesday; New York is UTC-5 in January.
    expect(officeHoursAt(HOURS, NY, at('2025-01-07T12:59:00Z')).open).toBe(false); // 07:59
    expect(officeHoursAt(HOURS, NY, at('2025-01-07T13:00:00Z')).open).toBe(true); // 08:00
    expect(officeHoursAt(HOURS, NY, at('2025-01-07T21:59:00Z')).open).toBe(true); // 16:59
    const closing = officeHoursAt(HOURS, NY, at('2025-01-07T22:00:00Z')); // 17:00
    expect(closing.open).toBe(false);
    expect(closing.because).toBe('closed: hours Tue 08:00-17:00, now Tue 17:00 America/New_York');
  });

  it('uses each day’s own hours', () => {
    // Saturday 2025-01-11: 09:00-12:00.
    expect(officeHoursAt(HOURS, NY, at('2025-01-11T13:30:00Z')).open).toBe(false); // 08:30
    expect(officeHoursAt(HOURS, NY, at('2025-01-11T15:00:00Z')).open).toBe(true); // 10:00
    expect(officeHoursAt(HOURS, NY, at('2025-01-11T17:00:00Z')).open).toBe(false); // 12:00
  });

  it('handles split hours (a lunch break)', () => {
    const split: OpeningHours[] = [
      { day: 2, open: '08:00', close: '12:00' },
      { day: 2, open: '13:00', close: '17:00' },
    ];
    expect(officeHoursAt(split, NY, at('2025-01-07T17:30:00Z')).open).toBe(false); // 12:30
    expect(officeHoursAt(split, NY, at('2025-01-07T18:30:00Z')).open).toBe(true); // 13:30
    expect(officeHoursAt(split, NY, at('2025-01-07T17:30:00Z')).because).toContain('08:00-12:00, 13:00-17:00');
  });

  it('does not depend on the machine time zone', () => {
    // Same instant, different site zone: open in New York, closed in Los Angeles (05:30).
    expect(officeHoursAt(HOURS, NY, at('2025-01-07T13:30:00Z')).open).toBe(true);
    expect(officeHoursAt(HOURS, 'America/Los_Angeles', at('2025-01-07T13:30:00Z')).open).toBe(false);
  });
});
