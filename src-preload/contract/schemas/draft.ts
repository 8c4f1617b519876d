import { z } from 'zod';
import { EpochMs, FhirId, Uuid } from './common';

/**
 * Interview drafts: the call session's persisted snapshot, saved by the renderer after every step so that what
 * an agent or nurse has documented survives a crash of the window (and, with the encrypted cache, of the whole
 * workstation). A draft is deleted when its documentation enters the outbox.
 */
export const DraftStep = z.enum(['interview', 'disposition', 'escalation']);
export type DraftStep = z.infer<typeof DraftStep>;

/** Largest snapshot main accepts (a long interview with linked protocols is ~100 KB of JSON). */
export const MAX_DRAFT_BYTES = 1024 * 1024;

export const SaveDraftRequest = z
  .object({
    draftId: Uuid,
    patientId: FhirId.nullable(),
    /** How the recovery list names the draft (the patient's name and what was being done). */
    label: z.string().min(1).max(160),
    step: DraftStep,
    snapshot: z.unknown(),
  })
  .strict();
export type SaveDraftRequest = z.infer<typeof SaveDraftRequest>;

export const DraftSummary = z.object({
  draftId: Uuid,
  patientId: FhirId.nullable(),
  label: z.string(),
  step: DraftStep,
  savedAt: EpochMs,
});
export type DraftSummary = z.infer<typeof DraftSummary>;

export const DraftWithSnapshot = DraftSummary.extend({ snapshot: z.unknown() });
export type DraftWithSnapshot = z.infer<typeof DraftWithSnapshot>;

export const DraftIdRequest = z.object({ draftId: Uuid }).strict();
/** Throwing documentation away needs a reason, like every override. */
export const DiscardDraftRequest = z.object({ draftId: Uuid, reason: z.string().trim().min(10).max(300) }).strict();
