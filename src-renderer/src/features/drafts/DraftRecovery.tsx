import { type ReactNode, createContext, use } from 'react';

/** Resumes a saved draft: the app remounts the call session from the draft's snapshot. */
export interface DraftRecoveryValue {
  readonly resume: (draftId: string) => Promise<string | null>;
  /** The draft the current call session was resumed from, if any. */
  readonly resumedDraftId: string | null;
}

const DraftRecoveryContext = createContext<DraftRecoveryValue | null>(null);

export function DraftRecoveryProvider(props: { readonly value: DraftRecoveryValue; readonly children: ReactNode }) {
  return <DraftRecoveryContext value={props.value}>{props.children}</DraftRecoveryContext>;
}

export function useDraftRecovery(): DraftRecoveryValue | null {
  return use(DraftRecoveryContext);
}
