import { describe, expect, it } from 'vitest';
import { newPatientShares, ROUND_ROBIN_PERIOD_MS } from './roundRobin';
import { DAY, MONDAY_9AM_NY, testBooking, testProvider, testWorld } from './testing/worldBuilder';
import { indexWorld } from './worldIndex';

describe('newPatientShares', () => {
  const providers = [testProvider('busy'), testProvider('some'), testProvider('none'), testProvider('closed', { acceptsNewPatients: false })];
  const newVisit = (providerId: string, daysAgo: number) => testBooking({ providerId, start: MONDAY_9AM_NY - daysAgo * DAY, newPatient: true });

  it('gives the most to whoever had the fewest new patients in the period; established visits do not count', () => {
    const booked = [newVisit('busy', 1), newVisit('busy', 2), newVisit('busy', 3), newVisit('busy', 4), newVisit('some', 1), testBooking({ providerId: 'none', start: MONDAY_9AM_NY - DAY })];
    const shares = newPatientShares(indexWorld(testWorld({ providers, booked })), providers, MONDAY_9AM_NY);
    expect(Object.fromEntries(shares)).toEqual({ busy: 0, some: 0.75, none: 1 });
  });

  it('ignores bookings outside the period, and gives nobody an edge when all are equal', () => {
    const old = newVisit('busy', ROUND_ROBIN_PERIOD_MS / DAY + 1);
    const shares = newPatientShares(indexWorld(testWorld({ providers, booked: [old] })), providers, MONDAY_9AM_NY);
    expect(Object.fromEntries(shares)).toEqual({ busy: 0, some: 0, none: 0 });
  });
});
