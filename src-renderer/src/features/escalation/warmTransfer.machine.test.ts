import { describe, expect, it, vi } from 'vitest';
import { createActor, fromPromise, waitFor } from 'xstate';
import type { CallInfo, DocumentEncounterResult, Result } from '../../../../src-preload/contract';
import { sessionAtEscalation } from '../../test/callSessions';
import { CALL_ID, OTHER_CALL_ID, activeCall, endedCall } from '../../test/fixtures';
import { type ConsultStarted, callSessionMachine, workflowStepOf } from '../call-session';

const documented: Result<DocumentEncounterResult> = { ok: true, value: { outcome: 'queued', outboxId: '11111111-2222-4333-8444-555555555555', reason: 'x' } };
const warm = { route: 'warm-transfer' as const, priority: 'urgent' as const, suggestedPriority: 'routine' as const, reason: '' };

interface Stubs {
  consult?: () => Promise<Result<ConsultStarted>>;
  complete?: () => Promise<Result<CallInfo>>;
  cancel?: () => Promise<Result<CallInfo>>;
}

function startAtEscalation(stubs: Stubs = {}, line: 'connected' | 'ended' = 'connected') {
  const consult = vi.fn(stubs.consult ?? (async () => ({ ok: true as const, value: { consultCallId: OTHER_CALL_ID, targetLabel: 'Nurse triage queue' } })));
  const complete = vi.fn(stubs.complete ?? (async () => ({ ok: true as const, value: endedCall({ endReason: 'Transferred' }) })));
  const cancel = vi.fn(stubs.cancel ?? (async () => ({ ok: true as const, value: activeCall() })));
  const machine = callSessionMachine.provide({
    actors: {
      documentEncounter: fromPromise(async () => documented),
      consultNurseQueue: fromPromise(() => consult()),
      completeTransfer: fromPromise(() => complete()),
      cancelConsult: fromPromise(() => cancel()),
    },
  });
  const start = sessionAtEscalation();
  const snapshot = line === 'connected' ? start : callSessionMachine.resolveState({ value: { line: 'ended', workflow: 'escalation' }, context: start.context });
  const actor = createActor(machine, { snapshot, input: { role: 'agent' } }).start();
  return { actor, consult, complete, cancel };
}

/** The warm transfer's substate (consulting, briefing, completing, cancelling, failed), if there. */
const subOf = (snapshot: { value: unknown }) => (snapshot.value as { workflow: { warmTransfer?: string } }).workflow.warmTransfer;

