import { describe, expect, it } from 'vitest';
import { endOfLocalDay, rescheduleWindow } from './rescheduleWindow';
import { DAY, HOUR, MONDAY_9AM_NY, testBooking, testVisitType } from './testing/worldBuilder';

const now = MONDAY_9AM_NY - 2 * HOUR;
const appointment = testBooking({ providerId: 'p1', start: MONDAY_9AM_NY });

describe('rescheduleWindow', () => {
  it('unknown reason: never later than the booked day, on the clinic\u2019s calendar', () => {
    const w = rescheduleWindow(appointment, testVisitType('sick'), 'America/New_York', now);
    // Monday 23:59:59.999 EST = Tuesday 04:59:59.999 UTC.
    expect(w).toEqual({ from: now, to: Date.UTC(2026, 11, 8, 5) - 1, urgent: true, basis: 'same-day' });
    // The same instant is already Tuesday in Kiritimati (UTC+14): its day ends at Tuesday 10:00 UTC.
    expect(rescheduleWindow(appointment, undefined, 'Pacific/Kiritimati', now).to).toBe(Date.UTC(2026, 11, 8, 10) - 1);
  });

  it('the disposition carried on the appointment sets the window; a visit booked past it (with a nurse\u2019s reason) may not move later than booked', () => {
    const careBy = MONDAY_9AM_NY + 30 * HOUR;
    expect(rescheduleWindow({ ...appointment, careBy, dispositionId: 'seen-today-or-tomorrow' }, testVisitType('sick'), 'America/New_York', now)).toMatchObject({ to: careBy, urgent: true, basis: 'disposition' });
    const overridden = { ...appointment, careBy: MONDAY_9AM_NY - HOUR, dispositionId: 'seen-within-4-hours' as const };
    expect(rescheduleWindow(overridden, undefined, 'America/New_York', now)).toMatchObject({ to: MONDAY_9AM_NY, urgent: true });
  });

  it('the visit type\u2019s days apply when known; with a disposition too, the earlier of the two wins', () => {
    const followUp = testVisitType('follow-up', { rescheduleWithinDays: 7 });
    const byType = rescheduleWindow(appointment, followUp, 'America/New_York', now);
    expect(byType).toMatchObject({ to: endOfLocalDay(MONDAY_9AM_NY, 'America/New_York', 7), urgent: false, basis: 'visit-type' });
    const careBy = MONDAY_9AM_NY + 3 * DAY;
    expect(rescheduleWindow({ ...appointment, careBy, dispositionId: 'seen-within-3-days' }, followUp, 'America/New_York', now)).toMatchObject({ to: careBy, urgent: false, basis: 'disposition' });
  });

  it('a disposition asking for care within 36 hours is urgent even when the window is long past now', () => {
    const w = rescheduleWindow({ ...appointment, start: now + 10 * DAY, careBy: now + 11 * DAY, dispositionId: 'seen-today' }, undefined, 'America/New_York', now);
    expect(w.urgent).toBe(true);
  });
});
