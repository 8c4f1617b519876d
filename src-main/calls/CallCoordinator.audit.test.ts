import { describe, expect, it, vi } from 'vitest';
import type { PatientSummary, User } from '../../src-preload/contract';
import { MemoryAuditSink } from '../audit/AuditLog';
import { DemoPhoneLine } from '../demo/DemoPhoneLine';
import { FhirError } from '../ehr/FhirClient';
import type { PatientMatcher } from '../ehr/PatientMatcher';
import { EventHub } from '../ipc/EventHub';
import { createMemoryLogger } from '../log/logger';
import { CallCoordinator } from './CallCoordinator';

const candidate: PatientSummary = {
  id: 'pat-1', family: 'Lopez', given: 'Maria', displayName: 'Maria Lopez', birthDate: '1980-01-02', ageYears: 46,
  sex: 'female', language: 'es', phones: ['+16175550142'], address: null, relationships: [],
};
const nurse: User = { id: 'nurse-ben', displayName: 'Ben Ortiz', role: 'nurse' };

function setup(byPhone: PatientMatcher['byPhone'], user: User | null, audit = new MemoryAuditSink()) {
  const line = new DemoPhoneLine(() => [], ['+16175550100']);
  const logger = createMemoryLogger();
  const calls = new CallCoordinator({
    port: line,
    matcher: { byPhone: vi.fn(byPhone) } as unknown as PatientMatcher,
    events: new EventHub(),
    logger,
    serviceLineFor: () => null,
    ivrLabel: (d) => `Option ${d}`,
    audit,
    currentUser: () => user,
  });
  return { line, calls, audit, logger };
}

describe('CallCoordinator: the ring-time lookup is audited', () => {
  it('records one search by phone for the signed-in user, with the count and without the number', async () => {
    const { line, calls, audit } = setup(async () => [candidate, { ...candidate, id: 'pat-2' }], nurse);
    const incoming = line.ring({ callerPhone: '(617) 555-0142' });
    await calls.lookup(incoming.callId);
    expect(audit.entries).toEqual([
      { userId: 'nurse-ben', userRole: 'nurse', action: 'search', patientId: null, purpose: 'treatment', resource: 'Patient', detail: 'source=ring;params=phone;results=2', outcome: 'success' },
    ]);
    expect(JSON.stringify(audit.entries)).not.toMatch(/555|0142|Lopez/);
  });

  it("attributes a lookup before sign-in to 'system', records a failed lookup, and skips a withheld number (no search)", async () => {
    const { line, calls, audit } = setup(async () => {
      throw new FhirError('unreachable', 'The EHR cannot be reached (reading Patient).');
    }, null);
    await calls.lookup(line.ring({ callerPhone: 'anonymous' }).callId);
    await calls.lookup(line.ring({ callerPhone: '+16175550142' }).callId);
    expect(audit.entries).toEqual([expect.objectContaining({ userId: 'system', userRole: 'system', action: 'search', outcome: 'failure', detail: 'source=ring;params=phone;error=lookup-failed' })]);
  });

  it('still pops the screen when the audit store fails, and says so in the operational log', async () => {
    const failing = { record: () => { throw new Error('disk full'); } };
    const { line, calls, logger } = setup(async () => [candidate], nurse, failing as unknown as MemoryAuditSink);
    const pop = await calls.lookup(line.ring({ callerPhone: '+16175550142' }).callId);
    expect(pop?.candidates).toHaveLength(1);
    expect(logger.lines.some((l) => l.includes('"event":"audit.write-failed"'))).toBe(true);
  });
});
