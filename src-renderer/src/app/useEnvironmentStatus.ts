import { useEffect, useState } from 'react';
import type { ContractError, EnvironmentStatus } from '../../../src-preload/contract';
import { useBridge, useBridgeConnectionState, useEvent } from '../bridge';

export interface EnvironmentStatusState {
  readonly status: EnvironmentStatus | null;
  readonly error: ContractError | null;
}

/**
 * The environment as main last reported it: asked on start and after every reconnect of the transport, then
 * kept current by `env.status` pushes. Whichever answer arrives last wins.
 */
export function useEnvironmentStatus(): EnvironmentStatusState {
  const bridge = useBridge();
  const connection = useBridgeConnectionState();
  const [state, setState] = useState<EnvironmentStatusState>({ status: null, error: null });

  useEvent('env.status', (status) => setState({ status, error: null }));
  useEffect(() => {
    if (connection !== 'open') return;
    let current = true;
    void bridge.invoke('env.status', {}).then((result) => {
      if (!current) return;
      setState((previous) =>
        result.ok ? { status: result.value, error: null } : { status: previous.status, error: result.error },
      );
    });
    return () => {
      current = false;
    };
  }, [bridge, connection]);
  return state;
}
