import { afterEach, describe, expect, it } from 'vitest';
import { currentVersion, migrate } from '../migrations';
import { closeAll, migratedTo } from '../testing/migratedDatabase';
import { patientCache007 } from './007-patient-cache';
import { MIGRATIONS } from './index';

afterEach(closeAll);

describe('007-patient-cache', () => {
  it('is version 7 and keeps one summary per patient with when it was cached', () => {
    expect(MIGRATIONS[6]).toBe(patientCache007);
    // Up to the version before, then this one through the real runner.
    const db = migratedTo(6);
    migrate(db, MIGRATIONS.slice(0, 7));
    expect(currentVersion(db)).toBe(7);
    expect((db.pragma('table_info(patient_cache)') as { name: string }[]).map((c) => c.name)).toEqual(['patient_id', 'summary_json', 'cached_at']);
    const insert = db.prepare('INSERT INTO patient_cache VALUES (?, ?, ?)');
    insert.run('pat-1', '{}', 1);
    expect(() => insert.run('pat-1', '{}', 2)).toThrow(/UNIQUE|PRIMARY/);
  });
});
