import { useState } from 'react';
import type { ContractError, TeamView } from '../../../../src-preload/contract';
import { useEvent, useInvoke } from '../../bridge';

export interface TeamViewState {
  readonly view: TeamView | null;
  readonly loading: boolean;
  readonly error: ContractError | null;
}

/** The team as main sees it: asked once, then replaced by every `team.workstations` push. */
export function useTeamView(enabled: boolean): TeamViewState {
  const listed = useInvoke('team.workstations', enabled ? {} : null);
  const [pushed, setPushed] = useState<TeamView | null>(null);
  useEvent('team.workstations', setPushed);
  return {
    view: pushed ?? listed.data ?? null,
    loading: pushed === null && listed.loading,
    error: pushed === null ? listed.error : null,
  };
}
