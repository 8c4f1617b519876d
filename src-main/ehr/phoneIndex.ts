import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import type { PatientSummary } from '../../src-preload/contract';
import { FhirError } from './FhirClient';
import { CAPABILITIES_UNKNOWN, type PhoneLookup } from './PatientMatcher';

/**
 * The local phone -> patient index (issue 5 §2). EHRs like Epic will not search patients by phone alone, so the
 * screen pop learns who calls from which number: from calls where the agent verified the patient, and from
 * charts opened (their telecom). Entries hold only a normalized number and a patient id (minimum necessary);
 * the durable store lives in the encrypted cache, this interface is what the lookup needs.
 */
export type PhoneIndexSource = 'call' | 'chart';

export interface PhoneIndexStore {
  /** Patient ids seen with this number, most recently seen first. */
  lookup(e164: string): string[];
  learn(e164: string, patientId: string, source: PhoneIndexSource, at: number): void;
  /** A patient the EHR no longer has (merged, deleted): drop every entry for it. */
  forget(patientId: string): void;
}

/** In memory, bounded: the least recently seen numbers go first; a number keeps at most `perPhone` patients. */
export class MemoryPhoneIndex implements PhoneIndexStore {
  private readonly entries = new Map<string, Map<string, number>>();

  constructor(
    private readonly maxPhones = 50_000,
    private readonly perPhone = 10,
  ) {}

  lookup(e164: string): string[] {
    const patients = this.entries.get(e164);
    return patients ? [...patients.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id) : [];
  }

  learn(e164: string, patientId: string, _source: PhoneIndexSource, at: number): void {
    const patients = this.entries.get(e164) ?? new Map<string, number>();
    this.entries.delete(e164); // re-insert: Map order is our recency order
    patients.set(patientId, at);
    if (patients.size > this.perPhone) {
      const oldest = [...patients.entries()].sort((a, b) => a[1] - b[1])[0]![0];
      patients.delete(oldest);
    }
    this.entries.set(e164, patients);
    if (this.entries.size > this.maxPhones) this.entries.delete(this.entries.keys().next().value!);
  }

  forget(patientId: string): void {
    for (const [phone, patients] of this.entries) {
      patients.delete(patientId);
      if (patients.size === 0) this.entries.delete(phone);
    }
  }
}

export interface PatientSource {
  lookupByPhone(e164: string, signal?: AbortSignal): Promise<PhoneLookup>;
  /** `cachedAt` is set when the EHR could not be reached and the summaries come from the local cache. */
  byIds(ids: readonly string[], signal?: AbortSignal): Promise<{ found: PatientSummary[]; missing: string[]; cachedAt?: number | null }>;
}

/** The candidates for a ringing number, and what to tell the agent when the EHR could not look by phone. */
export interface CallerLookupResult {
  readonly candidates: PatientSummary[];
  readonly note: string | null;
  /** Set when the EHR could not be reached and the candidates come from this workstation's cache (their age). */
  readonly cachedAt?: number | null;
}

/** The EHR could not be asked: thrown so the screen pop says so instead of "no patient for this number". */
export const EHR_UNREACHABLE_LOOKUP = 'The EHR cannot be reached, so Careline could not look this number up.';

/**
 * The ring-time lookup: patients the index knows for this number (read by id, which every EHR supports) and
 * the server's own phone search, merged. Either may fail alone; only when both fail does the pop fail.
 */
export class IndexedCallerLookup {
  constructor(
    private readonly patients: PatientSource,
    private readonly index: PhoneIndexStore,
    private readonly maxCandidates = 10,
  ) {}

