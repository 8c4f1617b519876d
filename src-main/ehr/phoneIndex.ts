import type { PatientSummary } from '../../src-preload/contract';

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
  byPhone(e164: string, signal?: AbortSignal): Promise<PatientSummary[]>;
  byIds(ids: readonly string[], signal?: AbortSignal): Promise<{ found: PatientSummary[]; missing: string[] }>;
}

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

  async byPhone(e164: string, signal?: AbortSignal): Promise<PatientSummary[]> {
    const known = this.index.lookup(e164);
    const [fromIndex, fromSearch] = await Promise.allSettled([
      known.length ? this.patients.byIds(known, signal) : Promise.resolve({ found: [], missing: [] }),
      this.patients.byPhone(e164, signal),
    ]);
    if (fromIndex.status === 'rejected' && fromSearch.status === 'rejected') throw fromSearch.reason;
    if (fromIndex.status === 'fulfilled') for (const id of fromIndex.value.missing) this.index.forget(id);
    const merged = new Map<string, PatientSummary>();
    for (const p of fromIndex.status === 'fulfilled' ? fromIndex.value.found : []) merged.set(p.id, p);
    for (const p of fromSearch.status === 'fulfilled' ? fromSearch.value : []) if (!merged.has(p.id)) merged.set(p.id, p);
    return [...merged.values()].slice(0, this.maxCandidates);
  }
}
