import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import type { CallInfo, CallLogEntry, CallQuality } from '../../src-preload/contract';

export const CALL_LOG_CAPACITY = 500;

/** Where the call log lives: in memory, or in the encrypted cache (migration 006) so it survives a restart. */
export interface CallLogStore {
  get(callId: string): CallLogEntry | undefined;
  /** Inserts a new call (it becomes the newest) or updates a known one in place. */
  put(entry: CallLogEntry): void;
  /** Newest first. */
  list(): CallLogEntry[];
  /** Keeps only the newest `capacity` calls. */
  trim(capacity: number): void;
}

export class MemoryCallLogStore implements CallLogStore {
  /** Insertion order = first time a call was seen; the newest is last. */
  private readonly entries = new Map<string, CallLogEntry>();

  get(callId: string): CallLogEntry | undefined {
    return this.entries.get(callId);
  }

  put(entry: CallLogEntry): void {
    this.entries.set(entry.callId, entry);
  }

  list(): CallLogEntry[] {
    return [...this.entries.values()].reverse();
  }

  trim(capacity: number): void {
    while (this.entries.size > capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}

export class SqliteCallLogStore implements CallLogStore {
  private readonly selectOne: Statement<[string], { entry_json: string }>;
  private readonly upsert: Statement;
  private readonly selectAll: Statement<[], { entry_json: string }>;
  private readonly trimOld: Statement;

  constructor(db: Database) {
    this.selectOne = db.prepare('SELECT entry_json FROM call_log WHERE call_id = ?');
    this.upsert = db.prepare(
      'INSERT INTO call_log (call_id, entry_json) VALUES (?, ?) ON CONFLICT (call_id) DO UPDATE SET entry_json = excluded.entry_json',
    );
    this.selectAll = db.prepare('SELECT entry_json FROM call_log ORDER BY seq DESC');
    this.trimOld = db.prepare('DELETE FROM call_log WHERE seq NOT IN (SELECT seq FROM call_log ORDER BY seq DESC LIMIT ?)');
  }

  get(callId: string): CallLogEntry | undefined {
    const row = this.selectOne.get(callId);
    return row ? (JSON.parse(row.entry_json) as CallLogEntry) : undefined;
  }

  put(entry: CallLogEntry): void {
    this.upsert.run(entry.callId, JSON.stringify(entry));
  }

  list(): CallLogEntry[] {
    return this.selectAll.all().map((r) => JSON.parse(r.entry_json) as CallLogEntry);
  }

  trim(capacity: number): void {
    this.trimOld.run(capacity);
  }
}

/**
 * The recent calls of this workstation, newest first, for the agent's call log. Bounded, so a long shift cannot
 * grow it without limit. It holds caller numbers and names: it is shown to the signed-in agent, never logged,
 * and on disk only in the encrypted cache.
 */
export class CallLog {
  constructor(
    private readonly capacity = CALL_LOG_CAPACITY,
    private readonly store: CallLogStore = new MemoryCallLogStore(),
  ) {}

  /** A CallObserver (bound): records or updates the entry of this call. */
  readonly record = (call: CallInfo): void => {
    const known = this.store.get(call.callId);
    this.store.put({ ...fromCall(call), quality: known?.quality ?? null });
    if (!known) this.store.trim(this.capacity);
  };

  /** The latest media quality of a call; reports for calls the log does not hold (evicted, unknown) are dropped. */
  quality(quality: CallQuality): void {
    const entry = this.store.get(quality.callId);
    if (entry) this.store.put({ ...entry, quality });
  }

  /** Newest first. */
  list(): CallLogEntry[] {
    return this.store.list();
  }
}

function fromCall(call: CallInfo): Omit<CallLogEntry, 'quality'> {
  return {
    callId: call.callId,
    direction: call.direction,
    party: call.from.displayName ?? call.from.raw,
    dnis: call.dialed.dnis,
    serviceLineId: call.dialed.serviceLineId,
    ringAt: call.ringAt,
    answeredAt: call.answeredAt,
    endedAt: call.endedAt,
    endReason: call.endReason,
    wrapUpCode: call.wrapUp?.code ?? null,
    patientId: call.wrapUp?.patientId ?? null,
    ...(call.wrapUp?.noVisitReason ? { noVisitReason: call.wrapUp.noVisitReason } : {}),
  };
}
