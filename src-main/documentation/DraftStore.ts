import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import type { DraftStep } from '../../src-preload/contract';

/** A saved interview draft (the call session's snapshot), owned by the user who wrote it. */
export interface StoredDraft {
  readonly draftId: string;
  readonly userId: string;
  readonly patientId: string | null;
  readonly label: string;
  readonly step: DraftStep;
  readonly savedAt: number;
  /** The snapshot as JSON text, exactly as saved. */
  readonly snapshotJson: string;
}

/**
 * Where drafts live. The durable store is in the encrypted cache (issue 5); this in-memory one survives a crash
 * or reload of the window, not of the workstation.
 */
export interface DraftStore {
  save(draft: StoredDraft): void;
  list(userId: string): StoredDraft[];
  get(draftId: string): StoredDraft | undefined;
  delete(draftId: string): void;
}

export class MemoryDraftStore implements DraftStore {
  private readonly drafts = new Map<string, StoredDraft>();

  save(draft: StoredDraft): void {
    this.drafts.set(draft.draftId, draft);
  }

  list(userId: string): StoredDraft[] {
    return [...this.drafts.values()].filter((d) => d.userId === userId).sort((a, b) => b.savedAt - a.savedAt);
  }

  get(draftId: string): StoredDraft | undefined {
    return this.drafts.get(draftId);
  }

  delete(draftId: string): void {
    this.drafts.delete(draftId);
  }
}

interface DraftRow {
  draft_id: string;
  user_id: string;
  patient_id: string | null;
  label: string;
  step: StoredDraft['step'];
  saved_at: number;
  snapshot_json: string;
}

const fromRow = (r: DraftRow): StoredDraft => ({
  draftId: r.draft_id,
  userId: r.user_id,
  patientId: r.patient_id,
  label: r.label,
  step: r.step,
  savedAt: r.saved_at,
  snapshotJson: r.snapshot_json,
});

/** Drafts in the encrypted cache (migration 004): each save commits before main answers the renderer. */
export class SqliteDraftStore implements DraftStore {
  private readonly upsert: Statement;
  private readonly byUser: Statement<[string], DraftRow>;
  private readonly byId: Statement<[string], DraftRow>;
  private readonly remove: Statement;

  constructor(db: Database) {
    this.upsert = db.prepare(
      `INSERT INTO drafts (draft_id, user_id, patient_id, label, step, saved_at, snapshot_json)
       VALUES (@draftId, @userId, @patientId, @label, @step, @savedAt, @snapshotJson)
       ON CONFLICT (draft_id) DO UPDATE SET patient_id = excluded.patient_id, label = excluded.label, step = excluded.step,
         saved_at = excluded.saved_at, snapshot_json = excluded.snapshot_json WHERE drafts.user_id = excluded.user_id`,
    );
    this.byUser = db.prepare('SELECT * FROM drafts WHERE user_id = ? ORDER BY saved_at DESC');
    this.byId = db.prepare('SELECT * FROM drafts WHERE draft_id = ?');
    this.remove = db.prepare('DELETE FROM drafts WHERE draft_id = ?');
  }

  save(draft: StoredDraft): void {
    this.upsert.run(draft);
  }

  list(userId: string): StoredDraft[] {
    return this.byUser.all(userId).map(fromRow);
  }

  get(draftId: string): StoredDraft | undefined {
    const row = this.byId.get(draftId);
    return row ? fromRow(row) : undefined;
  }

  delete(draftId: string): void {
    this.remove.run(draftId);
  }
}
