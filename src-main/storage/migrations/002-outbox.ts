import type { Migration } from '../migrations';

/**
 * The documentation outbox (issue 5 §4). One row per user action, written in the same local transaction
 * that acknowledges it. `seq` orders delivery by creation (created_at can tie within a millisecond); the
 * bundle is stored as JSON and never changes after insert (a replay sends exactly what the user
 * acknowledged); `delivered_json` keeps the ids the EHR assigned so a resubmission after a restart can still
 * answer "written". Sent rows stay a while for the agent's view, then are pruned.
 */
export const outbox002: Migration = {
  version: 2,
  name: 'outbox',
  up(db) {
    db.exec(`
      CREATE TABLE outbox (
        seq             INTEGER PRIMARY KEY AUTOINCREMENT,
        id              TEXT    NOT NULL UNIQUE,
        created_at      INTEGER NOT NULL,
        label           TEXT    NOT NULL,
        patient_id      TEXT    NOT NULL,
        state           TEXT    NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
        attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error      TEXT,
        next_attempt_at INTEGER,
        encounter_id    TEXT,
        delivered_json  TEXT,
        sent_at         INTEGER,
        bundle_json     TEXT    NOT NULL
      );
      CREATE INDEX outbox_state_seq ON outbox (state, seq);
      CREATE INDEX outbox_sent_at ON outbox (sent_at) WHERE state = 'sent';
    `);
  },
};
