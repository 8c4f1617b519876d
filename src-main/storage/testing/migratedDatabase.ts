import Database from 'better-sqlite3-multiple-ciphers';
import { migrate } from '../migrations';
import { MIGRATIONS } from '../migrations/index';

/**
 * For each migration's own test: an in-memory database migrated up to `version` with the real runner, closed by
 * `closeAll()` (call it in afterEach).
 */
const open: Database.Database[] = [];

export function migratedTo(version: number): Database.Database {
  const db = new Database(':memory:');
  open.push(db);
  migrate(db, MIGRATIONS.slice(0, version));
  return db;
}

export function closeAll(): void {
  open.splice(0).forEach((db) => db.close());
}
