import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { WorkflowPane } from '../../app/WorkflowPane';
import { sessionAtInterview } from '../../test/callSessions';
import type { Role } from '../../../../src-preload/contract';
import { agentUser, feelingHotProtocol, feverProtocol, nurseUser, redFlagsProtocol, supervisorUser } from '../../test/fixtures';
import { callSessionMachine } from '../call-session';
import { type CallerWords, NO_CALLER_WORDS } from '../call-session';
import { workstationHandlers } from '../../test/handlers';
import { renderWithProviders } from '../../test/renderWithProviders';

const USERS = { agent: agentUser, nurse: nurseUser, supervisor: supervisorUser } as const;

function renderInterview(role: Role = 'nurse', input: Parameters<typeof sessionAtInterview>[1] = {}, callerWords: CallerWords = NO_CALLER_WORDS) {
  return renderWithProviders(<WorkflowPane />, {
    handlers: workstationHandlers(),
    session: { user: USERS[role] },
    callSnapshot: sessionAtInterview(role, input, callerWords),
  });
}

const stiffNeckSaid: CallerWords = {
  ...NO_CALLER_WORDS,
  preAnswers: [{ protocolId: 'fever', questionId: 'stiff-neck', answer: 'yes', because: 'from caller\'s words: "stiff neck"' }],
};
const breathingSaid: CallerWords = {
  ...NO_CALLER_WORDS,
  redFlags: [{ label: 'Breathing difficulty', evidence: 'cant breathe', questions: [{ protocolId: 'red-flags', questionId: 'not-breathing' }] }],
  suggestedPriority: 'urgent',
};

