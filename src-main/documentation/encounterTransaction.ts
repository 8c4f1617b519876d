import type {
  Bundle,
  Patient,
  Practitioner,
  BundleEntry,
  Communication,
  Encounter,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
  Reference,
  Task,
} from '@medplum/fhirtypes';
import {
  type AnswerSource,
  type DocumentEncounterRequest,
  type RecordedAnswer,
  type Escalation,
  type EscalationPriority,
  type EscalationRoute,
  type InterviewSetting,
  type User,
  disposition,
} from '../../src-preload/contract';
import { callerEntry, identityAndCallerItems, informantParticipant, newPatientEntry } from './callerAndNewPatient';

const ANSWER_SOURCE_TEXT: Record<AnswerSource, string> = {
  asked: 'asked',
  'callers-words': "from the caller's words, confirmed",
  'answers-file': 'from an answers file (headless triage)',
  default: 'not answered; taken as no (headless triage)',
};

/** Code system of a protocol question's options: `urn:careline:protocol:<protocolId>:<questionId>`. */
export function optionSystem(protocolId: string, questionId: string): string {
  return `urn:careline:protocol:${protocolId}:${questionId}`;
}

/** The FHIR answers of one recorded answer (none for not asked and unknown). */
function answerValues(a: RecordedAnswer): QuestionnaireResponseItemAnswer[] {
  if (a.answer === 'yes' || a.answer === 'no') return [{ valueBoolean: a.answer === 'yes' }];
  if (a.answer !== 'value') return [];
  const value = a.value;
  if (value && 'choices' in value) {
    // One answer per chosen option; "none of these" (a multi-choice answered with nothing) stays readable.
    if (value.choices.length === 0) return [{ valueString: a.display ?? 'None of these' }];
    return value.choices.map((c) => ({ valueCoding: { system: optionSystem(a.protocolId, a.questionId), code: c.id, display: c.label } }));
  }
  if (value && 'number' in value) return [{ valueQuantity: { value: value.number, unit: value.unit } }];
  if (value && 'text' in value) return [{ valueString: value.text }];
  return [{ valueString: a.display ?? 'Answer not recorded' }];
}

/**
 * One interview answer as a QuestionnaireResponse item: valueBoolean (yes-no), valueCoding per chosen option
 * (choice), valueQuantity (number), valueString (free text). Not asked and "caller did not know" carry no
 * answer, only a marker item saying which.
 */
function answerItem(a: RecordedAnswer): QuestionnaireResponseItem {
  const linkId = `${a.protocolId}/${a.questionId}`;
  // The source nests under the answer (qrs-1 allows answer.item): a pre-answer from the caller's words that
  // the agent confirmed reads differently in a chart review than a question asked outright.
  const sourceItem =
    a.source && a.source !== 'asked' ? [{ linkId: `${linkId}/source`, text: 'Answer source', answer: [{ valueString: ANSWER_SOURCE_TEXT[a.source] }] }] : [];
  if (a.answer === 'not-asked') return { linkId, text: a.text, item: [{ linkId: `${linkId}/not-asked`, text: 'Not asked (did not apply)' }] };
  if (a.answer === 'unknown') return { linkId, text: a.text, item: [{ linkId: `${linkId}/unknown`, text: 'Caller did not know' }, ...sourceItem] };
  const [first, ...rest] = answerValues(a);
  return { linkId, text: a.text, answer: first ? [{ ...first, ...(sourceItem.length > 0 ? { item: sourceItem } : {}) }, ...rest] : undefined };
}

export const DISPOSITION_EXTENSION = 'http://careline.example.org/fhir/StructureDefinition/triage-disposition';
/** On an escalated call's Encounter: where it went (nurse callback, warm transfer) and with what priority. */
export const ESCALATION_EXTENSION = 'http://careline.example.org/fhir/StructureDefinition/escalation';
export const DISPOSITION_SYSTEM = 'http://careline.example.org/fhir/CodeSystem/disposition';
export const PROTOCOL_CANONICAL_BASE = 'http://careline.example.org/fhir/Questionnaire/';
/** Client-generated identifiers: the draft id makes every write idempotent (If-None-Exist on replay). */
export const IDENTIFIER_SYSTEMS = {
  encounter: 'urn:careline:encounter',
  questionnaireResponse: 'urn:careline:questionnaire-response',
  communication: 'urn:careline:communication',
  task: 'urn:careline:task',
} as const;
export const ESCALATION_SYSTEM = 'http://careline.example.org/fhir/CodeSystem/escalation';

