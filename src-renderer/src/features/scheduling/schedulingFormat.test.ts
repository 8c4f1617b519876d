import { describe, expect, it } from 'vitest';
import { offer } from '../../test/schedulingFixtures';
import { dayStartFromInput, formatClinicTime, formatCountdown, formatDistance, inputFromEpoch, isOutsideWindow } from './schedulingFormat';

// 2030-03-04 20:40 UTC: 3:40 PM in New York (EST), 2:40 PM in Chicago (CST).
const T = Date.UTC(2030, 2, 4, 20, 40);

describe('schedulingFormat', () => {
  it('reads the time in the clinic zone, naming the zone (the clinic\'s) only when it differs from the workstation', () => {
    expect(formatClinicTime(T, 'America/New_York', 'America/New_York')).toBe('Mon, Mar 4, 3:40 PM');
    expect(formatClinicTime(T, 'America/Chicago', 'America/New_York')).toBe('Mon, Mar 4, 2:40 PM CST (clinic)');
    // Same abbreviation (same offset) at that instant: no zone shown.
    expect(formatClinicTime(T, 'America/Detroit', 'America/New_York')).toBe('Mon, Mar 4, 3:40 PM');
  });

  it('counts a hold down to 0:00 and never below', () => {
    expect(formatCountdown(245_000)).toBe('4:05');
    expect(formatCountdown(8_200)).toBe('0:09');
    expect(formatCountdown(-5)).toBe('0:00');
  });

  it('formats distance by size', () => {
    expect(formatDistance(null)).toBeNull();
    expect(formatDistance(4.24)).toBe('4.2 km');
    expect(formatDistance(18.5)).toBe('19 km');
  });

  it('knows an offer past the window', () => {
    const o = offer({ id: 'o', providerId: 'pr-kim', locationId: 'loc-main', startOffsetMinutes: 300, reasons: ['x'] }, 1);
    const start = o.visits[0]!.start;
    expect(isOutsideWindow(o, { to: start })).toBe(false);
    expect(isOutsideWindow(o, { to: start - 1 })).toBe(true);
  });

  it('round-trips a date input through the local day', () => {
    const ms = dayStartFromInput('2030-03-04');
    expect(ms).not.toBeNull();
    expect(inputFromEpoch(ms!)).toBe('2030-03-04');
    expect(dayStartFromInput('03/04/2030')).toBeNull();
  });
});
