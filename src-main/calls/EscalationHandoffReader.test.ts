import type { Patient, QuestionnaireResponse, Resource, Task } from '@medplum/fhirtypes';
import { describe, expect, it, vi } from 'vitest';
import { type DocumentEncounterRequest, EscalationHandoff } from '../../src-preload/contract';
import { IDENTIFIER_SYSTEMS, buildEncounterTransaction } from '../documentation/encounterTransaction';
import { agent, feverRequest } from '../documentation/testing/documentRequests';
import { EscalationHandoffReader, handoffFrom } from './EscalationHandoffReader';

/** The escalation an agent documents for a warm transfer (red-flag screen only, priority lowered with a reason). */
const escalated: DocumentEncounterRequest = {
  ...feverRequest,
  reasonForCall: 'Chest hurts since this morning',
  interview: {
    ...feverRequest.interview,
    protocols: [feverRequest.interview.protocols[0]!],
    answers: [
      { protocolId: 'red-flags', questionId: 'not-breathing', text: 'Struggling to breathe?', answer: 'no', source: 'asked', answeredAt: 1 },
      { protocolId: 'red-flags', questionId: 'unresponsive', text: 'Hard to wake?', answer: 'unknown', source: 'asked', answeredAt: 2 },
    ],
    disposition: null,
  },
  careAdvice: null,
  escalation: { route: 'warm-transfer', priority: 'routine', suggestedPriority: 'urgent', reason: 'Pain gone for an hour, caller calm' },
};

/** What the EHR holds after the transaction: the bundle's resources with ids. */
function stored(): { task: Task; qr: QuestionnaireResponse } {
  const bundle = buildEncounterTransaction(escalated, { user: agent, serviceLineName: 'Nurse line', callTypeLabel: 'Symptoms' });
  const byType = (type: string) => bundle.entry?.find((e) => e.resource?.resourceType === type)?.resource;
  return { task: { ...(byType('Task') as Task), id: 'task-9' }, qr: { ...(byType('QuestionnaireResponse') as QuestionnaireResponse), id: 'qr-9' } };
}

describe('handoffFrom', () => {
  it('reads back what the agent documented: route, priority, the lowered priority reason, who, and every red-flag answer', () => {
    const { task, qr } = stored();
    const handoff = handoffFrom(escalated.draftId, task, qr);
    expect(EscalationHandoff.safeParse(handoff).success).toBe(true);
    expect(handoff).toEqual({
      contextId: escalated.draftId,
      taskId: 'task-9',
      route: 'warm-transfer',
      priority: 'routine',
      reasonForCall: 'Chest hurts since this morning',
      priorityReason: 'Pain gone for an hour, caller calm',
      escalatedBy: 'Sam Rivera (agent)',
      escalatedAt: new Date(escalated.endedAt).toISOString(),
      redFlagAnswers: [
        { question: 'Struggling to breathe?', answer: 'No' },
        { question: 'Hard to wake?', answer: 'Caller did not know' },
      ],
    });
  });

  it('still gives the Task when the interview cannot be read', () => {
    const { task } = stored();
    expect(handoffFrom(escalated.draftId, { ...task, priority: 'asap' }, null)).toMatchObject({ priority: 'urgent', reasonForCall: expect.stringContaining('Chest hurts'), redFlagAnswers: [] });
  });
});

describe('EscalationHandoffReader', () => {
  const patient: Patient = { resourceType: 'Patient', id: 'pat-000001', name: [{ family: 'Lopez', given: ['Maria'] }], birthDate: '1980-04-02', gender: 'female' };

  function fhirWith(resources: { task?: Task; qr?: QuestionnaireResponse }) {
    const search = vi.fn(async (type: string, params: Record<string, string>): Promise<Resource[]> => {
      if (type === 'Task') return resources.task && params.identifier === `${IDENTIFIER_SYSTEMS.task}|${escalated.draftId}` ? [resources.task] : [];
      if (type === 'QuestionnaireResponse') return resources.qr && params.identifier === `${IDENTIFIER_SYSTEMS.questionnaireResponse}|${escalated.draftId}` ? [resources.qr] : [];
      return [];
    });
    const read = vi.fn(async () => patient);
    return { search, read } as unknown as ConstructorParameters<typeof EscalationHandoffReader>[0] & { search: typeof search; read: typeof read };
  }

  it('finds the Task by its identifier, then the patient and the interview', async () => {
    const fhir = fhirWith(stored());
    const found = await new EscalationHandoffReader(fhir, () => new Date('2026-12-07T22:00:00Z')).resolve(escalated.draftId);
    expect(found?.patient).toMatchObject({ id: 'pat-000001', displayName: expect.stringContaining('Maria') });
    expect(found?.handoff.redFlagAnswers).toHaveLength(2);
    expect(fhir.read).toHaveBeenCalledWith('Patient', 'pat-000001');
  });

  it('answers null when the EHR has no such escalation (not delivered yet)', async () => {
    const fhir = fhirWith({});
    expect(await new EscalationHandoffReader(fhir).resolve(escalated.draftId)).toBeNull();
    expect(fhir.read).not.toHaveBeenCalled();
  });
});
