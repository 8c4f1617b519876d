import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { WorkflowPane } from '../../app/WorkflowPane';
import { sessionAtReason } from '../../test/callSessions';
import { familyMedicine, mariaLopez, mateoLopez } from '../../test/fixtures';
import { workstationHandlers } from '../../test/handlers';
import { renderWithProviders } from '../../test/renderWithProviders';
import { interviewInputFor } from './interviewInputFor';

describe('ReasonPane', { timeout: 15_000 }, () => {
  it('offers the call types of the line dialed and starts the interview with the chosen protocol', async () => {
    const { bridge, user } = renderWithProviders(<WorkflowPane />, {
      handlers: workstationHandlers(),
      session: {},
      callSnapshot: sessionAtReason('agent'),
    });
    const types = within(screen.getByTestId('call-type')).getAllByRole('radio');
    expect(types).toHaveLength(3);
    expect(screen.getByTestId('knowledge-panel')).toHaveTextContent('Clinic locations');
    expect(screen.getByTestId('reason-submit')).toBeDisabled();

    await user.click(screen.getByTestId('call-type-symptoms'));
    await user.type(screen.getByTestId('reason-input'), 'Fever since yesterday');
    const select = await screen.findByTestId('protocol-select');
    expect(bridge.invocationsOf('protocol.get').map((r) => r.id)).toEqual(familyMedicine.protocolIds);
    await user.click(select);
    await user.click(await screen.findByRole('option', { name: /Fever \(adult\)/ }));
    expect(screen.getByTestId('reason-submit')).toBeEnabled();

    await user.keyboard('{Control>}{Enter}{/Control}');
    // The interview loads the red-flag screen and the chosen protocol, then asks the first red flag.
    expect(await screen.findByTestId('interview-red-flag-banner')).toBeInTheDocument();
    expect(bridge.invocationsOf('protocol.get').slice(-2).map((r) => r.id)).toEqual(['red-flags', 'fever-adult']);
  });

  it('does not offer adult protocols for a child', async () => {
    const { user } = renderWithProviders(<WorkflowPane />, {
      handlers: workstationHandlers(),
      session: {},
      callSnapshot: sessionAtReason('agent', mateoLopez),
    });
    await user.click(screen.getByTestId('call-type-symptoms'));
    await user.click(await screen.findByTestId('protocol-select'));
    const option = await screen.findByRole('option', { name: /Fever \(adult\)/ });
    expect(option).toHaveAttribute('data-combobox-disabled', 'true');
  });

  it('sends a call type without an interview straight to wrap-up', async () => {
    const { user } = renderWithProviders(<WorkflowPane />, {
      handlers: workstationHandlers(),
      session: {},
      callSnapshot: sessionAtReason('agent'),
    });
    await user.click(screen.getByTestId('call-type-refill'));
    expect(screen.queryByTestId('protocol-select')).not.toBeInTheDocument();
    await user.type(screen.getByTestId('reason-input'), 'Needs lisinopril refill');
    expect(screen.getByTestId('reason-submit')).toHaveTextContent('Continue to wrap-up');
    await user.click(screen.getByTestId('reason-submit'));
    await waitFor(() => expect(screen.getByTestId('wrap-up')).toBeInTheDocument());
    expect(screen.getByTestId('call-summary')).toHaveTextContent('Prescription refill · Needs lisinopril refill');
  });
});

describe('interviewInputFor', () => {
  it('derives the age band on the given day and the site hours in the line time zone', () => {
    // Monday 2025-03-03 15:00 UTC = 10:00 in New York: open.
    const open = interviewInputFor(mariaLopez, familyMedicine, new Date('2025-03-03T15:00:00Z'));
    expect(open).toMatchObject({ ageBand: 'adult', sex: 'female', afterHours: false });
    expect(open?.hoursBecause).toContain('America/New_York');
    // Sunday: closed all day.
    const closed = interviewInputFor(mateoLopez, familyMedicine, new Date('2025-03-02T15:00:00Z'));
    expect(closed).toMatchObject({ ageBand: 'child', sex: 'male', afterHours: true });
    expect(interviewInputFor({ ...mariaLopez, birthDate: null }, familyMedicine, new Date())).toBeNull();
  });
});
