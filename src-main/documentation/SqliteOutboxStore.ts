import type { Bundle } from '@medplum/fhirtypes';
import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import type { OutboxItem } from '../../src-preload/contract';
import type { DeliveredRecord, OutboxBacklog, OutboxEntry, OutboxRetention, OutboxStore } from './DocumentationOutbox';

interface Row {
  id: string;
  created_at: number;
  label: string;
  patient_id: string;
  state: OutboxItem['state'];
  attempts: number;
  last_error: string | null;
  next_attempt_at: number | null;
  encounter_id: string | null;
  delivered_json: string | null;
  bundle_json?: string;
}

const ITEM_COLUMNS = 'id, created_at, label, patient_id, state, attempts, last_error, next_attempt_at, encounter_id, delivered_json';

/**
 * The outbox on the local database (table from migration 002). better-sqlite3 is synchronous: `put` has
 * committed when it returns, so the user's "saved" means on disk (with `synchronous=FULL`, also across a power
 * loss; with WAL and NORMAL, across a crash of the app). The database file is encrypted by the storage layer;
 * the bundle is kept as plain JSON inside it.
 */
export class SqliteOutboxStore implements OutboxStore {
  private readonly insert: Statement;
  private readonly selectOne: Statement;
  private readonly updateItem: Statement;
  private readonly selectRecent: Statement;
  private readonly selectUnsent: Statement;
  private readonly selectBacklog: Statement;
  private readonly pruneOld: Statement;
  private readonly pruneExtra: Statement;

  constructor(private readonly db: Database) {
    this.insert = db.prepare(
      `INSERT INTO outbox (id, created_at, label, patient_id, state, attempts, last_error, next_attempt_at, encounter_id, delivered_json, sent_at, bundle_json)
       VALUES (@id, @created_at, @label, @patient_id, @state, @attempts, @last_error, @next_attempt_at, @encounter_id, @delivered_json, @sent_at, @bundle_json)
       ON CONFLICT (id) DO UPDATE SET label = excluded.label, state = excluded.state, attempts = excluded.attempts,
         last_error = excluded.last_error, next_attempt_at = excluded.next_attempt_at, encounter_id = excluded.encounter_id,
         delivered_json = excluded.delivered_json, sent_at = excluded.sent_at`,
    );
    this.selectOne = db.prepare(`SELECT ${ITEM_COLUMNS}, bundle_json FROM outbox WHERE id = ?`);
    this.updateItem = db.prepare(
      `UPDATE outbox SET state = @state, attempts = @attempts, last_error = @last_error, next_attempt_at = @next_attempt_at,
         encounter_id = @encounter_id, delivered_json = COALESCE(@delivered_json, delivered_json),
         sent_at = CASE WHEN @state = 'sent' THEN COALESCE(sent_at, @now) ELSE NULL END
       WHERE id = @id`,
    );
    this.selectRecent = db.prepare(`SELECT ${ITEM_COLUMNS} FROM outbox ORDER BY seq DESC LIMIT ?`);
    this.selectUnsent = db.prepare(`SELECT ${ITEM_COLUMNS} FROM outbox WHERE state != 'sent' ORDER BY seq`);
    this.selectBacklog = db.prepare(
      `SELECT SUM(state IN ('pending', 'sending')) AS pending, SUM(state = 'failed') AS failed, MIN(created_at) AS oldest
       FROM outbox WHERE state != 'sent'`,
    );
    this.pruneOld = db.prepare(`DELETE FROM outbox WHERE state = 'sent' AND sent_at < ?`);
    this.pruneExtra = db.prepare(
      `DELETE FROM outbox WHERE state = 'sent' AND seq NOT IN (SELECT seq FROM outbox WHERE state = 'sent' ORDER BY sent_at DESC, seq DESC LIMIT ?)`,
    );
  }

  put(entry: OutboxEntry): void {
    const { item } = entry;
    this.insert.run({
      ...itemParams(item),
      created_at: item.createdAt,
      label: item.label,
      patient_id: item.patientId,
      delivered_json: entry.delivered ? JSON.stringify(entry.delivered) : null,
      sent_at: item.state === 'sent' ? Date.now() : null,
      bundle_json: JSON.stringify(entry.bundle),
    });
  }

  get(id: string): OutboxEntry | undefined {
    const row = this.selectOne.get(id) as Row | undefined;
    if (!row) return undefined;
    return { item: toItem(row), bundle: JSON.parse(row.bundle_json!) as Bundle, delivered: row.delivered_json ? (JSON.parse(row.delivered_json) as DeliveredRecord) : null };
  }

  update(id: string, item: OutboxItem, delivered?: DeliveredRecord): void {
    this.updateItem.run({ ...itemParams(item), id, delivered_json: delivered ? JSON.stringify(delivered) : null, now: Date.now() });
  }

  items(limit: number): OutboxItem[] {
    return (this.selectRecent.all(limit) as Row[]).map(toItem);
  }

  unsent(): OutboxItem[] {
    return (this.selectUnsent.all() as Row[]).map(toItem);
  }

  backlog(): OutboxBacklog {
    const row = this.selectBacklog.get() as { pending: number | null; failed: number | null; oldest: number | null };
    return { pending: row.pending ?? 0, failed: row.failed ?? 0, oldestUnsentAt: row.oldest };
  }

  prune(now: number, retention: OutboxRetention): number {
    return this.db.transaction(() => this.pruneOld.run(now - retention.sentMaxAgeMs).changes + this.pruneExtra.run(retention.sentMaxCount).changes)();
  }
}

function itemParams(item: OutboxItem) {
  return {
    id: item.id,
    state: item.state,
    attempts: item.attempts,
    last_error: item.lastError,
    next_attempt_at: item.nextAttemptAt,
    encounter_id: item.encounterId,
  };
}

function toItem(row: Row): OutboxItem {
  return {
    id: row.id,
    label: row.label,
    patientId: row.patient_id,
    state: row.state,
    attempts: row.attempts,
    lastError: row.last_error,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
    encounterId: row.encounter_id,
  };
}
