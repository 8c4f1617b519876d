import { describe, expect, it, vi } from 'vitest';
import { createActor, fromPromise, waitFor } from 'xstate';
import type {
  CallInfo,
  DocumentEncounterRequest,
  DocumentEncounterResult,
  Protocol,
  Result,
  Role,
  WrapUpRequest,
} from '../../../../src-preload/contract';
import {
  CALL_ID,
  OTHER_CALL_ID,
  activeCall,
  endedCall,
  feverProtocol,
  mariaLopez,
  redFlagsProtocol,
  ringingCall,
} from '../../test/fixtures';
import { buildDocumentRequest, callSessionMachine, lineStateOf, workflowStepOf } from './callSessionMachine';
import { type CallReason, type InterviewInput, type InterviewOutcome, isSchedulableDisposition } from './types';

const triageReason: CallReason = {
  serviceLineId: 'family-medicine',
  callTypeId: 'symptoms',
  callTypeLabel: 'Symptoms / triage',
  callTypeKind: 'triage',
  reasonForCall: 'Fever since yesterday',
  protocolId: 'fever',
};
const interviewInput: InterviewInput = { ageBand: 'adult', sex: 'female', afterHours: false, hoursBecause: 'open' };
const outcome: InterviewOutcome = {
  answers: [
    { protocolId: 'red-flags', questionId: 'not-breathing', text: 'Struggling to breathe?', answer: 'no', source: 'asked', answeredAt: 1 },
    { protocolId: 'fever', questionId: 'stiff-neck', text: 'Stiff neck?', answer: 'no', source: 'asked', answeredAt: 2 },
  ],
  disposition: { id: 'home-care', because: 'Fever without warning signs' },
  careAdvice: [{ id: 'fluids', title: 'Fluids', text: 'Drink plenty of fluids.' }],
};

interface Stubs {
  answerCall?: (input: { callId: string }) => Promise<Result<CallInfo>>;
  hangUpCall?: (input: { callId: string }) => Promise<Result<CallInfo>>;
  loadProtocols?: (input: { ids: readonly string[] }) => Promise<Result<Protocol[]>>;
  documentEncounter?: (input: DocumentEncounterRequest) => Promise<Result<DocumentEncounterResult>>;
  recordWrapUp?: (input: WrapUpRequest) => Promise<Result<CallInfo>>;
}

function start(role: Role = 'agent', stubs: Stubs = {}) {
  const answerCall = vi.fn(stubs.answerCall ?? (async ({ callId }) => ({ ok: true as const, value: activeCall({ callId }) })));
  const hangUpCall = vi.fn(stubs.hangUpCall ?? (async ({ callId }) => ({ ok: true as const, value: endedCall({ callId }) })));
  const loadProtocols = vi.fn(
    stubs.loadProtocols ?? (async () => ({ ok: true as const, value: [redFlagsProtocol, feverProtocol] })),
  );
  const documentEncounter = vi.fn(
    stubs.documentEncounter ??
      (async (): Promise<Result<DocumentEncounterResult>> => ({
        ok: true,
        value: {
          outcome: 'written',
          outboxId: '11111111-2222-4333-8444-555555555555',
          encounterId: 'enc-1',
          questionnaireResponseId: 'qr-1',
          communicationId: null,
        },
      })),
  );
  const recordWrapUp = vi.fn(
    stubs.recordWrapUp ??
      (async ({ callId, code, patientId }: WrapUpRequest): Promise<Result<CallInfo>> => ({
        ok: true,
        value: { ...endedCall({ callId }), wrapUp: { code, at: 3, userId: 'agent-alex', patientId } },
      })),
  );
  const machine = callSessionMachine.provide({
    actors: {
      answerCall: fromPromise(({ input }) => answerCall(input)),
      hangUpCall: fromPromise(({ input }) => hangUpCall(input)),
      loadProtocols: fromPromise(({ input }) => loadProtocols(input)),
      documentEncounter: fromPromise(({ input }) => documentEncounter(input)),
      recordWrapUp: fromPromise(({ input }) => recordWrapUp(input)),
    },
  });
  const actor = createActor(machine, { input: { role } });
  actor.start();
  const step = () => workflowStepOf(actor.getSnapshot());
  const line = () => lineStateOf(actor.getSnapshot());
  return { actor, step, line, answerCall, hangUpCall, loadProtocols, documentEncounter, recordWrapUp };
}

async function toDisposition(role: Role = 'agent', stubs: Stubs = {}) {
  const session = start(role, stubs);
  const { actor } = session;
  actor.send({ type: 'CALL.INCOMING', call: ringingCall() });
  actor.send({ type: 'ANSWER' });
  await waitFor(actor, (s) => workflowStepOf(s) === 'identifying');
  actor.send({ type: 'PATIENT.VERIFIED', patient: mariaLopez });
  actor.send({ type: 'REASON.SUBMITTED', reason: triageReason, interviewInput });
  await waitFor(actor, (s) => s.matches({ workflow: { interview: 'running' } }));
  actor.send({ type: 'INTERVIEW.COMPLETED', outcome, persistedSnapshot: { value: 'done' } });
  return session;
}

