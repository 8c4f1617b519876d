import { describe, expect, it } from 'vitest';
import { fromPromise } from 'xstate';
import type { CallInfo, Result, WrapUpRequest } from '../../../../src-preload/contract';
import { activeCall, endedCall, mariaLopez, OTHER_CALL_ID, ringingCall } from '../../test/fixtures';
import { callSessionMachine, lineStateOf, workflowStepOf } from './callSessionMachine';
import { CallWorkspaces } from './callWorkspaces';

/** The machine with a phone that answers at once (main's answer holds any other call; the test sends that event). */
const logic = callSessionMachine.provide({
  actors: {
    answerCall: fromPromise<Result<CallInfo>, { callId: string }>(async ({ input }) => ({ ok: true, value: activeCall({ callId: input.callId }) })),
    recordWrapUp: fromPromise<Result<CallInfo>, WrapUpRequest>(async ({ input }) => ({ ok: true, value: endedCall({ callId: input.callId }) })),
  },
});

const second = (overrides: Partial<CallInfo> = {}) =>
  ringingCall({ callId: OTHER_CALL_ID, from: { raw: '+15555550999', e164: '+15555550999', displayName: null }, ringAt: 1_700_000_200_000, ...overrides });

function verifiedOnFirstCall(): CallWorkspaces {
  const workspaces = new CallWorkspaces(logic, 'nurse');
  workspaces.onCall(ringingCall(), 'incoming');
  workspaces.onCall(activeCall(), 'updated');
  workspaces.front().actor.send({ type: 'PATIENT.VERIFIED', patient: mariaLopez });
  return workspaces;
}

describe('CallWorkspaces', () => {
  it('gives every inbound call a workspace of its own; the first pops in front on ring', () => {
    const workspaces = new CallWorkspaces(logic, 'agent');
    const idle = workspaces.front().key;
    workspaces.onCall(ringingCall(), 'incoming');
    expect(workspaces.front().key).not.toBe(idle);
    expect(workflowStepOf(workspaces.front().actor.getSnapshot())).toBe('ringing');
    // The idle workspace it replaced is gone.
    expect(workspaces.getState().workspaces).toHaveLength(1);
  });

  it('rings a second call behind the caller the agent is talking to, then brings it in front with its own screen when answered', () => {
    const workspaces = verifiedOnFirstCall();
    const first = workspaces.front();
    workspaces.onCall(second(), 'incoming');
    expect(workspaces.front().key).toBe(first.key);
    const behind = workspaces.ringingBehind();
    expect(behind?.actor.getSnapshot().context.call?.callId).toBe(OTHER_CALL_ID);

    // Main holds the first call and answers the second (from the phone bar or Alt+A): the front follows.
    workspaces.onCall(activeCall({ held: true }), 'updated');
    workspaces.onCall(second({ state: 'active', answeredAt: 1_700_000_210_000 }), 'updated');
    const front = workspaces.front().actor.getSnapshot();
    expect(front.context.call?.callId).toBe(OTHER_CALL_ID);
    expect(workflowStepOf(front)).toBe('identifying');
    expect(front.context.patient).toBeNull();
    // The first caller's work is untouched behind it.
    expect(first.actor.getSnapshot().context.patient).toEqual(mariaLopez);
    expect(workspaces.summaries().map((s) => [s.label, s.status])).toEqual([
      [mariaLopez.displayName, 'on-hold'],
      ['+15555550999', 'active'],
    ]);
  });

  it('keeps the unfinished work of a dropped call as its own workspace; the next caller pops in front, never on that chart', () => {
    const workspaces = verifiedOnFirstCall();
    const first = workspaces.front();
    workspaces.onCall(endedCall(), 'updated');
    expect(lineStateOf(first.actor.getSnapshot())).toBe('ended');
    expect(workflowStepOf(first.actor.getSnapshot())).toBe('reason');

    workspaces.onCall(second(), 'incoming');
    const front = workspaces.front();
    expect(front.key).not.toBe(first.key);
    expect(front.actor.getSnapshot().context.patient).toBeNull();
    expect(front.actor.getSnapshot().context.call?.callId).toBe(OTHER_CALL_ID);
    expect(workspaces.summaries().find((s) => s.key === first.key)?.status).toBe('unfinished');

    // Later the agent switches back and finishes it; the second call's workspace is kept meanwhile.
    workspaces.bringToFront(first.key);
    expect(workspaces.front().actor.getSnapshot().context.patient).toEqual(mariaLopez);
    expect(workspaces.nextKey()).toBe(front.key);
  });

  it('drops a workspace behind the front once its work is finished, and keeps the finished one in front (its chart stays)', async () => {
    const workspaces = verifiedOnFirstCall();
    const first = workspaces.front();
    workspaces.onCall(endedCall(), 'updated');
    workspaces.onCall(second(), 'incoming');
    const secondKey = workspaces.front().key;
    expect(workspaces.getState().workspaces).toHaveLength(2);

    // The agent goes back to the dropped call, wraps it up, then returns to the ringing one.
    workspaces.bringToFront(first.key);
    first.actor.send({ type: 'SKIP_TO_WRAP_UP' });
    first.actor.send({ type: 'FINISH', code: 'no-action' });
    await waitUntil(() => workflowStepOf(first.actor.getSnapshot()) === 'idle');
    expect(workspaces.getState().workspaces).toHaveLength(2); // in front: kept
    workspaces.bringToFront(secondKey);
    expect(workspaces.getState().workspaces.map((w) => w.key)).toEqual([secondKey]);
  });

  it('ignores calls we place (a consultation, 911) and events of calls it does not know', () => {
    const workspaces = verifiedOnFirstCall();
    workspaces.onCall(ringingCall({ callId: OTHER_CALL_ID, direction: 'outbound', state: 'dialing' }), 'updated');
    workspaces.onCall(ringingCall({ callId: OTHER_CALL_ID, direction: 'outbound', state: 'dialing' }), 'incoming');
    expect(workspaces.getState().workspaces).toHaveLength(1);
  });

  it('a resumed draft replaces the untouched workspace its live call rang back into', () => {
    const workspaces = new CallWorkspaces(logic, 'nurse');
    workspaces.onCall(ringingCall(), 'incoming');
    workspaces.onCall(activeCall(), 'updated');
    const draft = verifiedOnFirstCall().front().actor.getSnapshot();
    workspaces.resume(draft);
    expect(workspaces.getState().workspaces).toHaveLength(1);
    expect(workspaces.front().actor.getSnapshot().context.patient).toEqual(mariaLopez);
    expect(workspaces.draftIds().size).toBe(0);
  });
});

async function waitUntil(done: () => boolean): Promise<void> {
  for (let i = 0; i < 20 && !done(); i++) await Promise.resolve();
  expect(done()).toBe(true);
}
