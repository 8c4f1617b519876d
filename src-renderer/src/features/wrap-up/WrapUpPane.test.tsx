import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { callSessionMachine, useCallSession } from '../call-session';
import { homeCareOutcome, sessionAtDisposition } from '../../test/callSessions';
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

const documented = { outcome: 'queued' as const, outboxId: '11111111-2222-4333-8444-555555555555', reason: 'x' };
const seenToday = { ...homeCareOutcome, disposition: { id: 'seen-today' as const, because: 'Fever for 3 days' } };

/** A documented "be seen today" call, wrapped up with or without a visit booked on it. */
function sessionAfterSeenToday(booking: ReturnType<typeof bookedVisit> | null = null) {
  const { context } = sessionAtDisposition('nurse', seenToday);
  return callSessionMachine.resolveState({ value: { line: 'ended', workflow: 'wrapUp' }, context: { ...context, documentResult: documented, booking } });
}

function bookedVisit() {
  return { outcome: 'booked' as const, appointmentId: 'appt-1', outboxId: '11111111-2222-4333-8444-555555555555', offer: offer(0), confirmationScript: 'See you.' };
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

  it('needs a reason when the disposition called for a visit and none was booked, and records it with the call', async () => {
    const { bridge, user } = renderWithProviders(<WrapUpPane />, { handlers: workstationHandlers(), session: {}, callSnapshot: sessionAfterSeenToday() });
    // No "Resolved" suggested: the call did not get the patient the visit they need.
    expect(screen.getByTestId('wrap-up-code-resolved')).not.toBeChecked();
    expect(screen.getByTestId('no-visit-reason')).toHaveTextContent('Be seen today');
    await user.click(screen.getByTestId('wrap-up-code-no-action'));
    expect(screen.getByTestId('wrap-up-finish')).toBeDisabled();
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(bridge.invocationsOf('call.wrapUp')).toEqual([]);

    // "Other" needs words; a quick pick does not.
    await user.click(screen.getByTestId('no-visit-other'));
    expect(screen.getByTestId('wrap-up-finish')).toBeDisabled();
    await user.click(screen.getByTestId('no-visit-will-call-back'));
    await user.type(screen.getByTestId('no-visit-text'), 'after checking with work');
    expect(screen.getByTestId('wrap-up-finish')).toBeEnabled();
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(bridge.invocationsOf('call.wrapUp')).toHaveLength(1));
    expect(bridge.invocationsOf('call.wrapUp')[0]).toMatchObject({ code: 'no-action', noVisitReason: { code: 'will-call-back', text: 'after checking with work' } });
  });

  it('asks nothing when the visit was booked, or when the disposition calls for no visit', () => {
    renderWithProviders(<WrapUpPane />, { handlers: workstationHandlers(), session: {}, callSnapshot: sessionAfterSeenToday(bookedVisit()) });
    expect(screen.queryByTestId('no-visit-reason')).not.toBeInTheDocument();
    expect(screen.getByTestId('wrap-up-code-scheduled')).toBeChecked();
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
    const seen = { ...base, outcome: seenToday, documentResult: documented };
    expect(suggestedCode(seen)).toBeNull();
    expect(suggestedCode({ ...seen, booking: booked })).toBe('scheduled');
    // A nurse's override decides: down to home care, nothing is missing.
    expect(suggestedCode({ ...seen, override: { from: 'seen-today', to: 'home-care', reason: 'Fever gone since this morning' } })).toBe('resolved');
    expect(suggestedCode({ ...base, warmTransfer: { status: 'transferred', consultCallId: null, targetLabel: 'Nurse triage queue', error: null } })).toBe('transferred');
  });
});
