import type { Bundle } from '@medplum/fhirtypes';
import { describe, expect, it, vi } from 'vitest';
import type { Chart, PatientSummary, ScreenPop, User } from '../../src-preload/contract';
import { MemoryAuditSink } from '../audit/AuditLog';
import { feverRequest, newPatientRequest, nurse } from '../documentation/testing/documentRequests';
import { FhirError } from '../ehr/FhirClient';
import { createMemoryLogger } from '../log/logger';
import { ContractFailure } from './ContractRouter';
import { type HandlerServices, createHandlers } from './handlers';

const candidate = { id: 'pat-1', family: 'Lopez', given: 'Maria', displayName: 'Maria Lopez', birthDate: '1980-01-02', phones: ['+16175550142'] } as PatientSummary;
const context = { transport: 'test' } as const;

function setup(user: User = nurse, overrides: Partial<Record<keyof HandlerServices, unknown>> = {}) {
  const audit = new MemoryAuditSink();
  const logger = createMemoryLogger();
  const services = {
    session: { require: () => user },
    serviceLines: { get: () => undefined },
    matcher: { byNameAndBirthDate: vi.fn(async () => [candidate, { ...candidate, id: 'pat-2' }]) },
    charts: { read: vi.fn(async (id: string) => ({ patient: { ...candidate, id } }) as unknown as Chart) },
    calls: {
      screenPop: vi.fn((callId: string): ScreenPop => ({ callId, matchedBy: 'phone', candidates: [candidate], lookupMs: 3, error: null })),
      lookUpAgain: vi.fn(async (callId: string): Promise<ScreenPop> => ({ callId, matchedBy: 'phone', candidates: [candidate, candidate], lookupMs: 3, error: null })),
    },
    outbox: {
      submit: vi.fn(async (_bundle: Bundle) => ({ outcome: 'queued' as const, outboxId: feverRequest.draftId, reason: 'test' })),
      list: vi.fn(() => [{ id: 'ob-1', patientId: 'pat-9', state: 'failed' }]),
      retry: vi.fn(async (id: string) => ({ id, patientId: 'pat-9', state: 'sent' })),
    },
    monitor: { check: vi.fn(async () => undefined) },
    audit,
    logger,
    ...overrides,
  } as unknown as HandlerServices;
  return { handlers: createHandlers(services), audit, logger };
}

const who = { userId: nurse.id, userRole: 'nurse', purpose: 'treatment' } as const;

