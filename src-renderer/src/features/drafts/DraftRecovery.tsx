import { type ReactNode, createContext, use } from 'react';

/** Resumes a saved draft: it opens as a call workspace of its own, in front. */
export interface DraftRecoveryValue {
  readonly resume: (draftId: string) => Promise<string | null>;
  /** Drafts held by the workstation's live workspaces (resumed, or of a call that ended unfinished). */
  readonly liveDraftIds: ReadonlySet<string>;
}

const DraftRecoveryContext = createContext<DraftRecoveryValue | null>(null);

export function DraftRecoveryProvider(props: { readonly value: DraftRecoveryValue; readonly children: ReactNode }) {
  return <DraftRecoveryContext value={props.value}>{props.children}</DraftRecoveryContext>;
}

export function useDraftRecovery(): DraftRecoveryValue | null {
  return use(DraftRecoveryContext);
}
