import { describe, expect, it } from 'vitest';
import { isHoldExpired, offerFreedSlot, waitlistQueue, type WaitlistEntry } from './waitlistOrder';
import { DAY, HOUR, MINUTE, MONDAY_9AM_NY, slotRun, testPatient, testProvider, testVisitType, testWorld } from './testing/worldBuilder';

const freed = slotRun('p1', 'loc-a', MONDAY_9AM_NY, 2);
const world = testWorld({
  providers: [testProvider('p1', { acceptedPlans: ['PLAN-A'] })],
  visitTypes: [testVisitType('sick'), testVisitType('well-child', { ageRange: { minYears: null, maxYears: 18 } })],
  slots: freed,
});
const now = MONDAY_9AM_NY - 2 * HOUR;

function entry(id: string, addedAt: number, overrides: Partial<WaitlistEntry> = {}): WaitlistEntry {
  return { id, addedAt, patient: testPatient({ id: `pat-${id}` }), visitTypeId: 'sick', window: { from: now, to: now + 7 * DAY }, preferences: {}, ...overrides };
}

describe('waitlist', () => {
  it('queues by time added, then id', () => {
    expect(waitlistQueue([entry('b', 5), entry('c', 1), entry('a', 5)]).map((e) => e.id)).toEqual(['c', 'a', 'b']);
  });

  it('offers the freed slot to the first entry it fits, with a hold, and says why earlier ones were skipped', () => {
    const entries = [
      entry('late', 30),
      entry('other-plan', 10, { patient: testPatient({ planCode: 'PLAN-Z', planName: 'Plan Z' }) }),
      entry('too-late-window', 5, { window: { from: MONDAY_9AM_NY + DAY, to: MONDAY_9AM_NY + 2 * DAY } }),
      entry('adult-for-well-child', 15, { visitTypeId: 'well-child' }),
      entry('first-fit', 20),
    ];
    const decision = offerFreedSlot(world, freed[0]!.id, entries, new Set(), now, 10);
    expect(decision.next?.entryId).toBe('first-fit');
    expect(decision.next?.offer.visits[0]!.slotIds).toEqual([freed[0]!.id]);
    expect(decision.next?.holdUntil).toBe(now + 10 * MINUTE);
    expect(decision.skipped).toEqual([
      { entryId: 'too-late-window', reason: 'Outside the window they are waiting for' },
      { entryId: 'other-plan', reason: 'Dr. P1, MD does not accept Plan Z' },
      { entryId: 'adult-for-well-child', reason: 'Visit well-child is only for patients under 18' },
    ]);
  });

  it('after a decline or an expired hold, the next in line is offered', () => {
    const entries = [entry('a', 1), entry('b', 2), entry('c', 3)];
    const first = offerFreedSlot(world, freed[0]!.id, entries, new Set(), now, 10);
    expect(first.next?.entryId).toBe('a');
    expect(isHoldExpired(first.next!, now + 9 * MINUTE)).toBe(false);
    expect(isHoldExpired(first.next!, now + 10 * MINUTE)).toBe(true);
    expect(offerFreedSlot(world, freed[0]!.id, entries, new Set(['a']), now + 10 * MINUTE, 10).next?.entryId).toBe('b');
    expect(offerFreedSlot(world, freed[0]!.id, entries, new Set(['a', 'b', 'c']), now, 10).next).toBeNull();
  });

  it('only the freed slot is offered, never another free one', () => {
    const decision = offerFreedSlot(world, freed[1]!.id, [entry('a', 1)], new Set(), now, 10);
    expect(decision.next?.offer.visits[0]!.slotIds).toEqual([freed[1]!.id]);
    expect(offerFreedSlot(world, 'no-such-slot', [entry('a', 1)], new Set(), now, 10).next).toBeNull();
  });
});
