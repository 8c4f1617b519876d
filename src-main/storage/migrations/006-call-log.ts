import type { Migration } from '../migrations';

/** The agent's recent calls (caller, line, times, wrap-up, patient, quality), bounded by the app; `seq` = first seen. */
export const callLog006: Migration = {
  version: 6,
  name: 'call-log',
  up(db) {
    db.exec(`
      CREATE TABLE call_log (
        seq        INTEGER PRIMARY KEY AUTOINCREMENT,
        call_id    TEXT    NOT NULL UNIQUE,
        entry_json TEXT    NOT NULL
      );
    `);
  },
};
