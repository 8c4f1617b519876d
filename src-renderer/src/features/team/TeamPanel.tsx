import { Alert, Badge, Group, Loader, Table, Text } from '@mantine/core';
import type { TeamView, TeamWorkstation } from '../../../../src-preload/contract';
import { useNow } from '../agent-state';
import { useTeamView } from './useTeamView';

export interface TeamPanelProps {
  /** The view to show; when absent the panel asks main for it (supervisors only). */
  readonly view?: TeamView;
  readonly now?: number;
}

/**
 * The supervisor's view of the floor: every workstation, who is signed in and in which state, the EHR link,
 * and how much documentation has not reached the EHR yet. Desks with failed items come first (main sorts).
 * Counts and states only: nothing here names a patient.
 */
export function TeamPanel(props: TeamPanelProps) {
  const fetched = useTeamView(props.view === undefined);
  const view = props.view ?? fetched.view;
  const ticking = useNow(30_000);
  const now = props.now ?? ticking;
  if (!view) {
    if (fetched.error) return <Alert color="red" title="The team view is not available">{fetched.error.message}</Alert>;
    return (
      <Group gap="xs" role="status">
        <Loader size="xs" /> <Text size="sm">Loading the team…</Text>
      </Group>
    );
  }
  return (
    <div data-testid="team-panel">
      {view.link !== 'bus' ? (
        <Alert color={view.link === 'disconnected' ? 'orange' : 'gray'} mb="sm" role="status" data-testid="team-link">
          {view.link === 'disconnected'
            ? 'The team bus cannot be reached: the other desks show what they last reported.'
            : 'No team bus is configured for this workstation: only this desk is shown. IT sets the team bus in the Careline configuration.'}
        </Alert>
      ) : null}
      <Table striped highlightOnHover aria-label="Workstations">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Desk</Table.Th>
            <Table.Th>Signed in</Table.Th>
            <Table.Th>State</Table.Th>
            <Table.Th>EHR</Table.Th>
            <Table.Th>Not yet in the EHR</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {view.workstations.map((w) => (
            <WorkstationRow key={w.workstationId} workstation={w} now={now} />
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

function WorkstationRow(props: { readonly workstation: TeamWorkstation; readonly now: number }) {
  const w = props.workstation;
  return (
    <Table.Tr data-testid={`team-row-${w.workstationId}`} style={w.stale ? { opacity: 0.6 } : undefined}>
      <Table.Td>
        <Text size="sm" fw={600}>
          {w.label} {w.self ? <Badge size="xs" variant="light">this desk</Badge> : null}
        </Text>
        {w.stale ? (
          <Text size="xs" c="orange.8">
            Not heard from since {clock(w.receivedAt)}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>{w.user ? `${w.user.displayName} (${w.user.role})` : <Text size="sm" c="dimmed">Nobody</Text>}</Table.Td>
      <Table.Td>{w.agentState ? STATE_LABELS[w.agentState] : '—'}</Table.Td>
      <Table.Td>
        <Badge color={w.ehr === 'signed-in' || w.ehr === 'not-needed' ? 'green' : w.ehr === 'unreachable' || w.ehr === 'expired' ? 'red' : 'gray'} variant="light">
          {EHR_LABELS[w.ehr]}
        </Badge>
      </Table.Td>
      <Table.Td data-testid={`team-backlog-${w.workstationId}`}>{backlogText(w, props.now)}</Table.Td>
    </Table.Tr>
  );
}

const STATE_LABELS: Record<NonNullable<TeamWorkstation['agentState']>, string> = {
  available: 'Available',
  'on-call': 'On a call',
  'after-call-work': 'After-call work',
  away: 'Away',
  'do-not-disturb': 'Do not disturb',
};

const EHR_LABELS: Record<TeamWorkstation['ehr'], string> = {
  'signed-in': 'Signed in',
  'signed-out': 'Signed out',
  'signing-in': 'Signing in…',
  expired: 'Session expired',
  'not-needed': 'Connected',
  unreachable: 'Unreachable',
};

/** "3 waiting (oldest 12 min), 1 failed" / "All sent". */
export function backlogText(w: Pick<TeamWorkstation, 'outbox'>, now: number): string {
  const { pending, failed, oldestUnsentAt } = w.outbox;
  if (pending === 0 && failed === 0) return 'All sent';
  const parts: string[] = [];
  if (pending > 0) parts.push(`${pending} waiting`);
  if (failed > 0) parts.push(`${failed} failed`);
  const age = oldestUnsentAt === null ? '' : ` (oldest ${Math.max(0, Math.round((now - oldestUnsentAt) / 60_000))} min)`;
  return parts.join(', ') + age;
}

function clock(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}
