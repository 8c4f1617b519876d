import { afterEach, describe, expect, it } from 'vitest';
import { currentVersion, migrate } from '../migrations';
import { closeAll, migratedTo } from '../testing/migratedDatabase';
import { drafts004 } from './004-drafts';
import { MIGRATIONS } from './index';

afterEach(closeAll);

describe('004-drafts', () => {
  it('is version 4 and creates the drafts table with its step check and the per-user index', () => {
    expect(MIGRATIONS[3]).toBe(drafts004);
    // Up to the version before, then this one through the real runner.
    const db = migratedTo(3);
    migrate(db, MIGRATIONS.slice(0, 4));
    expect(currentVersion(db)).toBe(4);
    const columns = (db.pragma('table_info(drafts)') as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(['draft_id', 'user_id', 'patient_id', 'label', 'step', 'saved_at', 'snapshot_json']);
    expect((db.pragma('index_list(drafts)') as { name: string }[]).map((i) => i.name)).toContain('drafts_user_saved');
    const insert = db.prepare('INSERT INTO drafts VALUES (?, ?, ?, ?, ?, ?, ?)');
    insert.run('d1', 'u1', null, 'label', 'interview', 1, '{}');
    expect(() => insert.run('d2', 'u1', null, 'label', 'wrap-up', 1, '{}')).toThrow(/CHECK/);
  });
});
