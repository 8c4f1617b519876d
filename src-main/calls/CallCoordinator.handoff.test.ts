import { describe, expect, it, vi } from 'vitest';
import type { PatientSummary } from '../../src-preload/contract';
import { testHandoff } from '../../src-preload/contract/testing/escalationHandoff';
import { MemoryAuditSink } from '../audit/AuditLog';
import { EventHub } from '../ipc/EventHub';
import { createMemoryLogger } from '../log/logger';
import type { DialOptions, IncomingCall, TelephonyEvent, TelephonyPort } from '../telephony/TelephonyPort';
import { CallCoordinator } from './CallCoordinator';
import type { HandoffResolver } from './EscalationHandoffReader';

const CONTEXT_ID = '6f1c7a52-3c1e-4c55-9a0e-2b7d1d2f0a1b';
const nurse = { id: 'nurse-jordan', displayName: 'Jordan Lee', role: 'nurse' as const };
const patient: PatientSummary = {
  id: 'pat-000007',
  family: 'Lopez',
  given: 'Maria',
  displayName: 'Maria Lopez',
  birthDate: '1980-04-02',
  ageYears: 46,
  sex: 'female',
  language: null,
  phones: ['+16175550142'],
  address: null,
  relationships: [],
};
const handoff = testHandoff({ contextId: CONTEXT_ID });

