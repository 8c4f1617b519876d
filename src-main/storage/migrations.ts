/**
 * Numbered schema migrations for the local cache. Each runs in its own transaction with its bookkeeping row,
 * so a crash leaves the database at the previous version, never half-migrated.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { MIGRATIONS } from './migrations/index';

export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
}

export interface MigrateResult {
  /** Versions applied by this call, in order (empty when already current). */
  readonly applied: readonly number[];
  readonly version: number;
}

/** A cache from a newer Careline: opening it with older code could misread or damage its tables. */
export class CacheFromNewerVersion extends Error {
  override readonly name = 'CacheFromNewerVersion';

  constructor(
    readonly cacheVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      `This cache was written by a newer Careline (schema ${cacheVersion}; this version knows up to ${knownVersion}). Update Careline on this computer, or wipe and resync the cache.`,
    );
  }
}

/** Throws when the list is not 1, 2, 3, … in order: a gap or duplicate is a merge mistake, caught at start. */
export function checkMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`Migration list is broken at position ${i + 1}: expected version ${i + 1}, found ${m.version} (${m.name}). Versions must be 1, 2, 3, … without gaps or duplicates.`);
    }
  });
}

/** The highest applied version, 0 for a new database (before 001 has created the bookkeeping table). */
export function currentVersion(db: Database.Database): number {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!table) return 0;
  const row = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as { version: number | null };
  return row.version ?? 0;
}

export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): MigrateResult {
  checkMigrationList(migrations);
  const known = migrations.length;
  const start = currentVersion(db);
  if (start > known) throw new CacheFromNewerVersion(start, known);
  const applied: number[] = [];
  for (const migration of migrations.slice(start)) {
    // IMMEDIATE takes the write lock before reading, so two processes cannot run the same migration twice.
    db.transaction(() => {
      migration.up(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, new Date().toISOString());
    }).immediate();
    applied.push(migration.version);
  }
  return { applied, version: currentVersion(db) };
}
