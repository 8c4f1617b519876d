import type { Migration } from '../migrations';

/**
 * The phone -> patient index of the screen pop (issue 5 §2): a normalized number and a patient id, where it was
 * learned (a verified call, an opened chart) and when it was last seen. Nothing else about the patient.
 */
export const phoneIndex005: Migration = {
  version: 5,
  name: 'phone-index',
  up(db) {
    db.exec(`
      CREATE TABLE phone_index (
        phone      TEXT    NOT NULL,
        patient_id TEXT    NOT NULL,
        source     TEXT    NOT NULL CHECK (source IN ('call', 'chart')),
        last_seen  INTEGER NOT NULL,
        PRIMARY KEY (phone, patient_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX phone_index_patient ON phone_index (patient_id);
      CREATE INDEX phone_index_last_seen ON phone_index (last_seen);
    `);
  },
};
