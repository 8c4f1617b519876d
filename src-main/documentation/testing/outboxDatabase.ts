import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { outbox002 } from '../../storage/migrations/002-outbox';

/**
 * A database file with the outbox table, as the storage layer will open it (WAL, synchronous=FULL), for
 * tests and test processes. `create: false` reopens an existing file (no migration).
 */
export function openOutboxDatabase(path: string, options: { create?: boolean } = {}): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  if (options.create ?? true) outbox002.up(db);
  return db;
}

export function tempDir(prefix = 'careline-outbox-'): { dir: string; file: (name: string) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, file: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
