import { Alert, Badge, Button, Divider, Group, Loader, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import type { Chart, EncounterSummary, OutboxItem } from '../../../../src-preload/contract';
import { useEvent, useInvoke } from '../../bridge';
import { formatDate, formatIsoDate, formatPhone } from '../../ui';
import { selectCandidate, selectPatient, useCallSession } from '../call-session';
import { UpcomingAppointments, useAppointmentActions } from '../scheduling';
import { ageLabel, sexLabel } from '../screen-pop';

/**
 * The right pane: the chart of the verified patient (or, before verification, of the highlighted candidate,
 * clearly marked). It refreshes when a documentation of this patient lands, so the new encounter shows up.
 */
export function ChartPane() {
  const patient = useCallSession(selectPatient);
  const candidate = useCallSession(selectCandidate);
  const documentResult = useCallSession((s) => s.context.documentResult);
  const bookingKey = useCallSession((s) => s.context.booking?.outboxId ?? null);
  const actions = useAppointmentActions();
  const shown = patient ?? candidate;
  const verified = patient !== null && shown?.id === patient.id;
  const chart = useInvoke('patient.chart', shown ? { patientId: shown.id } : null);
  const { reload } = chart;

  // Refresh after this workstation documented for the patient…
  const documentedKey = documentResult ? `${documentResult.outcome}:${documentResult.outboxId}` : null;
  const lastDocumented = useRef(documentedKey);
  useEffect(() => {
    if (documentedKey !== null && documentedKey !== lastDocumented.current) reload();
    lastDocumented.current = documentedKey;
  }, [documentedKey, reload]);
  // …and when a queued documentation for the patient is finally sent.
  useEvent('outbox.changed', (items: OutboxItem[]) => {
    if (!shown || !chart.data) return;
    const known = new Set(chart.data.encounters.map((e) => e.id));
    const landed = items.some(
      (i) => i.patientId === shown.id && i.state === 'sent' && i.encounterId !== null && !known.has(i.encounterId),
    );
    if (landed) reload();
  });

  if (!shown) {
    return (
      <Stack gap="xs" data-testid="chart-pane" aria-label="Chart">
        <Title order={2} size="h5">
          Chart
        </Title>
        <Text size="sm" c="dimmed">
          The chart of the patient on the call appears here.
        </Text>
      </Stack>
    );
  }

  return (
    <Stack gap="sm" data-testid="chart-pane" aria-label="Chart" aria-busy={chart.loading}>
      <Group justify="space-between">
        <Title order={2} size="h5">
          Chart
        </Title>
        <Group gap={6}>
          {chart.loading ? <Loader size="xs" aria-label="Loading chart" /> : null}
          {verified ? (
            <Badge color="green" variant="light">
              Verified
            </Badge>
          ) : (
            <Badge color="orange" variant="light" data-testid="chart-unverified">
              Not verified
            </Badge>
          )}
        </Group>
      </Group>
      {chart.error ? (
        <Alert color="red" variant="light" role="alert" data-testid="chart-error">
          <Stack gap={6}>
            <Text size="sm">{chart.error.message}</Text>
            <Button size="compact-xs" variant="light" onClick={reload} w="fit-content">
              Try again
            </Button>
          </Stack>
        </Alert>
      ) : null}
      {chart.data ? (
        <>
          <ChartBanner chart={chart.data} />
          <UpcomingAppointments patientId={shown.id} refreshKey={bookingKey} actions={verified ? actions : undefined} />
          <Divider label="Recent encounters" labelPosition="left" />
          <EncounterList encounters={chart.data.encounters} />
        </>
      ) : chart.loading ? (
        <Stack gap={6}>
          <Skeleton h={18} />
          <Skeleton h={18} w="70%" />
          <Skeleton h={60} />
        </Stack>
      ) : null}
    </Stack>
  );
}

interface ChartBannerProps {
  readonly chart: Chart;
}

export function ChartBanner(props: ChartBannerProps) {
  const { chart } = props;
  const p = chart.patient;
  return (
    <Paper p="sm" data-testid="chart-banner">
      <Stack gap={4}>
        <Text fw={700} size="lg">
          {p.displayName}
        </Text>
        <Text size="sm">
          {ageLabel(p)} · DOB {formatIsoDate(p.birthDate)} · {sexLabel(p.sex)}
        </Text>
        <Field label="MRN" value={chart.mrn ?? '—'} mono />
        <Field label="Language" value={p.language ?? '—'} />
        <Field label="Phone" value={p.phones.length > 0 ? p.phones.map((n) => formatPhone(n)).join(', ') : '—'} />
        <Field label="PCP" value={chart.primaryCare ?? '—'} />
        <Field
          label="Coverage"
          value={
            chart.coverage.length > 0
              ? chart.coverage.map((c) => [c.payer, c.plan].filter(Boolean).join(' · ')).join('; ')
              : 'None on file'
          }
        />
      </Stack>
    </Paper>
  );
}

interface FieldProps {
  readonly label: string;
  readonly value: string;
  readonly mono?: boolean;
}

function Field(props: FieldProps) {
  return (
    <Group gap={6} wrap="nowrap" align="baseline">
      <Text size="xs" c="dimmed" w={70} style={{ flexShrink: 0 }}>
        {props.label}
      </Text>
      <Text size="sm" ff={props.mono ? 'monospace' : undefined}>
        {props.value}
      </Text>
    </Group>
  );
}

interface EncounterListProps {
  readonly encounters: readonly EncounterSummary[];
}

export function EncounterList(props: EncounterListProps) {
  if (props.encounters.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="chart-encounters">
        No encounters on file.
      </Text>
    );
  }
  const newestFirst = [...props.encounters].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
  return (
    <Table data-testid="chart-encounters" fz="xs" verticalSpacing={4} striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Date</Table.Th>
          <Table.Th>Type / reason</Table.Th>
          <Table.Th>Disposition</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {newestFirst.map((e) => (
          <Table.Tr key={e.id} data-testid="chart-encounter-row" data-encounter-id={e.id}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(e.date)}</Table.Td>
            <Table.Td>
              <Text size="xs" fw={500}>
                {e.type}
              </Text>
              {e.reason ? (
                <Text size="xs" c="dimmed">
                  {e.reason}
                </Text>
              ) : null}
              {e.performer ? (
                <Text size="xs" c="dimmed">
                  {e.performer}
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td>{e.disposition ?? '—'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
