import { Alert, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import type { SchedulingAlternative, SlotOffer } from '../../../../src-preload/contract';
import { OfferRow } from './OfferList';
import { OUTSIDE_WINDOW_MIN } from './BookingForm';

export interface NoneInWindowProps {
  readonly message: string;
  readonly alternatives: readonly SchedulingAlternative[];
  /** Only a nurse may book past the window the disposition set. */
  readonly isNurse: boolean;
  readonly outsideWindowReason: string;
  readonly onOutsideWindowReasonChange: (reason: string) => void;
  readonly onHoldAfterWindow: (offer: SlotOffer) => void;
  readonly holding: boolean;
  /** The 'waitlist' alternative: open the waitlist form. */
  readonly onWaitlist: () => void;
  readonly workstationZone?: string;
}

/**
 * Nothing fits the window: said prominently, then the next best options in the order main ranked them. The first
 * slot after the window is bookable by a nurse with a reason; an agent sees it disabled and why.
 */
export function NoneInWindow(props: NoneInWindowProps) {
  const reasonOk = props.outsideWindowReason.trim().length >= OUTSIDE_WINDOW_MIN;
  return (
    <Stack gap="sm" data-testid="none-in-window">
      <Alert color="red" variant="filled" role="alert" title="No slot inside the window" data-testid="none-in-window-message">
        <Text size="md" fw={600}>
          {props.message}
        </Text>
      </Alert>
      <Stack gap="xs" role="list" aria-label="Alternatives">
        {props.alternatives.map((alt) => (
          <Paper key={alt.kind} p="sm" withBorder role="listitem" data-testid="alternative" data-kind={alt.kind}>
            <Stack gap={6}>
              <Text fw={700}>{alt.label}</Text>
              <Text size="sm" c="dimmed">
                {alt.why}
              </Text>
              {alt.kind === 'waitlist' ? (
                <Button variant="light" w="fit-content" onClick={props.onWaitlist} data-testid="alternative-waitlist">
                  Add to waitlist
                </Button>
              ) : null}
              {alt.kind === 'first-after-window' && alt.offer ? (
                <>
                  <OfferRow offer={alt.offer} held={false} workstationZone={props.workstationZone} />
                  {props.isNurse ? (
                    <>
                      <Textarea
                        label="Why book past the window"
                        description={`At least ${OUTSIDE_WINDOW_MIN} characters; documented with the booking.`}
                        value={props.outsideWindowReason}
                        onChange={(e) => props.onOutsideWindowReasonChange(e.currentTarget.value)}
                        maxLength={500}
                        autosize
                        data-testid="after-window-reason"
                      />
                      <Group>
                        <Button
                          color="orange"
                          disabled={!reasonOk}
                          loading={props.holding}
                          onClick={() => alt.offer && props.onHoldAfterWindow(alt.offer)}
                          data-testid="after-window-hold"
                        >
                          Hold this slot (past the window)
                        </Button>
                      </Group>
                    </>
                  ) : (
                    <Group gap={6}>
                      <Button color="orange" disabled data-testid="after-window-hold" aria-describedby="after-window-why">
                        Hold this slot (past the window)
                      </Button>
                      <Text id="after-window-why" size="xs" c="dimmed" data-testid="after-window-why">
                        Only a nurse can book past the disposition&apos;s window: transfer to a nurse or offer a callback.
                      </Text>
                    </Group>
                  )}
                </>
              ) : null}
            </Stack>
          </Paper>
        ))}
      </Stack>
    </Stack>
  );
}
