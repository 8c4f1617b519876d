import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { DirectoryEntry, Protocol } from '../../../../src-preload/contract';
import { ok } from '../../bridge';
import { sessionAtReason } from '../../test/callSessions';
import { activeCall, janeDoe, mariaLopez, nurseUser, redFlagsProtocol } from '../../test/fixtures';
import { workstationHandlers } from '../../test/handlers';
import { renderWithProviders } from '../../test/renderWithProviders';
import { type CallSessionSnapshot, callSessionMachine, emptyContext, selectStep, useCallSession } from '../call-session';
import { CallerWordsFirst } from './CallerWordsFirst';
import { EmergencyPane } from './EmergencyPane';

const emergencyLine: DirectoryEntry = { id: 'e911', label: 'Emergency services (911)', kind: 'emergency', target: '911' };
const strokeScreen: Protocol = {
  ...redFlagsProtocol,
  questions: [
    ...redFlagsProtocol.questions,
    {
      id: 'stroke-signs',
      type: 'yes-no',
      text: 'Did any of these start suddenly: face drooping, arm or leg weakness, trouble speaking?',
      help: '',
      enableWhen: [],
      onYes: { disposition: 'call-911', because: 'Stroke warning signs', careAdviceIds: [] },
    },
  ] as Protocol['questions'],
};

function StepProbe() {
  return <span data-testid="step">{useCallSession(selectStep)}</span>;
}

function SaidProbe() {
  return <span data-testid="said">{useCallSession((s) => s.context.callerSaid ?? '')}</span>;
}

function identifying(): CallSessionSnapshot {
  return callSessionMachine.resolveState({ value: { line: 'connected', workflow: 'identifying' }, context: { ...emptyContext('agent'), call: activeCall(), candidate: janeDoe } });
}

function emergencyFrom(snapshot: CallSessionSnapshot): CallSessionSnapshot {
  return callSessionMachine.resolveState({
    value: { line: 'connected', workflow: 'emergency' },
    context: { ...snapshot.context, emergency: { draftId: '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d', openedAt: 1, returnTo: 'reason', because: 'Opened by the agent', address: '', connected: null, leftBecause: null, answers: [], handledAt: null, screen: null } },
  });
}

describe('CallerWordsFirst', () => {
  it('asks a red flag in the caller words at once, before identification, and Yes opens the emergency path', async () => {
    const { user } = renderWithProviders(
      <>
        <CallerWordsFirst />
        <StepProbe />
      </>,
      { handlers: workstationHandlers({ 'protocol.get': () => ok(strokeScreen) }), session: {}, callSnapshot: identifying() },
    );
    await user.click(screen.getByTestId('caller-words-first-input'));
    await user.paste("my dad's face is drooping on one side and he can't lift his arm");
    const flag = await screen.findAllByTestId('caller-words-red-flag');
    expect(flag[0]).toHaveTextContent('Ask now: Did any of these start suddenly');
    await user.click(screen.getAllByTestId('caller-words-red-flag-yes')[0]!);
    expect(screen.getByTestId('step')).toHaveTextContent('emergency');
  });

  it('No sets a red flag aside without recording anything; the words carry over', async () => {
    const { user } = renderWithProviders(
      <>
        <CallerWordsFirst />
        <StepProbe />
        <SaidProbe />
      </>,
      { handlers: workstationHandlers({ 'protocol.get': () => ok(strokeScreen) }), session: {}, callSnapshot: identifying() },
    );
    await user.click(screen.getByTestId('caller-words-first-input'));
    await user.paste('her face is drooping since last night');
    await screen.findAllByTestId('caller-words-red-flag');
    for (const no of screen.getAllByTestId('caller-words-red-flag-no')) await user.click(no);
    await waitFor(() => expect(screen.queryByTestId('caller-words-red-flag')).not.toBeInTheDocument());
    expect(screen.getByTestId('step')).toHaveTextContent('identifying');
    expect(screen.getByTestId('said')).toHaveTextContent('her face is drooping since last night');
  });
});

describe('EmergencyPane', () => {
  it('shows the 911 script, the chart address and the callback number, and connects to the emergency entry', async () => {
    const { bridge, user } = renderWithProviders(<EmergencyPane />, {
      handlers: workstationHandlers({ 'directory.list': () => ok([emergencyLine]), 'call.consult': () => ok(activeCall({ held: true })) }),
      session: { user: nurseUser },
      callSnapshot: emergencyFrom(sessionAtReason('nurse')),
    });
    expect(screen.getByTestId('emergency-script')).toHaveTextContent('call 911 now');
    const { address } = mariaLopez;
    expect(screen.getByTestId('emergency-chart-address')).toHaveTextContent(address ? address.city : 'No address');
    expect(screen.getByTestId('emergency-callback')).toHaveTextContent('(555) 555-0123');
    await user.type(screen.getByTestId('emergency-address'), '12 Elm');
    await waitFor(() => expect(screen.getByTestId('emergency-connect')).toBeEnabled());
    await user.keyboard('{Alt>}c{/Alt}');
    await screen.findByTestId('emergency-connected');
    expect(bridge.invocationsOf('call.consult')).toEqual([{ callId: activeCall().callId, target: '911' }]);
    expect(screen.getByTestId('emergency-address')).toHaveValue('12 Elm');
  });

  it('says when connecting fails, and leaving needs a reason', async () => {
    const { user } = renderWithProviders(
      <>
        <EmergencyPane />
        <StepProbe />
      </>,
      {
        handlers: workstationHandlers({
          'directory.list': () => ok([emergencyLine]),
          'call.consult': () => ({ ok: false, error: { code: 'conflict', message: 'The phone is offline.' } }),
        }),
        session: {},
        callSnapshot: emergencyFrom(sessionAtReason('agent')),
      },
    );
    await waitFor(() => expect(screen.getByTestId('emergency-connect')).toBeEnabled());
    await user.click(screen.getByTestId('emergency-connect'));
    expect(await screen.findByTestId('emergency-error')).toHaveTextContent('The phone is offline. Dial 911 from another phone if needed.');
    await user.click(screen.getByTestId('emergency-leave'));
    await user.type(screen.getByTestId('emergency-leave-reason'), 'short');
    expect(screen.getByTestId('emergency-leave-confirm')).toBeDisabled();
    await user.type(screen.getByTestId('emergency-leave-reason'), ' - caller meant last month');
    await user.click(screen.getByTestId('emergency-leave-confirm'));
    expect(screen.getByTestId('step')).toHaveTextContent('reason');
  });
});
