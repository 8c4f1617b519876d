import type { Migration } from '../migrations';

/**
 * Scheduling waitlist (issue 6 §3): patients waiting for an earlier slot, in the encrypted cache so the list
 * survives a restart. `seq` is the order (first come, first served); the entry (window, preferences, the
 * current offer and hold) is JSON, since only main reads it and it changes shape with the contract.
 */
export const waitlist008: Migration = {
  version: 8,
  name: 'waitlist',
  up(db) {
    db.exec(`
      CREATE TABLE waitlist (
        seq        INTEGER PRIMARY KEY AUTOINCREMENT,
        id         TEXT    NOT NULL UNIQUE,
        patient_id TEXT    NOT NULL,
        state      TEXT    NOT NULL CHECK (state IN ('waiting', 'offered', 'booked', 'removed')),
        added_at   INTEGER NOT NULL,
        entry_json TEXT    NOT NULL
      );
      CREATE INDEX waitlist_state_seq ON waitlist (state, seq);
    `);
  },
};