/** A phone line the test drives by hand: it records what was dialed and rings when told. */
class ScriptedLine implements TelephonyPort {
  readonly kind = 'sip' as const;
  readonly label = 'scripted';
  readonly status = { registration: 'registered' as const, message: null };
  readonly dialed: Array<{ callId: string; target: string; options: DialOptions | undefined }> = [];
  private readonly listeners = new Set<(event: TelephonyEvent) => void>();
  onEvent(listener: (event: TelephonyEvent) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  ring(call: IncomingCall): void {
    for (const l of this.listeners) l({ type: 'incoming', call });
  }
  answer = async () => undefined;
  decline = async () => undefined;
  hangUp = async () => undefined;
  hold = async () => undefined;
  sendDtmf = async () => undefined;
  blindTransfer = async () => undefined;
  completeTransfer = async () => undefined;
  stop = async () => undefined;
  async dial(callId: string, target: string, options?: DialOptions): Promise<void> {
    this.dialed.push({ callId, target, options });
  }
}

function setup(resolver?: HandoffResolver) {
  const line = new ScriptedLine();
  const audit = new MemoryAuditSink();
  const byPhone = vi.fn(async () => [] as PatientSummary[]);
  const calls = new CallCoordinator({
    port: line,
    matcher: { byPhone },
    events: new EventHub(),
    logger: createMemoryLogger(),
    serviceLineFor: () => null,
    ivrLabel: (d) => d,
    audit,
    currentUser: () => nurse,
    ...(resolver ? { handoffs: resolver } : {}),
  });
  return { line, calls, audit, byPhone };
}

const ring = (line: ScriptedLine, callId: string, contextId: string | null) =>
  line.ring({ callId, fromRaw: 'agenta', displayName: 'agenta', dnis: 'nursen', ivrDigit: null, contextId });

describe('CallCoordinator: warm transfer context', () => {
  it('sends the escalation context id with a consultation of the escalated call, and only with it', async () => {
    const { line, calls } = setup();
    ring(line, '11111111-1111-4111-8111-111111111111', null);
    await calls.answer('11111111-1111-4111-8111-111111111111');
    expect(calls.recordEscalation('11111111-1111-4111-8111-111111111111', CONTEXT_ID)).toBe(true);

    const consult = await calls.consult('11111111-1111-4111-8111-111111111111', '8100');
    expect(consult.consultFor).toBe('11111111-1111-4111-8111-111111111111');
    expect(line.dialed.at(-1)).toEqual({ callId: consult.callId, target: '8100', options: { contextId: CONTEXT_ID } });

    // A plain call from the dial field carries nothing.
    await calls.dial('2104');
    expect(line.dialed.at(-1)?.options).toBeUndefined();
  });

  it('takes an escalation only for a live call it knows', async () => {
    const { line, calls } = setup();
    expect(calls.recordEscalation('22222222-2222-4222-8222-222222222222', CONTEXT_ID)).toBe(false);
    ring(line, '22222222-2222-4222-8222-222222222222', null);
    await calls.hangUp('22222222-2222-4222-8222-222222222222');
    expect(calls.recordEscalation('22222222-2222-4222-8222-222222222222', CONTEXT_ID)).toBe(false);
    expect(calls.escalationOf('22222222-2222-4222-8222-222222222222')).toBeNull();
  });

  it("pops the escalated patient and the escalation at the receiving desk, not a search by the agent's number", async () => {
    const resolve = vi.fn(async () => ({ patient, handoff }));
    const { line, calls, audit, byPhone } = setup({ resolve });
    ring(line, '33333333-3333-4333-8333-333333333333', CONTEXT_ID);
    const pop = await calls.lookup('33333333-3333-4333-8333-333333333333');
    expect(resolve).toHaveBeenCalledWith(CONTEXT_ID);
    expect(byPhone).not.toHaveBeenCalled();
    expect(pop).toMatchObject({ matchedBy: 'handoff', candidates: [patient], error: null, handoff });
    // Reading the escalation is a PHI view, attributed to the nurse and to the patient.
    expect(audit.entries.at(-1)).toMatchObject({ userId: 'nurse-jordan', action: 'view', patientId: 'pat-000007', resource: 'Task', outcome: 'success' });
  });

  it('looks the escalation up once more when the call is answered, if the EHR did not have it at ring time', async () => {
    const resolve = vi.fn<HandoffResolver['resolve']>().mockResolvedValueOnce(null).mockResolvedValue({ patient, handoff });
    const { line, calls } = setup({ resolve });
    ring(line, '88888888-8888-4888-8888-888888888888', CONTEXT_ID);
    expect(await calls.lookup('88888888-8888-4888-8888-888888888888')).toMatchObject({ candidates: [], error: expect.stringContaining('ask the agent') });
    await calls.answer('88888888-8888-4888-8888-888888888888');
    expect(await calls.lookup('88888888-8888-4888-8888-888888888888')).toMatchObject({ matchedBy: 'handoff', candidates: [patient], handoff });
    expect(calls.screenPop('88888888-8888-4888-8888-888888888888')?.handoff).toEqual(handoff);
    expect(resolve).toHaveBeenCalledTimes(2);
  });

  it('says so when the EHR does not have the escalation yet, or cannot be read', async () => {
    const missing = setup({ resolve: async () => null });
    ring(missing.line, '44444444-4444-4444-8444-444444444444', CONTEXT_ID);
    expect(await missing.calls.lookup('44444444-4444-4444-8444-444444444444')).toMatchObject({ candidates: [], matchedBy: 'none', error: expect.stringContaining('ask the agent') });

    const down = setup({ resolve: async () => Promise.reject(new Error('The EHR cannot be reached (reading Task).')) });
    ring(down.line, '55555555-5555-4555-8555-555555555555', CONTEXT_ID);
    expect(await down.calls.lookup('55555555-5555-4555-8555-555555555555')).toMatchObject({ candidates: [], error: expect.stringContaining('cannot be reached') });
    expect(down.audit.entries.at(-1)).toMatchObject({ outcome: 'failure', resource: 'Task' });
  });
});

describe('CallCoordinator: wrap-up follow-through', () => {
  it('records why no visit was booked with the wrap-up (and nothing when there is none)', async () => {
    const { line, calls } = setup();
    ring(line, '66666666-6666-4666-8666-666666666666', null);
    await calls.answer('66666666-6666-4666-8666-666666666666');
    const noVisitReason = { code: 'no-slots' as const, text: '' };
    const wrapped = await calls.wrapUp('66666666-6666-4666-8666-666666666666', 'no-action', 'pat-000007', nurse, noVisitReason);
    expect(wrapped.wrapUp).toMatchObject({ code: 'no-action', userId: 'nurse-jordan', noVisitReason });

    ring(line, '77777777-7777-4777-8777-777777777777', null);
    const plain = await calls.wrapUp('77777777-7777-4777-8777-777777777777', 'resolved', null, nurse);
    expect(plain.wrapUp).not.toHaveProperty('noVisitReason');
  });
});
