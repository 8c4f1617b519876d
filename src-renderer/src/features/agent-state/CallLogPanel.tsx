import { ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import type { CallLogEntry } from '../../../../src-preload/contract';
import { useEvent, useInvoke } from '../../bridge';
import { agentTimeZone, formatDuration, formatPhone, formatZonedTime, zoneAbbreviation } from '../../ui';
import { serviceLineById, useSession } from '../session';
import { WRAP_UP_LABELS } from '../wrap-up';

/** Below this MOS callers start to notice (ITU-T G.107 "some users dissatisfied"): shown in red. */
const POOR_MOS = 3.6;

export interface CallLogPanelProps {
  /** The agent's IANA zone (tests pin it); default: the workstation's. */
  readonly agentZone?: string;
}

/**
 * The recent calls of this workstation, newest first: time, direction, party, line, duration, wrap-up code and the
 * audio quality (MOS) when the media engine reported one. Read at mount and again whenever a call changes. Times
 * are the agent's own (through the one time helper, ui/zonedTime.ts), never UTC: they sit beside clinic times.
 */
export function CallLogPanel(props: CallLogPanelProps) {
  const agentZone = props.agentZone ?? agentTimeZone();
  const { serviceLines } = useSession();
  const log = useInvoke('callLog.list', {});
  // The log has no push of its own: a call changing is when it changes.
  useEvent('call.incoming', log.reload);
  useEvent('call.updated', log.reload);
  const entries = log.data ?? [];

  return (
    <Stack gap="xs" data-testid="call-log">
      <Title order={3} size="h6">
        Recent calls
      </Title>
      {log.error ? (
        <Text size="sm" c="red.8" role="alert">
          The call log could not be read: {log.error.message}
        </Text>
      ) : entries.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="call-log-empty">
          {log.loading ? 'Loading recent calls…' : 'No calls yet on this workstation.'}
        </Text>
      ) : (
        <ScrollArea.Autosize mah={360}>
          <Table striped highlightOnHover verticalSpacing={4} fz="xs" aria-label="Recent calls">
            <Table.Thead>
              <Table.Tr>
                <Table.Th title={`Your local time (${zoneAbbreviation(entries[0]!.ringAt, agentZone)})`}>Time</Table.Th>
                <Table.Th aria-label="Direction" />
                <Table.Th>Party</Table.Th>
                <Table.Th>Line</Table.Th>
                <Table.Th>Duration</Table.Th>
                <Table.Th>Wrap-up</Table.Th>
                <Table.Th title="Mean opinion score, 1 (bad) to 5 (excellent)">MOS</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((entry) => (
                <Table.Tr key={entry.callId} data-testid="call-log-row" data-call-id={entry.callId}>
                  <Table.Td>{formatZonedTime(entry.ringAt, agentZone, { agentZone, style: 'time' })}</Table.Td>
                  <Table.Td>
                    <span role="img" aria-label={entry.direction === 'inbound' ? 'Inbound' : 'Outbound'} title={entry.direction === 'inbound' ? 'Inbound' : 'Outbound'}>
                      {entry.direction === 'inbound' ? '↙' : '↗'}
                    </span>
                  </Table.Td>
                  <Table.Td>{formatPhone(null, entry.party)}</Table.Td>
                  <Table.Td>{serviceLineById(serviceLines, entry.serviceLineId)?.name ?? (entry.direction === 'inbound' ? formatPhone(null, entry.dnis) : '—')}</Table.Td>
                  <Table.Td>{durationText(entry)}</Table.Td>
                  <Table.Td>{entry.wrapUpCode ? WRAP_UP_LABELS[entry.wrapUpCode] : '—'}</Table.Td>
                  <Table.Td c={entry.quality?.mos != null && entry.quality.mos < POOR_MOS ? 'red.8' : undefined}>
                    {entry.quality?.mos != null ? entry.quality.mos.toFixed(1) : '—'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
    </Stack>
  );
}

/** Talk time of an answered call; otherwise how it went ("Caller hung up", "Declined") or that it is still going. */
export function durationText(entry: CallLogEntry): string {
  if (entry.answeredAt !== null) return entry.endedAt !== null ? formatDuration(entry.endedAt - entry.answeredAt) : 'In progress';
  if (entry.endedAt !== null) return entry.endReason ?? (entry.direction === 'inbound' ? 'Missed' : 'Not answered');
  return entry.direction === 'inbound' ? 'Ringing' : 'Dialing';
}
