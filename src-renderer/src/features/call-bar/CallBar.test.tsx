import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CALL_ID, nurseUser, ringingCall } from '../../test/fixtures';
import { workstationHandlers } from '../../test/handlers';
import { renderWithProviders } from '../../test/renderWithProviders';
import { CallBar } from './CallBar';
import { callElapsedMs } from './useCallTimer';

describe('CallBar', () => {
  it('shows a ringing call: state, formatted caller, service line, IVR choice and timer', async () => {
    const { bridge } = renderWithProviders(<CallBar />, { handlers: workstationHandlers(), session: { user: nurseUser } });
    expect(screen.getByTestId('call-state')).toHaveTextContent('No call');
    expect(screen.getByTestId('call-answer')).toBeDisabled();

    act(() => bridge.emit('call.incoming', ringingCall({ ringAt: Date.now() - 7_000 })));

    expect(screen.getByTestId('call-state')).toHaveTextContent('Ringing');
    expect(screen.getByTestId('call-caller-number')).toHaveTextContent('(555) 555-0123');
    expect(screen.getByTestId('call-service-line')).toHaveTextContent('Family Medicine Nurse Line');
    expect(screen.getByTestId('call-ivr')).toHaveTextContent('1 · Nurse advice');
    expect(screen.getByTestId('call-timer')).toHaveTextContent(/^00:0[6-8]$/);
    expect(screen.getByTestId('call-answer')).toBeEnabled();
    expect(screen.getByTestId('call-hangup')).toBeDisabled();
    expect(screen.getByTestId('signed-in-user')).toHaveTextContent('Noor Haddad, RN');
    expect(screen.getByTestId('signed-in-role')).toHaveTextContent('Triage nurse');
  });

  it('answers with Alt+A and hangs up with Alt+H, even while typing in a field', async () => {
    const { bridge, user } = renderWithProviders(
      <>
        <input aria-label="notes" />
        <CallBar />
      </>,
      { handlers: workstationHandlers(), session: {} },
    );
    act(() => bridge.emit('call.incoming', ringingCall()));
    await user.click(screen.getByLabelText('notes'));

    await user.keyboard('{Alt>}a{/Alt}');
    expect(bridge.invocationsOf('call.answer')).toEqual([{ callId: CALL_ID }]);
    await waitFor(() => expect(screen.getByTestId('call-state')).toHaveTextContent('Active'));

    await user.keyboard('{Alt>}h{/Alt}');
    expect(bridge.invocationsOf('call.hangUp')).toEqual([{ callId: CALL_ID }]);
    await waitFor(() => expect(screen.getByTestId('call-state')).toHaveTextContent('Ended'));
  });

  it('never lets a second caller ring unseen while the agent is busy with the first', async () => {
    const { bridge } = renderWithProviders(<CallBar />, { handlers: workstationHandlers(), session: {} });
    act(() => bridge.emit('call.incoming', ringingCall()));
    expect(screen.queryByTestId('call-waiting')).not.toBeInTheDocument();

    const second = ringingCall({ callId: '7b0e4c1a-2f8d-4d3e-9c61-0a5b8e2f4d10', from: { raw: '+16175550188', e164: '+16175550188', displayName: null } });
    act(() => bridge.emit('call.incoming', second));
    expect(screen.getByTestId('call-waiting')).toHaveTextContent('Another call is ringing: (617) 555-0188');
    // The call on screen is still the first one.
    expect(screen.getByTestId('call-caller-number')).toHaveTextContent('(555) 555-0123');

    act(() => bridge.emit('call.updated', { ...second, state: 'ended', endedAt: Date.now() }));
    expect(screen.queryByTestId('call-waiting')).not.toBeInTheDocument();
  });

  it('does not answer when nothing is ringing', async () => {
    const { bridge, user } = renderWithProviders(<CallBar />, { handlers: workstationHandlers(), session: {} });
    await user.keyboard('{Alt>}a{/Alt}');
    expect(bridge.invocationsOf('call.answer')).toEqual([]);
  });

  it('shows why answering failed', async () => {
    const { bridge, user } = renderWithProviders(<CallBar />, {
      handlers: workstationHandlers({
        'call.answer': () => ({ ok: false, error: { code: 'conflict', message: 'Another agent answered this call.' } }),
      }),
      session: {},
    });
    act(() => bridge.emit('call.incoming', ringingCall()));
    await user.click(screen.getByTestId('call-answer'));
    expect(await screen.findByTestId('call-line-error')).toHaveTextContent('Another agent answered this call.');
    expect(screen.getByTestId('call-state')).toHaveTextContent('Ringing');
  });
});

describe('callElapsedMs', () => {
  it('counts ring time before answer, talk time after, and freezes at the end', () => {
    const ring = ringingCall({ ringAt: 1_000 });
    expect(callElapsedMs(ring, 4_000)).toBe(3_000);
    expect(callElapsedMs({ ...ring, state: 'active', answeredAt: 2_000 }, 9_000)).toBe(7_000);
    expect(callElapsedMs({ ...ring, state: 'ended', answeredAt: 2_000, endedAt: 5_000 }, 99_000)).toBe(3_000);
  });
});