describe('callSessionMachine', () => {
  it('rings, answers through the bridge actor and moves to identification', async () => {
    const { actor, step, line, answerCall } = start();
    expect(step()).toBe('idle');
    expect(line()).toBe('noCall');

    actor.send({ type: 'CALL.INCOMING', call: ringingCall() });
    expect(step()).toBe('ringing');
    expect(line()).toBe('ringing');
    expect(actor.getSnapshot().context.call?.callId).toBe(CALL_ID);

    actor.send({ type: 'ANSWER' });
    expect(line()).toBe('answering');
    await waitFor(actor, (s) => lineStateOf(s) === 'connected');
    expect(answerCall).toHaveBeenCalledWith({ callId: CALL_ID });
    expect(step()).toBe('identifying');
    expect(actor.getSnapshot().context.call?.state).toBe('active');
  });

  it('also follows a call answered elsewhere (call.updated active)', () => {
    const { actor, step, line } = start();
    actor.send({ type: 'CALL.INCOMING', call: ringingCall() });
    actor.send({ type: 'CALL.UPDATED', call: activeCall() });
    expect(line()).toBe('connected');
    expect(step()).toBe('identifying');
  });

  it('keeps ringing and shows the reason when answering fails', async () => {
    const { actor, step } = start('agent', {
      answerCall: async () => ({ ok: false, error: { code: 'conflict', message: 'The caller already hung up.' } }),
    });
    actor.send({ type: 'CALL.INCOMING', call: ringingCall() });
    actor.send({ type: 'ANSWER' });
    await waitFor(actor, (s) => lineStateOf(s) === 'ringing');
    expect(step()).toBe('ringing');
    expect(actor.getSnapshot().context.lineError).toBe('The caller already hung up.');
  });

  it('treats a caller who hangs up while ringing as a missed call', () => {
    const { actor, step, line } = start();
    actor.send({ type: 'CALL.INCOMING', call: ringingCall() });
    actor.send({ type: 'CALL.UPDATED', call: endedCall({ answeredAt: null }) });
    expect(step()).toBe('idle');
    expect(line()).toBe('noCall');
    expect(actor.getSnapshot().context.call?.state).toBe('ended');
  });

  it('ignores updates about another call and a second call while busy', async () => {
    const { actor, step, line } = start();
    actor.send({ type: 'CALL.INCOMING', call: ringingCall() });
    actor.send({ type: 'CALL.UPDATED', call: endedCall({ callId: OTHER_CALL_ID }) });
    expect(line()).toBe('ringing');
    actor.send({ type: 'ANSWER' });
    await waitFor(actor, (s) => workflowStepOf(s) === 'identifying');
    actor.send({ type: 'CALL.INCOMING', call: ringingCall({ callId: OTHER_CALL_ID }) });
    expect(step()).toBe('identifying');
    expect(line()).toBe('connected');
    expect(actor.getSnapshot().context.call?.callId).toBe(CALL_ID);
  });

  it('picks up a call that is already active (window opened mid-call)', () => {
    const { actor, step, line } = start();
    actor.send({ type: 'CALL.INCOMING', call: activeCall() });
    expect(line()).toBe('connected');
    expect(step()).toBe('identifying');
  });

  it('walks identify → reason → interview → disposition → documenting → wrap-up → idle', async () => {
    const { actor, step, line, loadProtocols, documentEncounter, recordWrapUp } = await toDisposition();
    expect(loadProtocols).toHaveBeenCalledWith({ ids: ['red-flags', 'fever'] });
    expect(step()).toBe('disposition');

    actor.send({ type: 'DOCUMENT' });
    expect(step()).toBe('documenting');
    await waitFor(actor, (s) => workflowStepOf(s) === 'wrapUp');
    const request = documentEncounter.mock.calls[0]?.[0];
    expect(request).toMatchObject({
      callId: CALL_ID,
      patientId: mariaLopez.id,
      serviceLineId: 'family-medicine',
      callTypeId: 'symptoms',
      reasonForCall: 'Fever since yesterday',
      identityVerifiedBy: 'name-and-birth-date',
      careAdvice: null,
      interview: {
        protocols: [
          { id: 'red-flags', version: '1.0.0', title: 'Red flag screen' },
          { id: 'fever', version: '1.2.0', title: 'Fever (adult)' },
        ],
        ageBand: 'adult',
        disposition: { id: 'home-care', because: 'Fever without warning signs' },
      },
    });
    expect(actor.getSnapshot().context.documentResult?.outcome).toBe('written');

    // Finish records the wrap-up in main, which hangs up a call still connected; the patient stays for the chart pane.
    actor.send({ type: 'FINISH', code: 'resolved' });
    await waitFor(actor, (s) => workflowStepOf(s) === 'idle');
    await waitFor(actor, (s) => lineStateOf(s) === 'noCall');
    expect(recordWrapUp).toHaveBeenCalledWith({ callId: CALL_ID, code: 'resolved', patientId: mariaLopez.id });
    expect(line()).toBe('noCall');
    expect(actor.getSnapshot().context.wrapUpCode).toBe('resolved');
    expect(actor.getSnapshot().context.patient?.id).toBe(mariaLopez.id);
  });

  it('keeps the interview when the caller hangs up mid-interview and documents afterwards', async () => {
    const session = start();
    const { actor, step, line } = session;
    actor.send({ type: 'CALL.INCOMING', call: ringingCall() });
    actor.send({ type: 'ANSWER' });
    await waitFor(actor, (s) => workflowStepOf(s) === 'identifying');
    actor.send({ type: 'PATIENT.VERIFIED', patient: mariaLopez });
    actor.send({ type: 'REASON.SUBMITTED', reason: triageReason, interviewInput });
    await waitFor(actor, (s) => s.matches({ workflow: { interview: 'running' } }));
    actor.send({ type: 'INTERVIEW.STEPPED', persistedSnapshot: { step: 3 } });
    const draftId = actor.getSnapshot().context.interview?.draftId;

    actor.send({ type: 'CALL.UPDATED', call: endedCall() });
    expect(line()).toBe('ended');
    expect(step()).toBe('interview');
    expect(actor.getSnapshot().context.interview?.persistedSnapshot).toEqual({ step: 3 });
    expect(actor.getSnapshot().context.interview?.draftId).toBe(draftId);

    actor.send({ type: 'INTERVIEW.COMPLETED', outcome, persistedSnapshot: { step: 4 } });
    actor.send({ type: 'DOCUMENT' });
    await waitFor(actor, (s) => workflowStepOf(s) === 'wrapUp');
    actor.send({ type: 'FINISH', code: 'no-action' });
    await waitFor(actor, (s) => workflowStepOf(s) === 'idle');
    expect(session.hangUpCall).not.toHaveBeenCalled();
    expect(line()).toBe('noCall');
  });

  it('stays in wrap-up with the reason when main cannot record it, and finishes on a second try', async () => {
    let attempt = 0;
    const session = await toDisposition('agent', {
      recordWrapUp: async ({ callId, code, patientId }) => {
        attempt += 1;
        if (attempt === 1) return { ok: false, error: { code: 'not-signed-in', message: 'Please sign in first.' } };
        return { ok: true, value: { ...endedCall({ callId }), wrapUp: { code, at: 3, userId: 'agent-alex', patientId } } };
      },
    });
    const { actor } = session;
    actor.send({ type: 'DOCUMENT' });
    await waitFor(actor, (s) => workflowStepOf(s) === 'wrapUp');
    actor.send({ type: 'FINISH', code: 'resolved' });
    await waitFor(actor, (s) => s.context.lineError !== null);
    expect(workflowStepOf(actor.getSnapshot())).toBe('wrapUp');
    expect(actor.getSnapshot().context.lineError).toMatch(/Wrap-up not saved: Please sign in first/);
    actor.send({ type: 'FINISH', code: 'resolved' });
    await waitFor(actor, (s) => workflowStepOf(s) === 'idle');
    expect(session.recordWrapUp).toHaveBeenCalledTimes(2);
  });

  it('keeps everything after a documentation failure and retries with the same draft id', async () => {
    let attempt = 0;
    const { actor, step, documentEncounter } = await toDisposition('agent', {
      documentEncounter: async (request) => {
        attempt += 1;
        if (attempt === 1) return { ok: false, error: { code: 'ehr-unavailable', message: 'The EHR is not answering.' } };
        return { ok: true, value: { outcome: 'queued', outboxId: request.draftId, reason: 'EHR down' } };
      },
    });
    actor.send({ type: 'DOCUMENT' });
    await waitFor(actor, (s) => workflowStepOf(s) === 'disposition' && s.context.documentError !== null);
    expect(actor.getSnapshot().context.documentError?.message).toBe('The EHR is not answering.');
    expect(actor.getSnapshot().context.outcome).toEqual(outcome);

    actor.send({ type: 'DOCUMENT' });
    await waitFor(actor, (s) => workflowStepOf(s) === 'wrapUp');
    expect(step()).toBe('wrapUp');
    const [first, second] = documentEncounter.mock.calls.map((c) => c[0]);
    expect(first?.draftId).toMatch(/^[0-9a-f-]{36}$/);
    expect(second?.draftId).toBe(first?.draftId);
    expect(actor.getSnapshot().context.documentResult).toMatchObject({ outcome: 'queued', reason: 'EHR down' });
  });

  it('sends care advice only from a nurse who confirmed giving it', async () => {
    const nurse = await toDisposition('nurse');
    expect(buildDocumentRequest(nurse.actor.getSnapshot().context, 5)?.careAdvice).toBeNull();
    nurse.actor.send({ type: 'CARE_ADVICE.GIVEN', given: true });
    expect(buildDocumentRequest(nurse.actor.getSnapshot().context, 5)?.careAdvice).toEqual(outcome.careAdvice);

    const agent = await toDisposition('agent');
    agent.actor.send({ type: 'CARE_ADVICE.GIVEN', given: true });
    expect(buildDocumentRequest(agent.actor.getSnapshot().context, 5)?.careAdvice).toBeNull();
  });

  it('reopens the interview from the disposition to change an answer', async () => {
    const { actor } = await toDisposition();
    actor.send({ type: 'INTERVIEW.REOPEN', persistedSnapshot: { value: 'one-back' } });
    expect(actor.getSnapshot().matches({ workflow: { interview: 'running' } })).toBe(true);
    expect(actor.getSnapshot().context.outcome).toBeNull();
    expect(actor.getSnapshot().context.interview?.persistedSnapshot).toEqual({ value: 'one-back' });
  });

  it('goes straight to wrap-up for a call type without an interview', async () => {
    const { actor, step } = start();
    actor.send({ type: 'CALL.INCOMING', call: activeCall() });
    actor.send({ type: 'PATIENT.VERIFIED', patient: mariaLopez });
    actor.send({
      type: 'REASON.SUBMITTED',
      reason: { ...triageReason, callTypeId: 'refill', callTypeKind: 'refill', protocolId: null },
      interviewInput: null,
    });
    expect(step()).toBe('wrapUp');
    expect(actor.getSnapshot().context.interview).toBeNull();
  });

  it('returns to the reason step with the error when protocols cannot load', async () => {
    const { actor, step } = start('agent', {
      loadProtocols: async () => ({ ok: false, error: { code: 'not-found', message: 'Protocol fever-adult not found.' } }),
    });
    actor.send({ type: 'CALL.INCOMING', call: activeCall() });
    actor.send({ type: 'PATIENT.VERIFIED', patient: mariaLopez });
    actor.send({ type: 'REASON.SUBMITTED', reason: triageReason, interviewInput });
    await waitFor(actor, (s) => workflowStepOf(s) === 'reason');
    expect(step()).toBe('reason');
    expect(actor.getSnapshot().context.protocolError?.message).toBe('Protocol fever-adult not found.');
  });

  it('returns to the reason step when the interview cannot start for this patient', async () => {
    const { actor, step } = start();
    actor.send({ type: 'CALL.INCOMING', call: activeCall() });
    actor.send({ type: 'PATIENT.VERIFIED', patient: mariaLopez });
    actor.send({ type: 'REASON.SUBMITTED', reason: triageReason, interviewInput });
    await waitFor(actor, (s) => s.matches({ workflow: { interview: 'running' } }));
    actor.send({ type: 'INTERVIEW.CANNOT_START', message: 'Fever (adult) is not written for age band child' });
    expect(step()).toBe('reason');
    expect(actor.getSnapshot().context.protocolError?.message).toContain('age band child');
    expect(actor.getSnapshot().context.interview).toBeNull();
  });

  it('does not document without a complete interview', () => {
    const { actor, step } = start();
    actor.send({ type: 'CALL.INCOMING', call: activeCall() });
    actor.send({ type: 'DOCUMENT' });
    expect(step()).toBe('identifying');
  });

  describe('scope of practice', () => {
    const screen = { answers: [outcome.answers[0]!] };
    const escalation = { route: 'nurse-callback', priority: 'urgent', suggestedPriority: 'urgent', reason: '' } as const;

    async function toInterview(role: Role, stubs: Stubs = {}) {
      const session = start(role, stubs);
      const { actor } = session;
      actor.send({ type: 'CALL.INCOMING', call: activeCall() });
      actor.send({ type: 'PATIENT.VERIFIED', patient: mariaLopez });
      actor.send({ type: 'REASON.SUBMITTED', reason: triageReason, interviewInput });
      await waitFor(actor, (s) => s.matches({ workflow: { interview: 'running' } }));
      return session;
    }

    it('stops an agent after a clear red-flag screen and documents the escalation, not a disposition', async () => {
      const { actor, step, documentEncounter } = await toInterview('agent');
      actor.send({ type: 'INTERVIEW.RED_FLAGS_CLEARED', screen, persistedSnapshot: { value: 'screened' } });
      expect(step()).toBe('escalation');
      actor.send({ type: 'DOCUMENT' });
      expect(step()).toBe('escalation');

      actor.send({ type: 'ESCALATE', escalation });
      await waitFor(actor, (s) => workflowStepOf(s) === 'wrapUp');
      const sent = documentEncounter.mock.calls[0]?.[0];
      expect(sent?.escalation).toEqual(escalation);
      expect(sent?.interview.disposition).toBeNull();
      expect(sent?.interview.protocols.map((p) => p.id)).toEqual(['red-flags']);
      expect(sent?.interview.answers).toEqual(screen.answers);
      expect(sent?.careAdvice).toBeNull();
    });

    it('treats a supervisor like an agent, and lets a nurse go on into the symptom protocol', async () => {
      const supervisor = await toInterview('supervisor');
      supervisor.actor.send({ type: 'INTERVIEW.RED_FLAGS_CLEARED', screen, persistedSnapshot: null });
      expect(supervisor.step()).toBe('escalation');

      const nurse = await toInterview('nurse');
      nurse.actor.send({ type: 'INTERVIEW.RED_FLAGS_CLEARED', screen, persistedSnapshot: null });
      expect(nurse.actor.getSnapshot().matches({ workflow: { interview: 'running' } })).toBe(true);
    });

    it('refuses a lowered priority without a reason, and goes back to the escalation when documenting fails', async () => {
      const { actor, step, documentEncounter } = await toInterview('agent', {
        documentEncounter: async () => ({ ok: false, error: { code: 'ehr-unavailable', message: 'EHR down' } }),
      });
      actor.send({ type: 'INTERVIEW.RED_FLAGS_CLEARED', screen, persistedSnapshot: null });
      actor.send({ type: 'ESCALATE', escalation: { ...escalation, priority: 'routine' } });
      expect(step()).toBe('escalation');
      expect(documentEncounter).not.toHaveBeenCalled();

      actor.send({ type: 'ESCALATE', escalation: { ...escalation, priority: 'routine', reason: 'Caller says it is mild now' } });
      await waitFor(actor, (s) => s.context.documentError !== null);
      expect(step()).toBe('escalation');
      expect(actor.getSnapshot().context.documentError?.message).toBe('EHR down');
    });

    it('reopens the red-flag screen from the escalation step', async () => {
      const { actor } = await toInterview('agent');
      actor.send({ type: 'INTERVIEW.RED_FLAGS_CLEARED', screen, persistedSnapshot: null });
      actor.send({ type: 'INTERVIEW.REOPEN', persistedSnapshot: { value: 'one-back' } });
      expect(actor.getSnapshot().matches({ workflow: { interview: 'running' } })).toBe(true);
      expect(actor.getSnapshot().context.redFlagScreen).toBeNull();
    });

    it("documents a nurse's override with its reason; refuses one from an agent, without a reason, or from elsewhere", async () => {
      const override = { from: 'home-care', to: 'seen-today', reason: 'Caller sounds more unwell than the answers say' } as const;
      const nurse = await toDisposition('nurse');
      nurse.actor.send({ type: 'DISPOSITION.OVERRIDE', override: { ...override, reason: 'too short' } });
      nurse.actor.send({ type: 'DISPOSITION.OVERRIDE', override: { ...override, from: 'ed-now' } });
      expect(nurse.actor.getSnapshot().context.override).toBeNull();
      nurse.actor.send({ type: 'DISPOSITION.OVERRIDE', override });
      expect(buildDocumentRequest(nurse.actor.getSnapshot().context, 5)?.override).toEqual(override);
      // Changing an answer may change the engine's disposition: the override no longer applies.
      nurse.actor.send({ type: 'INTERVIEW.REOPEN', persistedSnapshot: null });
      expect(nurse.actor.getSnapshot().context.override).toBeNull();

      const agent = await toDisposition('agent');
      agent.actor.send({ type: 'DISPOSITION.OVERRIDE', override });
      expect(agent.actor.getSnapshot().context.override).toBeNull();
      expect(buildDocumentRequest(agent.actor.getSnapshot().context, 5)).not.toHaveProperty('override');
    });
  });
});

