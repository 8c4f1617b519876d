import { describe, expect, it } from 'vitest';
import type { PatientSummary } from '../../src-preload/contract';
import { FhirError } from './FhirClient';
import Database from 'better-sqlite3-multiple-ciphers';
import { migrate } from '../storage/migrations';
import { MIGRATIONS } from '../storage/migrations/index';
import { PHONE_SEARCH_UNSUPPORTED } from './PatientMatcher';
import { IndexedCallerLookup, MemoryPhoneIndex, type PatientSource, type PhoneIndexStore, SqlitePhoneIndex } from './phoneIndex';

const summary = (id: string): PatientSummary => ({
  id, family: 'Doe', given: 'Sam', displayName: `Sam Doe ${id}`, birthDate: '1980-01-02', ageYears: 46, sex: 'unknown', language: null, phones: [], address: null, relationships: [],
});

const stores: Array<[string, (maxPhones?: number, perPhone?: number) => PhoneIndexStore]> = [
  ['MemoryPhoneIndex', (max, per) => new MemoryPhoneIndex(max, per)],
  [
    'SqlitePhoneIndex',
    (max, per) => {
      const db = new Database(':memory:');
      migrate(db, MIGRATIONS);
      // The SQLite bound counts rows, the memory one numbers: with one patient per number they agree.
      return new SqlitePhoneIndex(db, max, per);
    },
  ],
];

describe.each(stores)('%s', (_name, create) => {
  it('returns the patients seen with a number, most recent first, bounded per number and overall', () => {
    const index = create(3, 2);
    index.learn('+16175550142', 'a', 'call', 1);
    index.learn('+16175550142', 'b', 'chart', 2);
    index.learn('+16175550142', 'c', 'call', 3); // a, the oldest, goes
    expect(index.lookup('+16175550142')).toEqual(['c', 'b']);
    index.learn('+16175550143', 'd', 'call', 4);
    index.learn('+16175550144', 'e', 'call', 5);
    index.learn('+16175550145', 'f', 'call', 6); // over the bound: the least recently seen goes
    expect(index.lookup('+16175550142')).not.toContain('b');
    expect(index.lookup('+16175550145')).toEqual(['f']);
  });

  it('forgets a patient everywhere', () => {
    const index = create();
    index.learn('+16175550142', 'a', 'call', 1);
    index.learn('+16175550143', 'a', 'chart', 2);
    index.forget('a');
    expect([index.lookup('+16175550142'), index.lookup('+16175550143')]).toEqual([[], []]);
  });
});

describe('IndexedCallerLookup', () => {
  function source(overrides: Partial<PatientSource> = {}): PatientSource {
    return {
      lookupByPhone: async () => ({ candidates: [summary('s1')], matchedBy: 'phone', needs: null, reason: null }),
      byIds: async (ids) => ({ found: ids.filter((id) => id !== 'gone').map(summary), missing: ids.filter((id) => id === 'gone') }),
      ...overrides,
    };
  }

  it('merges index hits (first) with the server phone search, without duplicates, and drops ids the EHR lost', async () => {
    const index = new MemoryPhoneIndex();
    index.learn('+16175550142', 'i1', 'call', 1);
    index.learn('+16175550142', 's1', 'chart', 2);
    index.learn('+16175550142', 'gone', 'call', 3);
    const found = await new IndexedCallerLookup(source(), index).byPhone('+16175550142');
    expect(found.candidates.map((p) => p.id)).toEqual(['s1', 'i1']);
    expect(found.note).toBeNull();
    expect(index.lookup('+16175550142')).not.toContain('gone');
  });

  it('pops from the index when the EHR cannot search by phone, says why when nobody is known, and fails only when both sources fail', async () => {
    const index = new MemoryPhoneIndex();
    index.learn('+16175550142', 'i1', 'call', 1);
    const noPhoneSearch = source({ lookupByPhone: async () => ({ candidates: [], matchedBy: 'none', needs: 'name-and-birthdate', reason: PHONE_SEARCH_UNSUPPORTED }) });
    expect(await new IndexedCallerLookup(noPhoneSearch, index).byPhone('+16175550142')).toMatchObject({ candidates: [{ id: 'i1' }], note: null });
    expect(await new IndexedCallerLookup(noPhoneSearch, index).byPhone('+16175550199')).toEqual({ candidates: [], note: PHONE_SEARCH_UNSUPPORTED });
    const down = new FhirError('unreachable', 'The EHR cannot be reached.');
    const allDown = source({ lookupByPhone: async () => Promise.reject(down), byIds: async () => Promise.reject(down) });
    await expect(new IndexedCallerLookup(allDown, index).byPhone('+16175550142')).rejects.toThrow('cannot be reached');
  });
  it('never turns "could not look" into "nobody on file": a failed search with no cached hit is an error; cached hits say their age', async () => {
    const down = new FhirError('unreachable', 'The EHR cannot be reached.');
    const searchDown = source({ lookupByPhone: async () => Promise.reject(down) });
    await expect(new IndexedCallerLookup(searchDown, new MemoryPhoneIndex()).byPhone('+16175550199')).rejects.toMatchObject({ transient: true });
    const index = new MemoryPhoneIndex();
    index.learn('+16175550142', 'i1', 'call', 1);
    const cached = source({ lookupByPhone: async () => Promise.reject(down), byIds: async (ids) => ({ found: ids.map(summary), missing: [], cachedAt: Date.UTC(2026, 11, 7, 9, 30) }) });
    const found = await new IndexedCallerLookup(cached, index).byPhone('+16175550142');
    expect(found).toMatchObject({ candidates: [{ id: 'i1' }], cachedAt: Date.UTC(2026, 11, 7, 9, 30) });
    expect(found.note).toMatch(/cannot be reached.*09:30 UTC/);
  });
});
