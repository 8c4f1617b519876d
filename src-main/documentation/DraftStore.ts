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
