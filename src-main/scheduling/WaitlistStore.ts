import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import type { SchedulingPreferences, WaitlistEntry } from '../../src-preload/contract';

/** A waitlist entry as kept (position is computed when listed; it follows the order of `seq`). */
export interface StoredWaitlistEntry {
  readonly id: string;
  readonly patientId: string;
  readonly patientName: string;
  readonly visitTypeId: string;
  readonly from: number;
  readonly to: number;
  readonly preferences: SchedulingPreferences;
  readonly addedAt: number;
  readonly state: WaitlistEntry['state'];
  readonly offer: WaitlistEntry['offer'];
}

export interface WaitlistStore {
  put(entry: StoredWaitlistEntry): void;
  get(id: string): StoredWaitlistEntry | undefined;
  /** Waiting and offered entries, first added first. */
  active(): StoredWaitlistEntry[];
  delete(id: string): void;
}

export class MemoryWaitlistStore implements WaitlistStore {
  private readonly entries = new Map<string, StoredWaitlistEntry>();
  put(entry: StoredWaitlistEntry): void {
    this.entries.set(entry.id, entry);
  }
  get(id: string): StoredWaitlistEntry | undefined {
    return this.entries.get(id);
  }
  active(): StoredWaitlistEntry[] {
    return [...this.entries.values()].filter((e) => e.state === 'waiting' || e.state === 'offered');
  }
  delete(id: string): void {
    this.entries.delete(id);
  }
}

/** The waitlist in the encrypted cache (migration 008); insertion order (seq) is the list's order. */
export class SqliteWaitlistStore implements WaitlistStore {
  private readonly upsert: Statement;
  private readonly selectOne: Statement;
  private readonly selectActive: Statement;
  private readonly remove: Statement;

  constructor(db: Database) {
    this.upsert = db.prepare(
      `INSERT INTO waitlist (id, patient_id, state, added_at, entry_json) VALUES (@id, @patient_id, @state, @added_at, @entry_json)
       ON CONFLICT (id) DO UPDATE SET state = excluded.state, entry_json = excluded.entry_json`,
    );
    this.selectOne = db.prepare('SELECT entry_json FROM waitlist WHERE id = @id');
    this.selectActive = db.prepare(`SELECT entry_json FROM waitlist WHERE state IN ('waiting', 'offered') ORDER BY seq`);
    this.remove = db.prepare('DELETE FROM waitlist WHERE id = @id');
  }

  put(entry: StoredWaitlistEntry): void {
    this.upsert.run({ id: entry.id, patient_id: entry.patientId, state: entry.state, added_at: entry.addedAt, entry_json: JSON.stringify(entry) });
  }

  get(id: string): StoredWaitlistEntry | undefined {
    const row = this.selectOne.get({ id }) as { entry_json: string } | undefined;
    return row ? (JSON.parse(row.entry_json) as StoredWaitlistEntry) : undefined;
  }

  active(): StoredWaitlistEntry[] {
    return (this.selectActive.all() as { entry_json: string }[]).map((r) => JSON.parse(r.entry_json) as StoredWaitlistEntry);
  }

  delete(id: string): void {
    this.remove.run({ id });
  }
}
