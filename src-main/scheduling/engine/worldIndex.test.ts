import { describe, expect, it } from 'vitest';
import { MONDAY_9AM_NY, slotRun, testLocation, testProvider, testWorld } from './testing/worldBuilder';
import { indexWorld, lowerBound, upperBound, withOverrides } from './worldIndex';

describe('world index', () => {
  it('binary searches find the window in a sorted list', () => {
    const list = [1, 3, 3, 5].map((start) => ({ start }));
    expect([lowerBound(list, 0), lowerBound(list, 3), lowerBound(list, 4), lowerBound(list, 9)]).toEqual([0, 1, 3, 4]);
    expect([upperBound(list, 0), upperBound(list, 3), upperBound(list, 5), upperBound([], 1)]).toEqual([0, 3, 4, 0]);
  });

  it('sorts each provider\'s slots by start then id, and is built once per world', () => {
    const slots = [...slotRun('p1', 'loc-a', MONDAY_9AM_NY, 3)].reverse();
    const world = testWorld({ providers: [testProvider('p2'), testProvider('p1')], slots });
    const index = indexWorld(world);
    expect(index.slotsByProvider.get('p1')!.map((s) => s.start)).toEqual([...slots].reverse().map((s) => s.start));
    expect(index.providerOrder.map((p) => p.id)).toEqual(['p1', 'p2']);
    expect(indexWorld(world)).toBe(index);
  });

  it('overrides replace providers and locations and share the rest', () => {
    const world = testWorld({ slots: slotRun('p1', 'loc-a', MONDAY_9AM_NY, 1) });
    const base = indexWorld(world);
    const closed = withOverrides(base, [testProvider('p1', { acceptsNewPatients: false })], [testLocation('loc-a', { name: 'Renamed' })]);
    expect(closed.providers.get('p1')!.acceptsNewPatients).toBe(false);
    expect(closed.providerOrder[0]!.acceptsNewPatients).toBe(false);
    expect(closed.locations.get('loc-a')!.name).toBe('Renamed');
    expect(closed.slotsByProvider).toBe(base.slotsByProvider);
    expect(base.providers.get('p1')!.acceptsNewPatients).toBe(true);
  });
});
