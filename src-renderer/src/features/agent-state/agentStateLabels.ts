import type { AgentState } from '../../../../src-preload/contract';

export const AGENT_STATE_COLORS: Record<AgentState['state'], string> = {
  available: 'green',
  'on-call': 'blue',
  'after-call-work': 'yellow',
  away: 'orange',
  'do-not-disturb': 'red',
};

/** "Away · Lunch", "On a call · then Do not disturb": what the status line says, before the clock. */
export function agentStateLabel(agent: AgentState): string {
  switch (agent.state) {
    case 'available':
      return 'Available';
    case 'on-call':
      return agent.pending ? `On a call · then ${pendingLabel(agent.pending)}` : 'On a call';
    case 'after-call-work':
      return 'After-call work';
    case 'away':
      return agent.awayReason ? `Away · ${agent.awayReason}` : 'Away';
    case 'do-not-disturb':
      return 'Do not disturb';
  }
}

function pendingLabel(pending: NonNullable<AgentState['pending']>): string {
  return pending.state === 'away' ? `Away (${pending.awayReason ?? 'away'})` : 'Do not disturb';
}

/** A countdown as m:ss ("0:42", "12:05"), rounded up so it reads 0:00 only when the time is really up. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