describe('scheduling after the disposition', () => {
  const hold = {
    holdId: '00000000-aaaa-4bbb-8ccc-000000000001',
    offer: { offerId: 'o-1', rank: 1, score: 1, reasons: ['Your PCP'], visits: [] as never[] },
    expiresAt: 10,
  };

  it('opens with the disposition and the reason for the call, keeps the draft while the call is held, and returns to the disposition', async () => {
    const { actor, step, line } = await toDisposition('nurse');
    actor.send({ type: 'DISPOSITION.OVERRIDE', override: { from: 'home-care', to: 'seen-today', reason: 'Caller sounds worse than the answers say' } });
    actor.send({ type: 'SCHEDULE.OPEN' });
    expect(step()).toBe('scheduling');
    expect(actor.getSnapshot().context.scheduling).toMatchObject({ dispositionId: 'seen-today', reason: 'Fever since yesterday', sendConfirmation: true, hold: null });

    actor.send({ type: 'SCHEDULE.UPDATE', draft: { preferences: { telehealthOk: true }, reason: 'Fever, 4 days', hold, idempotencyKey: 'k-1' } });
    actor.send({ type: 'CALL.UPDATED', call: activeCall({ held: true }) });
    expect(actor.getSnapshot().context.call?.held).toBe(true);
    expect(step()).toBe('scheduling');
    expect(line()).toBe('connected');
    expect(actor.getSnapshot().context.scheduling).toMatchObject({ preferences: { telehealthOk: true }, reason: 'Fever, 4 days', idempotencyKey: 'k-1' });

    actor.send({ type: 'SCHEDULE.CLOSE' });
    expect(step()).toBe('disposition');
    // The hold was released by the pane; what the agent typed is kept for a reopen.
    actor.send({ type: 'SCHEDULE.OPEN' });
    expect(actor.getSnapshot().context.scheduling).toMatchObject({ reason: 'Fever, 4 days', hold: null, idempotencyKey: null });
  });

  it('keeps the booking for the wrap-up and clears the hold it became', async () => {
    const { actor, step } = await toDisposition();
    actor.send({ type: 'SCHEDULE.OPEN' });
    actor.send({ type: 'SCHEDULE.UPDATE', draft: { hold, idempotencyKey: 'k-1' } });
    actor.send({
      type: 'SCHEDULE.BOOKED',
      result: { outcome: 'queued', outboxId: '11111111-2222-4333-8444-555555555555', offer: hold.offer, reason: 'EHR down', confirmationScript: 'See you.' },
    });
    expect(actor.getSnapshot().context.booking?.outcome).toBe('queued');
    expect(actor.getSnapshot().context.scheduling).toMatchObject({ hold: null, idempotencyKey: null });
    actor.send({ type: 'SCHEDULE.CLOSE' });
    actor.send({ type: 'DOCUMENT' });
    await waitFor(actor, (s) => workflowStepOf(s) === 'wrapUp');
    expect(step()).toBe('wrapUp');
    expect(actor.getSnapshot().context.booking?.outboxId).toBe('11111111-2222-4333-8444-555555555555');
  });

  it('never opens scheduling for 911, the ED or a route', async () => {
    for (const to of ['ed-now', 'call-911', 'poison-control'] as const) {
      const { actor, step } = await toDisposition('nurse');
      actor.send({ type: 'DISPOSITION.OVERRIDE', override: { from: 'home-care', to, reason: 'Escalating on the nurse judgement' } });
      actor.send({ type: 'SCHEDULE.OPEN' });
      expect(step()).toBe('disposition');
      expect(actor.getSnapshot().context.scheduling).toBeNull();
    }
  });

  it('takes an appointment call straight to a routine booking, then to the wrap-up', () => {
    const { actor, step } = start();
    actor.send({ type: 'CALL.INCOMING', call: activeCall() });
    actor.send({ type: 'PATIENT.VERIFIED', patient: mariaLopez });
    actor.send({
      type: 'REASON.SUBMITTED',
      reason: { ...triageReason, callTypeId: 'appointment', callTypeKind: 'scheduling', reasonForCall: 'Annual physical', protocolId: null },
      interviewInput: null,
    });
    expect(step()).toBe('scheduling');
    expect(actor.getSnapshot().context.scheduling).toMatchObject({ dispositionId: null, reason: 'Annual physical' });
    actor.send({ type: 'SCHEDULE.CLOSE' });
    expect(step()).toBe('wrapUp');
  });

  it('marks exactly the bookable dispositions as schedulable', () => {
    expect(isSchedulableDisposition('seen-within-4-hours')).toBe(true);
    expect(isSchedulableDisposition('home-care')).toBe(true);
    expect(isSchedulableDisposition('ed-now')).toBe(false);
    expect(isSchedulableDisposition('call-911')).toBe(false);
    expect(isSchedulableDisposition('dentist')).toBe(false);
  });
});

