import { Alert, Badge, Button, Group, Popover, Text, TextInput, Tooltip } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { type ReactNode, useRef, useState } from 'react';
import type { CallInfo, InvokeChannel, InvokeRequest } from '../../../../src-preload/contract';
import { useBridge } from '../../bridge';
import { Shortcut, formatPhone } from '../../ui';
import { selectCall, useCallSession } from '../call-session';
import { useSession } from '../session';
import { Keypad } from './Keypad';
import { consultationOf, focusedCall } from './liveCalls';
import { useShortcuts } from './ShortcutsContext';
import { TransferDialog } from './TransferDialog';
import { useLiveCalls } from './useLiveCalls';

export interface PhoneBarProps {
  /** Microphone mute, owned by the renderer's media engine (absent on the demo line). */
  readonly mute?: { readonly muted: boolean; readonly toggle: () => void };
  /** Call quality badge for the focused call, from the media engine. */
  readonly quality?: (callId: string) => ReactNode;
}

const REGISTRATION_LABELS = {
  registered: { label: 'Phone ready', color: 'green' },
  registering: { label: 'Phone registering…', color: 'yellow' },
  reconnecting: { label: 'Phone reconnecting…', color: 'orange' },
  failed: { label: 'Phone offline', color: 'red' },
  unregistered: { label: 'Phone off', color: 'gray' },
} as const;

/**
 * The softphone's controls under the call bar: dial, hold/resume, mute, keypad, transfer (now or after a
 * consultation), and every other live call (a caller on hold, a second line). Each action has a configurable
 * shortcut; errors from the phone system are shown in words and nothing is lost.
 */
