import { Badge, Group, Loader, Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { AppointmentSummary } from '../../../../src-preload/contract';
import { useEvent, useInvoke } from '../../bridge';
import { formatClinicTime } from './schedulingFormat';
import { useNow } from './useCountdown';

export interface UpcomingAppointmentsProps {
  readonly patientId: string;
  /** Changes when this workstation booked for the patient (e.g. the booking's outbox id): reload then. */
  readonly refreshKey?: string | null;
  readonly workstationZone?: string;
  /** "Now" for what counts as upcoming (tests pin it). */
  readonly now?: number;
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
      {upcoming.map((a) => (
        <Stack key={a.id} gap={0} data-testid="chart-appointment-row" data-pending={a.pending}>
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
