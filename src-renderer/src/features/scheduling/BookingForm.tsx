import { Alert, Checkbox, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import type { SlotHold } from '../../../../src-preload/contract';
import { ShortcutButton } from '../../ui';
import { OfferRow } from './OfferList';
import { HoldCountdown } from './HoldCountdown';
import { useCountdown } from './useCountdown';

export const BOOK_HOTKEY = 'Ctrl+Enter';
export const RELEASE_HOTKEY = 'Esc';
export const OUTSIDE_WINDOW_MIN = 10;
/** The contract's floor for the reason a reschedule gives (it is documented on the cancelled appointment). */
export const CHANGE_REASON_MIN = 3;

export interface BookingFormProps {
  readonly hold: SlotHold;
  readonly reason: string;
  readonly onReasonChange: (reason: string) => void;
  readonly sendConfirmation: boolean;
  readonly onSendConfirmationChange: (send: boolean) => void;
  /** Set when the held offer is past the disposition's window: a nurse's reason is then required. */
  readonly outsideWindow: boolean;
  readonly outsideWindowReason: string;
  readonly onOutsideWindowReasonChange: (reason: string) => void;
  readonly booking: boolean;
  readonly onBook: () => void;
  readonly onRelease: () => void;
  readonly workstationZone?: string;
  /** Moving an existing appointment: the reason is for the change, and main always confirms the new time. */
  readonly mode?: 'book' | 'reschedule';
}

/**
 * The held offer with its countdown, the reason for the visit and the confirmation choice; Ctrl+Enter books,
 * Esc releases the hold. The form is disabled only while a booking is in flight.
 */
export function BookingForm(props: BookingFormProps) {
  const expired = (useCountdown(props.hold.expiresAt) ?? 0) === 0;
  const problem = bookingProblem(props);
  const rescheduling = props.mode === 'reschedule';
  return (
    <Paper p="md" withBorder role="region" aria-label="Book the held appointment" data-testid="booking-form">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h5">
            Held for this caller
          </Title>
          <HoldCountdown expiresAt={props.hold.expiresAt} />
        </Group>
        <OfferRow offer={props.hold.offer} held workstationZone={props.workstationZone} />
        {expired ? (
          <Text size="xs" c="red" data-testid="hold-expired">
            The hold has run out: booking now re-checks the slot, and another one is offered if it was taken.
          </Text>
        ) : null}
        <Textarea
          label={rescheduling ? 'Reason for the change' : 'Reason for the visit'}
          description={
            rescheduling
              ? `At least ${CHANGE_REASON_MIN} characters; documented on the appointment it replaces.`
              : 'Goes into the appointment; pre-filled from what the caller said.'
          }
          value={props.reason}
          onChange={(e) => props.onReasonChange(e.currentTarget.value)}
          maxLength={500}
          autosize
          minRows={2}
          required
          disabled={props.booking}
          // Keyboard flow: the focus stays on the offers (Ctrl+Enter books) unless there is no reason to book with.
          autoFocus={props.reason.trim().length === 0}
          data-testid="booking-reason"
        />
        {props.outsideWindow ? (
          <Textarea
            label="Why book past the disposition's window (nurse)"
            description={`At least ${OUTSIDE_WINDOW_MIN} characters; it is documented with the booking.`}
            value={props.outsideWindowReason}
            onChange={(e) => props.onOutsideWindowReasonChange(e.currentTarget.value)}
            maxLength={500}
            autosize
            required
            disabled={props.booking}
            data-testid="booking-outside-window-reason"
          />
        ) : null}
        {rescheduling ? (
          <Text size="xs" c="dimmed">
            The patient is sent a confirmation of the new time.
          </Text>
        ) : (
          <Checkbox
            label="Send the patient a confirmation (text or portal message)"
            checked={props.sendConfirmation}
            onChange={(e) => props.onSendConfirmationChange(e.currentTarget.checked)}
            disabled={props.booking}
            data-testid="booking-send-confirmation"
          />
        )}
        {problem ? (
          <Alert color="gray" variant="light" p={6} data-testid="booking-problem">
            <Text size="xs">{problem}</Text>
          </Alert>
        ) : null}
        <Group justify="space-between">
          <ShortcutButton variant="subtle" color="gray" onClick={props.onRelease} disabled={props.booking} data-testid="booking-release" keys={RELEASE_HOTKEY}>
            Release hold
          </ShortcutButton>
          <ShortcutButton onClick={props.onBook} loading={props.booking} disabled={problem !== null} data-testid="booking-book" keys={BOOK_HOTKEY}>
            {rescheduling ? 'Reschedule appointment' : 'Book appointment'}
          </ShortcutButton>
        </Group>
      </Stack>
    </Paper>
  );
}

/** Why the booking cannot be sent yet, in words the agent can act on; null when it can. */
export function bookingProblem(
  props: Pick<BookingFormProps, 'reason' | 'outsideWindow' | 'outsideWindowReason' | 'mode'>,
): string | null {
  if (props.mode === 'reschedule' && props.reason.trim().length < CHANGE_REASON_MIN) {
    return `Type the reason for the change first (at least ${CHANGE_REASON_MIN} characters).`;
  }
  if (props.reason.trim().length === 0) return 'Type the reason for the visit first.';
  if (props.outsideWindow && props.outsideWindowReason.trim().length < OUTSIDE_WINDOW_MIN) {
    return `This slot is past the disposition's window: give the reason (at least ${OUTSIDE_WINDOW_MIN} characters).`;
  }
  return null;
}
