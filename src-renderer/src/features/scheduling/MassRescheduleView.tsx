import { Alert, Badge, Button, Group, Loader, SegmentedControl, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { MassReschedulePlan, MassRescheduleRequest } from '../../../../src-preload/contract';
import { useBridge, useInvoke } from '../../bridge';
import { dayStartFromInput, formatClinicTime, inputFromEpoch, offerSummary } from './schedulingFormat';
import { TableHead } from './TableHead';

const DAY = 86_400_000;

export interface MassRescheduleViewProps {
  readonly workstationZone?: string;
  /** Today, for the default range (tests pin it). */
  readonly today?: number;
}

type ScopeKind = 'provider' | 'location';

/**
 * For a supervisor: a provider out sick or a location closed over some days (the clinic's days, in its zone).
 * Plans (does not move anything yet): each affected appointment with the best new slot under the same rules,
 * never later than its reason allows (shown), urgent ones marked, or "call the patient" with why, and the list of
 * patients to notify, which can be copied or saved as CSV.
 */
export function MassRescheduleView(props: MassRescheduleViewProps) {
  const bridge = useBridge();
  const directory = useInvoke('schedule.directory', {});
  const [kind, setKind] = useState<ScopeKind>('provider');
  const [subjectId, setSubjectId] = useState<string | null>(null);
  const [today] = useState(() => props.today ?? Date.now());
  const [from, setFrom] = useState(() => inputFromEpoch(today));
  const [to, setTo] = useState(() => inputFromEpoch(today));
  const [reason, setReason] = useState('');
  const [planning, setPlanning] = useState(false);
  const [plan, setPlan] = useState<MassReschedulePlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  const request = massRequest(kind, subjectId, from, to, reason);
  const options =
    kind === 'provider'
      ? (directory.data?.providers ?? []).map((p) => ({ value: p.id, label: `${p.name} · ${p.specialty}` }))
      : (directory.data?.locations ?? []).map((l) => ({ value: l.id, label: l.name }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (typeof request === 'string' || planning) return;
    setPlanning(true);
    setError(null);
    setCopied(false);
    const result = await bridge.invoke('schedule.massReschedulePlan', request);
    setPlanning(false);
    if (result.ok) setPlan(result.value);
    else setError(result.error.message);
  };

  const copyNotifyList = async () => {
    if (!plan) return;
    await navigator.clipboard.writeText(notifyListText(plan));
    setCopied(true);
  };
  const exportNotifyList = () => {
    if (!plan) return;
    const url = URL.createObjectURL(new Blob([notifyListCsv(plan)], { type: 'text/csv' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `careline-notify-list-${new Date(today).toISOString().slice(0, 10)}.csv`;
    link.click();
    URL.revokeObjectURL(url);
  };

  return (
    <Stack gap="md" role="region" aria-label="Mass reschedule" data-testid="mass-reschedule">
      <Title order={2} size="h4">
        Mass reschedule
      </Title>
      <form onSubmit={(e) => void submit(e)}>
        <Stack gap="xs">
          <SegmentedControl
            value={kind}
            onChange={(value) => {
              setKind(value as ScopeKind);
              setSubjectId(null);
            }}
            data={[
              { value: 'provider', label: 'A provider is out' },
              { value: 'location', label: 'A location is closed' },
            ]}
            aria-label="What is unavailable"
            w="fit-content"
          />
          <Select
            label={kind === 'provider' ? 'Provider' : 'Location'}
            data={options}
            value={subjectId}
            onChange={setSubjectId}
            searchable
            required
            data-testid="mass-subject"
          />
          <Group grow>
            <TextInput type="date" label="From" description="The clinic's days" value={from} onChange={(e) => setFrom(e.currentTarget.value)} required data-testid="mass-from" />
            <TextInput type="date" label="Through" description="Whole days, in each clinic's zone" value={to} onChange={(e) => setTo(e.currentTarget.value)} required data-testid="mass-to" />
          </Group>
          <Textarea
            label="Reason (goes into the notices)"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            maxLength={500}
            required
            autosize
            data-testid="mass-reason"
          />
          {typeof request === 'string' ? (
            <Text size="xs" c="dimmed" data-testid="mass-missing">
              {request}
            </Text>
          ) : null}
          <Group>
            <Button type="submit" disabled={typeof request === 'string'} loading={planning} data-testid="mass-plan">
              Find new slots
            </Button>
            {planning ? (
              <Group gap={6} role="status">
                <Loader size="xs" />
                <Text size="xs" c="dimmed">
                  Planning under the same rules…
                </Text>
              </Group>
            ) : null}
          </Group>
        </Stack>
      </form>
      {error ? (
        <Alert color="red" variant="light" role="alert" data-testid="mass-error">
          {error}
        </Alert>
      ) : null}
      {plan ? <PlanTable plan={plan} workstationZone={props.workstationZone} /> : null}
      {plan ? (
        <Stack gap="xs" role="region" aria-label="Patients to notify" data-testid="mass-notify">
          <Group justify="space-between">
            <Text fw={600}>Patients to notify ({plan.notify.length})</Text>
            <Group gap="xs">
              <Button size="compact-sm" variant="light" onClick={() => void copyNotifyList()} data-testid="mass-copy">
                Copy list
              </Button>
              <Button size="compact-sm" variant="light" onClick={exportNotifyList} data-testid="mass-export">
                Save as CSV
              </Button>
            </Group>
          </Group>
          {copied ? (
            <Text size="xs" c="green.8" role="status" data-testid="mass-copied">
              Copied to the clipboard.
            </Text>
          ) : null}
          {plan.notify.map((n) => (
            <Text key={n.patientId} size="sm" data-testid="mass-notify-row">
              <Text span fw={600}>
                {n.patientName}
              </Text>
              : {n.message}
            </Text>
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}

interface PlanTableProps {
  readonly plan: MassReschedulePlan;
  readonly workstationZone?: string | undefined;
}

function PlanTable(props: PlanTableProps) {
  if (props.plan.affected.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="mass-none">
        No appointments in that range.
      </Text>
    );
  }
  const rows = callsFirst(props.plan.affected);
  const calls = rows.filter((a) => a.proposal === null);
  const urgentCalls = calls.filter((a) => a.urgent).length;
  return (
    <Stack gap={4}>
      {calls.length > 0 ? (
        <Text size="sm" fw={600} c="red.8" data-testid="mass-call-count">
          {calls.length} to call{urgentCalls > 0 ? ` (${urgentCalls} urgent)` : ''}: nothing fits inside the window their reason allows. They are listed first.
        </Text>
      ) : null}
      <Table striped fz="sm" verticalSpacing={4} data-testid="mass-plan-table" aria-label="Affected appointments">
        <TableHead columns={['Patient', 'Now booked', 'Proposed', 'Why']} />
        <Table.Tbody>
          {rows.map((a) => (
            <Table.Tr key={a.appointment.id} data-testid="mass-plan-row" data-has-proposal={a.proposal !== null} data-urgent={a.urgent === true}>
              <Table.Td>
                {a.patientName}
                {a.urgent ? (
                  <Badge color="orange" variant="light" ml={6} data-testid="mass-urgent" title="Care needed within 36 hours: served first, soonest slot">
                    Urgent
                  </Badge>
                ) : null}
              </Table.Td>
              <Table.Td>
                {formatClinicTime(a.appointment.start, a.appointment.timeZone, props.workstationZone)}
                <Text size="xs" c="dimmed">
                  {a.appointment.visitTypeLabel} · {a.appointment.providerName}
                </Text>
              </Table.Td>
              <Table.Td>
                {a.proposal ? (
                  offerSummary(a.proposal, props.workstationZone)
                ) : (
                  <Badge color="red" variant="light" data-testid="mass-call">
                    Call the patient
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                {a.why}
                {a.latest !== undefined ? (
                  <Text size="xs" c="dimmed" data-testid="mass-latest">
                    Not later than {formatClinicTime(a.latest, a.appointment.timeZone, props.workstationZone)}
                    {a.windowLabel ? `: ${a.windowLabel}` : ''}
                  </Text>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

type AffectedRow = MassReschedulePlan['affected'][number];

/** Who a person must call first: urgent visits with no slot, then the other calls, then the moves (each in plan order). */
export function callsFirst(rows: readonly AffectedRow[]): AffectedRow[] {
  const rank = (a: AffectedRow) => (a.proposal === null ? (a.urgent ? 0 : 1) : 2);
  return rows.map((a, i) => ({ a, i })).sort((x, y) => rank(x.a) - rank(y.a) || x.i - y.i).map((x) => x.a);
}

/** The plan request, or what is still missing (in words). */
export function massRequest(kind: ScopeKind, subjectId: string | null, from: string, to: string, reason: string): MassRescheduleRequest | string {
  if (!subjectId) return kind === 'provider' ? 'Choose the provider.' : 'Choose the location.';
  const fromMs = dayStartFromInput(from);
  const toStart = dayStartFromInput(to);
  if (fromMs === null || toStart === null) return 'Enter both dates.';
  // Through the end of the last day.
  const toMs = toStart + DAY - 1;
  if (toMs <= fromMs) return 'The last day must not be before the first.';
  if (reason.trim().length < 3) return 'Give the reason (at least 3 characters).';
  const scope = kind === 'provider' ? { kind, providerId: subjectId } : { kind, locationId: subjectId };
  // The days as picked: main reads them on each clinic's own calendar. from/to (this workstation's midnights) are
  // kept for the contract's older shape only.
  return { scope, from: fromMs, to: toMs, reason: reason.trim(), days: { first: from, last: to } };
}

/** One line per patient, for pasting into a message tool. */
export function notifyListText(plan: MassReschedulePlan): string {
  return plan.notify.map((n) => `${n.patientName}\t${n.message}`).join('\n');
}

export function notifyListCsv(plan: MassReschedulePlan): string {
  const cell = (value: string) => `"${value.replace(/"/g, '""')}"`;
  return ['patientId,patientName,message', ...plan.notify.map((n) => [n.patientId, n.patientName, n.message].map(cell).join(','))].join('\r\n');
}
