import { Alert, Badge, Button, Group, List, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useState } from 'react';
import { OVERRIDE_REASON_MIN, type PatientSummary, disposition } from '../../../../src-preload/contract';
import { useBridge, useInvoke } from '../../bridge';
import { ShortcutButton, formatPhone } from '../../ui';
import { useCallSession, useCallSessionActor } from '../call-session';
import { useRedFlagScreen } from './useRedFlagScreen';

export const CONNECT_HOTKEY = 'Alt+C';
export const DONE_HOTKEY = 'Ctrl+Enter';

/**
 * The emergency path: what to say (the 911 script), where the patient is (the chart's address and the one the
 * caller gives now), how to reach the caller back, and "connect to 911" through the softphone — as a consultation
 * (the caller waits on hold while the agent gives the dispatcher the address, then completes the transfer from the
 * phone bar) or a transfer now. Opened from any step with Alt+E; the agent's work on the call is kept behind it.
 */
export function EmergencyPane() {
  const actor = useCallSessionActor();
  const bridge = useBridge();
  const emergency = useCallSession((s) => s.context.emergency ?? null);
  const call = useCallSession((s) => s.context.call);
  const patient = useCallSession((s) => s.context.patient ?? s.context.candidate);
  const directory = useInvoke('directory.list', {});
  const target = (directory.data ?? []).find((e) => e.kind === 'emergency') ?? null;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const [leaveReason, setLeaveReason] = useState('');
  const lineUp = call?.state === 'active';
  const documenting = useCallSession((s) => s.matches({ workflow: 'documenting' }));
  const documentError = useCallSession((s) => s.context.documentError);
  const verified = useCallSession((s) => s.context.patient !== null);
  // The emergency is documented under the red-flag screen (its version goes into the EHR with it).
  const redFlagScreen = useRedFlagScreen();

  const connect = async (mode: 'consult' | 'transfer') => {
    if (!target || !call || !lineUp || busy || emergency?.connected) return;
    setBusy(true);
    const result = await bridge.invoke(mode === 'consult' ? 'call.consult' : 'call.blindTransfer', { callId: call.callId, target: target.target });
    setBusy(false);
    if (!result.ok) return setError(`Could not connect to ${target.label}: ${result.error.message} Dial 911 from another phone if needed.`);
    setError(null);
    actor.send({ type: 'EMERGENCY.CONNECTED', target: target.target, label: target.label, mode });
  };
  const done = () => {
    if (documenting) return;
    actor.send({ type: 'EMERGENCY.DONE', screen: redFlagScreen ? { id: redFlagScreen.id, version: redFlagScreen.version, title: redFlagScreen.title } : null });
  };
  useHotkeys(
    [
      [CONNECT_HOTKEY, () => void connect('consult'), { usePhysicalKeys: true }],
      [DONE_HOTKEY, done],
    ],
    [],
  );
  if (!emergency) return null;
  const chartAddress = addressLine(patient);
  const script = disposition('call-911').script;

  return (
    <Stack gap="sm" data-testid="emergency-pane" maw={860}>
      <Group gap="sm">
        <Title order={2} size="h4" c="red.8">
          Emergency: call 911
        </Title>
        <Badge color="red" variant="filled" data-testid="emergency-because">
          {emergency.because}
        </Badge>
      </Group>
      <Alert color="red" variant="light" title="Say to the caller" data-testid="emergency-script">
        <Text fw={600}>{script}</Text>
        <Text size="sm" mt={4}>
          Stay on the line with me. I am connecting you to 911 now; tell them the address where the patient is.
        </Text>
      </Alert>
      <Paper withBorder p="sm">
        <Stack gap={6}>
          <Text size="sm" fw={600}>
            Where is the patient right now?
          </Text>
          {chartAddress ? (
            <Text size="sm" data-testid="emergency-chart-address">
              On the chart ({patient?.displayName}): <b>{chartAddress}</b> — confirm it is where they are now.
            </Text>
          ) : (
            <Text size="sm" c="dimmed" data-testid="emergency-chart-address">
              No address on file for this caller: ask for it.
            </Text>
          )}
          <TextInput
            label="Address as the caller gives it (street, number, city; apartment, floor)"
            value={emergency.address}
            onChange={(e) => actor.send({ type: 'EMERGENCY.ADDRESS', address: e.currentTarget.value })}
            maxLength={300}
            data-autofocus
            autoFocus
            data-testid="emergency-address"
          />
          <Text size="sm" data-testid="emergency-callback">
            Callback number: <b>{call ? formatPhone(call.from.e164, call.from.raw) : 'unknown'}</b>
          </Text>
        </Stack>
      </Paper>
      <Group gap="sm">
        <ShortcutButton
          keys={CONNECT_HOTKEY}
          color="red"
          onClick={() => void connect('consult')}
          disabled={!target || !lineUp || emergency.connected !== null}
          loading={busy}
          data-testid="emergency-connect"
        >
          Connect to {target?.label ?? '911'} (stay on the line)
        </ShortcutButton>
        <Button
          variant="outline"
          color="red"
          onClick={() => void connect('transfer')}
          disabled={!target || !lineUp || emergency.connected !== null}
          data-testid="emergency-transfer"
        >
          Transfer now
        </Button>
      </Group>
      {emergency.connected ? (
        <Alert color="green" variant="light" data-testid="emergency-connected">
          {emergency.connected.mode === 'consult'
            ? `Calling ${emergency.connected.label}. The caller is on hold: give the dispatcher the address and callback number, then Complete transfer in the phone bar.`
            : `The caller was transferred to ${emergency.connected.label}.`}
        </Alert>
      ) : null}
      {!lineUp && !emergency.connected ? (
        <Alert color="orange" variant="light" data-testid="emergency-no-line">
          The caller is not on the line: call back {call ? formatPhone(call.from.e164, call.from.raw) : ''}, or have 911 sent to the address above.
        </Alert>
      ) : null}
      {error ? (
        <Alert color="red" role="alert" data-testid="emergency-error">
          {error}
        </Alert>
      ) : null}
      {documentError ? (
        <Alert color="red" role="alert" data-testid="emergency-document-error" title="Not documented yet">
          {documentError.message}
        </Alert>
      ) : null}
      <Text size="xs" c="dimmed">
        Softphone 911 calls can reach the dispatcher with the call center&apos;s location, not the caller&apos;s: always say the
        address and the callback number.
      </Text>
      <List size="xs" c="dimmed">
        <List.Item>Your work on this call is kept; identity can be verified after the emergency.</List.Item>
      </List>
      <Group gap="sm">
        <ShortcutButton keys={DONE_HOTKEY} onClick={done} loading={documenting} data-testid="emergency-done">
          {verified ? 'Emergency handled: document' : 'Emergency handled: verify the patient, then document'}
        </ShortcutButton>
        <Button variant="default" onClick={() => setLeaving(true)} data-testid="emergency-leave">
          Not an emergency…
        </Button>
      </Group>
      {leaving ? (
        <Paper withBorder p="sm">
          <Textarea
            label={`Why is this not an emergency? (at least ${OVERRIDE_REASON_MIN} characters)`}
            value={leaveReason}
            onChange={(e) => setLeaveReason(e.currentTarget.value)}
            maxLength={500}
            autoFocus
            data-testid="emergency-leave-reason"
          />
          <Group mt="xs">
            <Button
              disabled={leaveReason.trim().length < OVERRIDE_REASON_MIN}
              onClick={() => actor.send({ type: 'EMERGENCY.LEAVE', reason: leaveReason })}
              data-testid="emergency-leave-confirm"
            >
              Back to the call
            </Button>
          </Group>
        </Paper>
      ) : null}
    </Stack>
  );
}

function addressLine(patient: PatientSummary | null): string | null {
  const a = patient?.address;
  if (!a) return null;
  return [...a.line, a.city, `${a.state} ${a.postalCode}`.trim()].filter((p) => p.length > 0).join(', ');
}

