import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { WorkflowPane } from '../../app/WorkflowPane';
import { ok } from '../../bridge';
import { homeCareOutcome, sessionAtEscalation } from '../../test/callSessions';
import type { FakeHandlers } from '../../bridge/fakeBridge';
import { CALL_ID, agentUser } from '../../test/fixtures';
import { telephonyHandlers } from './testing/warmTransferHandlers';
import { workstationHandlers } from '../../test/handlers';
import { renderWithProviders } from '../../test/renderWithProviders';
import { type CallerWords, NO_CALLER_WORDS } from '../call-session';

const urgentWords: CallerWords = { ...NO_CALLER_WORDS, suggestedPriority: 'urgent', priorityBecause: 'Red flag in the caller\'s words: chest pain ("chest hurts").' };
const queued = { outcome: 'queued' as const, outboxId: '11111111-2222-4333-8444-555555555555', reason: 'EHR unreachable' };

function renderEscalation(callerWords: CallerWords = urgentWords, overrides: FakeHandlers = {}) {
  return renderWithProviders(<WorkflowPane />, {
    handlers: workstationHandlers({ 'encounter.document': () => ok(queued), ...telephonyHandlers(), ...overrides }),
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

  it('lets the agent raise the priority freely and documents a warm transfer, which calls the nurse queue with the caller on hold', async () => {
    const { bridge, user } = renderEscalation();
    await user.keyboard('2');
    await waitFor(() => expect(screen.getByTestId('warm-transfer-note')).toHaveTextContent('Documenting calls Nurse triage queue at once'));
    expect(screen.getByTestId('escalate-button')).toHaveTextContent('Document and call the nurse');
    await user.tab();
    expect(screen.getByRole('listbox', { name: 'Escalation priority' })).toHaveFocus();
    await user.keyboard('1');
    expect(screen.queryByTestId('escalation-reason')).not.toBeInTheDocument();
    await user.keyboard('{Control>}{Enter}{/Control}');
    await screen.findByTestId('warm-transfer');
    expect(bridge.invocationsOf('encounter.document')[0]?.escalation).toMatchObject({ route: 'warm-transfer', priority: 'stat' });
    expect(bridge.invocationsOf('call.consult')).toEqual([{ callId: CALL_ID, target: '8100' }]);
  });

  it('offers no warm transfer where the directory has no nurse queue, and says why', async () => {
    const { bridge, user } = renderEscalation(urgentWords, { 'directory.list': () => ok([]) });
    await user.keyboard('2');
    await waitFor(() => expect(screen.getByTestId('warm-transfer-note')).toHaveTextContent('has no nurse queue'));
    expect(screen.getByTestId('escalate-button')).toBeDisabled();
    await user.keyboard('{Alt>}w{/Alt}');
    expect(bridge.invocationsOf('encounter.document')).toHaveLength(0);
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
