import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { audit003 } from './003-audit';

function migrated(): Database.Database {
  const db = new Database(':memory:');
  audit003.up(db);
  return db;
}

const row = {
  seq: 1,
  at: 1,
  user_id: 'agent-ana',
  user_role: 'agent',
  action: 'view',
  patient_id: 'p1',
  purpose: 'treatment',
  resource: 'Patient/p1',
  detail: '',
  outcome: 'success',
  prev_hash: '0'.repeat(64),
  hash: 'a'.repeat(64),
};
const insert = (db: Database.Database, values: Record<string, unknown>) =>
  db
    .prepare(
      `INSERT INTO audit_log (seq, at, user_id, user_role, action, patient_id, purpose, resource, detail, outcome, prev_hash, hash)
       VALUES (@seq, @at, @user_id, @user_role, @action, @patient_id, @purpose, @resource, @detail, @outcome, @prev_hash, @hash)`,
    )
    .run(values);

describe('migration 003: the audit log', () => {
  it('is version 3', () => {
    expect(audit003.version).toBe(3);
    expect(audit003.name).toBe('audit-log');
  });

  it('creates the table, its indexes on time and patient, and the append-only triggers', () => {
    const db = migrated();
    const columns = (db.prepare('PRAGMA table_info(audit_log)').all() as Array<{ name: string; notnull: number }>).map((c) => [c.name, c.notnull]);
    expect(columns).toEqual([
      ['seq', 0],
      ['at', 1],
      ['user_id', 1],
      ['user_role', 1],
      ['action', 1],
      ['patient_id', 0],
      ['purpose', 1],
      ['resource', 1],
      ['detail', 1],
      ['outcome', 1],
      ['prev_hash', 1],
      ['hash', 1],
    ]);
    const names = (type: string) => (db.prepare('SELECT name FROM sqlite_master WHERE type = ? ORDER BY name').all(type) as Array<{ name: string }>).map((r) => r.name);
    expect(names('index')).toEqual(['audit_log_at', 'audit_log_patient']);
    expect(names('trigger')).toEqual(['audit_head_forward_only', 'audit_head_no_delete', 'audit_log_no_delete', 'audit_log_no_update']);
    const plan = JSON.stringify(db.prepare("EXPLAIN QUERY PLAN SELECT * FROM audit_log WHERE patient_id = 'p1'").all());
    expect(plan).toContain('audit_log_patient');
  });

  it('refuses updates and deletes of rows, and unknown actions, purposes or outcomes', () => {
    const db = migrated();
    insert(db, row);
    expect(() => db.exec("UPDATE audit_log SET detail = 'x'")).toThrow('audit log is append-only');
    expect(() => db.exec('DELETE FROM audit_log')).toThrow('audit log is append-only');
    expect(() => insert(db, { ...row, seq: 2, action: 'delete' })).toThrow(/CHECK/);
    expect(() => insert(db, { ...row, seq: 2, purpose: 'marketing' })).toThrow(/CHECK/);
    expect(() => insert(db, { ...row, seq: 2, outcome: 'maybe' })).toThrow(/CHECK/);
    expect(() => insert(db, { ...row, seq: 2, patient_id: null })).not.toThrow();
  });

  it('starts the head at seq 0 with the genesis hash; it has one row and only moves forward by one', () => {
    const db = migrated();
    expect(db.prepare('SELECT id, seq, hash FROM audit_head').all()).toEqual([{ id: 1, seq: 0, hash: '0'.repeat(64) }]);
    expect(() => db.exec("INSERT INTO audit_head (id, seq, hash) VALUES (2, 0, 'x')")).toThrow(/CHECK/);
    expect(() => db.exec("UPDATE audit_head SET seq = 2, hash = 'x'")).toThrow('audit head only moves forward');
    expect(() => db.exec("UPDATE audit_head SET seq = 1, hash = 'x'")).not.toThrow();
    expect(() => db.exec("UPDATE audit_head SET seq = 0, hash = 'y'")).toThrow('audit head only moves forward');
    expect(() => db.exec('DELETE FROM audit_head')).toThrow('audit log is append-only');
  });
});
