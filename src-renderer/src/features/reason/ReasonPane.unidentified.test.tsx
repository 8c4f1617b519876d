import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { WorkflowPane } from '../../app/WorkflowPane';
import { activeCall, nurseUser } from '../../test/fixtures';
import { workstationHandlers } from '../../test/handlers';
import { renderWithProviders } from '../../test/renderWithProviders';
import { findSelectOption } from '../../test/selectOption';
import { type CallSessionContext, callSessionMachine, emptyContext, useCallSession } from '../call-session';

/** The interview input the session started with (what the protocols branch on). */
function InputProbe() {
  const input = useCallSession((s) => JSON.stringify(s.context.interview?.input ?? null));
  return <output data-testid="probe-input">{input}</output>;
}

// Owned by the screen-pop work (issue 12): the reason step of a caller triaged without a chart.
describe('ReasonPane for a patient without a chart', { timeout: 15_000 }, () => {
  function renderFor(unidentified: NonNullable<CallSessionContext['unidentified']>) {
    const context: CallSessionContext = { ...emptyContext('nurse'), call: activeCall(), unidentified, caller: { relationship: 'self' } };
    return renderWithProviders(
      <>
        <WorkflowPane />
        <InputProbe />
      </>,
      { handlers: workstationHandlers(), session: { user: nurseUser }, callSnapshot: callSessionMachine.resolveState({ value: { line: 'connected', workflow: 'reason' }, context }) },
    );
  }

  it('starts the interview from the age, sex, pregnancy and place entered on the spot', async () => {
    const { user } = renderFor({ ageYears: 30, sex: 'female', pregnant: 'no', address: '40 Harbor Rd, Quincy MA 02169' });
    await user.click(screen.getByTestId('call-type-symptoms'));
    await user.type(screen.getByTestId('reason-input'), 'Fever since yesterday');
    await user.click(await screen.findByTestId('protocol-select'));
    await user.click(await findSelectOption(/Fever \(adult\)/));
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(await screen.findByTestId('interview-red-flag-banner')).toBeInTheDocument();
    expect(JSON.parse(screen.getByTestId('probe-input').textContent!)).toMatchObject({ ageBand: 'adult', sex: 'female', pregnancy: 'not-pregnant', state: 'MA', zip: '02169', callerRole: 'self' });
  });

  it('does not offer adult protocols for a 4-year-old', async () => {
    const { user } = renderFor({ given: 'Tobi', ageYears: 4, sex: 'male' });
    await user.click(screen.getByTestId('call-type-symptoms'));
    await user.click(await screen.findByTestId('protocol-select'));
    expect(await findSelectOption(/Fever \(adult\)/)).toHaveAttribute('data-combobox-disabled', 'true');
  });
});
