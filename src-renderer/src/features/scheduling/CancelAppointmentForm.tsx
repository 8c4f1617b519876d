import { Alert, Button, Chip, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, type KeyboardEvent, useState } from 'react';
import type { AppointmentSummary } from '../../../../src-preload/contract';
import { useBridge } from '../../bridge';

export const CANCEL_REASON_MIN = 3;
export const QUICK_CANCEL_REASONS = ['Patient request', 'Feeling better', 'Provider unavailable', 'Cannot make it'] as const;

export interface CancelAppointmentFormProps {
  readonly appointment: AppointmentSummary;
  readonly patientId: string;
  /** What is being cancelled, as read to the caller ("Follow-up visit on Mon, Mar 4, 10:20 AM"). */
  readonly summary: string;
  readonly onCancelled: (cancelled: AppointmentSummary) => void;
  readonly onKeep: () => void;
}

/**
 * Cancelling one appointment from the chart: the reason (typed or a quick pick), then Enter. One idempotency
 * key per attempt, made when the form opens and reused on every retry, so a retry after a timeout never
 * cancels twice; a failure keeps the reason typed.
 */
export function CancelAppointmentForm(props: CancelAppointmentFormProps) {
  const bridge = useBridge();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const tooShort = reason.trim().length < CANCEL_REASON_MIN;

  const confirm = async () => {
    setTried(true);
    if (tooShort || sending) return;
    setSending(true);
    setError(null);
    const answer = await bridge.invoke('schedule.cancel', {
      appointmentId: props.appointment.id,
      patientId: props.patientId,
      reason: reason.trim(),
      idempotencyKey,
    });
    setSending(false);
    if (!answer.ok) {
      setError(`Not cancelled: ${answer.error.message}`);
      return;
    }
    props.onCancelled(answer.value);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void confirm();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    // The chart sits beside the workflow pane, whose Ctrl+Enter would document or book the call: here it confirms.
    if (event.key === 'Enter' && event.ctrlKey) {
      event.preventDefault();
      event.stopPropagation();
      void confirm();
    } else if (event.key === 'Escape' && !sending) {
      event.stopPropagation();
      props.onKeep();
    }
  };

  return (
    <Paper p="xs" withBorder role="group" aria-label={`Cancel ${props.summary}`} data-testid="cancel-form" onKeyDown={onKeyDown}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap={6}>
          <Text size="xs" fw={600}>
            Cancel {props.summary}?
          </Text>
          <Chip.Group
            value={QUICK_CANCEL_REASONS.find((r) => r === reason) ?? null}
            onChange={(value) => typeof value === 'string' && setReason(value)}
          >
            <Group gap={4} aria-label="Quick reasons">
              {QUICK_CANCEL_REASONS.map((r) => (
                <Chip key={r} value={r} size="xs" disabled={sending}>
                  {r}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
          <TextInput
            label="Reason for cancelling"
            size="xs"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            maxLength={500}
            required
            disabled={sending}
            autoFocus
            error={tried && tooShort ? `Give the reason (at least ${CANCEL_REASON_MIN} characters).` : undefined}
            data-testid="cancel-reason"
          />
          {error ? (
            <Alert color="red" variant="light" p={6} role="alert" data-testid="cancel-error">
              <Text size="xs">{error} Retry sends the same cancellation; it never happens twice.</Text>
            </Alert>
          ) : null}
          <Group gap="xs" justify="flex-end">
            <Button size="compact-xs" variant="subtle" color="gray" onClick={props.onKeep} disabled={sending} data-testid="cancel-keep">
              Keep appointment
            </Button>
            <Button size="compact-xs" color="red" type="submit" loading={sending} aria-keyshortcuts="Enter" data-testid="cancel-confirm">
              {error ? 'Retry' : 'Cancel appointment'}
            </Button>
          </Group>
          {sending ? (
            <Text size="xs" c="dimmed" role="status">
              Cancelling…
            </Text>
          ) : null}
        </Stack>
      </form>
    </Paper>
  );
}
