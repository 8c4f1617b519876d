import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ok } from '../bridge';
import { CALL_ID, chartOf, mariaLopez, nurseUser, ringingCall } from '../test/fixtures';
import { workstationHandlers } from '../test/handlers';
import { renderWithProviders } from '../test/renderWithProviders';
import { findSelectOption } from '../test/selectOption';
import { Workstation } from './Workstation';

const documentedEncounter = {
  id: 'enc-new',
  date: '2025-03-03T15:00:00Z',
  type: 'Telephone triage',
  reason: 'Fever since yesterday',
  disposition: 'Home care',
  performer: 'Alex Rivera',
  status: 'finished',
};

function renderWorkstation() {
  let documented = false;
  const result = renderWithProviders(<Workstation />, {
    handlers: workstationHandlers({
      'patient.chart': () => ok(chartOf(mariaLopez, documented ? [documentedEncounter] : [])),
      'encounter.document': () => {
        documented = true;
        return ok({
          outcome: 'written',
          outboxId: '11111111-2222-4333-8444-555555555555',
          encounterId: 'enc-new',
          questionnaireResponseId: 'qr-new',
          communicationId: null,
        });
      },
    }),
    // A nurse: runs the symptom protocol to a disposition (an agent stops after the red-flag screen).
    session: { user: nurseUser },
  });
  return result;
}

async function ringAnswerAndVerify(view: ReturnType<typeof renderWorkstation>) {
  const { bridge, user } = view;
  act(() => bridge.emit('call.incoming', ringingCall({ ringAt: Date.now() })));
  expect(await screen.findAllByTestId('candidate-row')).toHaveLength(2);
  expect(screen.getByTestId('call-state')).toHaveTextContent('Ringing');
  await user.keyboard('{Alt>}a{/Alt}');
  await waitFor(() => expect(screen.getByTestId('call-state')).toHaveTextContent('Active'));
  await waitFor(() => expect(screen.getByRole('listbox', { name: /matching the caller/ })).toHaveFocus());
  await user.keyboard('{Enter}');
  await waitFor(() => expect(screen.getByTestId('verify-dob-input')).toHaveFocus());
  await user.keyboard('04121985');
  await user.click(screen.getByTestId('verify-name-confirmed'));
  await user.click(screen.getByTestId('use-patient'));
  expect(await screen.findByTestId('reason-pane')).toBeInTheDocument();
}

async function chooseFeverTriage(view: ReturnType<typeof renderWorkstation>) {
  const { user } = view;
  await user.click(screen.getByTestId('call-type-symptoms'));
  await user.type(screen.getByTestId('reason-input'), 'Fever since yesterday');
  await user.click(await screen.findByTestId('protocol-select'));
  await user.click(await findSelectOption(/Fever \(adult\)/));
  await user.keyboard('{Control>}{Enter}{/Control}');
  expect(await screen.findByTestId('interview-red-flag-banner')).toBeInTheDocument();
}

// Whole-call flows drive many renders; under a loaded CI box they need more than the 5 s default.
describe('Workstation', { timeout: 20_000 }, () => {
  it('takes a call from ring to wrap-up with the keyboard, and keeps the chart afterwards', async () => {
    const view = renderWorkstation();
    const { bridge, user } = view;
    expect(screen.getByTestId('workflow-idle')).toBeInTheDocument();
    // Between calls: the agent's recent calls, and their state in the status line.
    expect(within(screen.getByTestId('workflow-idle')).getByTestId('call-log')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('agent-state')).toHaveAttribute('data-state', 'available'));

    await ringAnswerAndVerify(view);
    expect(within(screen.getByTestId('chart-pane')).getByTestId('chart-banner')).toHaveTextContent('Maria Lopez');
    await chooseFeverTriage(view);

    await user.keyboard('nnn');
    expect(await screen.findByTestId('disposition-card')).toHaveAttribute('data-disposition-id', 'home-care');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(await screen.findByTestId('document-result')).toHaveAttribute('data-outcome', 'written');
    // The chart picks up the new encounter.
    await waitFor(() =>
      expect(within(screen.getByTestId('chart-encounters')).getByTestId('chart-encounter-row')).toHaveAttribute(
        'data-encounter-id',
        'enc-new',
      ),
    );

    expect(screen.getByTestId('wrap-up-code-resolved')).toBeChecked();
    expect(screen.getByTestId('wrap-up-finish')).toHaveTextContent('Hang up and finish');
    await user.keyboard('{Control>}{Enter}{/Control}');
    // Main records the wrap-up and hangs up the still-connected call in the same request.
    expect(await screen.findByTestId('workflow-idle')).toBeInTheDocument();
    expect(bridge.invocationsOf('call.wrapUp')).toEqual([{ callId: CALL_ID, code: 'resolved', patientId: expect.any(String) }]);
    await waitFor(() => expect(screen.getByTestId('call-state')).toHaveTextContent('No call'));
    expect(screen.getByTestId('chart-banner')).toHaveTextContent('Maria Lopez');
  });

  it('keeps the interview when the caller hangs up in the middle of it', async () => {
    const view = renderWorkstation();
    const { bridge, user } = view;
    await ringAnswerAndVerify(view);
    await chooseFeverTriage(view);
    await user.keyboard('n');
    expect(screen.getByTestId('interview-question')).toHaveTextContent('stiff neck');

    act(() => bridge.emit('call.updated', { ...ringingCall(), state: 'ended', answeredAt: 1, endedAt: Date.now() }));
    await waitFor(() => expect(screen.getByTestId('call-state')).toHaveTextContent('Ended'));
    expect(screen.getByTestId('interview-question')).toHaveTextContent('stiff neck');
    expect(within(screen.getByTestId('interview-answers')).getAllByTestId('interview-answer-row')).toHaveLength(1);

    await user.keyboard('nn');
    await user.click(await screen.findByTestId('document-button'));
    expect(await screen.findByTestId('wrap-up-finish')).toHaveTextContent(/^Finish/);
    await user.click(screen.getByTestId('wrap-up-finish'));
    expect(bridge.invocationsOf('call.hangUp')).toEqual([]);
    expect(await screen.findByTestId('workflow-idle')).toBeInTheDocument();
  });
});