const CALLER_ROLE_TEXT: Record<InterviewSetting['callerRole'], string> = {
  self: 'the patient',
  parent: 'a parent',
  caregiver: 'a caregiver',
  other: 'someone else',
};

/**
 * Where and when the interview ran and who called, as QuestionnaireResponse items: what location and
 * time-of-day questions branched on, so the chart says why one was or was not asked. None for an older client.
 */
export function settingItems(setting: InterviewSetting | undefined): QuestionnaireResponseItem[] {
  if (!setting) return [];
  const place = [setting.state, setting.zip].filter((p) => p !== null).join(' ');
  const source = setting.locationSource === 'caller' ? " (caller's answer)" : setting.locationSource === 'chart' ? ' (chart address)' : '';
  const items: QuestionnaireResponseItem[] = [
    { linkId: 'patient-location', text: 'Where the patient was', answer: [{ valueString: place ? `${place}${source}` : 'unknown' }] },
    { linkId: 'site-time', text: 'Time at the site when the interview started', answer: [{ valueString: setting.localTime ?? 'unknown' }] },
    { linkId: 'caller-role', text: 'Who called', answer: [{ valueString: CALLER_ROLE_TEXT[setting.callerRole] }] },
  ];
  if (setting.pregnancy !== 'unknown') items.push({ linkId: 'pregnancy', text: 'Pregnant', answer: [{ valueBoolean: setting.pregnancy === 'pregnant' }] });
  return items;
}

const ESCALATION_ROUTE_TEXT: Record<EscalationRoute, string> = {
  'warm-transfer': 'Warm transfer to a nurse',
  'nurse-callback': 'Nurse callback',
};
/** Our three priorities on FHIR's request-priority scale (Task.priority). */
const TASK_PRIORITY: Record<EscalationPriority, NonNullable<Task['priority']>> = {
  stat: 'stat',
  urgent: 'asap',
  routine: 'routine',
};

export interface DocumentedBy {
  readonly user: User;
  readonly serviceLineName: string;
  readonly callTypeLabel: string;
}

/**
 * Builds the FHIR transaction that documents one call: an Encounter (telephone), the interview as a
 * QuestionnaireResponse, when a nurse gave care advice a Communication, and when an agent escalated the call
 * a Task for the nurse queue. A nurse's override makes its `to` the final disposition, the engine's kept
 * beside it with the reason. Pure: same input, same bundle, so a retry replays what the user acknowledged.
 */