describe('InterviewPane', () => {
  it('shows what the interview heard: the site time, where the patient is and who said so, who calls', () => {
    renderInterview('nurse', { localTime: '23:30', state: 'CT', zip: '06103', locationSource: 'caller', callerRole: 'parent' });
    expect(screen.getByTestId('interview-input-time')).toHaveTextContent('23:30 at the site');
    expect(screen.getByTestId('interview-input-location')).toHaveTextContent("in CT 06103 (caller's answer)");
    expect(screen.getByTestId('interview-inputs')).toHaveTextContent('a parent calls');
  });

  it('resumes a draft saved before location and time were passed, and says they are unknown', () => {
    // The fixture's input has only age band, sex and hours, as every draft had before.
    renderInterview();
    expect(screen.getByTestId('interview-question')).toBeInTheDocument();
    expect(screen.getByTestId('interview-input-location')).toHaveTextContent('location unknown');
    expect(screen.getByTestId('interview-input-time')).toHaveTextContent('site time unknown');
  });

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

  it('ends on an emergency disposition at the first red flag, for an agent too', async () => {
    const { user } = renderInterview('agent');
    await user.keyboard('y');
    expect(await screen.findByTestId('disposition-card')).toHaveAttribute('data-disposition-id', 'call-911');
    expect(screen.getByTestId('script-911')).toHaveTextContent('call 911 now');
  });

  it.each(['agent', 'supervisor'] as const)('stops a %s after a clear red-flag screen: no symptom question, escalate', async (role) => {
    const { user } = renderInterview(role);
    expect(screen.getByTestId('interview-red-flag-banner')).toHaveTextContent('If all are no, you hand the call to a nurse.');
    await user.keyboard('n');
    expect(await screen.findByTestId('escalation-pane')).toBeInTheDocument();
    expect(screen.queryByText('Does the patient have a stiff neck with the fever?')).not.toBeInTheDocument();
    expect(within(screen.getByTestId('interview-answers')).getAllByTestId('interview-answer-row')).toHaveLength(1);
  });

  it("offers the answer the caller's words suggest: Enter confirms it and the path says where it came from", async () => {
    const { user } = renderInterview('nurse', {}, stiffNeckSaid);
    // Nothing suggested for the red flag: Enter does not answer it.
    expect(screen.queryByTestId('interview-suggestion')).not.toBeInTheDocument();
    await user.keyboard('{Enter}');
    expect(screen.getByTestId('interview-question')).toHaveTextContent('struggling to breathe');
    await user.keyboard('n');

    const suggestion = screen.getByTestId('interview-suggestion');
    expect(suggestion).toHaveAttribute('data-answer', 'yes');
    expect(suggestion).toHaveTextContent('from caller\'s words: "stiff neck"');
    await user.keyboard('{Enter}');
    expect(await screen.findByTestId('disposition-card')).toHaveAttribute('data-disposition-id', 'ed-now');
    const rows = within(screen.getByTestId('interview-answers')).getAllByTestId('interview-answer-row');
    expect(rows[0]).not.toHaveTextContent("caller's words");
    expect(rows[1]).toHaveTextContent("caller's words");
  });

  it('lets Y/N answer a suggested question outright (recorded as asked)', async () => {
    const { user } = renderInterview('nurse', {}, stiffNeckSaid);
    await user.keyboard('nn');
    expect(screen.getByTestId('interview-question')).toHaveTextContent('more than 3 days');
    const rows = within(screen.getByTestId('interview-answers')).getAllByTestId('interview-answer-row');
    expect(rows[1]).toHaveTextContent('No');
    expect(rows[1]).not.toHaveTextContent("caller's words");
  });

  it('highlights a red-flag question the words raised and never answers it without the agent', async () => {
    const { user } = renderInterview('agent', {}, breathingSaid);
    expect(screen.getByTestId('interview-raised-red-flag')).toHaveTextContent('Breathing difficulty (“cant breathe”)');
    await user.keyboard('{Enter}');
    expect(screen.getByTestId('interview-question')).toHaveTextContent('struggling to breathe');
    expect(screen.queryByTestId('interview-answers')).not.toBeInTheDocument();
  });

  it('returns to the reason step when the protocol is not written for the patient', async () => {
    renderInterview('nurse', { ageBand: 'child' });
    expect(await screen.findByTestId('protocol-error')).toHaveTextContent('not written for age band child');
    expect(screen.getByTestId('reason-pane')).toBeInTheDocument();
  });

  it('answers number and choice questions with the keyboard, follows a link to another protocol and keeps its floor', async () => {
    const at = sessionAtInterview('nurse');
    const interview = at.context.interview!;
    const snapshot = callSessionMachine.resolveState({
      value: at.value,
      context: {
        ...at.context,
        // The call session loads linked protocols with the chain: fever comes along for feeling-hot's link.
        interview: { ...interview, protocolIds: ['red-flags', 'feeling-hot'], protocols: [redFlagsProtocol, feelingHotProtocol, feverProtocol], persistedSnapshot: null },
      },
    });
    const { user } = renderWithProviders(<WorkflowPane />, { handlers: workstationHandlers(), session: { user: nurseUser }, callSnapshot: snapshot });

    await user.keyboard('n');
    expect(screen.getByTestId('interview-question')).toHaveTextContent('What is the highest temperature measured?');
    expect(screen.queryByTestId('interview-yes')).not.toBeInTheDocument();
    await user.keyboard('120{Enter}');
    expect(screen.getByTestId('interview-answer-problem')).toHaveTextContent('120');
    await user.clear(screen.getByTestId('interview-number-input'));
    await user.keyboard('101.3{Enter}');

    expect(screen.getByTestId('interview-question')).toHaveTextContent('How did it start?');
    await user.keyboard('1');
    // The link: the fever protocol's questions come next.
    expect(screen.getByTestId('interview-question')).toHaveTextContent('Does the patient have a stiff neck with the fever?');
    const rows = within(screen.getByTestId('interview-answers')).getAllByTestId('interview-answer-row');
    expect(rows[1]).toHaveTextContent('101.3 °F');
    expect(rows[2]).toHaveTextContent('With a fever');
    await user.keyboard('n');
    await user.keyboard('n');

    // Fever's own fallback is home care, but the link's floor keeps it at least "within 2 weeks".
    const card = await screen.findByTestId('disposition-card');
    expect(card).toHaveAttribute('data-disposition-id', 'seen-within-2-weeks');
  });
});
