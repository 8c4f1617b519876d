import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ScreenPop } from '../../../../src-preload/contract';
import { testHandoff } from '../../../../src-preload/contract/testing/escalationHandoff';
import { WorkflowPane } from '../../app/WorkflowPane';
import { ok } from '../../bridge';
import { sessionAtEscalation } from '../../test/callSessions';
import { CALL_ID, agentUser, mariaLopez, nurseUser, ringingCall } from '../../test/fixtures';
import { workstationHandlers } from '../../test/handlers';
import { renderWithProviders } from '../../test/renderWithProviders';
import { callSessionMachine, emptyContext, type CallerWords, NO_CALLER_WORDS } from '../call-session';
import { consultCall, telephonyHandlers } from './testing/warmTransferHandlers';
import { warmTransferPhase } from './WarmTransferPane';

const queued = { outcome: 'queued' as const, outboxId: '11111111-2222-4333-8444-555555555555', reason: 'EHR unreachable' };
const urgentWords: CallerWords = { ...NO_CALLER_WORDS, suggestedPriority: 'urgent', priorityBecause: 'Chest pain in the caller\'s words.' };

/** An agent at the escalation step presses Alt+W (the one-key warm transfer) once it is offered. */
async function warmTransferWithOneKey() {
  const rendered = renderWithProviders(<WorkflowPane />, {
    handlers: workstationHandlers({ 'encounter.document': () => ok(queued), ...telephonyHandlers() }),
    session: { user: agentUser },
    callSnapshot: sessionAtEscalation(urgentWords),
  });
  await waitFor(() => expect(screen.getByTestId('escalate-warm-transfer')).toBeEnabled());
  await rendered.user.keyboard('{Alt>}w{/Alt}');
  return rendered;
}

describe('WarmTransferPane', () => {
  it('one key documents and calls the nurse queue; the nurse answers, the agent briefs and completes; the wrap-up says transferred', async () => {
    const { bridge, user } = await warmTransferWithOneKey();

    const pane = await screen.findByTestId('warm-transfer');
    expect(bridge.invocationsOf('encounter.document')[0]?.escalation).toMatchObject({ route: 'warm-transfer', priority: 'urgent' });
    // Main tells the window about the consultation as it rings, then when the nurse answers.
    act(() => bridge.emit('call.updated', consultCall()));
    await waitFor(() => expect(pane).toHaveAttribute('data-phase', 'ringing'));
    expect(screen.getByTestId('warm-transfer-complete')).toBeDisabled();
    expect(screen.getByTestId('warm-transfer-briefing')).toHaveTextContent(mariaLopez.displayName);
    expect(screen.getByTestId('warm-transfer-priority')).toHaveTextContent('urgent');
    act(() => bridge.emit('call.updated', consultCall({ state: 'active', answeredAt: 1_700_000_060_000 })));
    await waitFor(() => expect(pane).toHaveAttribute('data-phase', 'briefing'));

    await user.keyboard('{Control>}{Enter}{/Control}');
    await screen.findByTestId('wrap-up');
    expect(bridge.invocationsOf('call.completeTransfer')).toEqual([{ callId: CALL_ID, consultCallId: consultCall().callId }]);
    expect(screen.getByTestId('wrap-up-code-transferred')).toBeChecked();
    expect(screen.getByTestId('call-summary-transfer')).toHaveAttribute('data-status', 'transferred');
  });

  it('when the nurse queue does not answer: call again (Alt+W), or leave it as a callback (Alt+C), which takes the caller back', async () => {
    const { bridge, user } = await warmTransferWithOneKey();
    const pane = await screen.findByTestId('warm-transfer');
    await waitFor(() => expect(bridge.invocationsOf('call.consult')).toHaveLength(1));
    act(() => bridge.emit('call.updated', consultCall({ state: 'ended', endReason: 'Busy' })));
    await waitFor(() => expect(pane).toHaveAttribute('data-phase', 'no-answer'));
    await user.keyboard('{Alt>}w{/Alt}');
    await waitFor(() => expect(bridge.invocationsOf('call.consult')).toHaveLength(2));

    await user.keyboard('{Alt>}c{/Alt}');
    await screen.findByTestId('wrap-up');
    expect(bridge.invocationsOf('call.hangUp')).toEqual([{ callId: consultCall().callId }]);
    expect(bridge.invocationsOf('call.hold')).toEqual([{ callId: CALL_ID, hold: false }]);
    expect(screen.getByTestId('call-summary-transfer')).toHaveTextContent('stays in the nurse queue as a callback');
  });

  it('reads its phase from the machine and the consultation call', () => {
    expect(warmTransferPhase('consulting', null)).toBe('calling');
    expect(warmTransferPhase('briefing', null)).toBe('ringing');
    expect(warmTransferPhase('briefing', { state: 'dialing' })).toBe('ringing');
    expect(warmTransferPhase('briefing', { state: 'active' })).toBe('briefing');
    expect(warmTransferPhase('briefing', { state: 'ended' })).toBe('no-answer');
    expect(warmTransferPhase('completing', { state: 'active' })).toBe('completing');
    expect(warmTransferPhase('failed', null)).toBe('failed');
  });
});

const handoff = testHandoff();

describe('HandoffContext at the receiving desk', () => {
  function ringAtNurseDesk(pop: ScreenPop) {
    const snapshot = callSessionMachine.resolveState({
      value: { line: 'ringing', workflow: 'ringing' },
      context: { ...emptyContext('nurse'), call: ringingCall({ from: { raw: 'agenta', e164: null, displayName: 'agenta' } }) },
    });
    return renderWithProviders(<WorkflowPane />, {
      handlers: workstationHandlers({ 'call.screenPop': () => ok(pop), ...telephonyHandlers() }),
      session: { user: nurseUser },
      callSnapshot: snapshot,
    });
  }

  it('shows the escalated patient and why, while the transfer rings', async () => {
    ringAtNurseDesk({ callId: CALL_ID, matchedBy: 'handoff', candidates: [mariaLopez], lookupMs: 3, error: null, handoff });
    const card = await screen.findByTestId('handoff-context');
    expect(card).toHaveAttribute('data-priority', 'urgent');
    expect(screen.getByTestId('handoff-patient')).toHaveTextContent(mariaLopez.displayName);
    expect(screen.getByTestId('handoff-reason')).toHaveTextContent('Chest hurts since this morning');
    expect(screen.getByTestId('handoff-red-flags')).toHaveTextContent('Is the patient struggling to breathe? — No');
    expect(card).toHaveTextContent('By Alex Rivera (agent)');
  });

  it('shows nothing for an ordinary call', async () => {
    const { bridge } = ringAtNurseDesk({ callId: CALL_ID, matchedBy: 'phone', candidates: [mariaLopez], lookupMs: 3, error: null });
    await waitFor(() => expect(bridge.invocationsOf('call.screenPop')).not.toHaveLength(0));
    expect(screen.queryByTestId('handoff-context')).not.toBeInTheDocument();
  });
});
