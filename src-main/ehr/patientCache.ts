import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import type { PatientSummary } from '../../src-preload/contract';
import { FhirError } from './FhirClient';
import type { PhoneLookup } from './PatientMatcher';
import type { PatientSource } from './phoneIndex';

export const DEFAULT_PATIENT_CACHE_TTL_MS = 12 * 60 * 60 * 1000;

/**
 * The patient context cache: screen-pop summaries of patients seen recently, in the encrypted cache, expiring
 * after a TTL (minimum necessary: only what the pop shows, only for a working day).
 */
export class PatientSummaryCache {
  private readonly upsert: Statement;
  private readonly select: Statement<[string, number], { summary_json: string; cached_at: number }>;
  private readonly purge: Statement;

  constructor(
    db: Database,
    private readonly ttlMs = DEFAULT_PATIENT_CACHE_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {
    this.upsert = db.prepare(
      `INSERT INTO patient_cache (patient_id, summary_json, cached_at) VALUES (?, ?, ?)
       ON CONFLICT (patient_id) DO UPDATE SET summary_json = excluded.summary_json, cached_at = excluded.cached_at`,
    );
    this.select = db.prepare('SELECT summary_json, cached_at FROM patient_cache WHERE patient_id = ? AND cached_at >= ?');
    this.purge = db.prepare('DELETE FROM patient_cache WHERE cached_at < ?');
  }

  remember(patients: readonly PatientSummary[]): void {
    const at = this.now();
    for (const p of patients) this.upsert.run(p.id, JSON.stringify(p), at);
  }

  /** Fresh entries only; `oldestAt` is when the oldest returned entry was cached. */
  recall(ids: readonly string[]): { found: PatientSummary[]; oldestAt: number | null } {
    const since = this.now() - this.ttlMs;
    const found: PatientSummary[] = [];
    let oldestAt: number | null = null;
    for (const id of ids) {
      const row = this.select.get(id, since);
      if (!row) continue;
      found.push(JSON.parse(row.summary_json) as PatientSummary);
      oldestAt = oldestAt === null ? row.cached_at : Math.min(oldestAt, row.cached_at);
    }
    return { found, oldestAt };
  }

  /** Drops what has expired; returns how many rows went. */
  purgeExpired(): number {
    return this.purge.run(this.now() - this.ttlMs).changes;
  }
}

/**
 * A PatientSource that remembers what the EHR returned and, when the EHR cannot be reached, answers reads by id
 * from the cache (the phone index knows who calls from a number): a repeat caller still pops during an outage,
 * with a note that the details are cached. Refusals and "not found" are the EHR's answer and are not masked.
 */
export class CachingPatientSource implements PatientSource {
  constructor(
    private readonly ehr: PatientSource,
    private readonly cache: PatientSummaryCache,
  ) {}

  async lookupByPhone(e164: string, signal?: AbortSignal): Promise<PhoneLookup> {
    const result = await this.ehr.lookupByPhone(e164, signal);
    this.cache.remember(result.candidates);
    return result;
  }

  async byIds(ids: readonly string[], signal?: AbortSignal): Promise<{ found: PatientSummary[]; missing: string[]; cachedAt?: number | null }> {
    try {
      const result = await this.ehr.byIds(ids, signal);
      this.cache.remember(result.found);
      return result;
    } catch (error) {
      if (!(error instanceof FhirError) || !error.transient) throw error;
      const { found, oldestAt } = this.cache.recall(ids);
      if (found.length === 0 || oldestAt === null) throw error;
      return { found, missing: [], cachedAt: oldestAt };
    }
  }
}
