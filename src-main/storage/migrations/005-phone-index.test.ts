import { afterEach, describe, expect, it } from 'vitest';
import { currentVersion, migrate } from '../migrations';
import { closeAll, migratedTo } from '../testing/migratedDatabase';
import { phoneIndex005 } from './005-phone-index';
import { MIGRATIONS } from './index';

afterEach(closeAll);

describe('005-phone-index', () => {
  it('is version 5 and keeps one row per number and patient, with only the number, the id, the source and when', () => {
    expect(MIGRATIONS[4]).toBe(phoneIndex005);
    // Up to the version before, then this one through the real runner.
    const db = migratedTo(4);
    migrate(db, MIGRATIONS.slice(0, 5));
    expect(currentVersion(db)).toBe(5);
    expect((db.pragma('table_info(phone_index)') as { name: string }[]).map((c) => c.name)).toEqual(['phone', 'patient_id', 'source', 'last_seen']);
    const insert = db.prepare('INSERT INTO phone_index VALUES (?, ?, ?, ?)');
    insert.run('+16175550142', 'pat-1', 'call', 1);
    expect(() => insert.run('+16175550142', 'pat-1', 'chart', 2)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => insert.run('+16175550143', 'pat-1', 'guess', 2)).toThrow(/CHECK/);
  });
});
