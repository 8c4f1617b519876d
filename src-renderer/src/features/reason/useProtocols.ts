import { useEffect, useState } from 'react';
import type { ContractError, Protocol } from '../../../../src-preload/contract';
import { useBridge } from '../../bridge';

export interface ProtocolsState {
  readonly protocols: readonly Protocol[];
  readonly loading: boolean;
  readonly error: ContractError | null;
}

/** One empty list, so callers memoizing on the result do not recompute while loading. */
const NONE: readonly Protocol[] = [];

/** The service line's symptom protocols (titles and audiences for the picker). */
export function useProtocols(ids: readonly string[]): ProtocolsState {
  const bridge = useBridge();
  const key = ids.join(',');
  const [settled, setSettled] = useState<{ key: string; protocols: Protocol[]; error: ContractError | null } | null>(null);
  useEffect(() => {
    let current = true;
    const wanted = key ? key.split(',') : [];
    void Promise.all(wanted.map((id) => bridge.invoke('protocol.get', { id }))).then((results) => {
      if (!current) return;
      const protocols: Protocol[] = [];
      let error: ContractError | null = null;
      for (const result of results) {
        if (result.ok) protocols.push(result.value);
        else error ??= result.error;
      }
      setSettled({ key, protocols, error });
    });
    return () => {
      current = false;
    };
  }, [bridge, key]);
  const fresh = settled?.key === key ? settled : null;
  return { protocols: fresh?.protocols ?? NONE, loading: fresh === null, error: fresh?.error ?? null };
}
