import type { Migration } from '../migrations';

/**
 * Patient context cache (issue 5 §3): the screen-pop summary of patients this workstation recently saw (name,
 * birth date, phones, relationships: what the pop shows, nothing clinical), so a repeat caller still pops when
 * the EHR is down. Rows expire after a TTL and are purged.
 */
export const patientCache007: Migration = {
  version: 7,
  name: 'patient-cache',
  up(db) {
    db.exec(`
      CREATE TABLE patient_cache (
        patient_id   TEXT    PRIMARY KEY,
        summary_json TEXT    NOT NULL,
        cached_at    INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX patient_cache_cached_at ON patient_cache (cached_at);
    `);
  },
};
