import type { Migration } from '../migrations';

/**
 * Interview drafts (the call session's persisted snapshot after every step), one row per draft, owned by the
 * user who wrote it. Deleted when the documentation enters the outbox or the user discards it with a reason.
 */
export const drafts004: Migration = {
  version: 4,
  name: 'drafts',
  up(db) {
    db.exec(`
      CREATE TABLE drafts (
        draft_id      TEXT    PRIMARY KEY,
        user_id       TEXT    NOT NULL,
        patient_id    TEXT,
        label         TEXT    NOT NULL,
        step          TEXT    NOT NULL CHECK (step IN ('interview', 'disposition', 'escalation')),
        saved_at      INTEGER NOT NULL,
        snapshot_json TEXT    NOT NULL
      ) STRICT;
      CREATE INDEX drafts_user_saved ON drafts (user_id, saved_at);
    `);
  },
};
