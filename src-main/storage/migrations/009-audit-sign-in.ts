import type { Migration } from '../migrations';

/**
 * The access log also records sign-ins and sign-outs (Careline and the EHR): HIPAA's audit controls cover
 * who was using the system when, and "log-in monitoring" is one of its safeguards. SQLite cannot change a
 * CHECK constraint in place, so the table is rebuilt with the same rows, indexes and append-only triggers.
 * Row order and contents are copied as they are: every hash still verifies (the chain covers the values,
 * not the table).
 *
 * Numbered 9: version 8 is the scheduling waitlist (issue 6), written on a parallel branch.
 */
export const auditSignIn009: Migration = {
  version: 9,
  name: 'audit-sign-in',
  up(db) {
    db.exec(`
      DROP TRIGGER audit_log_no_update;
      DROP TRIGGER audit_log_no_delete;
      CREATE TABLE audit_log_v9 (
        seq INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        user_id TEXT NOT NULL,
        user_role TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('view', 'search', 'write', 'export', 'print', 'login', 'logout')),
        patient_id TEXT,
        purpose TEXT NOT NULL CHECK (purpose IN ('treatment', 'operations', 'payment', 'emergency')),
        resource TEXT NOT NULL,
        detail TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('success', 'failure')),
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      INSERT INTO audit_log_v9 SELECT seq, at, user_id, user_role, action, patient_id, purpose, resource, detail, outcome, prev_hash, hash FROM audit_log ORDER BY seq;
      DROP TABLE audit_log;
      ALTER TABLE audit_log_v9 RENAME TO audit_log;
      CREATE INDEX audit_log_at ON audit_log (at);
      CREATE INDEX audit_log_patient ON audit_log (patient_id) WHERE patient_id IS NOT NULL;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
    `);
  },
};
