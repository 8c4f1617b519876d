import { afterEach, describe, expect, it } from 'vitest';
import { currentVersion, migrate } from '../migrations';
import { closeAll, migratedTo } from '../testing/migratedDatabase';
import { waitlist008 } from './008-waitlist';
import { MIGRATIONS } from './index';

afterEach(closeAll);

describe('008-waitlist', () => {
  it('is version 8: one row per entry, ordered by seq, with a checked state', () => {
    expect(MIGRATIONS[7]).toBe(waitlist008);
    const db = migratedTo(7);
    migrate(db, MIGRATIONS.slice(0, 8));
    expect(currentVersion(db)).toBe(8);
    expect((db.pragma('table_info(waitlist)') as { name: string }[]).map((c) => c.name)).toEqual(['seq', 'id', 'patient_id', 'state', 'added_at', 'entry_json']);
    const insert = db.prepare('INSERT INTO waitlist (id, patient_id, state, added_at, entry_json) VALUES (?, ?, ?, ?, ?)');
    insert.run('w-1', 'pat-1', 'waiting', 1, '{}');
    expect(() => insert.run('w-1', 'pat-1', 'waiting', 2, '{}')).toThrow(/UNIQUE/);
    expect(() => insert.run('w-2', 'pat-1', 'lost', 2, '{}')).toThrow(/CHECK/);
  });
});