describe('rescheduling a chart appointment', () => {
  const target = { appointmentId: 'appt-7', visitTypeLabel: 'Follow-up visit', label: 'Follow-up visit on Mon, Mar 11 9:00 AM with Dr. Dana Kim' };
  const hold = {
    holdId: '00000000-aaaa-4bbb-8ccc-000000000002',
    offer: { offerId: 'o-2', rank: 1, score: 1, reasons: ['Your PCP'], visits: [] as never[] },
    expiresAt: 10,
  };
  const booked = { outcome: 'booked' as const, appointmentId: 'appt-8', outboxId: '11111111-2222-4333-8444-666666666666', offer: hold.offer, confirmationScript: 'Moved.' };

  it('opens from the disposition with its window, sets the booking draft aside and gives it back on close', async () => {
    const { actor, step } = await toDisposition('nurse');
    actor.send({ type: 'SCHEDULE.OPEN' });
    actor.send({ type: 'SCHEDULE.UPDATE', draft: { reason: 'Fever, 4 days' } });
    actor.send({ type: 'SCHEDULE.CLOSE' });
    expect(step()).toBe('disposition');

    actor.send({ type: 'SCHEDULE.OPEN', reschedule: target });
    expect(step()).toBe('scheduling');
    const draft = actor.getSnapshot().context.scheduling;
    // The reason for the change is asked, never pre-filled from the reason for the call.
    expect(draft).toMatchObject({ dispositionId: 'home-care', reason: '', hold: null, reschedule: { ...target, returnTo: 'disposition', result: null } });
    expect(draft?.reschedule?.previous).toMatchObject({ reason: 'Fever, 4 days' });

    actor.send({ type: 'SCHEDULE.CLOSE' });
    expect(step()).toBe('disposition');
    actor.send({ type: 'SCHEDULE.OPEN' });
    expect(actor.getSnapshot().context.scheduling).toMatchObject({ reason: 'Fever, 4 days' });
    expect(actor.getSnapshot().context.scheduling?.reschedule).toBeUndefined();
  });

  it('opens at the reason step with the routine window, keeps the new appointment, and returns to the reason step', () => {
    const { actor, step } = start();
    actor.send({ type: 'CALL.INCOMING', call: activeCall() });
    actor.send({ type: 'PATIENT.VERIFIED', patient: mariaLopez });
    actor.send({ type: 'SCHEDULE.OPEN', reschedule: target });
    expect(step()).toBe('scheduling');
    expect(actor.getSnapshot().context.scheduling).toMatchObject({ dispositionId: null, reschedule: { returnTo: 'reason' } });
    actor.send({ type: 'SCHEDULE.UPDATE', draft: { hold, idempotencyKey: 'k-2', reason: 'Work conflict' } });
    actor.send({ type: 'SCHEDULE.BOOKED', result: booked });
    expect(actor.getSnapshot().context.scheduling).toMatchObject({ hold: null, idempotencyKey: null, reschedule: { result: booked } });
    expect(actor.getSnapshot().context.booking).toEqual(booked);
    actor.send({ type: 'SCHEDULE.CLOSE' });
    expect(step()).toBe('reason');
    expect(actor.getSnapshot().context.scheduling).toBeNull();
  });

  it('opens after the call from the chart that stays, and goes back to idle', async () => {
    const { actor, step } = await toDisposition();
    actor.send({ type: 'DOCUMENT' });
    await waitFor(actor, (s) => workflowStepOf(s) === 'wrapUp');
    actor.send({ type: 'SCHEDULE.OPEN', reschedule: target });
    expect(actor.getSnapshot().context.scheduling?.reschedule?.returnTo).toBe('wrapUp');
    actor.send({ type: 'SCHEDULE.CLOSE' });
    expect(step()).toBe('wrapUp');
    actor.send({ type: 'FINISH', code: 'resolved' });
    await waitFor(actor, (s) => workflowStepOf(s) === 'idle');
    actor.send({ type: 'SCHEDULE.OPEN', reschedule: target });
    expect(step()).toBe('scheduling');
    expect(actor.getSnapshot().context.scheduling?.reschedule?.returnTo).toBe('idle');
    actor.send({ type: 'SCHEDULE.CLOSE' });
    expect(step()).toBe('idle');
  });

  it('refuses without a verified patient and in the middle of an interview', async () => {
    const fresh = start();
    fresh.actor.send({ type: 'SCHEDULE.OPEN', reschedule: target });
    expect(fresh.step()).toBe('idle');
    expect(fresh.actor.getSnapshot().context.scheduling).toBeNull();

    const { actor, step } = start();
    actor.send({ type: 'CALL.INCOMING', call: activeCall() });
    actor.send({ type: 'PATIENT.VERIFIED', patient: mariaLopez });
    actor.send({ type: 'REASON.SUBMITTED', reason: triageReason, interviewInput });
    await waitFor(actor, (s) => s.matches({ workflow: { interview: 'running' } }));
    actor.send({ type: 'SCHEDULE.OPEN', reschedule: target });
    expect(step()).toBe('interview');
  });
});

