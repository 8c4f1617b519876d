import type { Migration } from '../migrations';

/**
 * The HIPAA access log (issue 5 §5). Rows are append-only: the triggers refuse UPDATE and DELETE from any
 * connection, the app's included, so no code path can quietly rewrite history. Someone holding the key can
 * still drop the triggers and edit the file; the hash chain (src-main/audit/auditChain.ts) catches that.
 *
 * audit_head holds the chain's last seq and hash in one row, written in the same transaction as each append:
 * rows deleted from the tail leave a valid-looking chain, and only the head says more existed. It may only
 * advance by exactly one entry, and it cannot be deleted.
 */
export const audit003: Migration = {
  version: 3,
  name: 'audit-log',
  up(db) {
    db.exec(`
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        user_id TEXT NOT NULL,
        user_role TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('view', 'search', 'write', 'export', 'print')),
        patient_id TEXT,
        purpose TEXT NOT NULL CHECK (purpose IN ('treatment', 'operations', 'payment', 'emergency')),
        resource TEXT NOT NULL,
        detail TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('success', 'failure')),
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE INDEX audit_log_at ON audit_log (at);
      CREATE INDEX audit_log_patient ON audit_log (patient_id) WHERE patient_id IS NOT NULL;
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;

      CREATE TABLE audit_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL
      );
      INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '${'0'.repeat(64)}');
      CREATE TRIGGER audit_head_forward_only BEFORE UPDATE ON audit_head WHEN NEW.seq <> OLD.seq + 1 OR NEW.id <> OLD.id
        BEGIN SELECT RAISE(ABORT, 'audit head only moves forward'); END;
      CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
    `);
  },
};
