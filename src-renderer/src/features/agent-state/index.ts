export { AgentStateMenu, READY_HOTKEY } from './AgentStateMenu';
export { CallLogPanel, durationText } from './CallLogPanel';
export { agentStateLabel, formatCountdown } from './agentStateLabels';
export { useAgentState, useNow } from './useAgentState';
export type { AgentStateValue } from './useAgentState';