describe('handlers: PHI access is audited (issue 5 §5)', () => {
  it('patient.search records which parameters were used and how many came back, never the values', async () => {
    const { handlers, audit } = setup();
    await handlers['patient.search']({ family: 'Lopez', given: 'Maria', birthDate: '1980-01-02' }, context);
    await handlers['patient.search']({ family: 'Lopez', birthDate: '1980-01-02' }, context);
    expect(audit.entries).toEqual([
      { ...who, action: 'search', patientId: null, resource: 'Patient', detail: 'params=birthdate,family,given;results=2', outcome: 'success' },
      { ...who, action: 'search', patientId: null, resource: 'Patient', detail: 'params=birthdate,family;results=2', outcome: 'success' },
    ]);
    expect(JSON.stringify(audit.entries)).not.toMatch(/Lopez|Maria|1980/);
  });

  it('session.signIn and signOut record who used the workstation when, and a refused sign-in as a failure', async () => {
    let current: User | null = null;
    const session = {
      current: () => current,
      require: () => current,
      signIn: (id: string) => {
        if (id !== nurse.id) throw new ContractFailure('not-found', 'Unknown identity.');
        return (current = nurse);
      },
      signOut: () => (current = null),
    };
    const { handlers, audit } = setup(nurse, { session });
    await expect(handlers['session.signIn']({ userId: 'someone' }, context)).rejects.toMatchObject({ code: 'not-found' });
    await handlers['session.signIn']({ userId: nurse.id }, context);
    await handlers['session.signOut']({}, context);
    const base = { patientId: null, purpose: 'operations', resource: 'Careline' };
    expect(audit.entries).toEqual([
      { ...base, userId: 'someone', userRole: 'system', action: 'login', detail: 'error=not-found', outcome: 'failure' },
      { ...base, userId: nurse.id, userRole: 'nurse', action: 'login', detail: '', outcome: 'success' },
      { ...base, userId: nurse.id, userRole: 'nurse', action: 'logout', detail: '', outcome: 'success' },
    ]);
  });

  it('patient.chart records a view of that patient, and a failed read as a failure', async () => {
    const { handlers, audit } = setup();
    await handlers['patient.chart']({ patientId: 'pat-1' }, context);
    expect(audit.entries).toEqual([{ ...who, action: 'view', patientId: 'pat-1', resource: 'Patient/pat-1', detail: 'view=chart', outcome: 'success' }]);

    const down = setup(nurse, { charts: { read: async () => { throw new FhirError('unreachable', 'down'); } }, monitor: { check: vi.fn(async () => undefined) } });
    await expect(down.handlers['patient.chart']({ patientId: 'pat-1' }, context)).rejects.toMatchObject({ code: 'ehr-unavailable' });
    expect(down.audit.entries).toEqual([{ ...who, action: 'view', patientId: 'pat-1', resource: 'Patient/pat-1', detail: 'error=ehr-unavailable', outcome: 'failure' }]);
  });

  it('encounter.document and outbox.retry record writes to the patient', async () => {
    const { handlers, audit } = setup();
    await handlers['encounter.document']({ ...feverRequest, careAdvice: null }, context);
    await handlers['outbox.retry']({ id: 'ob-1' }, context);
    expect(audit.entries).toEqual([
      { ...who, action: 'write', patientId: feverRequest.patientId, resource: 'Encounter', detail: 'result=queued', outcome: 'success' },
      { ...who, action: 'write', patientId: 'pat-9', resource: 'Encounter', detail: 'retry;state=sent', outcome: 'success' },
    ]);
  });

  it('encounter.document for a caller without a chart: one write, queued under a placeholder id until the EHR assigns one', async () => {
    const { handlers, audit } = setup();
    const submit = vi.fn(async (_bundle: Bundle) => ({ outcome: 'written' as const, outboxId: newPatientRequest.draftId, encounterId: 'enc-1', questionnaireResponseId: 'qr-1', communicationId: null, patientId: 'pat-new' }));
    const { handlers: writing, audit: written } = setup(nurse, { outbox: { submit } });
    await handlers['encounter.document']({ ...newPatientRequest, careAdvice: null }, context);
    await writing['encounter.document']({ ...newPatientRequest, careAdvice: null }, context);
    expect(audit.entries).toEqual([{ ...who, action: 'write', patientId: null, resource: 'Encounter', detail: 'result=queued;new-patient=pending', outcome: 'success' }]);
    expect(written.entries).toEqual([{ ...who, action: 'write', patientId: null, resource: 'Encounter', detail: 'result=written;new-patient=pat-new', outcome: 'success' }]);
    const [bundle, meta] = submit.mock.calls[0] as unknown as [Bundle, { patientId: string; label: string }];
    expect(meta.patientId).toBe(`new.${newPatientRequest.draftId}`);
    expect(meta.label).not.toMatch(/Okafor|Tobi/);
    expect(bundle.entry?.[0]?.resource?.resourceType).toBe('Patient');
  });

  it('call.screenPop records one view with the candidate count', async () => {
    const { handlers, audit } = setup();
    await handlers['call.screenPop']({ callId: '3f0c1a4e-8d7b-4c55-9d0e-0b6a3f5d2c11' }, context);
    expect(audit.entries).toEqual([{ ...who, action: 'view', patientId: null, resource: 'Patient', detail: 'source=screen-pop;candidates=1', outcome: 'success' }]);
  });

  it('call.lookUpAgain records the view of the new candidates (the search itself is the coordinator\'s row)', async () => {
    const { handlers, audit } = setup();
    await handlers['call.lookUpAgain']({ callId: '3f0c1a4e-8d7b-4c55-9d0e-0b6a3f5d2c11' }, context);
    expect(audit.entries).toEqual([{ ...who, action: 'view', patientId: null, resource: 'Patient', detail: 'source=screen-pop-again;candidates=2', outcome: 'success' }]);
  });

  it("keeps the user's work when the audit store fails, and logs audit.write-failed", async () => {
    const { handlers, logger } = setup(nurse, { audit: { record: () => { throw new Error('SQLITE_BUSY'); } } });
    await expect(handlers['patient.chart']({ patientId: 'pat-1' }, context)).resolves.toMatchObject({ patient: { id: 'pat-1' } });
    const result = await handlers['encounter.document']({ ...feverRequest, careAdvice: null }, context);
    expect(result).toMatchObject({ outcome: 'queued' });
    expect(logger.lines.filter((l) => l.includes('"event":"audit.write-failed"'))).toHaveLength(2);
  });
});
