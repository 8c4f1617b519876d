import { Alert, Blockquote, Group, Stack, Text } from '@mantine/core';
import type { BookedAppointment } from '../call-session';
import { ShortcutButton } from '../../ui';
import { offerSummary } from './schedulingFormat';

export const DONE_HOTKEY = 'Ctrl+Enter';

export interface BookingResultCardProps {
  readonly result: BookedAppointment;
  readonly onDone: () => void;
  readonly doneLabel: string;
  readonly workstationZone?: string;
}

/**
 * The booking went through: the script to read to the caller and what was booked. A queued booking says plainly
 * that the EHR does not have it yet (it is sent automatically), and still gives the script.
 */
export function BookingResultCard(props: BookingResultCardProps) {
  const { result } = props;
  const queued = result.outcome === 'queued';
  return (
    <Stack gap="sm" data-testid="booking-result" data-outcome={result.outcome}>
      <Alert
        color={queued ? 'orange' : 'green'}
        variant="light"
        role="status"
        title={queued ? 'Saved, not yet in the EHR — it will be sent automatically' : 'Appointment booked'}
        data-testid="booking-result-status"
      >
        <Stack gap={4}>
          <Text size="sm" fw={600} data-testid="booking-result-details">
            {offerSummary(result.offer, props.workstationZone)}
          </Text>
          <Text size="sm">{result.offer.visits.map((v) => v.visitTypeLabel).join(', ')}</Text>
          {queued ? (
            <Text size="xs" data-testid="booking-queued-reason">
              {result.reason}
            </Text>
          ) : (
            <Text size="xs" c="dimmed">
              Appointment {result.appointmentId}
            </Text>
          )}
        </Stack>
      </Alert>
      <Blockquote color="blue" p="sm" cite="Read this to the caller" data-testid="confirmation-script">
        <Text size="lg" lh={1.4}>
          {result.confirmationScript}
        </Text>
      </Blockquote>
      <Group justify="flex-end">
        <ShortcutButton onClick={props.onDone} data-testid="scheduling-done" keys={DONE_HOTKEY}>
          {props.doneLabel}
        </ShortcutButton>
      </Group>
    </Stack>
  );
}
