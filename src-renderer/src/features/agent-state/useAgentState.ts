import { useEffect, useState } from 'react';
import type { AgentState, ContractError, SetAgentStateRequest } from '../../../../src-preload/contract';
import { useBridge, useEvent, useInvoke } from '../../bridge';

export interface AgentStateValue {
  readonly state: AgentState | null;
  readonly error: ContractError | null;
  /** Asks main for a state; resolves to main's refusal in words, or null when accepted. */
  readonly choose: (request: SetAgentStateRequest) => Promise<string | null>;
}

/** The agent state as main reports it: read at mount, then replaced by every `agent.state` push and reply. */
export function useAgentState(): AgentStateValue {
  const bridge = useBridge();
  const listed = useInvoke('agent.state', {});
  const [latest, setLatest] = useState<AgentState | null>(null);
  useEvent('agent.state', setLatest);
  const choose = async (request: SetAgentStateRequest): Promise<string | null> => {
    const result = await bridge.invoke('agent.setState', request);
    if (!result.ok) return result.error.message;
    setLatest(result.value);
    return null;
  };
  return { state: latest ?? listed.data ?? null, error: latest ? null : listed.error, choose };
}

/** The current time, refreshed every second: time in state and the after-call-work countdown tick with it. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
