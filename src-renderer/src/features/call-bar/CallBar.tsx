import { Alert, Badge, Button, Group, Menu, Modal, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { type ReactNode, useState } from 'react';
import type { CallInfo } from '../../../../src-preload/contract';
import { Shortcut, formatDuration, formatPhone } from '../../ui';
import { type LineState, selectCall, selectLine, selectPatient, useCallSession, useCallSessionActor, useCallWorkspaces, useCallWorkspacesState } from '../call-session';
import { EMERGENCY_KEY } from '../phone-bar/shortcuts';
import { EmergencyButton } from './EmergencyButton';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';
import { ROLE_LABELS, serviceLineById, useSession, userDisplayName } from '../session';
import { useCallTimer } from './useCallTimer';
import { useWaitingCalls } from './useWaitingCalls';
import { useShortcuts } from '../phone-bar/ShortcutsContext';
import { useBridge } from '../../bridge';
import { TeamPanel } from '../team';


export interface CallBarProps {
  /** Extra controls at the right end of the bar (the demo badge and demo line button in demo mode). */
  readonly extra?: ReactNode;
  /** Opens the workstation settings (audio devices, shortcuts). */
  readonly onOpenSettings?: () => void;
  /** Opens the scheduling waitlist (everyone who books). */
  readonly onOpenWaitlist?: () => void;
  /** Opens mass reschedule (supervisors). */
  readonly onOpenMassReschedule?: () => void;
}

/**
 * The header of the workstation: who is calling, on which line, for how long, and the two buttons every agent
 * needs without looking (Alt+A answer, Alt+H hang up by default, configurable; they work even while typing).
 */
export function CallBar(props: CallBarProps) {
  const actor = useCallSessionActor();
  const call = useCallSession(selectCall);
  const line = useCallSession(selectLine);
  const lineError = useCallSession((s) => s.context.lineError);
  // The header always names the patient of the call in front (verified), never another call's.
  const patient = useCallSession(selectPatient);
  const { user, serviceLines, signOut } = useSession();
  const elapsed = useCallTimer(call);
  const { shortcuts } = useShortcuts();
  const waiting = useWaitingCalls(call?.callId ?? null);
  const workspaces = useCallWorkspaces();
  useCallWorkspacesState();
  const behind = workspaces.ringingBehind();
  // Alt+A answers the call in front when it rings, else the call waiting behind it (main holds the current one;
  // the answered call's workspace comes to the front with its own screen pop).
  const canAnswer = line === 'ringing' || behind !== null;
  const canHangUp = line === 'connected';
  const onCall = line !== 'noCall' && call !== null;

  const bridge = useBridge();
  const [teamOpen, setTeamOpen] = useState(false);
  // HIPAA access log of this workstation, for a supervisor: saved as a CSV file (the export itself is audited).
  const exportAccessLog = async () => {
    const result = await bridge.invoke('audit.export', { format: 'csv' });
    if (!result.ok) return;
    const url = URL.createObjectURL(new Blob([result.value.content], { type: 'text/csv' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `careline-access-log-${new Date().toISOString().slice(0, 10)}${result.value.chainIntact ? '' : '-CHAIN-BROKEN'}.csv`;
    link.click();
    URL.revokeObjectURL(url);
  };
  const answer = () => {
    if (line === 'ringing') return actor.send({ type: 'ANSWER' });
    const next = workspaces.ringingBehind();
    if (!next) return;
    workspaces.bringToFront(next.key);
    next.actor.send({ type: 'ANSWER' });
  };
  const hangUp = () => {
    if (canHangUp) actor.send({ type: 'HANG_UP' });
  };
  const declineWaiting = () => {
    const next = workspaces.ringingBehind();
    const callId = next?.actor.getSnapshot().context.call?.callId;
    if (callId) void bridge.invoke('call.decline', { callId });
  };
  const nextWorkspace = () => {
    const key = workspaces.nextKey();
    if (key) workspaces.bringToFront(key);
  };
  const emergency = () => actor.send({ type: 'EMERGENCY.OPEN' });
  // Physical keys, so Alt+A still works on layouts where Alt+A types a character (macOS: å).
  useHotkeys(
    [
      [shortcuts.answer, answer, { usePhysicalKeys: true }],
      [shortcuts.hangUp, hangUp, { usePhysicalKeys: true }],
      [shortcuts.decline, declineWaiting, { usePhysicalKeys: true }],
      [shortcuts.nextCall, nextWorkspace, { usePhysicalKeys: true }],
      [EMERGENCY_KEY, emergency, { usePhysicalKeys: true }],
    ],
    // No tags ignored: the shortcuts work while the agent types in a field.
    [],
  );

  const serviceLine = call ? serviceLineById(serviceLines, call.dialed.serviceLineId) : null;

  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="lg" data-testid="call-bar" role="region" aria-label="Call">
      <Group gap="lg" wrap="nowrap" miw={0}>
        <Text fw={700} size="lg" c="careline.9" style={{ letterSpacing: 0.3 }}>
          Careline
        </Text>
        <CallStateBadge line={line} call={call} />
        {onCall && call ? (
          <Group gap="lg" wrap="nowrap" miw={0}>
            <Stack gap={0} miw={0}>
              <Text size="xs" c="dimmed">
                Caller
              </Text>
              <Text fw={600} data-testid="call-caller-number" truncate>
                {formatPhone(call.from.e164, call.from.raw)}
                {call.from.displayName ? ` · ${call.from.displayName}` : ''}
              </Text>
            </Stack>
            <Stack gap={0} miw={0}>
              <Text size="xs" c="dimmed">
                Patient
              </Text>
              <Text fw={600} data-testid="call-patient" truncate c={patient ? undefined : 'dimmed'}>
                {patient ? patient.displayName : 'Not verified'}
              </Text>
            </Stack>
            <Stack gap={0} miw={0}>
              <Text size="xs" c="dimmed">
                Line dialed
              </Text>
              <Text fw={500} data-testid="call-service-line" truncate>
                {serviceLine?.name ?? `Unknown line ${formatPhone(call.dialed.dnis)}`}
              </Text>
            </Stack>
            {call.ivrChoice ? (
              <Stack gap={0}>
                <Text size="xs" c="dimmed">
                  IVR choice
                </Text>
                <Text fw={500} data-testid="call-ivr">
                  {call.ivrChoice.digit} · {call.ivrChoice.label}
                </Text>
              </Stack>
            ) : null}
            <Stack gap={0}>
              <Text size="xs" c="dimmed">
                {call.state === 'ringing' ? 'Ringing' : 'Talk time'}
              </Text>
              <Text fw={600} ff="monospace" data-testid="call-timer" aria-live="off">
                {formatDuration(elapsed)}
              </Text>
            </Stack>
          </Group>
        ) : (
          <Text c="dimmed" size="sm">
            Ready for the next call
          </Text>
        )}
      </Group>

      <Group gap="sm" wrap="nowrap">
        {waiting.length > 0 ? (
          <Alert color="orange" variant="filled" p={6} role="alert" data-testid="call-waiting">
            <Text size="xs" fw={600}>
              {waiting.length === 1 ? 'Another call is ringing' : `${waiting.length} more calls are ringing`}:{' '}
              {waiting.map((c) => formatPhone(c.from.e164, c.from.raw)).join(', ')}
            </Text>
          </Alert>
        ) : null}
        <WorkspaceSwitcher />
        {lineError ? (
          <Alert color="red" variant="light" p={6} role="alert" data-testid="call-line-error">
            <Text size="xs">{lineError}</Text>
          </Alert>
        ) : null}
        <EmergencyButton onOpen={emergency} />
        <Tooltip label={<Group gap={6}>Answer <Shortcut keys={shortcuts.answer} /></Group>}>
          <Button
            color="green"
            onClick={answer}
            disabled={!canAnswer}
            loading={line === 'answering'}
            data-testid="call-answer"
            aria-keyshortcuts={shortcuts.answer}
            rightSection={<Shortcut keys={shortcuts.answer} />}
          >
            Answer
          </Button>
        </Tooltip>
        <Tooltip label={<Group gap={6}>Hang up <Shortcut keys={shortcuts.hangUp} /></Group>}>
          <Button
            color="red"
            variant="light"
            onClick={hangUp}
            disabled={!canHangUp}
            loading={line === 'hangingUp'}
            data-testid="call-hangup"
            aria-keyshortcuts={shortcuts.hangUp}
            rightSection={<Shortcut keys={shortcuts.hangUp} />}
          >
            Hang up
          </Button>
        </Tooltip>
        {props.extra}
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <UnstyledButton data-testid="signed-in-user" aria-label={`Signed in as ${userDisplayName(user)}, ${ROLE_LABELS[user.role]}`}>
              <Stack gap={0} align="flex-end">
                <Text size="sm" fw={600}>
                  {userDisplayName(user)}
                </Text>
                <Text size="xs" c="dimmed" data-testid="signed-in-role">
                  {ROLE_LABELS[user.role]}
                </Text>
              </Stack>
            </UnstyledButton>
          </Menu.Target>
          <Menu.Dropdown>
            {props.onOpenSettings ? (
              <Menu.Item onClick={props.onOpenSettings} data-testid="open-settings">
                Audio and shortcuts…
              </Menu.Item>
            ) : null}
            {props.onOpenWaitlist ? (
              <Menu.Item onClick={props.onOpenWaitlist} data-testid="open-waitlist">
                Waitlist…
              </Menu.Item>
            ) : null}
            {user.role === 'supervisor' && props.onOpenMassReschedule ? (
              <Menu.Item onClick={props.onOpenMassReschedule} data-testid="open-mass-reschedule">
                Mass reschedule…
              </Menu.Item>
            ) : null}
            {user.role === 'supervisor' ? (
              <>
                <Menu.Item onClick={() => setTeamOpen(true)} data-testid="open-team">
                  Team workstations…
                </Menu.Item>
                <Menu.Item onClick={() => void exportAccessLog()} data-testid="export-audit">
                  Export access log (CSV)
                </Menu.Item>
              </>
            ) : null}
            <Menu.Item onClick={signOut} disabled={line !== 'noCall'} data-testid="sign-out">
              Sign out
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
        {user.role === 'supervisor' ? (
          <Modal opened={teamOpen} onClose={() => setTeamOpen(false)} title="Team workstations" size="xl">
            {teamOpen ? <TeamPanel /> : null}
          </Modal>
        ) : null}
      </Group>
    </Group>
  );
}

interface CallStateBadgeProps {
  readonly line: LineState;
  readonly call: CallInfo | null;
}

function CallStateBadge(props: CallStateBadgeProps) {
  const { label, color } = lineBadge(props.line);
  return (
    <Badge size="lg" color={color} variant={props.line === 'ringing' ? 'filled' : 'light'} data-testid="call-state" data-state={props.line}>
      {label}
    </Badge>
  );
}

export function lineBadge(line: LineState): { label: string; color: string } {
  switch (line) {
    case 'ringing':
      return { label: 'Ringing', color: 'orange' };
    case 'answering':
      return { label: 'Answering…', color: 'orange' };
    case 'connected':
      return { label: 'Active', color: 'green' };
    case 'hangingUp':
      return { label: 'Hanging up…', color: 'gray' };
    case 'ended':
      return { label: 'Ended', color: 'gray' };
    case 'noCall':
      return { label: 'No call', color: 'gray' };
  }
}
