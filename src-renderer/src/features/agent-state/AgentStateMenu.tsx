import { Button, Group, Menu, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useState } from 'react';
import type { AgentState, SetAgentStateRequest } from '../../../../src-preload/contract';
import { Shortcut, formatDuration } from '../../ui';
import { AGENT_STATE_COLORS, agentStateLabel, formatCountdown } from './agentStateLabels';
import { useAgentState, useNow } from './useAgentState';

/** Ready = Available (free: Alt+A/H/F/D/O/B/U are taken by the call bar, screen pop, demo line and interview). */
export const READY_HOTKEY = 'Alt+R';

/**
 * The agent's availability in the status line: a colour dot, the state and the time in it (or the after-call-work
 * countdown), and a menu to choose Available / Away (with a configured reason) / Do not disturb. During after-call
 * work a Ready button (Alt+R) makes the agent available. Main decides: a refusal is shown as main words it.
 */
export function AgentStateMenu() {
  const { state, error, choose } = useAgentState();
  const now = useNow();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (request: SetAgentStateRequest) => {
    setBusy(true);
    setRefusal(await choose(request));
    setBusy(false);
  };
  const canReady = state !== null && canChooseAvailable(state);
  const ready = () => {
    if (canReady && !busy) void send({ state: 'available' });
  };
  // Physical keys, as the call bar's: Alt+R also works on layouts where it types a character (macOS: ®).
  useHotkeys([[READY_HOTKEY, ready, { usePhysicalKeys: true }]], []);

  if (!state) {
    return (
      <Text size="xs" c="dimmed" data-testid="agent-state" data-state="unknown">
        {error ? `Agent state unavailable: ${error.message}` : 'Agent state…'}
      </Text>
    );
  }

  const onCall = state.state === 'on-call';
  const acw = state.state === 'after-call-work';
  const clock = acw && state.afterCallWorkEndsAt !== null ? formatCountdown(state.afterCallWorkEndsAt - now) : formatDuration(now - state.since);
  const label = agentStateLabel(state);

  return (
    <Group gap="xs" wrap="nowrap">
      <Menu position="top-start" withinPortal>
        <Menu.Target>
          <Button
            size="compact-xs"
            variant="subtle"
            color="gray"
            data-testid="agent-state"
            data-state={state.state}
            aria-label={`Agent state: ${label}, ${clock}. Change state`}
            leftSection={<StateDot color={AGENT_STATE_COLORS[state.state]} />}
          >
            <Text span size="xs" fw={600} c="dark">
              {label}
            </Text>
            <Text span size="xs" c="dimmed" ml={6} ff="monospace" data-testid="agent-state-clock">
              {clock}
            </Text>
          </Button>
        </Menu.Target>
        <Menu.Dropdown data-testid="agent-state-menu">
          <Menu.Item
            onClick={() => void send({ state: 'available' })}
            disabled={!canChooseAvailable(state)}
            leftSection={<StateDot color={AGENT_STATE_COLORS.available} />}
            rightSection={<Shortcut keys={READY_HOTKEY} />}
            data-testid="agent-choose-available"
          >
            {onCall && state.pending ? 'Available after this call' : 'Available'}
          </Menu.Item>
          <Menu.Label>{onCall ? 'Away after this call' : 'Away'}</Menu.Label>
          {state.awayReasons.map((reason) => (
            <Menu.Item
              key={reason}
              onClick={() => void send({ state: 'away', awayReason: reason })}
              disabled={isChosen(state, 'away', reason)}
              leftSection={<StateDot color={AGENT_STATE_COLORS.away} />}
              data-testid="agent-choose-away"
              data-reason={reason}
            >
              {reason}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item
            onClick={() => void send({ state: 'do-not-disturb' })}
            disabled={isChosen(state, 'do-not-disturb', null)}
            leftSection={<StateDot color={AGENT_STATE_COLORS['do-not-disturb']} />}
            data-testid="agent-choose-dnd"
          >
            {onCall ? 'Do not disturb after this call' : 'Do not disturb'}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {acw ? (
        <Button size="compact-xs" color="green" onClick={ready} loading={busy} aria-keyshortcuts={READY_HOTKEY} data-testid="agent-ready" rightSection={<Shortcut keys={READY_HOTKEY} />}>
          Ready
        </Button>
      ) : null}
      {refusal ? (
        <Text size="xs" c="red.8" role="alert" truncate="end" maw={360} data-testid="agent-state-error">
          {refusal}
        </Text>
      ) : null}
    </Group>
  );
}

/** Ready is offered where main accepts it: after-call work, away, do not disturb, or to cancel a pending choice. */
function canChooseAvailable(state: AgentState): boolean {
  if (state.state === 'on-call') return Boolean(state.pending);
  return state.state !== 'available';
}

/** The state (or, on a call, the pending choice) already chosen: choosing it again would change nothing. */
function isChosen(state: AgentState, target: 'away' | 'do-not-disturb', reason: string | null): boolean {
  if (state.state === 'on-call') return state.pending?.state === target && (target !== 'away' || state.pending.awayReason === reason);
  return state.state === target && (target !== 'away' || state.awayReason === reason);
}

function StateDot(props: { readonly color: string }) {
  return (
    <span
      aria-hidden="true"
      style={{ display: 'inline-block', width: 8, height: 8, borderRadius: '50%', background: `var(--mantine-color-${props.color}-6)` }}
    />
  );
}
