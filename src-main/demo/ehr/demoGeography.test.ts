// DEMO ENVIRONMENT (simulation): geography and calendar rules of the synthetic population.
import { describe, expect, it } from 'vitest';
import { addDays, dayOfWeek, localInstant, parseIsoDate } from './calendarDates';
import { CLINIC_SITES, STATE_AREA_CODES, utcOffsetHoursOn } from './demoGeography';

describe('demo geography and calendar', () => {
  const newYork = { standardOffsetHours: -5 };

  it('applies US daylight time from the second Sunday of March to the first Sunday of November', () => {
    expect(utcOffsetHoursOn(newYork, '2026-03-07')).toBe(-5);
    expect(utcOffsetHoursOn(newYork, '2026-03-08')).toBe(-4);
    expect(utcOffsetHoursOn(newYork, '2026-10-31')).toBe(-4);
    expect(utcOffsetHoursOn(newYork, '2026-11-01')).toBe(-5);
    expect(utcOffsetHoursOn({ standardOffsetHours: -8 }, '2027-03-14')).toBe(-7);
    expect(utcOffsetHoursOn({ standardOffsetHours: -8 }, '2027-03-13')).toBe(-8);
  });

  it('agrees with the tz database for every clinic on both sides of the 2026 changes', () => {
    for (const site of CLINIC_SITES) {
      for (const date of ['2026-01-15', '2026-03-09', '2026-07-01', '2026-11-02']) {
        const offset = utcOffsetHoursOn(site, date);
        const noon = new Date(`${date}T12:00:00Z`);
        const name = new Intl.DateTimeFormat('en-US', { timeZone: site.timeZone, timeZoneName: 'longOffset' })
          .formatToParts(noon)
          .find((p) => p.type === 'timeZoneName')?.value;
        expect(name).toBe(`GMT${offset < 0 ? '-' : '+'}${String(Math.abs(offset)).padStart(2, '0')}:00`);
      }
    }
  });

  it('keeps each clinic ZIP inside its own state and every area code inside that state', () => {
    for (const site of CLINIC_SITES) {
      expect(site.catchment[0]).toEqual(site.zip);
      for (const zip of site.catchment) {
        expect(zip.postalCode).toMatch(/^\d{5}$/);
        for (const code of zip.areaCodes) expect(STATE_AREA_CODES[zip.state]).toContain(code);
      }
    }
  });

  it('does calendar arithmetic in UTC on ISO dates', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(dayOfWeek('2026-11-01')).toBe(0);
    expect(localInstant('2026-11-02', 8 * 60 + 20, -5)).toBe('2026-11-02T08:20:00-05:00');
    expect(() => parseIsoDate('2026-13-01')).toThrow(RangeError);
  });
});