export function buildEncounterTransaction(request: DocumentEncounterRequest, by: DocumentedBy): Bundle {
  // A patient without a chart is created in the same transaction; everything refers to it by its fullUrl.
  const newPatientUrl = `urn:uuid:${shiftUuid(request.draftId, 4)}`;
  const patient: Reference<Patient> = { reference: request.newPatient ? newPatientUrl : `Patient/${request.patientId}` };
  const caller = callerEntry(request.caller, patient, request.draftId, `urn:uuid:${shiftUuid(request.draftId, 5)}`);
  // Demo and SSO users are not all Practitioner resources yet: identify them by a logical identifier.
  const performer: Reference<Practitioner> = {
    display: `${by.user.displayName}${by.user.credentials ? `, ${by.user.credentials}` : ''} (${by.user.role})`,
    identifier: { system: 'urn:careline:user', value: by.user.id },
  };
  const engineDisposition = request.interview.disposition;
  const finalId = request.override?.to ?? engineDisposition?.id ?? null;
  const dispo = finalId === null ? null : disposition(finalId);
  const encounterUrl = `urn:uuid:${request.draftId}`;
  const qrUrl = `urn:uuid:${shiftUuid(request.draftId, 1)}`;
  const commUrl = `urn:uuid:${shiftUuid(request.draftId, 2)}`;
  const taskUrl = `urn:uuid:${shiftUuid(request.draftId, 3)}`;
  const start = new Date(request.startedAt).toISOString();
  const end = new Date(request.endedAt).toISOString();

  const encounter: Encounter = {
    resourceType: 'Encounter',
    identifier: [{ system: IDENTIFIER_SYSTEMS.encounter, value: request.draftId }],
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'VR', display: 'virtual' },
    type: [
      {
        coding: [{ system: 'http://snomed.info/sct', code: '185317003', display: 'Telephone encounter' }],
        text: `Telephone encounter · ${by.serviceLineName}`,
      },
    ],
    serviceType: { text: by.callTypeLabel },
    subject: patient,
    participant: [{ individual: performer }, ...(caller?.fullUrl ? [informantParticipant(caller.fullUrl)] : [])],
    period: { start, end },
    reasonCode: [{ text: request.reasonForCall }],
    ...(dispo
      ? { extension: [{ url: DISPOSITION_EXTENSION, valueCoding: { system: DISPOSITION_SYSTEM, code: dispo.id, display: dispo.label } }] }
      : request.escalation
        ? {
            // So the chart says where an escalated call went, as it says the disposition of a triaged one.
            extension: [
              {
                url: ESCALATION_EXTENSION,
                valueCoding: {
                  system: ESCALATION_SYSTEM,
                  code: request.escalation.route,
                  display: `${ESCALATION_ROUTE_TEXT[request.escalation.route]} (${request.escalation.priority})`,
                },
              },
            ],
          }
        : {}),
  };

  const items: QuestionnaireResponseItem[] = [
    { linkId: 'reason-for-call', text: 'Reason for call', answer: [{ valueString: request.reasonForCall }] },
    ...identityAndCallerItems(request),
    {
      linkId: 'hours',
      text: 'Office hours at time of interview',
      answer: [{ valueString: `${request.interview.afterHours ? 'after hours' : 'office hours'} (${request.interview.hoursBecause})` }],
    },
    { linkId: 'age-band', text: 'Age band', answer: [{ valueString: request.interview.ageBand }] },
    ...settingItems(request.interview.setting),
    ...request.interview.answers.map(answerItem),
    ...outcomeItems(request),
    // The nurse's own words go beside the interview they are about, signed by the QuestionnaireResponse's
    // author (the nurse): R4's Encounter has no note, and a Communication is for what was said to the patient.
    ...(request.nurseNote ? [{ linkId: 'nurse-note', text: 'Nurse note', answer: [{ valueString: request.nurseNote }] }] : []),
  ];

  const questionnaireResponse: QuestionnaireResponse = {
    resourceType: 'QuestionnaireResponse',
    identifier: { system: IDENTIFIER_SYSTEMS.questionnaireResponse, value: request.draftId },
    questionnaire: request.interview.protocols.map((p) => `${PROTOCOL_CANONICAL_BASE}${p.id}|${p.version}`).join(','),
    status: 'completed',
    subject: patient,
    encounter: { reference: encounterUrl },
    authored: end,
    author: performer,
    item: items,
  };

  const entries: BundleEntry[] = [
    ...(request.newPatient ? [newPatientEntry(request.newPatient, request.draftId, newPatientUrl)] : []),
    ...(caller ? [caller] : []),
    entry(encounterUrl, encounter, 'Encounter', IDENTIFIER_SYSTEMS.encounter, request.draftId),
    entry(qrUrl, questionnaireResponse, 'QuestionnaireResponse', IDENTIFIER_SYSTEMS.questionnaireResponse, request.draftId),
  ];

  if (request.careAdvice && request.careAdvice.length > 0) {
    const communication: Communication = {
      resourceType: 'Communication',
      identifier: [{ system: IDENTIFIER_SYSTEMS.communication, value: request.draftId }],
      status: 'completed',
      category: [{ text: 'Care advice' }],
      subject: patient,
      encounter: { reference: encounterUrl },
      sent: end,
      sender: performer,
      recipient: [patient],
      payload: request.careAdvice.map((a) => ({ contentString: `${a.title}: ${a.text}` })),
    };
    entries.push(entry(commUrl, communication, 'Communication', IDENTIFIER_SYSTEMS.communication, request.draftId));
  }

  if (request.escalation) {
    const task = escalationTask(request.escalation, { request, patient, performer, encounterUrl, authoredOn: end });
    entries.push(entry(taskUrl, task, 'Task', IDENTIFIER_SYSTEMS.task, request.draftId));
  }

  return { resourceType: 'Bundle', type: 'transaction', entry: entries };
}

/**
 * The QuestionnaireResponse items that say how the call ended: the final disposition (with the engine's
 * reason, and for an override the engine's own disposition and the nurse's reason), or the escalation.
 * qrs-1: an item holds `answer` or `item`, not both; details nest under the answer itself.
 */
