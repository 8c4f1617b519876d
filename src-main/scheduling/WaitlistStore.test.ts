import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, migratedTo } from '../storage/testing/migratedDatabase';
import { MemoryWaitlistStore, SqliteWaitlistStore, type StoredWaitlistEntry, type WaitlistStore } from './WaitlistStore';

afterEach(closeAll);

const entry = (id: string, overrides: Partial<StoredWaitlistEntry> = {}): StoredWaitlistEntry => ({
  id,
  patientId: 'pat-1',
  patientName: 'Sample Testperson',
  visitTypeId: 'sick',
  from: 1,
  to: 2,
  preferences: { dayParts: ['morning'] },
  addedAt: 1,
  state: 'waiting',
  offer: null,
  ...overrides,
});

describe.each([
  ['memory', () => new MemoryWaitlistStore()],
  ['sqlite', () => new SqliteWaitlistStore(migratedTo(8))],
] as [string, () => WaitlistStore][])('%s waitlist store', (_name, make) => {
  it('keeps insertion order, updates in place, lists only waiting and offered, deletes', () => {
    const store = make();
    store.put(entry('a'));
    store.put(entry('b'));
    store.put(entry('c'));
    store.put(entry('a', { state: 'offered' }));
    store.put(entry('b', { state: 'booked' }));
    expect(store.active().map((e) => [e.id, e.state])).toEqual([
      ['a', 'offered'],
      ['c', 'waiting'],
    ]);
    expect(store.get('b')?.state).toBe('booked');
    expect(store.get('a')?.preferences).toEqual({ dayParts: ['morning'] });
    store.delete('a');
    expect(store.get('a')).toBeUndefined();
    expect(store.active().map((e) => e.id)).toEqual(['c']);
  });
});
