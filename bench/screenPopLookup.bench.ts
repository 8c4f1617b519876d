/**
 * Ring-time lookup with 100,000 synthetic patients in the demo EHR (issue 5 §2, bench):
 * - phone-index hit: the number is in the encrypted local index (SQLite, sqlite3mc with a raw key), the EHR
 *   cannot search by phone (as Epic), so the candidates are read by id;
 * - FHIR miss: the number is not in the index, the EHR's own Patient?phone= search finds the household;
 * - the index lookup alone.
 * Prints p50/p95; asserts nothing. Set BENCH_POP_PATIENTS to change the population.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Patient } from '@medplum/fhirtypes';
import { startDemoEhr } from '../src-main/demo/ehr/startDemoEhr';
import { FhirClient } from '../src-main/ehr/FhirClient';
import { PHONE_SEARCH_UNSUPPORTED, PatientMatcher } from '../src-main/ehr/PatientMatcher';
import { toE164 } from '../src-main/ehr/patientSummary';
import { IndexedCallerLookup, SqlitePhoneIndex } from '../src-main/ehr/phoneIndex';
import { openEncryptedDatabase } from '../src-main/storage/EncryptedDatabase';
import { migrate } from '../src-main/storage/migrations';
import { mib, summary } from './stats';

const PATIENTS = Number(process.env.BENCH_POP_PATIENTS ?? 100_000);
const LOOKUPS = 200;

async function main(): Promise<void> {
  const t0 = performance.now();
  const { server } = await startDemoEhr({ patients: PATIENTS, seed: 42, referenceDate: '2026-11-01' });
  console.log(`demo EHR: ${PATIENTS} patients loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s, heap ${mib(process.memoryUsage().heapUsed)}`);
  const dir = mkdtempSync(join(tmpdir(), 'careline-pop-bench-'));
  const cache = openEncryptedDatabase({ path: join(dir, 'cache.db'), key: randomBytes(32) });
  try {
    migrate(cache.db);
    const fhir = new FhirClient({ baseUrl: server.baseUrl });
    const matcher = new PatientMatcher(fhir);
    const index = new SqlitePhoneIndex(cache.db, 200_000);

    // Learn the index as a workstation would over time: every patient of a sample of households, by number.
    const sample = await fhir.search<Patient>('Patient', { _count: '1000' });
    const phones = new Map<string, string[]>();
    for (const p of sample) {
      const phone = toE164(p.telecom?.find((t) => t.system === 'phone')?.value ?? '');
      if (phone && p.id) phones.set(phone, [...(phones.get(phone) ?? []), p.id]);
    }
    const learnStarted = performance.now();
    let at = 1;
    for (const [phone, ids] of phones) for (const id of ids) index.learn(phone, id, 'call', at++);
    console.log(`phone index: ${at - 1} entries learned for ${phones.size} numbers in ${(performance.now() - learnStarted).toFixed(0)} ms (encrypted file)`);

    const numbers = [...phones.keys()].slice(0, LOOKUPS);
    const indexOnly: number[] = [];
    for (const phone of numbers) {
      const t = performance.now();
      index.lookup(phone);
      indexOnly.push(performance.now() - t);
    }
    console.log(summary('index lookup alone (SQLite, encrypted)', indexOnly));

    // An EHR that refuses phone search (as Epic): only the index can pop the chart.
    const epicLike = new IndexedCallerLookup(
      {
        lookupByPhone: async () => ({ candidates: [], matchedBy: 'none', needs: 'name-and-birthdate', reason: PHONE_SEARCH_UNSUPPORTED }),
        byIds: (ids, s) => matcher.byIds(ids, s),
      },
      index,
    );
    const hits: number[] = [];
    for (const phone of numbers) {
      const t = performance.now();
      const found = await epicLike.byPhone(phone);
      hits.push(performance.now() - t);
      if (found.candidates.length === 0) throw new Error('an index hit found nobody');
    }
    console.log(summary(`screen pop, phone-index hit (read by id over HTTP) at ${PATIENTS} patients`, hits));

    const misses: number[] = [];
    const unknownToIndex = new IndexedCallerLookup(matcher, { lookup: () => [], learn: () => undefined, forget: () => undefined });
    for (const phone of numbers) {
      const t = performance.now();
      await unknownToIndex.byPhone(phone);
      misses.push(performance.now() - t);
    }
    console.log(summary(`screen pop, index miss -> FHIR Patient?phone= over HTTP at ${PATIENTS} patients`, misses));
  } finally {
    cache.close();
    rmSync(dir, { recursive: true, force: true });
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
