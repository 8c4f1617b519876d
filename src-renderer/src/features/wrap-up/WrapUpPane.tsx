import { Badge, Button, Group, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useState } from 'react';
import { disposition } from '../../../../src-preload/contract';
import { Shortcut } from '../../ui';
import {
  type CallSessionContext,
  WRAP_UP_CODES,
  type WrapUpCode,
  selectLine,
  useCallSession,
  useCallSessionActor,
} from '../call-session';
import { DocumentResult } from '../disposition';

export const FINISH_HOTKEY = 'Ctrl+Enter';

export const WRAP_UP_LABELS: Record<WrapUpCode, string> = {
  resolved: 'Resolved',
  scheduled: 'Appointment scheduled',
  transferred: 'Transferred',
  'escalated-911': 'Escalated to 911',
  'no-action': 'No action needed',
};

/**
 * The last step of a call: what happened to the documentation, a wrap-up code, and Finish, which also hangs up
 * when the caller is still on the line. The chart stays on screen afterwards.
 */
export function WrapUpPane() {
  const actor = useCallSessionActor();
  const line = useCallSession(selectLine);
  const documentResult = useCallSession((s) => s.context.documentResult);
  const summary = useCallSession(
    (s) => s.context,
    (a, b) => a.patient === b.patient && a.reason === b.reason && a.outcome === b.outcome && a.booking === b.booking && a.emergency === b.emergency,
  );
  const [code, setCode] = useState<WrapUpCode | null>(() => suggestedCode(summary));
  const stillConnected = line === 'connected';

  const finish = () => {
    if (code) actor.send({ type: 'FINISH', code });
  };
  useHotkeys([[FINISH_HOTKEY, finish]], []);

  return (
    <Stack gap="md" data-testid="wrap-up" maw={760}>
      <Title order={2} size="h4">
        Wrap-up
      </Title>
      {documentResult ? <DocumentResult result={documentResult} /> : null}
      <CallSummary context={summary} />
      <Radio.Group
        label="Wrap-up code"
        value={code}
        onChange={(value) => setCode(value as WrapUpCode)}
        data-testid="wrap-up-code"
      >
        <Stack gap={6} mt={6}>
          {WRAP_UP_CODES.map((c) => (
            <Radio key={c} value={c} label={WRAP_UP_LABELS[c]} data-testid={`wrap-up-code-${c}`} />
          ))}
        </Stack>
      </Radio.Group>
      <Group justify="flex-end">
        <Button
          onClick={finish}
          disabled={!code}
          data-testid="wrap-up-finish"
          aria-keyshortcuts="Control+Enter"
          rightSection={<Shortcut keys={FINISH_HOTKEY} />}
        >
          {stillConnected ? 'Hang up and finish' : 'Finish'}
        </Button>
      </Group>
    </Stack>
  );
}

interface CallSummaryProps {
  readonly context: CallSessionContext;
}

function CallSummary(props: CallSummaryProps) {
  const { patient, reason, outcome, booking } = props.context;
  return (
    <Paper p="sm" data-testid="call-summary">
      <Stack gap={4}>
        <Text size="sm">
          <Text span c="dimmed">
            Patient:{' '}
          </Text>
          {patient?.displayName ?? 'none'}
        </Text>
        {reason ? (
          <Text size="sm">
            <Text span c="dimmed">
              Reason:{' '}
            </Text>
            {reason.callTypeLabel} · {reason.reasonForCall}
          </Text>
        ) : null}
        {outcome ? (
          <Group gap={6}>
            <Text size="sm" c="dimmed">
              Disposition:
            </Text>
            <Badge color={disposition(outcome.disposition.id).color}>{disposition(outcome.disposition.id).label}</Badge>
          </Group>
        ) : null}
        {booking ? (
          <Text size="sm" data-testid="call-summary-booking">
            <Text span c="dimmed">
              Appointment:{' '}
            </Text>
            {booking.offer.visits.map((v) => `${v.visitTypeLabel} with ${v.providerName}`).join(', ')}
            {booking.outcome === 'queued' ? ' (saved, not yet in the EHR)' : ' (booked)'}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** A starting point the agent can change: 911 dispositions are escalations, a documented interview is resolved. */
export function suggestedCode(
  context: Pick<CallSessionContext, 'outcome' | 'documentResult' | 'patient'> & Partial<Pick<CallSessionContext, 'booking' | 'emergency'>>,
): WrapUpCode | null {
  if (context.outcome?.disposition.id === 'call-911') return 'escalated-911';
  // The emergency path finished (not left as "not an emergency"): the call went to 911.
  if (context.emergency && context.emergency.leftBecause === null) return 'escalated-911';
  // A visit booked (or saved to be sent) on this call is what the call achieved.
  if (context.booking) return 'scheduled';
  if (context.documentResult) return 'resolved';
  if (!context.patient) return 'no-action';
  return null;
}
