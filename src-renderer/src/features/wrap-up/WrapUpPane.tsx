import { Badge, Button, Group, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useState } from 'react';
import { type DispositionId, disposition } from '../../../../src-preload/contract';
import { LabeledText, Shortcut } from '../../ui';
import {
  type CallSessionContext,
  WRAP_UP_CODES,
  type WrapUpCode,
  callsForVisit,
  effectiveDispositionId,
  selectLine,
  useCallSession,
  useCallSessionActor,
} from '../call-session';
import { DocumentResult } from '../disposition';
import { type NoVisitDraft, NoVisitReasonPicker, noVisitReasonOf } from './NoVisitReasonPicker';

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
    (a, b) =>
      a.patient === b.patient &&
      a.reason === b.reason &&
      a.outcome === b.outcome &&
      a.override === b.override &&
      a.booking === b.booking &&
      a.warmTransfer === b.warmTransfer &&
      a.emergency === b.emergency,
  );
  const [code, setCode] = useState<WrapUpCode | null>(() => suggestedCode(summary));
  const [noVisit, setNoVisit] = useState<NoVisitDraft>({ code: null, text: '' });
  const stillConnected = line === 'connected';
  const visitMissing = visitMissingFor(summary);
  const noVisitReason = noVisitReasonOf(noVisit);
  const blocked = !code ? 'Choose a wrap-up code' : visitMissing && !noVisitReason ? 'Say why no visit was booked' : null;

  const finish = () => {
    if (!code || blocked) return;
    actor.send({ type: 'FINISH', code, ...(visitMissing ? { noVisitReason } : {}) });
  };
  useHotkeys([[FINISH_HOTKEY, finish]], []);

  return (
    <Stack gap="md" data-testid="wrap-up" maw={760}>
      <Title order={2} size="h4">
        Wrap-up
      </Title>
      {documentResult ? <DocumentResult result={documentResult} /> : null}
      <CallSummary context={summary} />
      {visitMissing ? <NoVisitReasonPicker dispositionLabel={disposition(visitMissing).label} value={noVisit} onChange={setNoVisit} /> : null}
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
          disabled={blocked !== null}
          title={blocked ?? undefined}
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
  const { patient, reason, outcome, booking, warmTransfer } = props.context;
  return (
    <Paper p="sm" data-testid="call-summary">
      <Stack gap={4}>
        <LabeledText label="Patient">{patient?.displayName ?? 'none'}</LabeledText>
        {reason ? (
          <LabeledText label="Reason">
            {reason.callTypeLabel} · {reason.reasonForCall}
          </LabeledText>
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
        {warmTransfer ? (
          <Text size="sm" data-testid="call-summary-transfer" data-status={warmTransfer.status}>
            <Text span c="dimmed">
              Warm transfer:{' '}
            </Text>
            {warmTransferSummary(warmTransfer)}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

type SuggestionContext = Pick<CallSessionContext, 'outcome' | 'documentResult' | 'patient'> &
  Partial<Pick<CallSessionContext, 'booking' | 'override' | 'warmTransfer' | 'emergency'>>;

/**
 * A starting point the agent can change: 911 dispositions are escalations, a warm transfer that went through is
 * a transfer, a booked visit is scheduled, a documented interview is resolved — unless its disposition called
 * for a visit that was not booked: then nothing is suggested (the call did not achieve what it should have, and
 * the agent says why).
 */
export function suggestedCode(context: SuggestionContext): WrapUpCode | null {
  if (context.outcome?.disposition.id === 'call-911') return 'escalated-911';
  // The emergency path finished (not left as "not an emergency"): the call went to 911.
  if (context.emergency && context.emergency.leftBecause === null) return 'escalated-911';
  if (context.warmTransfer?.status === 'transferred') return 'transferred';
  // A visit booked (or saved to be sent) on this call is what the call achieved.
  if (context.booking) return 'scheduled';
  if (visitMissingFor(context)) return null;
  if (context.documentResult) return 'resolved';
  if (!context.patient) return 'no-action';
  return null;
}

/** The disposition in force when it calls for a visit and none was booked on this call; else null. */
export function visitMissingFor(context: Pick<SuggestionContext, 'outcome' | 'override' | 'booking'>): DispositionId | null {
  const id = effectiveDispositionId({ outcome: context.outcome, override: context.override ?? null });
  return id !== null && callsForVisit(id) && !context.booking ? id : null;
}

function warmTransferSummary(transfer: NonNullable<CallSessionContext['warmTransfer']>): string {
  const to = transfer.targetLabel ?? 'the nurse queue';
  if (transfer.status === 'transferred') return `transferred to ${to}`;
  return `not completed; the escalation stays in the nurse queue as a callback${transfer.error ? ` (${transfer.error})` : ''}`;
}

