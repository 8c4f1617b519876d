import { Badge, Button, Group, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { type DispositionId, disposition } from '../../../../src-preload/contract';
import { ShortcutButton } from '../../ui';
import { type BookedAppointment, isSchedulableDisposition } from '../call-session';

export const SCHEDULE_HOTKEY = 'Alt+S';

export interface NextActionsProps {
  readonly dispositionId: DispositionId;
  /** Opens scheduling for this disposition (only offered when it is schedulable). */
  readonly onSchedule?: () => void;
  readonly scheduleDisabled?: boolean;
  /** The appointment already booked on this call, if any. */
  readonly booking?: BookedAppointment | null;
}

/**
 * What to do after the disposition. Only what exists is enabled: scheduling opens for a disposition that books a
 * visit (never for 911, the ED or a route elsewhere); paging is not built, so its button says so instead of
 * pretending. (Only nurses reach a disposition; agents hand calls to a nurse from the escalation step, by warm
 * transfer or callback, and any call can be transferred from the phone bar.) For "call 911" the script is shown
 * big: it is the only thing that matters on that call.
 */
export function NextActions(props: NextActionsProps) {
  const d = disposition(props.dispositionId);
  return (
    <Stack gap="sm" data-testid="next-actions">
      {d.id === 'call-911' ? (
        <Paper p="lg" data-testid="script-911" role="alert" bg="red.7" c="white" aria-label="911 script">
          <Stack gap={6}>
            <Title order={3} size="h3" c="white">
              911 script: read it now
            </Title>
            <Text fz={22} fw={700} lh={1.35}>
              {d.script}
            </Text>
            <Text size="sm">
              Stay on the line until the caller confirms they are calling 911 (or emergency services answer). Give the
              address if they cannot.
            </Text>
          </Stack>
        </Paper>
      ) : null}
      <Group gap="xs">
        {isSchedulableDisposition(d.id) && props.onSchedule ? (
          <ShortcutButton
            variant={props.booking ? 'light' : 'filled'}
            onClick={props.onSchedule}
            disabled={props.scheduleDisabled}
            data-testid="action-schedule"
            keys={SCHEDULE_HOTKEY}
          >
            {props.booking ? 'Open the booked appointment' : 'Schedule appointment'}
          </ShortcutButton>
        ) : (
          <NotBuilt label="Schedule" why={notSchedulableWhy(d.id)} testId="action-schedule" />
        )}
        {props.booking ? (
          <Badge color={props.booking.outcome === 'booked' ? 'green' : 'orange'} variant="light" size="lg" data-testid="action-booked">
            {props.booking.outcome === 'booked' ? 'Appointment booked' : 'Appointment saved, sending to the EHR'}
          </Badge>
        ) : null}
        <NotBuilt label="Page on-call" why="Paging the on-call provider is not built yet" testId="action-page" />
      </Group>
    </Stack>
  );
}

function NotBuilt(props: { readonly label: string; readonly why: string; readonly testId: string }) {
  return (
    <Tooltip label={props.why}>
      {/* A disabled button gets no pointer events: the wrapper carries the tooltip and the reason. */}
      <span>
        <Button variant="default" disabled data-testid={props.testId} aria-description={props.why}>
          {props.label} <Text span size="xs" c="dimmed" ml={6}>· {props.why}</Text>
        </Button>
      </span>
    </Tooltip>
  );
}

/** Why no appointment is booked from this disposition, in words for the agent. */
export function notSchedulableWhy(id: DispositionId): string {
  const d = disposition(id);
  if (d.kind === 'route') return 'This disposition sends the caller elsewhere';
  return 'The patient needs care now, not an appointment';
}