describe('a caller without a chart', () => {
  const child = { given: 'Tobi', ageYears: 4, sex: 'male' as const, phone: '+15555550123', address: '12 Elm St' };
  const parent = { relationship: 'parent' as const, name: 'Ada Okafor', phone: '+15555550123' };

  async function toReasonUnidentified(role: Role, stubs: Stubs = {}) {
    const session = start(role, stubs);
    const { actor } = session;
    actor.send({ type: 'CALL.INCOMING', call: ringingCall() });
    actor.send({ type: 'ANSWER' });
    await waitFor(actor, (s) => workflowStepOf(s) === 'identifying');
    actor.send({ type: 'PATIENT.UNIDENTIFIED', patient: child, caller: parent });
    return session;
  }

  it('refuses an entry without an age or birth date (the protocol branches on age) and stays identifying', async () => {
    const { actor, step } = start('nurse');
    actor.send({ type: 'CALL.INCOMING', call: ringingCall() });
    actor.send({ type: 'ANSWER' });
    await waitFor(actor, (s) => workflowStepOf(s) === 'identifying');
    actor.send({ type: 'PATIENT.UNIDENTIFIED', patient: { sex: 'male' }, caller: parent });
    expect(step()).toBe('identifying');
  });

  it('a nurse triages with what was entered; the documentation asks main for a new Patient, unverified, with the caller', async () => {
    const documented: Result<DocumentEncounterResult> = {
      ok: true,
      value: { outcome: 'written', outboxId: '11111111-2222-4333-8444-555555555555', encounterId: 'enc-9', questionnaireResponseId: 'qr-9', communicationId: null, patientId: 'pat-new-1' },
    };
    const { actor, step, documentEncounter, recordWrapUp } = await toReasonUnidentified('nurse', { documentEncounter: async () => documented });
    expect(step()).toBe('reason');
    expect(actor.getSnapshot().context).toMatchObject({ patient: null, unidentified: child, caller: parent });
    actor.send({ type: 'REASON.SUBMITTED', reason: triageReason, interviewInput: { ...interviewInput, ageBand: 'child', sex: 'male' } });
    await waitFor(actor, (s) => s.matches({ workflow: { interview: 'running' } }));
    actor.send({ type: 'INTERVIEW.COMPLETED', outcome, persistedSnapshot: {} });
    actor.send({ type: 'DOCUMENT' });
    await waitFor(actor, (s) => workflowStepOf(s) === 'wrapUp');
    const request = documentEncounter.mock.calls[0]![0];
    expect(request).toMatchObject({ newPatient: child, caller: parent, identityVerifiedBy: 'unverified' });
    expect(request).not.toHaveProperty('patientId');
    // The wrap-up names the Patient the EHR created, so the next call from this number pops it.
    actor.send({ type: 'FINISH', code: 'resolved' });
    await waitFor(actor, (s) => workflowStepOf(s) === 'idle');
    expect(recordWrapUp).toHaveBeenCalledWith({ callId: CALL_ID, code: 'resolved', patientId: 'pat-new-1' });
  });

  it('an agent runs the red-flag screen and escalates as for any caller; changing the patient clears the entry', async () => {
    const { actor, step, documentEncounter } = await toReasonUnidentified('agent');
    actor.send({ type: 'PATIENT.CHANGE' });
    expect(step()).toBe('identifying');
    expect(actor.getSnapshot().context).toMatchObject({ unidentified: null, caller: null });
    actor.send({ type: 'PATIENT.UNIDENTIFIED', patient: child, caller: parent });
    actor.send({ type: 'REASON.SUBMITTED', reason: triageReason, interviewInput });
    await waitFor(actor, (s) => s.matches({ workflow: { interview: 'running' } }));
    const answers = [outcome.answers[0]!];
    actor.send({ type: 'INTERVIEW.RED_FLAGS_CLEARED', screen: { answers }, persistedSnapshot: {} });
    expect(step()).toBe('escalation');
    actor.send({ type: 'ESCALATE', escalation: { route: 'nurse-callback', priority: 'urgent', suggestedPriority: 'routine', reason: '' } });
    await waitFor(actor, (s) => workflowStepOf(s) === 'wrapUp');
    expect(documentEncounter.mock.calls[0]![0]).toMatchObject({ newPatient: child, identityVerifiedBy: 'unverified', interview: { disposition: null } });
  });

  it('records the caller of a verified patient when it is not the patient', async () => {
    const { actor, step } = start('nurse');
    actor.send({ type: 'CALL.INCOMING', call: activeCall() });
    await waitFor(actor, (s) => workflowStepOf(s) === 'identifying');
    actor.send({ type: 'PATIENT.VERIFIED', patient: mariaLopez, caller: parent });
    expect(step()).toBe('reason');
    expect(actor.getSnapshot().context).toMatchObject({ patient: { id: mariaLopez.id }, caller: parent, unidentified: null });
  });
});