  async byPhone(e164: string, signal?: AbortSignal): Promise<CallerLookupResult> {
    const known = this.index.lookup(e164);
    const [fromIndex, fromSearch] = await Promise.allSettled([
      known.length ? this.patients.byIds(known, signal) : Promise.resolve({ found: [], missing: [], cachedAt: null }),
      this.patients.lookupByPhone(e164, signal),
    ]);
    // The EHR's capabilities could not be read: that is an EHR problem, not "nobody calls from this number".
    const searchFailed = fromSearch.status === 'rejected' || fromSearch.value.reason === CAPABILITIES_UNKNOWN;
    const unreachable = (): unknown => (fromSearch.status === 'rejected' ? fromSearch.reason : new FhirError('unreachable', EHR_UNREACHABLE_LOOKUP));
    if (fromIndex.status === 'rejected' && searchFailed) throw unreachable();
    if (fromIndex.status === 'fulfilled') for (const id of fromIndex.value.missing) this.index.forget(id);
    const merged = new Map<string, PatientSummary>();
    for (const p of fromIndex.status === 'fulfilled' ? fromIndex.value.found : []) merged.set(p.id, p);
    for (const p of fromSearch.status === 'fulfilled' ? fromSearch.value.candidates : []) if (!merged.has(p.id)) merged.set(p.id, p);
    const candidates = [...merged.values()].slice(0, this.maxCandidates);
    const cachedAt = fromIndex.status === 'fulfilled' ? (fromIndex.value.cachedAt ?? null) : null;
    if (cachedAt !== null && candidates.length > 0) {
      // The EHR is down but this number's patients were seen recently: pop them, and say where they come from.
      const time = new Date(cachedAt).toISOString().slice(11, 16);
      return { candidates, note: `The EHR cannot be reached: these details were saved on this workstation (${time} UTC). Verify identity as usual.`, cachedAt };
    }
    // The search failed and the index knows no one for this number: "could not look", never "nobody on file".
    if (searchFailed && candidates.length === 0) throw unreachable();
    // Nothing found and the EHR cannot search by phone: say so, so the agent asks for name and birth date at once.
    const note = candidates.length === 0 && fromSearch.status === 'fulfilled' ? fromSearch.value.reason : null;
    return { candidates, note };
  }
}

/** The index in the encrypted cache (migration 005), bounded like the memory one. */
export class SqlitePhoneIndex implements PhoneIndexStore {
  private readonly select: Statement<[string], { patient_id: string }>;
  private readonly upsert: Statement;
  private readonly trimPhone: Statement;
  private readonly trimAll: Statement;
  private readonly removePatient: Statement;

  constructor(
    db: Database,
    private readonly maxRows = 100_000,
    private readonly perPhone = 10,
  ) {
    this.select = db.prepare('SELECT patient_id FROM phone_index WHERE phone = ? ORDER BY last_seen DESC');
    this.upsert = db.prepare(
      `INSERT INTO phone_index (phone, patient_id, source, last_seen) VALUES (?, ?, ?, ?)
       ON CONFLICT (phone, patient_id) DO UPDATE SET source = excluded.source, last_seen = excluded.last_seen`,
    );
    this.trimPhone = db.prepare(
      `DELETE FROM phone_index WHERE phone = @phone AND patient_id NOT IN
         (SELECT patient_id FROM phone_index WHERE phone = @phone ORDER BY last_seen DESC LIMIT @keep)`,
    );
    this.trimAll = db.prepare(
      `DELETE FROM phone_index WHERE (phone, patient_id) IN (SELECT phone, patient_id FROM phone_index
         ORDER BY last_seen ASC LIMIT max(0, (SELECT count(*) FROM phone_index) - ?))`,
    );
    this.removePatient = db.prepare('DELETE FROM phone_index WHERE patient_id = ?');
  }

  lookup(e164: string): string[] {
    return this.select.all(e164).map((r) => r.patient_id);
  }

  learn(e164: string, patientId: string, source: PhoneIndexSource, at: number): void {
    this.upsert.run(e164, patientId, source, at);
    this.trimPhone.run({ phone: e164, keep: this.perPhone });
    this.trimAll.run(this.maxRows);
  }

  forget(patientId: string): void {
    this.removePatient.run(patientId);
  }
}
