import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ok } from '../../bridge';
import type { FakeHandlers } from '../../bridge/fakeBridge';
import { CALL_ID, OTHER_CALL_ID, activeCall, ringingCall } from '../../test/fixtures';
import { workstationHandlers } from '../../test/handlers';
import { renderWithProviders } from '../../test/renderWithProviders';
import { PhoneBar } from './PhoneBar';
import { ShortcutsProvider } from './ShortcutsContext';

const nurseLine = { id: 'nurse-queue', label: 'Nurse line', kind: 'nurse-queue' as const, target: 'sip:nurses@127.0.0.1' };

function renderBar(overrides: FakeHandlers = {}) {
  localStorage.clear();
  return renderWithProviders(
    <ShortcutsProvider>
      <PhoneBar />
    </ShortcutsProvider>,
    {
      handlers: workstationHandlers({
        'call.list': () => ok([]),
        'call.hold': ({ callId, hold }) => ok(activeCall({ callId, held: hold })),
        'call.dial': ({ target }) => ok(activeCall({ callId: OTHER_CALL_ID, state: 'dialing', direction: 'outbound', from: { raw: target, e164: null, displayName: null } })),
        'call.dtmf': () => ok({}),
        'call.consult': ({ callId, target }) => ok(activeCall({ callId: OTHER_CALL_ID, state: 'dialing', direction: 'outbound', consultFor: callId, from: { raw: target, e164: null, displayName: null } })),
        'call.blindTransfer': ({ callId }) => ok(activeCall({ callId })),
        'call.completeTransfer': ({ callId }) => ok(activeCall({ callId })),
        'directory.list': () => ok([nurseLine]),
        ...overrides,
      }),
      session: {},
    },
  );
}

describe('PhoneBar', () => {
  it('shows the registration state and dials a number typed in the field with Enter', async () => {
    const { bridge, user } = renderBar();
    expect(screen.getByTestId('phone-registration')).toHaveTextContent('Phone ready');
    await user.type(screen.getByTestId('dial-target'), '+16175550100{Enter}');
    expect(bridge.invocationsOf('call.dial')).toEqual([{ target: '+16175550100' }]);
    await waitFor(() => expect(screen.getByTestId('dial-target')).toHaveValue(''));
  });

  it('is a dial pad when there is no call: digits go to the number to dial', async () => {
    const { bridge, user } = renderBar();
    await user.click(screen.getByTestId('phone-keypad'));
    await user.click(await screen.findByTestId('keypad-8'));
    await user.click(screen.getByTestId('keypad-1'));
    expect(screen.getByTestId('dial-target')).toHaveValue('81');
    expect(screen.getByTestId('keypad-sent')).toHaveTextContent('To dial: 81');
    expect(bridge.invocationsOf('call.dtmf')).toEqual([]);
  });

  it('holds and resumes the connected call with Alt+K, and sends tones from the keypad', async () => {
    const { bridge, user } = renderBar();
    act(() => bridge.emit('call.updated', activeCall()));
    await user.keyboard('{Alt>}k{/Alt}');
    expect(bridge.invocationsOf('call.hold')).toEqual([{ callId: CALL_ID, hold: true }]);
    act(() => bridge.emit('call.updated', activeCall({ held: true })));
    expect(screen.getByTestId('phone-hold')).toHaveTextContent('Resume');
    await user.click(screen.getByTestId('phone-hold'));
    expect(bridge.invocationsOf('call.hold').at(-1)).toEqual({ callId: CALL_ID, hold: false });

    act(() => bridge.emit('call.updated', activeCall({ held: false })));
    await user.click(screen.getByTestId('phone-keypad'));
    await user.click(await screen.findByTestId('keypad-5'));
    await user.click(screen.getByTestId('keypad-#'));
    expect(bridge.invocationsOf('call.dtmf')).toEqual([{ callId: CALL_ID, tones: '5' }, { callId: CALL_ID, tones: '#' }]);
    expect(screen.getByTestId('keypad-sent')).toHaveTextContent('Sent: 5#');
  });

  it('transfers: consult a directory entry, then complete the transfer from the consultation panel', async () => {
    const { bridge, user } = renderBar();
    act(() => bridge.emit('call.updated', activeCall()));
    await user.keyboard('{Alt>}t{/Alt}');
    const dialog = await screen.findByTestId('transfer-dialog');
    await user.type(within(dialog).getByTestId('transfer-target'), 'nurse');
    await user.click(within(dialog).getByTestId('transfer-consult'));
    expect(bridge.invocationsOf('call.consult')).toEqual([{ callId: CALL_ID, target: 'sip:nurses@127.0.0.1' }]);

    act(() => {
      bridge.emit('call.updated', activeCall({ held: true }));
      bridge.emit('call.updated', activeCall({ callId: OTHER_CALL_ID, direction: 'outbound', consultFor: CALL_ID, ringAt: Date.now() }));
    });
    await user.click(screen.getByTestId('phone-complete-transfer'));
    expect(bridge.invocationsOf('call.completeTransfer')).toEqual([{ callId: CALL_ID, consultCallId: OTHER_CALL_ID }]);
  });

  it('offers a second ringing call (call waiting): answer it, which holds the first, or decline it', async () => {
    const { bridge, user } = renderBar({ 'call.answer': ({ callId }) => ok(activeCall({ callId })), 'call.decline': ({ callId }) => ok(activeCall({ callId, state: 'ended' })) });
    // The first caller is the one the workflow follows (it rang first); the second rings while we talk.
    act(() => bridge.emit('call.incoming', ringingCall()));
    act(() => bridge.emit('call.updated', activeCall()));
    act(() => bridge.emit('call.incoming', ringingCall({ callId: OTHER_CALL_ID, ringAt: Date.now() })));
    expect(screen.getByTestId('phone-waiting-call')).toHaveTextContent('Also ringing');
    await user.click(screen.getByTestId('phone-answer-waiting'));
    expect(bridge.invocationsOf('call.answer')).toEqual([{ callId: OTHER_CALL_ID }]);
    await user.click(screen.getByTestId('phone-decline-waiting'));
    expect(bridge.invocationsOf('call.decline')).toEqual([{ callId: OTHER_CALL_ID }]);
  });

  it('shows a refusal from the phone system in words', async () => {
    const { bridge, user } = renderBar({ 'call.blindTransfer': () => ({ ok: false, error: { code: 'conflict', message: "The caller's phone refused the transfer." } }) });
    act(() => bridge.emit('call.updated', activeCall()));
    await user.click(screen.getByTestId('phone-transfer'));
    const dialog = await screen.findByTestId('transfer-dialog');
    await user.type(within(dialog).getByTestId('transfer-target'), '+16175550199');
    await user.click(within(dialog).getByTestId('transfer-blind'));
    expect(await within(dialog).findByTestId('transfer-error')).toHaveTextContent('refused the transfer');
    expect(screen.getByTestId('phone-error')).toHaveTextContent('refused the transfer');
  });
});
