import { Alert, Badge, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useEffect, useEffectEvent, useState } from 'react';
import type { CallInfo } from '../../../../src-preload/contract';
import { useBridge, useEvent } from '../../bridge';
import { LabeledText, Shortcut } from '../../ui';
import { selectCall, selectPatient, useCallSession, useCallSessionActor } from '../call-session';
import { WARM_TRANSFER_HOTKEY } from './EscalationPane';

export const COMPLETE_TRANSFER_HOTKEY = 'Ctrl+Enter';
export const LEAVE_AS_CALLBACK_HOTKEY = 'Alt+C';

/** Where the warm transfer stands, for the pane (the machine's substate plus the consultation call's state). */
export type WarmTransferPhase = 'calling' | 'ringing' | 'briefing' | 'no-answer' | 'completing' | 'cancelling' | 'failed';

/**
 * The escalation is documented; the caller is on hold while the nurse queue is called. When the nurse answers,
 * the agent briefs them (their screen already shows the patient and the escalation, carried with the call) and
 * joins the caller to them (Ctrl+Enter). If no one answers: call again (Alt+W) or leave it as a nurse callback
 * (Alt+C): the Task in the nurse queue stays either way.
 */
export function WarmTransferPane() {
  const actor = useCallSessionActor();
  const sub = useCallSession((s) => (s.value as { workflow: { warmTransfer?: string } }).workflow.warmTransfer ?? 'consulting');
  const transfer = useCallSession((s) => s.context.warmTransfer ?? null);
  const escalation = useCallSession((s) => s.context.escalation);
  const reason = useCallSession((s) => s.context.reason);
  const patient = useCallSession(selectPatient);
  const call = useCallSession(selectCall);
  const consult = useConsultationOf(call?.callId ?? null);
  const phase = warmTransferPhase(sub, consult && consult.callId === transfer?.consultCallId ? consult : null);
  const target = transfer?.targetLabel ?? 'the nurse queue';

  const complete = () => {
    if (phase === 'briefing') actor.send({ type: 'WARM_TRANSFER.COMPLETE' });
  };
  const callAgain = () => {
    if (phase === 'no-answer' || phase === 'failed') actor.send({ type: 'WARM_TRANSFER.RETRY' });
  };
  const leave = () => {
    if (phase !== 'completing' && phase !== 'cancelling' && phase !== 'calling') actor.send({ type: 'WARM_TRANSFER.CANCEL' });
  };
  useHotkeys(
    [
      [COMPLETE_TRANSFER_HOTKEY, complete],
      [WARM_TRANSFER_HOTKEY, callAgain, { usePhysicalKeys: true }],
      [LEAVE_AS_CALLBACK_HOTKEY, leave, { usePhysicalKeys: true }],
    ],
    [],
  );

  return (
    <Stack gap="md" data-testid="warm-transfer" data-phase={phase} maw={820}>
      <Title order={2} size="h4">
        Warm transfer to {target}
      </Title>
      <PhaseStatus phase={phase} target={target} />
      {transfer?.error ? (
        <Alert color="red" variant="light" role="alert" data-testid="warm-transfer-error">
          {transfer.error}
        </Alert>
      ) : null}

      <Paper p="md" data-testid="warm-transfer-briefing">
        <Stack gap={4}>
          <Text fw={600} size="sm">
            Brief the nurse
          </Text>
          <LabeledText label="Patient">{patient?.displayName ?? 'not verified'}</LabeledText>
          {reason ? <LabeledText label="Reason">{reason.reasonForCall}</LabeledText> : null}
          {escalation ? (
            <Group gap={6}>
              <Text size="sm" c="dimmed">
                Priority:
              </Text>
              <Badge variant="light" data-testid="warm-transfer-priority">
                {escalation.priority}
              </Badge>
              <Text size="xs" c="dimmed">
                Red-flag screen negative; no advice given.
              </Text>
            </Group>
          ) : null}
        </Stack>
      </Paper>

      <Group justify="space-between">
        <Button
          variant="subtle"
          onClick={leave}
          disabled={phase === 'completing' || phase === 'cancelling' || phase === 'calling'}
          data-testid="warm-transfer-cancel"
          aria-keyshortcuts="Alt+C"
          rightSection={<Shortcut keys={LEAVE_AS_CALLBACK_HOTKEY} />}
        >
          Leave as a nurse callback
        </Button>
        {phase === 'no-answer' || phase === 'failed' ? (
          <Button onClick={callAgain} data-testid="warm-transfer-retry" aria-keyshortcuts="Alt+W" rightSection={<Shortcut keys={WARM_TRANSFER_HOTKEY} />}>
            Call {target} again
          </Button>
        ) : (
          <Button
            size="md"
            onClick={complete}
            disabled={phase !== 'briefing'}
            loading={phase === 'completing'}
            title={phase === 'briefing' ? undefined : 'When the nurse answers and is briefed'}
            data-testid="warm-transfer-complete"
            aria-keyshortcuts="Control+Enter"
            rightSection={<Shortcut keys={COMPLETE_TRANSFER_HOTKEY} />}
          >
            Complete the transfer
          </Button>
        )}
      </Group>
    </Stack>
  );
}

