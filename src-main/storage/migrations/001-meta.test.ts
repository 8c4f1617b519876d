/**
 * The pattern for every migration's own test: migrate a fresh database up to the version BEFORE this one,
 * run this migration through the real runner, then check the schema and data it leaves behind.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { currentVersion, migrate } from '../migrations';
import { meta001 } from './001-meta';
import { MIGRATIONS } from './index';

const dbs: Database.Database[] = [];
afterEach(() => dbs.splice(0).forEach((db) => db.close()));

function migratedTo(version: number): Database.Database {
  const db = new Database(':memory:');
  dbs.push(db);
  migrate(db, MIGRATIONS.slice(0, version));
  return db;
}

describe('001-meta', () => {
  it('is version 1 and first in the list', () => {
    expect(meta001.version).toBe(1);
    expect(MIGRATIONS[0]).toBe(meta001);
  });

  it('creates schema_migrations and cache_meta with created_at and a workstation id', () => {
    const db = migratedTo(0);
    migrate(db, [meta001]);
    expect(currentVersion(db)).toBe(1);
    const columns = (db.pragma('table_info(cache_meta)') as { name: string; notnull: number; pk: number }[]).map((c) => [c.name, c.notnull, c.pk]);
    expect(columns).toEqual([
      ['key', 1, 1], // STRICT: a TEXT primary key is NOT NULL too
      ['value', 1, 0],
    ]);
    const meta = Object.fromEntries((db.prepare('SELECT key, value FROM cache_meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
    expect(Number.isNaN(Date.parse(meta.created_at!))).toBe(false);
    expect(meta.workstation_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('cache_meta rejects a NULL value (STRICT, NOT NULL)', () => {
    const db = migratedTo(1);
    expect(() => db.prepare("INSERT INTO cache_meta (key, value) VALUES ('x', NULL)").run()).toThrow(/NOT NULL/);
  });
});
