import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import type { PatientSummary } from '../../src-preload/contract';
import { migrate } from '../storage/migrations';
import { MIGRATIONS } from '../storage/migrations/index';
import { FhirError } from './FhirClient';
import { CachingPatientSource, PatientSummaryCache } from './patientCache';
import { IndexedCallerLookup, MemoryPhoneIndex, type PatientSource } from './phoneIndex';

const summary = (id: string): PatientSummary => ({
  id, family: 'Doe', given: 'Sam', displayName: `Sam Doe ${id}`, birthDate: '1980-01-02', ageYears: 46, sex: 'unknown', language: null, phones: ['+16175550142'], address: null, relationships: [],
});

function cacheAt(clock: { now: number }, ttlMs = 1000) {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS);
  return new PatientSummaryCache(db, ttlMs, () => clock.now);
}

describe('PatientSummaryCache', () => {
  it('recalls fresh summaries only, and purges what expired', () => {
    const clock = { now: 10_000 };
    const cache = cacheAt(clock);
    cache.remember([summary('a')]);
    clock.now += 500;
    cache.remember([summary('b')]);
    expect(cache.recall(['a', 'b', 'c'])).toEqual({ found: [summary('a'), summary('b')], oldestAt: 10_000 });
    clock.now += 600; // a is now older than the TTL
    expect(cache.recall(['a', 'b']).found.map((p) => p.id)).toEqual(['b']);
    expect(cache.purgeExpired()).toBe(1);
  });
});

describe('CachingPatientSource', () => {
  const down = new FhirError('unreachable', 'The EHR cannot be reached.');
  function ehr(overrides: Partial<PatientSource> = {}): PatientSource {
    return {
      lookupByPhone: async () => ({ candidates: [summary('a')], matchedBy: 'phone', needs: null, reason: null }),
      byIds: async (ids) => ({ found: ids.map(summary), missing: [] }),
      ...overrides,
    };
  }

  it('answers reads by id from the cache while the EHR is unreachable, but never masks a refusal', async () => {
    const clock = { now: Date.parse('2026-11-22T14:05:00Z') };
    const cache = cacheAt(clock, 12 * 3600_000);
    await new CachingPatientSource(ehr(), cache).byIds(['a']);
    expect(await new CachingPatientSource(ehr({ byIds: async () => Promise.reject(down) }), cache).byIds(['a'])).toEqual({ found: [summary('a')], missing: [], cachedAt: clock.now });
    const refused = new FhirError('http', 'Forbidden', 403);
    await expect(new CachingPatientSource(ehr({ byIds: async () => Promise.reject(refused) }), cache).byIds(['a'])).rejects.toBe(refused);
    await expect(new CachingPatientSource(ehr({ byIds: async () => Promise.reject(down) }), cache).byIds(['zzz'])).rejects.toBe(down);
  });

  it('lets a repeat caller pop during an EHR outage, saying the details are from this workstation', async () => {
    const clock = { now: Date.parse('2026-11-22T14:05:00Z') };
    const cache = cacheAt(clock, 12 * 3600_000);
    const index = new MemoryPhoneIndex();
    index.learn('+16175550142', 'a', 'call', 1);
    await new IndexedCallerLookup(new CachingPatientSource(ehr(), cache), index).byPhone('+16175550142');
    const outage = new CachingPatientSource(ehr({ byIds: async () => Promise.reject(down), lookupByPhone: async () => Promise.reject(down) }), cache);
    const pop = await new IndexedCallerLookup(outage, index).byPhone('+16175550142');
    expect(pop.candidates.map((p) => p.id)).toEqual(['a']);
    expect(pop.note).toBe('The EHR cannot be reached: these details were saved on this workstation (14:05 UTC). Verify identity as usual.');
  });
});
