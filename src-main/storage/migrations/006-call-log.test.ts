import { afterEach, describe, expect, it } from 'vitest';
import { currentVersion, migrate } from '../migrations';
import { closeAll, migratedTo } from '../testing/migratedDatabase';
import { callLog006 } from './006-call-log';
import { MIGRATIONS } from './index';

afterEach(closeAll);

describe('006-call-log', () => {
  it('is version 6 and keeps one row per call in first-seen order', () => {
    expect(MIGRATIONS[5]).toBe(callLog006);
    // Up to the version before, then this one through the real runner.
    const db = migratedTo(5);
    migrate(db, MIGRATIONS.slice(0, 6));
    expect(currentVersion(db)).toBe(6);
    const insert = db.prepare('INSERT INTO call_log (call_id, entry_json) VALUES (?, ?)');
    insert.run('a', '{}');
    insert.run('b', '{}');
    expect(() => insert.run('a', '{}')).toThrow(/UNIQUE/);
    expect(db.prepare('SELECT call_id FROM call_log ORDER BY seq').all()).toEqual([{ call_id: 'a' }, { call_id: 'b' }]);
  });
});
