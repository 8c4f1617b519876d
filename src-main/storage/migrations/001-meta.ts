import { randomUUID } from 'node:crypto';
import type { Migration } from '../migrations';

/**
 * 001: the bookkeeping every later migration relies on (schema_migrations, written by the runner) and a small
 * key/value table for facts about the cache itself (created_at, workstation id). No PHI goes in cache_meta.
 */
export const meta001: Migration = {
  version: 1,
  name: 'meta',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version    INTEGER PRIMARY KEY,
        name       TEXT NOT NULL,
        applied_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE cache_meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
    db.prepare("INSERT INTO cache_meta (key, value) VALUES ('created_at', ?)").run(new Date().toISOString());
    db.prepare("INSERT INTO cache_meta (key, value) VALUES ('workstation_id', ?)").run(randomUUID());
  },
};
