import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { callSessionMachine, useCallSession } from '../call-session';
import { sessionAtDisposition } from '../../test/callSessions';
import { workstationHandlers } from '../../test/handlers';
import { renderWithProviders } from '../../test/renderWithProviders';
import { WrapUpPane, suggestedCode } from './WrapUpPane';
import { searchResult } from '../../test/schedulingFixtures';

const offer = (i: number) => {
  const found = searchResult().offers[i];
  if (!found) throw new Error('fixture without offers');
  return found;
};

function StepProbe() {
  const step = useCallSession((s) => JSON.stringify(s.value));
  return <output data-testid="probe-step">{step}</output>;
}

function sessionAtWrapUp() {
  const { context } = sessionAtDisposition('agent');
  return callSessionMachine.resolveState({ value: { line: 'ended', workflow: 'wrapUp' }, context: { ...context, outcome: null } });
}

describe('WrapUpPane', () => {
  it('needs a wrap-up code, then finishes without hanging up an ended call', async () => {
    const { bridge, user } = renderWithProviders(
      <>
        <WrapUpPane />
        <StepProbe />
      </>,
      { handlers: workstationHandlers(), session: {}, callSnapshot: sessionAtWrapUp() },
    );
    expect(screen.getByTestId('wrap-up-finish')).toBeDisabled();
    expect(screen.getByTestId('wrap-up-finish')).toHaveTextContent(/^Finish/);
    await user.click(screen.getByTestId('wrap-up-code-transferred'));
    await user.click(screen.getByTestId('wrap-up-finish'));
    expect(screen.getByTestId('probe-step')).toHaveTextContent('"workflow":"idle"');
    expect(bridge.invocationsOf('call.hangUp')).toEqual([]);
  });

  it('suggests a code from what happened', () => {
    const base = sessionAtDisposition('agent').context;
    expect(suggestedCode({ ...base, outcome: { ...base.outcome!, disposition: { id: 'call-911', because: 'x' } } })).toBe('escalated-911');
    expect(
      suggestedCode({ ...base, documentResult: { outcome: 'queued', outboxId: '11111111-2222-4333-8444-555555555555', reason: 'x' } }),
    ).toBe('resolved');
    expect(suggestedCode({ ...base, patient: null, outcome: null })).toBe('no-action');
    const booked = { outcome: 'booked' as const, appointmentId: 'appt-1', outboxId: '11111111-2222-4333-8444-555555555555', offer: offer(0), confirmationScript: 'See you.' };
    expect(suggestedCode({ ...base, booking: booked })).toBe('scheduled');
  });
});
