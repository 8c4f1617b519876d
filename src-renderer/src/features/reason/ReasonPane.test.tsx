import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { WorkflowPane } from '../../app/WorkflowPane';
import { sessionAtReason } from '../../test/callSessions';
import { agentUser, familyMedicine, mateoLopez, nurseUser } from '../../test/fixtures';
import { workstationHandlers } from '../../test/handlers';
import { renderWithProviders } from '../../test/renderWithProviders';
import { findSelectOption } from '../../test/selectOption';

function renderReason(role: 'agent' | 'nurse') {
  return renderWithProviders(<WorkflowPane />, {
    handlers: workstationHandlers(),
    session: { user: role === 'nurse' ? nurseUser : agentUser },
    callSnapshot: sessionAtReason(role),
  });
}

describe('ReasonPane', { timeout: 15_000 }, () => {
  it('offers the call types of the line dialed and starts the interview with the chosen protocol', async () => {
    const { bridge, user } = renderReason('agent');
    const types = within(screen.getByTestId('call-type')).getAllByRole('radio');
    expect(types).toHaveLength(3);
    expect(screen.getByTestId('knowledge-panel')).toHaveTextContent('Clinic locations');
    expect(screen.getByTestId('reason-submit')).toBeDisabled();

    await user.click(screen.getByTestId('call-type-symptoms'));
    await user.type(screen.getByTestId('reason-input'), 'Fever since yesterday');
    const select = await screen.findByTestId('protocol-select');
    // The red-flag screen too: the symptom checker maps red flags to its questions.
    expect(bridge.invocationsOf('protocol.get').map((r) => r.id)).toEqual(['red-flags', ...familyMedicine.protocolIds]);
    await user.click(select);
    await user.click(await findSelectOption(/Fever \(adult\)/));
    expect(screen.getByTestId('reason-submit')).toBeEnabled();

    await user.keyboard('{Control>}{Enter}{/Control}');
    // The interview loads the red-flag screen and the chosen protocol, then asks the first red flag.
    expect(await screen.findByTestId('interview-red-flag-banner')).toBeInTheDocument();
    expect(bridge.invocationsOf('protocol.get').slice(-2).map((r) => r.id)).toEqual(['red-flags', 'fever']);
  });

  it('does not offer adult protocols for a child', async () => {
    const { user } = renderWithProviders(<WorkflowPane />, {
      handlers: workstationHandlers(),
      session: {},
      callSnapshot: sessionAtReason('agent', mateoLopez),
    });
    await user.click(screen.getByTestId('call-type-symptoms'));
    await user.click(await screen.findByTestId('protocol-select'));
    const option = await findSelectOption(/Fever \(adult\)/);
    expect(option).toHaveAttribute('data-combobox-disabled', 'true');
  });

  it('sends a call type without an interview straight to wrap-up', async () => {
    const { user } = renderReason('agent');
    await user.click(screen.getByTestId('call-type-refill'));
    expect(screen.queryByTestId('protocol-select')).not.toBeInTheDocument();
    await user.type(screen.getByTestId('reason-input'), 'Needs lisinopril refill');
    expect(screen.getByTestId('reason-submit')).toHaveTextContent('Continue to wrap-up');
    await user.click(screen.getByTestId('reason-submit'));
    await waitFor(() => expect(screen.getByTestId('wrap-up')).toBeInTheDocument());
    expect(screen.getByTestId('call-summary')).toHaveTextContent('Prescription refill · Needs lisinopril refill');
  });
});

describe('ReasonPane symptom checker', { timeout: 15_000 }, () => {
  it('shows findings as they are typed, preselects the top protocol and passes the suggestions to the interview', async () => {
    const { user } = renderReason('nurse');
    await user.click(screen.getByTestId('call-type-symptoms'));
    await user.type(screen.getByTestId('reason-input'), 'fever since yesterday and a stiff neck, no cough');
    const findings = await screen.findAllByTestId('checker-finding');
    const byId = new Map(findings.map((f) => [f.getAttribute('data-finding-id'), f]));
    expect(byId.get('fever')).toHaveAttribute('data-status', 'present');
    expect(byId.get('stiff-neck')).toHaveAttribute('data-status', 'present');
    expect(byId.get('cough')).toHaveAttribute('data-status', 'absent');
    expect(byId.get('cough')).toHaveTextContent('no cough');
    expect(screen.queryByTestId('checker-red-flags')).not.toBeInTheDocument();

    const suggestions = within(screen.getByTestId('checker-suggestions')).getAllByTestId('checker-suggestion');
    expect(suggestions[0]).toHaveAttribute('data-key', 'fever');
    expect(suggestions[0]).toHaveAttribute('aria-selected', 'true');
    expect(suggestions[0]).toHaveTextContent(/because .*fever/);
    expect(screen.getByTestId('reason-submit')).toBeEnabled();

    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(await screen.findByTestId('interview-red-flag-banner')).toBeInTheDocument();
    await user.keyboard('n');
    expect(screen.getByTestId('interview-suggestion')).toHaveAttribute('data-answer', 'yes');
  });

  it('raises a red flag at once in an alert, even on a call type without an interview', async () => {
    const { user } = renderReason('agent');
    await user.click(screen.getByTestId('call-type-refill'));
    await user.type(screen.getByTestId('reason-input'), 'needs a refill, also he cant breathe');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveAttribute('data-testid', 'checker-red-flags');
    expect(alert).toHaveTextContent('cant breathe');
    expect(screen.queryByTestId('checker-suggestions')).not.toBeInTheDocument();
  });

  it('lets the agent pick another suggestion with the keyboard', async () => {
    const { user } = renderReason('agent');
    await user.click(screen.getByTestId('call-type-symptoms'));
    await user.type(screen.getByTestId('reason-input'), 'coughing with a fever');
    const list = await screen.findByTestId('checker-suggestions');
    const keys = within(list).getAllByTestId('checker-suggestion').map((o) => o.getAttribute('data-key'));
    expect(keys).toEqual(expect.arrayContaining(['fever', 'cough-cold']));
    list.focus();
    await user.keyboard('2');
    expect(within(list).getAllByTestId('checker-suggestion')[1]).toHaveAttribute('aria-selected', 'true');
    expect((screen.getByTestId('protocol-select') as HTMLInputElement).value).toMatch(keys[1] === 'cough-cold' ? /^Cough/ : /^Fever/);
  });
});
