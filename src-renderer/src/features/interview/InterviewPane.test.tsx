import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { WorkflowPane } from '../../app/WorkflowPane';
import { sessionAtInterview } from '../../test/callSessions';
import { agentUser } from '../../test/fixtures';
import { workstationHandlers } from '../../test/handlers';
import { renderWithProviders } from '../../test/renderWithProviders';

function renderInterview(input: Parameters<typeof sessionAtInterview>[1] = {}) {
  return renderWithProviders(<WorkflowPane />, {
    handlers: workstationHandlers(),
    session: { user: agentUser },
    callSnapshot: sessionAtInterview('agent', input),
  });
}

describe('InterviewPane', () => {
  it('asks the red-flag screen first, then the symptom protocol, with Y/N and Backspace', async () => {
    const { user } = renderInterview();
    expect(screen.getByTestId('interview-red-flag-banner')).toBeInTheDocument();
    expect(screen.getByTestId('interview-question')).toHaveTextContent('Is the patient struggling to breathe or not breathing?');
    expect(screen.getByTestId('interview-help')).toHaveTextContent('Gasping, blue lips, cannot speak.');
    expect(screen.getByTestId('interview-progress')).toHaveTextContent('Question 1 of 3');
    expect(screen.getByTestId('interview-back')).toBeDisabled();

    await user.keyboard('n');
    expect(screen.getByTestId('interview-question')).toHaveTextContent('Does the patient have a stiff neck with the fever?');
    expect(screen.queryByTestId('interview-red-flag-banner')).not.toBeInTheDocument();
    expect(screen.getByTestId('interview-protocol')).toHaveTextContent('Fever (adult)');
    expect(screen.getByTestId('interview-progress')).toHaveTextContent('Question 2 of 3');
    const answers = within(screen.getByTestId('interview-answers')).getAllByTestId('interview-answer-row');
    expect(answers).toHaveLength(1);
    expect(answers[0]).toHaveTextContent('No');

    await user.keyboard('{Backspace}');
    expect(screen.getByTestId('interview-question')).toHaveTextContent('struggling to breathe');
    expect(screen.queryByTestId('interview-answers')).not.toBeInTheDocument();
  });

  it('reaches the disposition with its reason, and can step back into the interview from there', async () => {
    const { user } = renderInterview();
    await user.click(screen.getByTestId('interview-no'));
    await user.click(screen.getByTestId('interview-no'));
    await user.click(screen.getByTestId('interview-yes'));

    const card = await screen.findByTestId('disposition-card');
    expect(card).toHaveAttribute('data-disposition-id', 'seen-today');
    expect(card).toHaveAttribute('data-urgency', 'yellow');
    expect(screen.getByTestId('disposition-because')).toHaveTextContent("Yes to 'Has the fever lasted more than 3 days?'");

    await user.keyboard('{Alt>}b{/Alt}');
    await waitFor(() =>
      expect(screen.getByTestId('interview-question')).toHaveTextContent('Has the fever lasted more than 3 days?'),
    );
    expect(within(screen.getByTestId('interview-answers')).getAllByTestId('interview-answer-row')).toHaveLength(2);
    await user.keyboard('n');
    expect(await screen.findByTestId('disposition-card')).toHaveAttribute('data-disposition-id', 'home-care');
  });

  it('ends on an emergency disposition at the first red flag', async () => {
    const { user } = renderInterview();
    await user.keyboard('y');
    expect(await screen.findByTestId('disposition-card')).toHaveAttribute('data-disposition-id', 'call-911');
  });

  it('returns to the reason step when the protocol is not written for the patient', async () => {
    renderInterview({ ageBand: 'child' });
    expect(await screen.findByTestId('protocol-error')).toHaveTextContent('not written for age band child');
    expect(screen.getByTestId('reason-pane')).toBeInTheDocument();
  });
});
