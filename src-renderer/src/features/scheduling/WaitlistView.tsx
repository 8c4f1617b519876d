import { Alert, Badge, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { WaitlistEntry } from '../../../../src-preload/contract';
import { useBridge, useEvent, useInvoke } from '../../bridge';
import { HoldCountdown } from './HoldCountdown';
import { formatDayRange, offerSummary } from './schedulingFormat';
import { TableHead } from './TableHead';

export interface WaitlistViewProps {
  readonly workstationZone?: string;
}

const STATE_COLORS: Record<WaitlistEntry['state'], string> = { waiting: 'gray', offered: 'orange', booked: 'green', removed: 'gray' };

/**
 * The waitlist, in the order freed slots are offered: who waits for what, in which range, and while a slot is
 * offered to someone, that slot and how long it stays held for them. Live: main pushes every change.
 */
export function WaitlistView(props: WaitlistViewProps) {
  const bridge = useBridge();
  const list = useInvoke('waitlist.list', {});
  const visitTypes = useInvoke('schedule.visitTypes', { dispositionId: null });
  const [pushed, setPushed] = useState<WaitlistEntry[] | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEvent('waitlist.changed', (entries) => setPushed(entries));
  // The latest push wins over the first load (a push after the load is newer).
  const entries = (pushed ?? list.data ?? []).filter((e) => e.state !== 'removed').sort((a, b) => a.position - b.position);
  const labelOf = (id: string) => visitTypes.data?.find((v) => v.id === id)?.label ?? id;

  const remove = async (entry: WaitlistEntry) => {
    setRemoving(entry.id);
    setError(null);
    const result = await bridge.invoke('waitlist.remove', { id: entry.id });
    setRemoving(null);
    if (!result.ok) {
      setError(`Not removed: ${result.error.message}`);
      return;
    }
    // Main pushes the new list; until then, drop the entry here.
    setPushed(entries.filter((e) => e.id !== entry.id));
  };

  return (
    <Stack gap="sm" role="region" aria-label="Waitlist" data-testid="waitlist-view">
      <Group justify="space-between">
        <Title order={2} size="h4">
          Waitlist
        </Title>
        {list.loading ? (
          <Group gap={6} role="status">
            <Loader size="xs" />
            <Text size="xs" c="dimmed">
              Loading the waitlist…
            </Text>
          </Group>
        ) : null}
      </Group>
      {list.error ? (
        <Alert color="red" variant="light" role="alert">
          {list.error.message}
        </Alert>
      ) : null}
      {error ? (
        <Alert color="red" variant="light" role="alert" data-testid="waitlist-error">
          {error}
        </Alert>
      ) : null}
      {!list.loading && entries.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="waitlist-empty">
          Nobody is waiting.
        </Text>
      ) : null}
      {entries.length > 0 ? (
        <Table striped fz="sm" verticalSpacing={4} data-testid="waitlist-table">
          <TableHead columns={['#', 'Patient', 'Visit type', 'Acceptable', 'State', 'Offered slot', { label: '', ariaLabel: 'Actions' }]} />
          <Table.Tbody>
            {entries.map((e) => (
              <Table.Tr key={e.id} data-testid="waitlist-row" data-state={e.state}>
                <Table.Td>{e.position}</Table.Td>
                <Table.Td>{e.patientName}</Table.Td>
                <Table.Td>{labelOf(e.visitTypeId)}</Table.Td>
                <Table.Td>{formatDayRange(e.from, e.to)}</Table.Td>
                <Table.Td>
                  <Badge color={STATE_COLORS[e.state]} variant="light">
                    {e.state}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {e.offer ? (
                    <Stack gap={0}>
                      <Text size="xs">{offerSummary(e.offer.offer, props.workstationZone)}</Text>
                      <HoldCountdown expiresAt={e.offer.expiresAt} data-testid="waitlist-hold" />
                    </Stack>
                  ) : (
                    <Text size="xs" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    onClick={() => void remove(e)}
                    loading={removing === e.id}
                    aria-label={`Remove ${e.patientName} from the waitlist`}
                    data-testid="waitlist-remove"
                  >
                    Remove
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Stack>
  );
}
