import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { currentVersion, migrate } from '../migrations';
import { patientCache007 } from './007-patient-cache';
import { MIGRATIONS } from './index';

const dbs: Database.Database[] = [];
afterEach(() => dbs.splice(0).forEach((db) => db.close()));

describe('007-patient-cache', () => {
  it('is version 7 and keeps one summary per patient with when it was cached', () => {
    expect(MIGRATIONS[6]).toBe(patientCache007);
    const db = new Database(':memory:');
    dbs.push(db);
    migrate(db, MIGRATIONS.slice(0, 6));
    migrate(db, MIGRATIONS.slice(0, 7));
    expect(currentVersion(db)).toBe(7);
    expect((db.pragma('table_info(patient_cache)') as { name: string }[]).map((c) => c.name)).toEqual(['patient_id', 'summary_json', 'cached_at']);
    const insert = db.prepare('INSERT INTO patient_cache VALUES (?, ?, ?)');
    insert.run('pat-1', '{}', 1);
    expect(() => insert.run('pat-1', '{}', 2)).toThrow(/UNIQUE|PRIMARY/);
  });
});
