import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import { ok } from '../../bridge';
import { type CallSessionSnapshot, callSessionMachine, emptyContext, lineStateOf, useCallSessionActor, workflowStepOf } from '../call-session';
import { DRAFT_ID, sessionAtDisposition } from '../../test/callSessions';
import { activeCall, mariaLopez } from '../../test/fixtures';
import { workstationHandlers } from '../../test/handlers';
import { renderWithProviders } from '../../test/renderWithProviders';
import { DraftAutosave } from './DraftAutosave';
import { DraftRecoveryProvider } from './DraftRecovery';
import { RecoveredDrafts } from './RecoveredDrafts';
import { draftOf, recoveredSnapshot } from './draftSnapshot';

describe('draft snapshots', () => {
  it('saves a session at the disposition, labeled with the patient and the step; nothing when idle', () => {
    const snapshot = sessionAtDisposition('nurse');
    expect(draftOf(snapshot, { saved: true })).toEqual({
      draftId: DRAFT_ID,
      patientId: mariaLopez.id,
      label: `${mariaLopez.displayName} · disposition reached, not documented`,
      step: 'disposition',
      snapshot: { saved: true },
    });
    const idle = callSessionMachine.resolveState({ value: { line: 'noCall', workflow: 'idle' }, context: emptyContext('nurse') });
    expect(draftOf(idle, {})).toBeNull();
  });

  it('saves the scheduling step too, so a booking made before a crash comes back with the draft', () => {
    const actor = createActor(callSessionMachine, { snapshot: sessionAtDisposition('nurse'), input: { role: 'nurse' } }).start();
    actor.send({ type: 'SCHEDULE.OPEN' });
    const scheduling = actor.getSnapshot();
    expect(workflowStepOf(scheduling)).toBe('scheduling');
    expect(draftOf(scheduling, {})).toMatchObject({ step: 'disposition', label: `${mariaLopez.displayName} · scheduling a visit, not documented` });
    const resolved = callSessionMachine.resolveState(recoveredSnapshot(JSON.parse(JSON.stringify(actor.getPersistedSnapshot())), 1) as never) as CallSessionSnapshot;
    expect(workflowStepOf(resolved)).toBe('scheduling');
    actor.stop();
  });

  it('resumes with the call shown as ended and everything documented kept', () => {
    const persisted = JSON.parse(JSON.stringify(sessionAtDisposition('nurse'))) as unknown;
    const restored = recoveredSnapshot(persisted, 1_700_000_900_000);
    const resolved = callSessionMachine.resolveState(restored as never) as CallSessionSnapshot;
    expect(lineStateOf(resolved)).toBe('ended');
    expect(workflowStepOf(resolved)).toBe('disposition');
    expect(resolved.context.call).toMatchObject({ state: 'ended', endedAt: 1_700_000_900_000, endReason: 'Careline closed during the call' });
    expect(resolved.context.outcome?.disposition.id).toBe('home-care');
  });

  it('follows the call as main has it now when only the window restarted', () => {
    const persisted = JSON.parse(JSON.stringify(sessionAtDisposition('nurse'))) as unknown;
    const live = activeCall({ held: true });
    const resolved = callSessionMachine.resolveState(recoveredSnapshot(persisted, 1, live) as never) as CallSessionSnapshot;
    expect(lineStateOf(resolved)).toBe('connected');
    expect(resolved.context.call).toEqual(live);
  });
});

describe('DraftAutosave', () => {
  it('saves the session after a step, once per change', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      let actorRef: ReturnType<typeof useCallSessionActor> | null = null;
      function Grab() {
        actorRef = useCallSessionActor();
        return null;
      }
      const { bridge } = renderWithProviders(
        <>
          <DraftAutosave />
          <Grab />
        </>,
        { handlers: workstationHandlers({ 'draft.save': () => ok({}) }), session: { user: { id: 'nurse-jordan', displayName: 'Jordan Lee', role: 'nurse' } }, callSnapshot: sessionAtDisposition('nurse') },
      );
      act(() => actorRef!.send({ type: 'CARE_ADVICE.GIVEN', given: true }));
      await act(async () => vi.advanceTimersByTimeAsync(400));
      const saved = bridge.invocationsOf('draft.save');
      expect(saved).toHaveLength(1);
      expect(saved[0]).toMatchObject({ draftId: DRAFT_ID, step: 'disposition', patientId: mariaLopez.id });
      expect((saved[0]!.snapshot as { context: { careAdviceGiven: boolean } }).context.careAdviceGiven).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('RecoveredDrafts', () => {
  const draft = { draftId: DRAFT_ID, patientId: mariaLopez.id, label: 'Maria Lopez · disposition reached, not documented', step: 'disposition' as const, savedAt: 1_700_000_000_000 };

  it('lists unfinished documentation, resumes it, and discards only with a reason', async () => {
    const resume = vi.fn(async () => null);
    const { bridge, user } = renderWithProviders(
      <DraftRecoveryProvider value={{ resume, liveDraftIds: new Set() }}>
        <RecoveredDrafts />
      </DraftRecoveryProvider>,
      { handlers: workstationHandlers({ 'draft.list': () => ok([draft]), 'draft.discard': () => ok({}) }), session: {} },
    );
    expect(await screen.findByTestId('recovered-draft')).toHaveTextContent('Maria Lopez · disposition reached');
    await user.click(screen.getByTestId('resume-draft'));
    expect(resume).toHaveBeenCalledWith(DRAFT_ID);

    await user.click(screen.getByTestId('discard-draft'));
    await user.type(await screen.findByTestId('discard-reason'), 'too short');
    expect(screen.getByTestId('confirm-discard')).toBeDisabled();
    await user.type(screen.getByTestId('discard-reason'), ' — duplicate of a documented call');
    await user.click(screen.getByTestId('confirm-discard'));
    await waitFor(() => expect(bridge.invocationsOf('draft.discard')).toEqual([{ draftId: DRAFT_ID, reason: 'too short — duplicate of a documented call' }]));
  });
});