function PhaseStatus(props: { readonly phase: WarmTransferPhase; readonly target: string }) {
  const waiting = (text: string) => (
    <Group gap="xs" role="status" data-testid="warm-transfer-status">
      <Loader size="sm" />
      <Text size="sm">{text}</Text>
    </Group>
  );
  switch (props.phase) {
    case 'calling':
      return waiting(`Calling ${props.target}; the caller is on hold…`);
    case 'ringing':
      return waiting(`Ringing ${props.target}; the caller is on hold…`);
    case 'completing':
      return waiting('Joining the caller to the nurse…');
    case 'cancelling':
      return waiting('Hanging up the nurse line and taking the caller back…');
    case 'briefing':
      return (
        <Alert color="green" variant="light" role="status" data-testid="warm-transfer-status">
          The nurse is on the line and sees this patient and the escalation. Brief them, then complete the transfer.
        </Alert>
      );
    case 'no-answer':
      return (
        <Alert color="orange" variant="light" role="status" data-testid="warm-transfer-status">
          {props.target} did not answer. Call again, or leave the call as a nurse callback (the Task is in the nurse queue) and tell the caller a nurse will call back.
        </Alert>
      );
    case 'failed':
      return (
        <Alert color="orange" variant="light" role="status" data-testid="warm-transfer-status">
          The nurse queue could not be called. Try again, or leave the call as a nurse callback.
        </Alert>
      );
  }
}

/**
 * The pane's phase from the machine's substate and the consultation call as main last reported it (null: not
 * heard of yet, so still ringing).
 */
export function warmTransferPhase(substate: string, consult: Pick<CallInfo, 'state'> | null): WarmTransferPhase {
  switch (substate) {
    case 'completing':
      return 'completing';
    case 'cancelling':
      return 'cancelling';
    case 'failed':
      return 'failed';
    case 'briefing':
      if (consult?.state === 'ended') return 'no-answer';
      return consult?.state === 'active' ? 'briefing' : 'ringing';
    default:
      return 'calling';
  }
}

/**
 * The latest consultation call about `callerCallId` (the newest, after a retry), ended ones included: a
 * consultation that ends unanswered must show as such, not vanish. Caught up from `call.list` on mount.
 */
function useConsultationOf(callerCallId: string | null): CallInfo | null {
  const bridge = useBridge();
  const [latest, setLatest] = useState<CallInfo | null>(null);
  const take = (call: CallInfo) => {
    if (callerCallId !== null && call.consultFor === callerCallId) setLatest((known) => (known && known.callId !== call.callId && known.ringAt > call.ringAt ? known : call));
  };
  useEvent('call.updated', take);
  const takeAll = useEffectEvent((calls: readonly CallInfo[]) => calls.forEach(take));
  useEffect(() => {
    let current = true;
    void bridge.invoke('call.list', {}).then((result) => {
      if (current && result.ok) takeAll(result.value);
    });
    return () => {
      current = false;
    };
  }, [bridge, callerCallId]);
  return latest;
}
