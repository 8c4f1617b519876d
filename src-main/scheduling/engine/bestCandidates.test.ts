import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BestCandidates, compareRank, type RankKey } from './bestCandidates';

const key = (score: number, start: number, providerId = 'p', firstSlotId = 's'): RankKey => ({ score, start, providerId, firstSlotId });

describe('BestCandidates', () => {
  it('orders by score, then start, then provider id, then slot id', () => {
    const keys = [key(1, 5), key(2, 9), key(2, 1, 'b'), key(2, 1, 'a', 'z'), key(2, 1, 'a', 'y')];
    expect([...keys].sort(compareRank)).toEqual([key(2, 1, 'a', 'y'), key(2, 1, 'a', 'z'), key(2, 1, 'b'), key(2, 9), key(1, 5)]);
  });

  it('keeps exactly the best `keep` of any stream, best first', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: 0, max: 20 })), { maxLength: 200 }), fc.integer({ min: 1, max: 30 }), (pairs, keep) => {
        const items = pairs.map(([score, start], i) => key(score, start, 'p', `s${String(i).padStart(3, '0')}`));
        const best = new BestCandidates<RankKey>(keep);
        for (const item of items) best.add(item);
        expect(best.sorted()).toEqual([...items].sort(compareRank).slice(0, keep));
      }),
      { numRuns: 200 },
    );
  });

  it('refuses what cannot make the list once it is full', () => {
    const best = new BestCandidates<RankKey>(1);
    expect(best.floorScore()).toBeNull();
    best.add(key(5, 0));
    best.add(key(4, 0));
    best.sorted();
    expect(best.floorScore()).toBe(5);
    expect(best.accepts(key(5, 1))).toBe(false);
    expect(best.accepts(key(6, 9))).toBe(true);
  });
});