describe('warm transfer of an escalated call (call session)', () => {
  it('documents, then calls the nurse queue in the same step, and completes into a wrap-up coded as transferred', async () => {
    const { actor, consult, complete } = startAtEscalation();
    actor.send({ type: 'ESCALATE', escalation: warm });
    await waitFor(actor, (s) => subOf(s) === 'briefing');
    expect(consult).toHaveBeenCalledTimes(1);
    expect(actor.getSnapshot().context.warmTransfer).toEqual({ status: 'consulting', consultCallId: OTHER_CALL_ID, targetLabel: 'Nurse triage queue', error: null });

    actor.send({ type: 'WARM_TRANSFER.COMPLETE' });
    await waitFor(actor, (s) => workflowStepOf(s) === 'wrapUp');
    expect(complete).toHaveBeenCalledTimes(1);
    expect(actor.getSnapshot().context.warmTransfer?.status).toBe('transferred');
  });

  it("counts the caller's leg ending as Transferred (main says so before it answers) as the transfer done", async () => {
    let answer: (r: Result<CallInfo>) => void = () => undefined;
    const { actor } = startAtEscalation({ complete: () => new Promise((r) => (answer = r)) });
    actor.send({ type: 'ESCALATE', escalation: warm });
    await waitFor(actor, (s) => subOf(s) === 'briefing');
    actor.send({ type: 'WARM_TRANSFER.COMPLETE' });
    actor.send({ type: 'CALL.UPDATED', call: endedCall({ callId: CALL_ID, endReason: 'Transferred' }) });
    expect(workflowStepOf(actor.getSnapshot())).toBe('wrapUp');
    expect(actor.getSnapshot().context.warmTransfer?.status).toBe('transferred');
    answer({ ok: true, value: endedCall() });
  });

  it('counts a transfer completed from the phone bar (not the pane) as transferred too, on the demo line as well', async () => {
    const { actor, complete } = startAtEscalation();
    actor.send({ type: 'ESCALATE', escalation: warm });
    await waitFor(actor, (s) => subOf(s) === 'briefing');
    actor.send({ type: 'CALL.UPDATED', call: endedCall({ callId: CALL_ID, endReason: 'Transferred (simulation)' }) });
    expect(workflowStepOf(actor.getSnapshot())).toBe('wrapUp');
    expect(actor.getSnapshot().context.warmTransfer?.status).toBe('transferred');
    expect(complete).not.toHaveBeenCalled();
  });

  it('stays briefing with the reason when completing is refused; leaving it as a callback takes the caller back', async () => {
    const { actor, cancel } = startAtEscalation({ complete: async () => ({ ok: false, error: { code: 'conflict', message: 'Both the caller and the consulted party must be connected.' } }) });
    actor.send({ type: 'ESCALATE', escalation: warm });
    await waitFor(actor, (s) => subOf(s) === 'briefing');
    actor.send({ type: 'WARM_TRANSFER.COMPLETE' });
    await waitFor(actor, (s) => (s.context.warmTransfer?.error ?? null) !== null);
    expect(subOf(actor.getSnapshot())).toBe('briefing');
    expect(actor.getSnapshot().context.warmTransfer?.error).toContain('must be connected');

    actor.send({ type: 'WARM_TRANSFER.CANCEL' });
    await waitFor(actor, (s) => workflowStepOf(s) === 'wrapUp');
    expect(cancel).toHaveBeenCalledTimes(1);
    expect(actor.getSnapshot().context.warmTransfer?.status).toBe('cancelled');
  });

  it('says why when the nurse queue cannot be called, and calls it again on retry', async () => {
    let attempt = 0;
    const { actor, consult } = startAtEscalation({
      consult: async () =>
        ++attempt === 1
          ? { ok: false, error: { code: 'not-found', message: 'This site has no nurse queue in its transfer directory.' } }
          : { ok: true, value: { consultCallId: OTHER_CALL_ID, targetLabel: 'Nurse triage queue' } },
    });
    actor.send({ type: 'ESCALATE', escalation: warm });
    await waitFor(actor, (s) => subOf(s) === 'failed');
    expect(actor.getSnapshot().context.warmTransfer).toMatchObject({ status: 'failed', error: expect.stringContaining('no nurse queue') });
    actor.send({ type: 'WARM_TRANSFER.RETRY' });
    await waitFor(actor, (s) => subOf(s) === 'briefing');
    expect(consult).toHaveBeenCalledTimes(2);
  });

  it('goes to the wrap-up when the caller hangs up during the transfer', async () => {
    const { actor } = startAtEscalation({ consult: () => new Promise(() => undefined) });
    actor.send({ type: 'ESCALATE', escalation: warm });
    await waitFor(actor, (s) => workflowStepOf(s) === 'warmTransfer');
    actor.send({ type: 'CALL.UPDATED', call: endedCall({ callId: CALL_ID, endReason: 'Caller hung up' }) });
    expect(workflowStepOf(actor.getSnapshot())).toBe('wrapUp');
    expect(actor.getSnapshot().context.warmTransfer).toMatchObject({ status: 'cancelled', error: 'The caller hung up before the transfer.' });
  });

  it('does not try a transfer when the caller is already gone: straight to the wrap-up', async () => {
    const { actor, consult } = startAtEscalation({}, 'ended');
    actor.send({ type: 'ESCALATE', escalation: warm });
    await waitFor(actor, (s) => workflowStepOf(s) === 'wrapUp');
    expect(consult).not.toHaveBeenCalled();
  });
});
