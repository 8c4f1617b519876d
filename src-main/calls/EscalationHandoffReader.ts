import type { Patient, QuestionnaireResponse, QuestionnaireResponseItem, Task } from '@medplum/fhirtypes';
import type { EscalationHandoff, EscalationPriority, EscalationRoute, PatientSummary } from '../../src-preload/contract';
import { IDENTIFIER_SYSTEMS } from '../documentation/encounterTransaction';
import type { FhirClient } from '../ehr/FhirClient';
import { toPatientSummary } from '../ehr/patientSummary';

/** What the receiving desk of a warm transfer shows: the escalated patient and the escalation. */
export interface ResolvedHandoff {
  readonly patient: PatientSummary;
  readonly handoff: EscalationHandoff;
}

export interface HandoffResolver {
  /** Null when the EHR has no escalation with this context id (not delivered yet, or not ours). */
  resolve(contextId: string): Promise<ResolvedHandoff | null>;
}

/**
 * Resolves a warm transfer's context id at the desk it rings.
 *
 * Why this design: the SIP INVITE of the consultation carries only an opaque id (X-Careline-Context, a random
 * UUID: the escalation's documentation id), never PHI — SIP headers cross proxies, PBX logs and traces. The
 * context itself is what the transferring agent already documented in the EHR (the source of truth both desks
 * share): the nurse-queue Task (identifier `urn:careline:task|<id>`: priority, route, who escalated, a lowered
 * priority's reason), the QuestionnaireResponse with the red-flag screen answers and the reason for the call,
 * and the Patient. The receiving desk reads them with its own user's EHR access, audited as any PHI view; a
 * desk without that access learns nothing from the id.
 */
export class EscalationHandoffReader implements HandoffResolver {
  constructor(
    private readonly fhir: Pick<FhirClient, 'search' | 'read'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async resolve(contextId: string): Promise<ResolvedHandoff | null> {
    const [task] = await this.fhir.search<Task>('Task', { identifier: `${IDENTIFIER_SYSTEMS.task}|${contextId}`, _count: '1' }, { maxPages: 1 });
    const patientId = referencedId(task?.for?.reference, 'Patient');
    if (!task?.id || !patientId) return null;
    const [patient, responses] = await Promise.all([
      this.fhir.read<Patient>('Patient', patientId),
      this.fhir.search<QuestionnaireResponse>('QuestionnaireResponse', { identifier: `${IDENTIFIER_SYSTEMS.questionnaireResponse}|${contextId}`, _count: '1' }, { maxPages: 1 }),
    ]);
    return { patient: toPatientSummary(patient, this.now()), handoff: handoffFrom(contextId, task, responses[0] ?? null) };
  }
}

const PRIORITY_OF_TASK: Record<NonNullable<Task['priority']>, EscalationPriority> = { stat: 'stat', asap: 'urgent', urgent: 'urgent', routine: 'routine' };
/** Items of our QuestionnaireResponse that are not answers of the red-flag screen. */
const NOT_ANSWERS = new Set(['reason-for-call', 'identity-verified', 'hours', 'age-band', 'escalation', 'disposition', 'nurse-note']);

/** The escalation as documented (pure; see encounterTransaction.ts for how it was written). */
export function handoffFrom(contextId: string, task: Task, response: QuestionnaireResponse | null): EscalationHandoff {
  const items = response?.item ?? [];
  const reasonItem = items.find((i) => i.linkId === 'reason-for-call')?.answer?.[0]?.valueString;
  const routeCode = task.code?.coding?.[0]?.code;
  return {
    contextId,
    taskId: task.id ?? '',
    route: (routeCode === 'nurse-callback' ? 'nurse-callback' : 'warm-transfer') satisfies EscalationRoute,
    priority: PRIORITY_OF_TASK[task.priority ?? 'routine'],
    reasonForCall: (reasonItem ?? task.description ?? '').slice(0, 2000),
    priorityReason: task.reasonCode?.text?.slice(0, 500) ?? null,
    escalatedBy: task.requester?.display?.slice(0, 200) ?? null,
    escalatedAt: task.authoredOn?.slice(0, 40) ?? null,
    redFlagAnswers: items
      .filter((i) => !NOT_ANSWERS.has(i.linkId) && i.linkId.includes('/'))
      .slice(0, 100)
      .map((i) => ({ question: (i.text ?? i.linkId).slice(0, 500), answer: answerText(i).slice(0, 500) })),
  };
}

function answerText(item: QuestionnaireResponseItem): string {
  const answers = item.answer ?? [];
  if (answers.length === 0) {
    const marker = item.item?.find((i) => i.linkId.endsWith('/not-asked') || i.linkId.endsWith('/unknown'));
    return marker?.text ?? 'No answer';
  }
  return answers
    .map((a) => {
      if (a.valueBoolean !== undefined) return a.valueBoolean ? 'Yes' : 'No';
      if (a.valueCoding) return a.valueCoding.display ?? a.valueCoding.code ?? '';
      if (a.valueQuantity) return `${a.valueQuantity.value ?? ''} ${a.valueQuantity.unit ?? ''}`.trim();
      return a.valueString ?? '';
    })
    .join(', ');
}

function referencedId(reference: string | undefined, type: string): string | null {
  const [kind, id] = (reference ?? '').split('/');
  return kind === type && id && /^[A-Za-z0-9\-.]{1,64}$/.test(id) ? id : null;
}
