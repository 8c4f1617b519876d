import { afterEach, describe, expect, it } from 'vitest';
import { currentVersion, migrate } from '../migrations';
import { closeAll, migratedTo } from '../testing/migratedDatabase';
import { auditSignIn009 } from './009-audit-sign-in';
import { MIGRATIONS } from './index';

afterEach(closeAll);

const insert = `INSERT INTO audit_log (seq, at, user_id, user_role, action, patient_id, purpose, resource, detail, outcome, prev_hash, hash)
  VALUES (@seq, 1, 'u', 'nurse', @action, NULL, 'operations', 'EHR', '', 'success', 'p', 'h')`;

describe('009-audit-sign-in', () => {
  it('is version 9, keeps every row and the append-only triggers, and accepts login and logout', () => {
    expect(MIGRATIONS[8]).toBe(auditSignIn009);
    // Up to the version before, then this one through the real runner.
    const db = migratedTo(8);
    db.prepare(insert).run({ seq: 1, action: 'view' });
    expect(() => db.prepare(insert).run({ seq: 2, action: 'login' })).toThrow(/CHECK/);
    migrate(db, MIGRATIONS.slice(0, 9));
    expect(currentVersion(db)).toBe(9);
    expect(db.prepare('SELECT seq, action FROM audit_log').all()).toEqual([{ seq: 1, action: 'view' }]);
    db.prepare(insert).run({ seq: 2, action: 'login' });
    db.prepare(insert).run({ seq: 3, action: 'logout' });
    expect(() => db.prepare(insert).run({ seq: 4, action: 'delete' })).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE audit_log SET detail = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(/append-only/);
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_log' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((r) => r.name).sort();
    expect(indexes).toEqual(['audit_log_at', 'audit_log_patient']);
  });
});
