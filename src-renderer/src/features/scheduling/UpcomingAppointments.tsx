import { Badge, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { AppointmentSummary } from '../../../../src-preload/contract';
import { useEvent, useInvoke } from '../../bridge';
import { CancelAppointmentForm } from './CancelAppointmentForm';
import { formatClinicTime } from './schedulingFormat';
import { useNow } from './useCountdown';

export interface UpcomingAppointmentsProps {
  readonly patientId: string;
  /** Changes when this workstation booked for the patient (e.g. the booking's outbox id): reload then. */
  readonly refreshKey?: string | null;
  readonly workstationZone?: string;
  /** "Now" for what counts as upcoming (tests pin it). */
  readonly now?: number;
  /** Cancel and reschedule, offered for a verified patient only (absent: the list is read-only). */
  readonly actions?: UpcomingAppointmentActions;
}

export interface UpcomingAppointmentActions {
  readonly onReschedule: (appointment: AppointmentSummary, summary: string) => void;
  /** Why a reschedule cannot start at this step (e.g. mid-interview); null when it can. */
  readonly rescheduleBlocked: string | null;
  /** The appointment the scheduling pane is moving right now: not cancelled from under it. */
  readonly beingRescheduled: string | null;
}

/**
 * The patient's upcoming appointments in the chart, including ones still waiting in the outbox (marked, so the
 * agent never tells the caller "it's in the system" when it is not yet).
 */
export function UpcomingAppointments(props: UpcomingAppointmentsProps) {
  const appointments = useInvoke('schedule.appointments', { patientId: props.patientId });
  const { reload } = appointments;
  const lastKey = useRef(props.refreshKey ?? null);
  useEffect(() => {
    const key = props.refreshKey ?? null;
    if (key !== null && key !== lastKey.current) reload();
    lastKey.current = key;
  }, [props.refreshKey, reload]);
  // A pending appointment of this patient was delivered (or failed): show its new state.
  useEvent('outbox.changed', (items) => {
    if (appointments.data?.some((a) => a.pending) && items.some((i) => i.patientId === props.patientId)) reload();
  });

  // A minute's precision is enough to drop an appointment that has ended.
  const clock = useNow(60_000);
  const upcoming = upcomingOnly(appointments.data ?? [], props.now ?? clock);
  const [cancelling, setCancelling] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState<string | null>(null);
  const summaryOf = (a: AppointmentSummary) =>
    `${a.visitTypeLabel} on ${formatClinicTime(a.start, a.timeZone, props.workstationZone)} with ${a.providerName}`;
  return (
    <Stack gap={4} role="region" aria-label="Upcoming appointments" data-testid="chart-appointments" aria-busy={appointments.loading}>
      <Group gap={6}>
        <Text size="sm" fw={600}>
          Upcoming appointments
        </Text>
        {appointments.loading ? <Loader size="xs" aria-label="Loading appointments" /> : null}
      </Group>
      {appointments.error ? (
        <Text size="xs" c="red" role="alert">
          Appointments not available: {appointments.error.message}
        </Text>
      ) : null}
      {appointments.data && upcoming.length === 0 ? (
        <Text size="sm" c="dimmed">
          None booked.
        </Text>
      ) : null}
      {cancelled ? (
        <Text size="xs" c="green.8" role="status" data-testid="chart-appointment-cancelled">
          {cancelled}
        </Text>
      ) : null}
      {upcoming.map((a) => (
        <Stack key={a.id} gap={2} data-testid="chart-appointment-row" data-pending={a.pending}>
          <Group gap={6}>
            <Text size="sm" fw={500}>
              {formatClinicTime(a.start, a.timeZone, props.workstationZone)}
            </Text>
            {a.pending ? (
              <Badge size="xs" color="orange" variant="light" title="Saved on this workstation; sent to the EHR automatically">
                Not yet in the EHR
              </Badge>
            ) : null}
          </Group>
          <Text size="xs" c="dimmed">
            {a.visitTypeLabel} · {a.providerName} · {a.mode === 'telehealth' ? 'Video visit' : a.locationName}
          </Text>
          {props.actions && a.pending ? (
            <Text size="xs" c="dimmed" data-testid="chart-appointment-pending-note">
              Can be cancelled or rescheduled once it is in the EHR (it is sent automatically).
            </Text>
          ) : null}
          {props.actions && props.actions.beingRescheduled === a.id ? (
            <Badge size="xs" variant="light" data-testid="chart-appointment-rescheduling">
              Being rescheduled
            </Badge>
          ) : null}
          {props.actions && !a.pending && cancelling !== a.id && props.actions.beingRescheduled !== a.id ? (
            <Group gap={4}>
              <Button
                size="compact-xs"
                variant="subtle"
                color="red"
                aria-label={`Cancel… ${summaryOf(a)}`}
                onClick={() => {
                  setCancelled(null);
                  setCancelling(a.id);
                }}
                data-testid="chart-appointment-cancel"
              >
                Cancel…
              </Button>
              <Button
                size="compact-xs"
                variant="subtle"
                aria-label={`Reschedule… ${summaryOf(a)}`}
                disabled={props.actions.rescheduleBlocked !== null}
                title={props.actions.rescheduleBlocked ?? undefined}
                onClick={() => props.actions?.onReschedule(a, summaryOf(a))}
                data-testid="chart-appointment-reschedule"
              >
                Reschedule…
              </Button>
              {props.actions.rescheduleBlocked ? (
                <Text size="xs" c="dimmed">
                  {props.actions.rescheduleBlocked}
                </Text>
              ) : null}
            </Group>
          ) : null}
          {props.actions && cancelling === a.id ? (
            <CancelAppointmentForm
              appointment={a}
              patientId={props.patientId}
              summary={summaryOf(a)}
              onKeep={() => setCancelling(null)}
              onCancelled={() => {
                setCancelling(null);
                setCancelled(`Cancelled: ${summaryOf(a)}.`);
                reload();
              }}
            />
          ) : null}
        </Stack>
      ))}
    </Stack>
  );
}

const NOT_HAPPENING = new Set(['cancelled', 'noshow', 'entered-in-error']);

/** Appointments that have not ended and still stand (FHIR status), soonest first. */
export function upcomingOnly(appointments: readonly AppointmentSummary[], now: number): AppointmentSummary[] {
  return appointments
    .filter((a) => a.end > now && !NOT_HAPPENING.has(a.status))
    .sort((a, b) => a.start - b.start);
}
