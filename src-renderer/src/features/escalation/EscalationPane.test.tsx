import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { WorkflowPane } from '../../app/WorkflowPane';
import { ok } from '../../bridge';
import { homeCareOutcome, sessionAtEscalation } from '../../test/callSessions';
import { agentUser } from '../../test/fixtures';
import { workstationHandlers } from '../../test/handlers';
import { renderWithProviders } from '../../test/renderWithProviders';
import { type CallerWords, NO_CALLER_WORDS } from '../call-session';

const urgentWords: CallerWords = { ...NO_CALLER_WORDS, suggestedPriority: 'urgent', priorityBecause: 'Red flag in the caller\'s words: chest pain ("chest hurts").' };
const queued = { outcome: 'queued' as const, outboxId: '11111111-2222-4333-8444-555555555555', reason: 'EHR unreachable' };

function renderEscalation(callerWords: CallerWords = urgentWords) {
  return renderWithProviders(<WorkflowPane />, {
    handlers: workstationHandlers({ 'encounter.document': () => ok(queued) }),
    session: { user: agentUser },
    callSnapshot: sessionAtEscalation(callerWords),
  });
}

describe('EscalationPane', () => {
  it("starts at the checker's priority and documents a nurse callback, with the red-flag screen only", async () => {
    const { bridge, user } = renderEscalation();
    expect(screen.getByTestId('escalation-suggested')).toHaveAttribute('data-priority', 'urgent');
    expect(screen.getByTestId('escalation-suggested-because')).toHaveTextContent('chest pain');
    expect(screen.getByRole('listbox', { name: 'Escalation route' })).toHaveFocus();
    expect(screen.queryByTestId('care-advice')).not.toBeInTheDocument();

    await user.keyboard('{Control>}{Enter}{/Control}');
    await screen.findByTestId('document-result');
    const [request] = bridge.invocationsOf('encounter.document');
    expect(request?.escalation).toEqual({ route: 'nurse-callback', priority: 'urgent', suggestedPriority: 'urgent', reason: '' });
    expect(request?.interview.disposition).toBeNull();
    expect(request?.interview.protocols.map((p) => p.id)).toEqual(['red-flags']);
    expect(request?.interview.answers).toEqual([homeCareOutcome.answers[0]]);
    expect(request?.careAdvice).toBeNull();
  });

  it('says honestly that a warm transfer needs the softphone, and lets the agent raise the priority freely', async () => {
    const { bridge, user } = renderEscalation();
    await user.keyboard('2');
    expect(screen.getByTestId('warm-transfer-note')).toHaveTextContent('needs the softphone (issue 4)');
    await user.tab();
    expect(screen.getByRole('listbox', { name: 'Escalation priority' })).toHaveFocus();
    await user.keyboard('1');
    expect(screen.queryByTestId('escalation-reason')).not.toBeInTheDocument();
    await user.keyboard('{Control>}{Enter}{/Control}');
    await screen.findByTestId('document-result');
    expect(bridge.invocationsOf('encounter.document')[0]?.escalation).toMatchObject({ route: 'warm-transfer', priority: 'stat' });
  });

  it('needs a reason to lower the suggested priority', async () => {
    const { bridge, user } = renderEscalation();
    await user.click(screen.getAllByTestId('escalation-priority-option')[2]!);
    expect(screen.getByTestId('escalate-button')).toBeDisabled();
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(bridge.invocationsOf('encounter.document')).toHaveLength(0);

    await user.type(screen.getByTestId('escalation-reason'), 'Caller says the pain went away an hour ago');
    await user.click(screen.getByTestId('escalate-button'));
    await screen.findByTestId('document-result');
    expect(bridge.invocationsOf('encounter.document')[0]?.escalation).toEqual({
      route: 'nurse-callback',
      priority: 'routine',
      suggestedPriority: 'urgent',
      reason: 'Caller says the pain went away an hour ago',
    });
  });
});
