import { describe, expect, it } from 'vitest';
import type { PatientSummary } from '../../src-preload/contract';
import { FhirError } from './FhirClient';
import { IndexedCallerLookup, MemoryPhoneIndex, type PatientSource } from './phoneIndex';

const summary = (id: string): PatientSummary => ({
  id, family: 'Doe', given: 'Sam', displayName: `Sam Doe ${id}`, birthDate: '1980-01-02', ageYears: 46, sex: 'unknown', language: null, phones: [], address: null, relationships: [],
});

describe('MemoryPhoneIndex', () => {
  it('returns the patients seen with a number, most recent first, bounded per number and overall', () => {
    const index = new MemoryPhoneIndex(2, 2);
    index.learn('+16175550142', 'a', 'call', 1);
    index.learn('+16175550142', 'b', 'chart', 2);
    index.learn('+16175550142', 'c', 'call', 3); // a, the oldest, goes
    expect(index.lookup('+16175550142')).toEqual(['c', 'b']);
    index.learn('+16175550143', 'd', 'call', 4);
    index.learn('+16175550144', 'e', 'call', 5); // the least recently seen number goes
    expect(index.lookup('+16175550142')).toEqual([]);
    expect(index.lookup('+16175550144')).toEqual(['e']);
  });

  it('forgets a patient everywhere', () => {
    const index = new MemoryPhoneIndex();
    index.learn('+16175550142', 'a', 'call', 1);
    index.learn('+16175550143', 'a', 'chart', 2);
    index.forget('a');
    expect([index.lookup('+16175550142'), index.lookup('+16175550143')]).toEqual([[], []]);
  });
});

describe('IndexedCallerLookup', () => {
  function source(overrides: Partial<PatientSource> = {}): PatientSource {
    return {
      byPhone: async () => [summary('s1')],
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
    expect(found.map((p) => p.id)).toEqual(['s1', 'i1']);
    expect(index.lookup('+16175550142')).not.toContain('gone');
  });

  it('pops from the index when the EHR cannot search by phone, and fails only when both sources fail', async () => {
    const index = new MemoryPhoneIndex();
    index.learn('+16175550142', 'i1', 'call', 1);
    const refused = new FhirError('http', 'The EHR refused the search (HTTP 400).', 400);
    const noPhoneSearch = source({ byPhone: async () => Promise.reject(refused) });
    expect((await new IndexedCallerLookup(noPhoneSearch, index).byPhone('+16175550142')).map((p) => p.id)).toEqual(['i1']);
    const down = new FhirError('unreachable', 'The EHR cannot be reached.');
    const allDown = source({ byPhone: async () => Promise.reject(down), byIds: async () => Promise.reject(down) });
    await expect(new IndexedCallerLookup(allDown, index).byPhone('+16175550142')).rejects.toThrow('cannot be reached');
  });
});