function outcomeItems(request: DocumentEncounterRequest): QuestionnaireResponseItem[] {
  const engine = request.interview.disposition;
  const items: QuestionnaireResponseItem[] = [];
  if (engine) {
    const final = disposition(request.override?.to ?? engine.id);
    const original = disposition(engine.id);
    const details: QuestionnaireResponseItem[] = [
      { linkId: 'disposition/because', text: 'Because', answer: [{ valueString: engine.because }] },
    ];
    if (request.override) {
      details.push(
        {
          linkId: 'disposition/engine',
          text: 'Disposition reached by the protocol (before the override)',
          answer: [{ valueCoding: { system: DISPOSITION_SYSTEM, code: original.id, display: original.label } }],
        },
        { linkId: 'disposition/override-reason', text: 'Overridden by the nurse because', answer: [{ valueString: request.override.reason }] },
      );
    }
    items.push({
      linkId: 'disposition',
      text: request.override ? 'Disposition (overridden by the nurse)' : 'Disposition',
      answer: [{ valueCoding: { system: DISPOSITION_SYSTEM, code: final.id, display: final.label }, item: details }],
    });
  }
  if (request.escalation) {
    const e = request.escalation;
    items.push({
      linkId: 'escalation',
      text: 'Escalated to a nurse (red-flag screen negative; no symptom protocol run by the agent)',
      answer: [
        {
          valueCoding: { system: ESCALATION_SYSTEM, code: e.route, display: ESCALATION_ROUTE_TEXT[e.route] },
          item: [
            { linkId: 'escalation/priority', text: 'Priority', answer: [{ valueString: e.priority }] },
            { linkId: 'escalation/suggested-priority', text: 'Priority suggested from the caller\'s words', answer: [{ valueString: e.suggestedPriority }] },
            ...(e.reason ? [{ linkId: 'escalation/reason', text: 'Reason', answer: [{ valueString: e.reason }] }] : []),
          ],
        },
      ],
    });
  }
  return items;
}

interface TaskContext {
  readonly request: DocumentEncounterRequest;
  readonly patient: Reference<Patient>;
  readonly performer: Reference<Practitioner>;
  readonly encounterUrl: string;
  readonly authoredOn: string;
}

/**
 * The nurse-queue work item. For a warm transfer it is also the context the call carries: the consultation
 * INVITE holds only its identifier's value, and the nurse's desk reads the Task (calls/EscalationHandoffReader.ts).
 * If the transfer does not go through, the Task still leaves the nurse a callback to work.
 */
function escalationTask(escalation: Escalation, c: TaskContext): Task {
  const text = ESCALATION_ROUTE_TEXT[escalation.route];
  return {
    resourceType: 'Task',
    identifier: [{ system: IDENTIFIER_SYSTEMS.task, value: c.request.draftId }],
    status: 'requested',
    intent: 'order',
    priority: TASK_PRIORITY[escalation.priority],
    code: { coding: [{ system: ESCALATION_SYSTEM, code: escalation.route, display: text }], text },
    description: `${text} (${escalation.priority}): ${c.request.reasonForCall}`.slice(0, 1000),
    for: c.patient,
    encounter: { reference: c.encounterUrl },
    authoredOn: c.authoredOn,
    requester: c.performer,
    ...(escalation.reason ? { reasonCode: { text: escalation.reason } } : {}),
  };
}

function entry(fullUrl: string, resource: BundleEntry['resource'], type: string, system: string, value: string): BundleEntry {
  return {
    fullUrl,
    resource,
    request: { method: 'POST', url: type, ifNoneExist: `identifier=${system}|${value}` },
  };
}

/** A second stable UUID derived from the draft id (last hex digit rotated), so fullUrls are unique per bundle. */
function shiftUuid(uuid: string, by: number): string {
  const last = parseInt(uuid.slice(-1), 16);
  return uuid.slice(0, -1) + ((last + by) % 16).toString(16);
}

/** Ids the EHR assigned, from a transaction-response bundle (entry order matches the request). */
export function assignedIds(response: Bundle): string[] {
  return (response.entry ?? []).map((e) => {
    const location = e.response?.location ?? '';
    const fromLocation = location.split('/_history')[0]?.split('/').pop();
    return e.resource?.id ?? fromLocation ?? '';
  });
}
