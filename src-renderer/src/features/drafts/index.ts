export { DraftAutosave } from './DraftAutosave';
export { DraftRecoveryProvider, useDraftRecovery } from './DraftRecovery';
export type { DraftRecoveryValue } from './DraftRecovery';
export { RecoveredDrafts } from './RecoveredDrafts';
export { draftOf, recoveredSnapshot } from './draftSnapshot';
