/**
 * Storage figures (issue 5 §3):
 * 1. the cost of encryption: the same workload on plain SQLite and on the chacha20-encrypted cache (raw key),
 *    both WAL + synchronous=FULL in a temp dir: 20,000 inserts of ~1 KB JSON rows in transactions of 100,
 *    20,000 point reads by primary key in random order, a full range scan. Median of RUNS runs per phase;
 *    overhead % = encrypted / plain - 1.
 * 2. open time as the app pays it: openCache (keychain probe + key read from a real Secret Service + open +
 *    key check + migrate), p50/p95 over 50 opens, plus the keychain read alone. The headless Secret Service
 *    is started like the integration test; if it cannot start, the figure is printed as unavailable.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { readCacheKey } from '../src-main/storage/cacheKey';
import { openEncryptedDatabase } from '../src-main/storage/EncryptedDatabase';
import { KeychainStore } from '../src-main/storage/keychain';
import { openCache } from '../src-main/storage/openCache';
import { type SecretService, startSecretService } from '../tests/support/secretService';
import { percentile, summary } from './stats';

const ROWS = Number(process.env.BENCH_STORAGE_ROWS ?? 20_000);
const BATCH = 100;
const RUNS = Number(process.env.BENCH_STORAGE_RUNS ?? 3);
const OPENS = 50;

type Phase = 'insert' | 'point reads' | 'range scan';

function row(i: number): string {
  // ~1 KB of synthetic JSON (no real person): what a cached FHIR resource looks like in size.
  return JSON.stringify({ resourceType: 'Observation', id: `obs-${i}`, status: 'final', code: { text: `synthetic-${i}` }, note: 'x'.repeat(900) });
}

function workload(db: Database.Database): Record<Phase, number> {
  db.exec('CREATE TABLE resources (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO resources (id, body) VALUES (?, ?)');
  const batch = db.transaction((from: number) => {
    for (let i = from; i < from + BATCH; i++) insert.run(i, row(i));
  });
  let t = performance.now();
  for (let from = 0; from < ROWS; from += BATCH) batch(from);
  const insertMs = performance.now() - t;

  const get = db.prepare('SELECT body FROM resources WHERE id = ?').pluck();
  const order = Array.from({ length: ROWS }, (_, i) => (i * 7919) % ROWS); // a fixed shuffle
  t = performance.now();
  let bytes = 0;
  for (const id of order) bytes += (get.get(id) as string).length;
  const readMs = performance.now() - t;

  t = performance.now();
  for (const body of db.prepare('SELECT body FROM resources ORDER BY id').pluck().iterate()) bytes += (body as string).length;
  const scanMs = performance.now() - t;
  if (bytes === 0) throw new Error('nothing read');
  return { insert: insertMs, 'point reads': readMs, 'range scan': scanMs };
}

function plain(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  return db;
}

function median(values: number[]): number {
  return percentile(values, 50);
}

function encryptionOverhead(): void {
  const results: Record<'plain' | 'encrypted', Record<Phase, number[]>> = {
    plain: { insert: [], 'point reads': [], 'range scan': [] },
    encrypted: { insert: [], 'point reads': [], 'range scan': [] },
  };
  for (let run = 0; run < RUNS; run++) {
    // Alternate the order so neither side always runs on a warmer disk cache.
    const kinds = run % 2 === 0 ? (['plain', 'encrypted'] as const) : (['encrypted', 'plain'] as const);
    for (const kind of kinds) {
      const dir = mkdtempSync(join(tmpdir(), 'careline-bench-'));
      const path = join(dir, 'bench.db');
      const database = kind === 'plain' ? { db: plain(path), close: () => undefined } : openEncryptedDatabase({ path, key: randomBytes(32) });
      try {
        const figures = workload(database.db);
        for (const phase of Object.keys(figures) as Phase[]) results[kind][phase].push(figures[phase]);
      } finally {
        database.db.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  console.log(`workload: ${ROWS} rows of ~1 KB, inserts in transactions of ${BATCH}, WAL + synchronous=FULL, median of ${RUNS} runs`);
  for (const phase of ['insert', 'point reads', 'range scan'] as Phase[]) {
    const p = median(results.plain[phase]);
    const e = median(results.encrypted[phase]);
    console.log(`${phase.padEnd(12)} plain ${p.toFixed(1)} ms   encrypted ${e.toFixed(1)} ms   overhead ${(((e / p) - 1) * 100).toFixed(1)} %`);
  }
}

async function openTimes(): Promise<void> {
  let service: SecretService;
  try {
    service = await startSecretService();
  } catch (error) {
    console.log(`open time including the keychain read: unavailable (${(error as Error).message.split('\n')[0]})`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'careline-bench-open-'));
  try {
    // libsecret reads the bus address when keytar first talks to it: set it before the first keychain call.
    process.env.DBUS_SESSION_BUS_ADDRESS = service.env.DBUS_SESSION_BUS_ADDRESS;
    const keychain = new KeychainStore();
    const first = await openCache({ dir, keychain, policy: 'encrypted-only' });
    first.database.close();
    console.log(`first run (native module load, bus connect, key created, file created, 001 migrated): ${first.openMs.toFixed(1)} ms`);

    const total: number[] = [];
    const keyRead: number[] = [];
    const openOnly: number[] = [];
    for (let i = 0; i < OPENS; i++) {
      const cache = await openCache({ dir, keychain, policy: 'encrypted-only' });
      total.push(cache.openMs);
      cache.database.close();

      let t = performance.now();
      const key = await readCacheKey(keychain);
      keyRead.push(performance.now() - t);
      t = performance.now();
      const database = openEncryptedDatabase({ path: cache.database.path!, key: key! });
      openOnly.push(performance.now() - t);
      database.close();
    }
    console.log(summary('openCache (keychain probe + key read + open + key check + migrate)', total));
    console.log(summary('  keychain read of the cache key (Secret Service over D-Bus)', keyRead));
    console.log(summary('  open + key check + pragmas, key in hand', openOnly));
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await service.stop();
  }
}

async function main(): Promise<void> {
  encryptionOverhead();
  await openTimes();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
