import { describe, expect, it } from 'vitest';
import { consecutiveSlots } from './composeVisits';
import { MINUTE, MONDAY_9AM_NY, slotRun } from './testing/worldBuilder';

const now = MONDAY_9AM_NY - 60 * MINUTE;

describe('consecutiveSlots', () => {
  it('one slot for a visit that fits in it; two back-to-back for 40 minutes', () => {
    const run = slotRun('p1', 'loc-a', MONDAY_9AM_NY, 3);
    expect(consecutiveSlots(run, 0, 20 * MINUTE, 'sick', now)).toEqual([run[0]]);
    expect(consecutiveSlots(run, 1, 40 * MINUTE, 'sick', now)).toEqual([run[1], run[2]]);
    expect(consecutiveSlots(run, 2, 40 * MINUTE, 'sick', now)).toBe('consecutive');
  });

  it('a gap, another location, a busy or reserved next slot breaks the run', () => {
    const [a, b] = slotRun('p1', 'loc-a', MONDAY_9AM_NY, 2);
    const gap = [a!, { ...b!, start: b!.start + MINUTE, end: b!.end + MINUTE }];
    expect(consecutiveSlots(gap, 0, 40 * MINUTE, 'sick', now)).toBe('consecutive');
    expect(consecutiveSlots([a!, { ...b!, locationId: 'loc-b' }], 0, 40 * MINUTE, 'sick', now)).toBe('consecutive');
    expect(consecutiveSlots([a!, { ...b!, status: 'busy' }], 0, 40 * MINUTE, 'sick', now)).toBe('consecutive');
    expect(consecutiveSlots([a!, { ...b!, visitTypeIds: ['other'] }], 0, 40 * MINUTE, 'sick', now)).toBe('consecutive');
  });

  it('two schedules with a slot at the same instant: the one that fits is used', () => {
    const [a, b] = slotRun('p1', 'loc-a', MONDAY_9AM_NY, 2);
    const twin = { ...b!, id: 'b-twin', locationId: 'loc-b' };
    const list = [a!, twin, b!].sort((x, y) => x.start - y.start || (x.id < y.id ? -1 : 1));
    expect(consecutiveSlots(list, 0, 40 * MINUTE, 'sick', now)).toEqual([a, b]);
  });

  it('the first slot itself: taken, held, reserved', () => {
    const [a] = slotRun('p1', 'loc-a', MONDAY_9AM_NY, 1);
    expect(consecutiveSlots([{ ...a!, status: 'busy-unavailable' }], 0, 20 * MINUTE, 'sick', now)).toBe('taken');
    expect(consecutiveSlots([{ ...a!, heldUntil: now + MINUTE }], 0, 20 * MINUTE, 'sick', now)).toBe('taken');
    expect(consecutiveSlots([{ ...a!, heldUntil: now }], 0, 20 * MINUTE, 'sick', now)).toEqual([{ ...a!, heldUntil: now }]);
    expect(consecutiveSlots([{ ...a!, visitTypeIds: ['urgent'] }], 0, 20 * MINUTE, 'sick', now)).toBe('reserved');
  });
});