export function PhoneBar(props: PhoneBarProps) {
  const bridge = useBridge();
  const { env } = useSession();
  const { shortcuts } = useShortcuts();
  const calls = useLiveCalls();
  // The call the clinical workflow follows is answered and hung up in the call bar; every other call (a second
  // line, a call we placed) is handled here.
  const workflowCallId = useCallSession(selectCall)?.callId ?? null;
  const otherRinging = calls.filter((c) => c.state === 'ringing' && c.callId !== workflowCallId);
  const focused = focusedCall(calls);
  const consultation = consultationOf(calls);
  const [error, setError] = useState<string | null>(null);
  const [dialTarget, setDialTarget] = useState('');
  const [keypadOpen, setKeypadOpen] = useState(false);
  const [tonesSent, setTonesSent] = useState('');
  const [transferOpen, setTransferOpen] = useState(false);
  const dialRef = useRef<HTMLInputElement>(null);

  const act = async <C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<string | null> => {
    const result = await bridge.invoke(channel, request);
    const message = result.ok ? null : result.error.message;
    setError(message);
    return message;
  };

  const connected = focused?.state === 'active';
  const toggleHold = () => {
    if (focused && connected) void act('call.hold', { callId: focused.callId, hold: !focused.held });
  };
  const dial = () => {
    const target = dialTarget.trim();
    if (!target) return;
    void act('call.dial', { target }).then((failure) => {
      if (!failure) setDialTarget('');
    });
  };
  const sendTone = (tone: string) => {
    if (!focused || !connected) {
      // No call: the keypad is a dial pad.
      setDialTarget((target) => (target + tone).slice(0, 32));
      return;
    }
    setTonesSent((sent) => (sent + tone).slice(-24));
    void act('call.dtmf', { callId: focused.callId, tones: tone });
  };
  const transferTarget = consultation?.caller ?? focused;
  const completeTransfer = () => {
    if (consultation && consultation.consult.state === 'active') {
      void act('call.completeTransfer', { callId: consultation.caller.callId, consultCallId: consultation.consult.callId });
    }
  };
  const backToCaller = () => {
    if (!consultation) return;
    void act('call.hangUp', { callId: consultation.consult.callId }).then((failure) => {
      if (!failure) void act('call.hold', { callId: consultation.caller.callId, hold: false });
    });
  };

  useHotkeys(
    [
      [shortcuts.hold, toggleHold, { usePhysicalKeys: true }],
      [shortcuts.mute, () => props.mute?.toggle(), { usePhysicalKeys: true }],
      [shortcuts.transfer, () => connected && setTransferOpen(true), { usePhysicalKeys: true }],
      [shortcuts.keypad, () => setKeypadOpen((open) => !open), { usePhysicalKeys: true }],
      [shortcuts.dial, () => dialRef.current?.focus(), { usePhysicalKeys: true }],
      [shortcuts.completeTransfer, completeTransfer, { usePhysicalKeys: true }],
      [shortcuts.backToCaller, backToCaller, { usePhysicalKeys: true }],
    ],
    [],
  );

  const registration = REGISTRATION_LABELS[env.telephony.registration];
  return (
    <Group h="100%" px="md" gap="sm" wrap="nowrap" justify="space-between" data-testid="phone-bar" role="toolbar" aria-label="Phone">
      <Group gap="sm" wrap="nowrap">
        <Tooltip label={env.telephony.message ?? env.telephony.label} disabled={!env.telephony.message && !env.telephony.label}>
          <Badge color={registration.color} variant="light" data-testid="phone-registration" data-registration={env.telephony.registration}>
            {registration.label}
          </Badge>
        </Tooltip>
        <TextInput
          ref={dialRef}
          size="xs"
          w={180}
          placeholder="Number or sip: address"
          aria-label="Number to dial"
          value={dialTarget}
          onChange={(e) => setDialTarget(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') dial();
          }}
          rightSection={<Shortcut keys={shortcuts.dial} />}
          rightSectionWidth={56}
          data-testid="dial-target"
        />
        <Button size="xs" variant="light" onClick={dial} disabled={!dialTarget.trim()} data-testid="dial-call">
          Call
        </Button>
        <Popover opened={keypadOpen} onChange={setKeypadOpen} trapFocus position="bottom" withArrow>
          <Popover.Target>
            <Button size="xs" variant="default" onClick={() => setKeypadOpen((o) => !o)} data-testid="phone-keypad" rightSection={<Shortcut keys={shortcuts.keypad} />}>
              Keypad
            </Button>
          </Popover.Target>
          <Popover.Dropdown>
            <Keypad onTone={sendTone} sent={focused && connected ? tonesSent : dialTarget} mode={focused && connected ? 'tones' : 'dial'} />
          </Popover.Dropdown>
        </Popover>
      </Group>

      <Group gap="xs" wrap="nowrap">
        {focused ? (
          <>
            <Text size="xs" c="dimmed" data-testid="phone-focused" data-call-id={focused.callId} data-held={focused.held} data-state={focused.state}>
              {focused.state === 'dialing' ? 'Calling' : focused.held ? 'On hold' : 'With'} {partyOf(focused)}
            </Text>
            {props.quality && connected ? props.quality(focused.callId) : null}
            <Button size="xs" variant={focused.held ? 'filled' : 'default'} color={focused.held ? 'orange' : undefined} disabled={!connected} onClick={toggleHold} data-testid="phone-hold" rightSection={<Shortcut keys={shortcuts.hold} />}>
              {focused.held ? 'Resume' : 'Hold'}
            </Button>
            {props.mute ? (
              <Button size="xs" variant={props.mute.muted ? 'filled' : 'default'} color={props.mute.muted ? 'red' : undefined} onClick={props.mute.toggle} data-testid="phone-mute" aria-pressed={props.mute.muted} rightSection={<Shortcut keys={shortcuts.mute} />}>
                {props.mute.muted ? 'Unmute' : 'Mute'}
              </Button>
            ) : null}
            <Button size="xs" variant="default" disabled={!connected || consultation !== null} onClick={() => setTransferOpen(true)} data-testid="phone-transfer" rightSection={<Shortcut keys={shortcuts.transfer} />}>
              Transfer
            </Button>
            {focused.callId !== workflowCallId ? (
              // Calls outside the call bar's workflow (placed by us, a second line): hang them up here.
              <Button size="xs" color="red" variant="light" onClick={() => void act('call.hangUp', { callId: focused.callId })} data-testid="phone-hangup">
                {focused.state === 'dialing' ? 'Cancel' : 'Hang up'}
              </Button>
            ) : null}
          </>
        ) : null}
        {otherRinging.map((c) => (
          <Group key={c.callId} gap={4} wrap="nowrap" data-testid="phone-waiting-call">
            <Text size="xs" fw={600} c="orange.8">
              Also ringing: {partyOf(c)}
            </Text>
            <Button size="xs" color="green" onClick={() => void act('call.answer', { callId: c.callId })} data-testid="phone-answer-waiting" rightSection={<Shortcut keys={shortcuts.answer} />}>
              Answer (holds the current call)
            </Button>
            <Button size="xs" variant="default" onClick={() => void act('call.decline', { callId: c.callId })} data-testid="phone-decline-waiting" rightSection={<Shortcut keys={shortcuts.decline} />}>
              Decline
            </Button>
          </Group>
        ))}
        {consultation ? (
          <Group gap={6} wrap="nowrap" data-testid="phone-consultation">
            <Text size="xs">Caller on hold while you consult {partyOf(consultation.consult)}</Text>
            <Button size="xs" color="green" disabled={consultation.consult.state !== 'active'} onClick={completeTransfer} data-testid="phone-complete-transfer" rightSection={<Shortcut keys={shortcuts.completeTransfer} />}>
              Complete transfer
            </Button>
            <Button size="xs" variant="default" onClick={backToCaller} data-testid="phone-back-to-caller" rightSection={<Shortcut keys={shortcuts.backToCaller} />}>
              Back to caller
            </Button>
          </Group>
        ) : null}
        {calls
          .filter((c) => c.callId !== focused?.callId && c.callId !== consultation?.caller.callId && c.state === 'active' && c.held)
          .map((c) => (
            <Group key={c.callId} gap={4} wrap="nowrap" data-testid="phone-held-call">
              <Text size="xs">On hold: {partyOf(c)}</Text>
              <Button size="xs" variant="default" onClick={() => void act('call.hold', { callId: c.callId, hold: false })}>
                Resume
              </Button>
            </Group>
          ))}
        {error ? (
          <Alert color="red" variant="light" p={4} role="alert" data-testid="phone-error" withCloseButton onClose={() => setError(null)}>
            <Text size="xs">{error}</Text>
          </Alert>
        ) : null}
      </Group>

      <TransferDialog
        opened={transferOpen}
        onClose={() => setTransferOpen(false)}
        onBlind={(target) => (transferTarget ? act('call.blindTransfer', { callId: transferTarget.callId, target }) : Promise.resolve('No call to transfer.'))}
        onConsult={(target) => (transferTarget ? act('call.consult', { callId: transferTarget.callId, target }) : Promise.resolve('No call to transfer.'))}
      />
    </Group>
  );
}

function partyOf(call: CallInfo): string {
  return call.from.displayName ?? formatPhone(call.from.e164, call.from.raw);
}