describe('the emergency path', () => {
  it('opens in one event from identification (before verification), keeps the address and connection, and is documented once the patient is verified', async () => {
    const { actor, step, documentEncounter } = start('agent');
    actor.send({ type: 'CALL.INCOMING', call: ringingCall() });
    actor.send({ type: 'ANSWER' });
    await waitFor(actor, (s) => workflowStepOf(s) === 'identifying');
    const strokeYes = { protocolId: 'red-flags', questionId: 'stroke-signs', text: 'Face drooping?', answer: 'yes' as const, source: 'asked' as const, answeredAt: 5 };
    actor.send({ type: 'EMERGENCY.OPEN', because: 'Stroke signs: "face is drooping"', answers: [strokeYes] });
    expect(step()).toBe('emergency');
    expect(actor.getSnapshot().context.emergency).toMatchObject({ returnTo: 'identifying', because: 'Stroke signs: "face is drooping"', address: '', connected: null });
    actor.send({ type: 'EMERGENCY.ADDRESS', address: '12 Elm St, apt 3' });
    actor.send({ type: 'EMERGENCY.CONNECTED', target: '911', label: 'Emergency services (911)', mode: 'consult' });
    expect(actor.getSnapshot().context.emergency).toMatchObject({ address: '12 Elm St, apt 3', connected: { target: '911', mode: 'consult' } });
    const screen = { id: 'red-flags', version: '2.0.0', title: 'Red flag screen' };
    actor.send({ type: 'EMERGENCY.DONE', screen });
    // Nobody verified yet: identity now, then the emergency is documented in that chart.
    expect(step()).toBe('identifying');
    expect(documentEncounter).not.toHaveBeenCalled();
    actor.send({ type: 'PATIENT.VERIFIED', patient: mariaLopez });
    await waitFor(actor, (s) => workflowStepOf(s) === 'wrapUp');
    expect(documentEncounter).toHaveBeenCalledTimes(1);
    const request = documentEncounter.mock.calls[0]![0];
    expect(request).toMatchObject({
      patientId: mariaLopez.id,
      callTypeId: 'emergency',
      reasonForCall: 'Stroke signs: "face is drooping"',
      careAdvice: null,
      interview: {
        protocols: [screen],
        answers: [strokeYes],
        disposition: { id: 'call-911', because: expect.stringContaining('connected to Emergency services (911) (attended); address given: 12 Elm St, apt 3') },
      },
    });
    expect(request.draftId).toBe(actor.getSnapshot().context.emergency?.draftId);
  });

  it('an emergency for a caller without a chart is documented with the patient entered on the spot (unverified)', async () => {
    const { actor, step, documentEncounter } = start('agent');
    actor.send({ type: 'CALL.INCOMING', call: activeCall() });
    await waitFor(actor, (s) => workflowStepOf(s) === 'identifying');
    actor.send({ type: 'EMERGENCY.OPEN', because: 'Not breathing', answers: [] });
    actor.send({ type: 'EMERGENCY.DONE', screen: { id: 'red-flags', version: '2.0.0', title: 'Red flag screen' } });
    expect(step()).toBe('identifying');
    const stranger = { ageYears: 70, sex: 'male' as const };
    actor.send({ type: 'PATIENT.UNIDENTIFIED', patient: stranger, caller: { relationship: 'other', name: 'Neighbour' } });
    await waitFor(actor, (s) => workflowStepOf(s) === 'wrapUp');
    const request = documentEncounter.mock.calls[0]![0];
    expect(request).toMatchObject({ newPatient: stranger, identityVerifiedBy: 'unverified', caller: { relationship: 'other' }, interview: { ageBand: 'older-adult', disposition: { id: 'call-911' } } });
    expect(request).not.toHaveProperty('patientId');
  });

  it('documents at once when the patient is verified, under the interview draft (one encounter per call), and back to the path when it fails', async () => {
    let fail = true;
    const { actor, step, documentEncounter } = await toDisposition('nurse', {
      documentEncounter: async () =>
        fail
          ? { ok: false, error: { code: 'ehr-unavailable', message: 'The EHR is down.' } }
          : { ok: true, value: { outcome: 'queued', outboxId: '11111111-2222-4333-8444-555555555555', reason: 'later' } },
    });
    const draftId = actor.getSnapshot().context.interview?.draftId;
    actor.send({ type: 'EMERGENCY.OPEN' });
    actor.send({ type: 'EMERGENCY.DONE', screen: null });
    await waitFor(actor, (s) => workflowStepOf(s) === 'emergency' && s.context.documentError !== null);
    expect(step()).toBe('emergency');
    fail = false;
    actor.send({ type: 'EMERGENCY.DONE', screen: null });
    await waitFor(actor, (s) => workflowStepOf(s) === 'wrapUp');
    const calls = documentEncounter.mock.calls.map((c) => c[0]);
    expect(calls).toHaveLength(2);
    expect(calls.every((r) => r.draftId === draftId)).toBe(true);
    // The interview's answers so far come along; the red-flag screen it ran is the protocol.
    expect(calls[1]).toMatchObject({ interview: { protocols: [{ id: 'red-flags' }], disposition: { id: 'call-911' } } });
    expect(calls[1]!.interview.answers).toEqual(outcome.answers);
  });

  it('is reachable from every step of an answered call, and leaving it without a reason is refused', async () => {
    const { actor, step } = await toDisposition('nurse');
    expect(step()).toBe('disposition');
    actor.send({ type: 'EMERGENCY.OPEN' });
    expect(step()).toBe('emergency');
    expect(actor.getSnapshot().context.emergency?.because).toBe('Opened by the agent');
    actor.send({ type: 'EMERGENCY.LEAVE', reason: 'no' });
    expect(step()).toBe('emergency');
    actor.send({ type: 'EMERGENCY.LEAVE', reason: 'Caller meant last week, not now' });
    expect(step()).toBe('disposition');
    // The disposition reached before is still there; the reason for leaving is kept with the call.
    expect(actor.getSnapshot().context.outcome?.disposition.id).toBe('home-care');
    expect(actor.getSnapshot().context.emergency?.leftBecause).toBe('Caller meant last week, not now');
  });

  it('returns into the interview where it was (the snapshot is kept) and is not offered before a call exists', async () => {
    const idle = start('nurse');
    idle.actor.send({ type: 'EMERGENCY.OPEN' });
    expect(idle.step()).toBe('idle');

    const { actor, step } = start('nurse');
    actor.send({ type: 'CALL.INCOMING', call: activeCall() });
    await waitFor(actor, (s) => workflowStepOf(s) === 'identifying');
    actor.send({ type: 'PATIENT.VERIFIED', patient: mariaLopez });
    actor.send({ type: 'REASON.SUBMITTED', reason: triageReason, interviewInput });
    await waitFor(actor, (s) => s.matches({ workflow: { interview: 'running' } }));
    actor.send({ type: 'INTERVIEW.STEPPED', persistedSnapshot: { value: 'q2' } });
    actor.send({ type: 'EMERGENCY.OPEN' });
    expect(step()).toBe('emergency');
    actor.send({ type: 'EMERGENCY.LEAVE', reason: 'Symptoms are from yesterday, resolved' });
    await waitFor(actor, (s) => s.matches({ workflow: { interview: 'running' } }));
    expect(actor.getSnapshot().context.interview?.persistedSnapshot).toEqual({ value: 'q2' });
  });
});
