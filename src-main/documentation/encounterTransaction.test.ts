import type { Communication, Encounter, QuestionnaireResponse, Task } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { DocumentEncounterRequest } from '../../src-preload/contract';
import { agent, nurse, feverRequest as request } from './testing/documentRequests';
import { DISPOSITION_EXTENSION, ESCALATION_EXTENSION, ESCALATION_SYSTEM, IDENTIFIER_SYSTEMS, assignedIds, buildEncounterTransaction } from './encounterTransaction';

describe('buildEncounterTransaction', () => {
  const bundle = buildEncounterTransaction(request, { user: nurse, serviceLineName: 'After-hours Nurse Line', callTypeLabel: 'Symptoms' });
  const [encounterEntry, qrEntry, commEntry] = bundle.entry ?? [];
  const encounter = encounterEntry?.resource as Encounter;
  const qr = qrEntry?.resource as QuestionnaireResponse;
  const comm = commEntry?.resource as Communication;

  it('is a transaction of Encounter, QuestionnaireResponse and Communication, each conditional on its identifier', () => {
    expect(bundle.type).toBe('transaction');
    expect(bundle.entry?.map((e) => e.resource?.resourceType)).toEqual(['Encounter', 'QuestionnaireResponse', 'Communication']);
    expect(encounterEntry?.request?.ifNoneExist).toBe(`identifier=${IDENTIFIER_SYSTEMS.encounter}|${request.draftId}`);
    expect(qrEntry?.request?.ifNoneExist).toBe(`identifier=${IDENTIFIER_SYSTEMS.questionnaireResponse}|${request.draftId}`);
    expect(new Set(bundle.entry?.map((e) => e.fullUrl)).size).toBe(3);
  });

  it('links everything to the patient and the encounter, and says who documented it', () => {
    expect(encounter.subject?.reference).toBe('Patient/pat-000001');
    expect(qr.subject?.reference).toBe('Patient/pat-000001');
    expect(qr.encounter?.reference).toBe(encounterEntry?.fullUrl);
    expect(comm.encounter?.reference).toBe(encounterEntry?.fullUrl);
    expect(encounter.participant?.[0]?.individual?.display).toBe('Jordan Lee, RN (nurse)');
    expect(qr.author?.identifier?.value).toBe('nurse-jordan');
    expect(comm.sender?.identifier?.value).toBe('nurse-jordan');
  });

  it('records the disposition with its reason, the hours branch and every answer (not-asked ones marked)', () => {
    expect(encounter.extension?.find((x) => x.url === DISPOSITION_EXTENSION)?.valueCoding?.code).toBe('home-care');
    const byLink = new Map(qr.item?.map((i) => [i.linkId, i]));
    expect(byLink.get('disposition')?.answer?.[0]?.item?.[0]?.answer?.[0]?.valueString).toBe('No to every question');
    expect(byLink.get('hours')?.answer?.[0]?.valueString).toMatch(/^after hours/);
    expect(byLink.get('red-flags/not-breathing')?.answer?.[0]?.valueBoolean).toBe(false);
    expect(byLink.get('fever/infant-fever')?.answer).toBeUndefined();
    expect(qr.questionnaire).toContain('fever|0.2.0');
  });

  it('is pure: the same request gives the same bundle', () => {
    expect(buildEncounterTransaction(request, { user: nurse, serviceLineName: 'After-hours Nurse Line', callTypeLabel: 'Symptoms' })).toEqual(bundle);
  });

  it('writes no Communication when no care advice was given', () => {
    const b = buildEncounterTransaction({ ...request, careAdvice: null }, { user: nurse, serviceLineName: 'x', callTypeLabel: 'y' });
    expect(b.entry?.map((e) => e.resource?.resourceType)).toEqual(['Encounter', 'QuestionnaireResponse']);
  });
});

describe('where and when the interview ran', () => {
  const qrOf = (r: DocumentEncounterRequest) =>
    buildEncounterTransaction(r, { user: nurse, serviceLineName: 'After-hours Nurse Line', callTypeLabel: 'Symptoms' }).entry?.[1]?.resource as QuestionnaireResponse;
  const textOf = (qr: QuestionnaireResponse, linkId: string) => qr.item?.find((i) => i.linkId === linkId)?.answer?.[0];

  it('records the location and its source, the site time, who called and pregnancy when known', () => {
    const withSetting = DocumentEncounterRequest.parse({
      ...request,
      interview: { ...request.interview, setting: { state: 'CT', zip: '06103', locationSource: 'caller', localTime: '23:30', callerRole: 'parent', pregnancy: 'not-pregnant' } },
    });
    const qr = qrOf(withSetting);
    expect(textOf(qr, 'patient-location')?.valueString).toBe("CT 06103 (caller's answer)");
    expect(textOf(qr, 'site-time')?.valueString).toBe('23:30');
    expect(textOf(qr, 'caller-role')?.valueString).toBe('a parent');
    expect(textOf(qr, 'pregnancy')?.valueBoolean).toBe(false);
  });

  it('says unknown where it was not known, leaves pregnancy out when not asked, and nothing for an older client', () => {
    const unknown = { state: null, zip: null, locationSource: null, localTime: null, callerRole: 'self', pregnancy: 'unknown' } as const;
    const qr = qrOf({ ...request, interview: { ...request.interview, setting: unknown } });
    expect(textOf(qr, 'patient-location')?.valueString).toBe('unknown');
    expect(textOf(qr, 'site-time')?.valueString).toBe('unknown');
    expect(qr.item?.some((i) => i.linkId === 'pregnancy')).toBe(false);
    expect(qrOf(request).item?.some((i) => i.linkId === 'patient-location')).toBe(false);
  });

  it('refuses a setting that is not a US state, a ZIP or a time', () => {
    const valid = (setting: object) =>
      DocumentEncounterRequest.safeParse({
        ...request,
        interview: { ...request.interview, setting: { state: 'CT', zip: '06103', locationSource: 'caller', localTime: '23:30', callerRole: 'self', pregnancy: 'unknown', ...setting } },
      }).success;
    expect(valid({})).toBe(true);
    expect(valid({ state: 'XX' })).toBe(false);
    expect(valid({ zip: '0610' })).toBe(false);
    expect(valid({ localTime: '24:00' })).toBe(false);
  });
});

describe('interview answers of every question type', () => {
  const answers: DocumentEncounterRequest['interview']['answers'] = [
    { protocolId: 'headache', questionId: 'onset', text: 'How did it start?', answer: 'value', source: 'asked', answeredAt: 1, type: 'single-choice', value: { choices: [{ id: 'gradual', label: 'Gradually' }] }, display: 'Gradually' },
    { protocolId: 'x', questionId: 'symptoms', text: 'Which apply?', answer: 'value', source: 'callers-words', answeredAt: 2, type: 'multi-choice', value: { choices: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] }, display: 'A, B' },
    { protocolId: 'x', questionId: 'none', text: 'Which apply?', answer: 'value', source: 'asked', answeredAt: 2, type: 'multi-choice', value: { choices: [] }, display: 'None of these' },
    { protocolId: 'fever', questionId: 'infant-temperature', text: 'Temperature?', answer: 'value', source: 'asked', answeredAt: 3, type: 'number', value: { number: 101.5, unit: '°F' }, display: '101.5 °F' },
    { protocolId: 'x', questionId: 'notes', text: 'Anything else?', answer: 'value', source: 'asked', answeredAt: 4, type: 'free-text', value: { text: 'Started after lunch' }, display: 'Started after lunch' },
    { protocolId: 'x', questionId: 'days', text: 'How many days?', answer: 'unknown', source: 'asked', answeredAt: 5, type: 'number', value: null, display: 'Caller did not know' },
    { protocolId: 'x', questionId: 'yn', text: 'Fever?', answer: 'yes', source: 'asked', answeredAt: 6, type: 'yes-no', value: null, display: 'Yes' },
  ];
  const bundle = buildEncounterTransaction({ ...request, interview: { ...request.interview, answers } }, { user: nurse, serviceLineName: 'x', callTypeLabel: 'y' });
  const qr = bundle.entry?.[1]?.resource as QuestionnaireResponse;
  const byLink = new Map(qr.item?.map((i) => [i.linkId, i]));

  it('maps choices to one valueCoding per option, in the question\'s own code system', () => {
    expect(byLink.get('headache/onset')?.answer).toEqual([{ valueCoding: { system: 'urn:careline:protocol:headache:onset', code: 'gradual', display: 'Gradually' } }]);
    const multi = byLink.get('x/symptoms')?.answer;
    expect(multi?.map((a) => a.valueCoding?.code)).toEqual(['a', 'b']);
    expect(multi?.[0]?.item?.[0]?.answer?.[0]?.valueString).toBe("from the caller's words, confirmed");
    expect(byLink.get('x/none')?.answer).toEqual([{ valueString: 'None of these' }]);
  });

  it('maps numbers to valueQuantity, free text to valueString, yes-no to valueBoolean', () => {
    expect(byLink.get('fever/infant-temperature')?.answer).toEqual([{ valueQuantity: { value: 101.5, unit: '°F' } }]);
    expect(byLink.get('x/notes')?.answer).toEqual([{ valueString: 'Started after lunch' }]);
    expect(byLink.get('x/yn')?.answer).toEqual([{ valueBoolean: true }]);
  });

  it("records 'unknown' like not asked, but says the caller did not know", () => {
    const item = byLink.get('x/days');
    expect(item?.answer).toBeUndefined();
    expect(item?.item?.[0]).toEqual({ linkId: 'x/days/unknown', text: 'Caller did not know' });
  });

  it('every recorded answer passes the contract', () => {
    expect(DocumentEncounterRequest.safeParse({ ...request, interview: { ...request.interview, answers } }).error?.issues ?? []).toEqual([]);
  });
});

describe('buildEncounterTransaction with a nurse override', () => {
  const overridden: DocumentEncounterRequest = {
    ...request,
    override: { from: 'home-care', to: 'seen-today', reason: 'Caller sounds more unwell than the answers say' },
  };
  const bundle = buildEncounterTransaction(overridden, { user: nurse, serviceLineName: 'x', callTypeLabel: 'y' });
  const encounter = bundle.entry?.[0]?.resource as Encounter;
  const qr = bundle.entry?.[1]?.resource as QuestionnaireResponse;

  it('records the overridden disposition as final and keeps the engine disposition with the reason', () => {
    expect(encounter.extension?.find((x) => x.url === DISPOSITION_EXTENSION)?.valueCoding?.code).toBe('seen-today');
    const item = qr.item?.find((i) => i.linkId === 'disposition');
    expect(item?.answer?.[0]?.valueCoding?.code).toBe('seen-today');
    const details = new Map(item?.answer?.[0]?.item?.map((i) => [i.linkId, i.answer?.[0]]));
    expect(details.get('disposition/engine')?.valueCoding?.code).toBe('home-care');
    expect(details.get('disposition/override-reason')?.valueString).toBe('Caller sounds more unwell than the answers say');
    expect(details.get('disposition/because')?.valueString).toBe('No to every question');
  });
});

describe('buildEncounterTransaction for an escalated call', () => {
  const escalated: DocumentEncounterRequest = {
    ...request,
    interview: { ...request.interview, protocols: [request.interview.protocols[0]!], answers: [request.interview.answers[0]!], disposition: null },
    careAdvice: null,
    escalation: { route: 'nurse-callback', priority: 'urgent', suggestedPriority: 'urgent', reason: '' },
  };
  const bundle = buildEncounterTransaction(escalated, { user: agent, serviceLineName: 'x', callTypeLabel: 'y' });
  const encounterEntry = bundle.entry?.[0];
  const taskEntry = bundle.entry?.find((e) => e.resource?.resourceType === 'Task');
  const task = taskEntry?.resource as Task;

  it('is a valid request only without a disposition and without care advice', () => {
    expect(DocumentEncounterRequest.safeParse(escalated).success).toBe(true);
    expect(DocumentEncounterRequest.safeParse({ ...escalated, interview: request.interview }).success).toBe(false);
    expect(DocumentEncounterRequest.safeParse({ ...escalated, careAdvice: request.careAdvice }).success).toBe(false);
    expect(DocumentEncounterRequest.safeParse({ ...escalated, escalation: undefined }).success).toBe(false);
  });

  it('writes a Task for the nurse queue in the same transaction, idempotent on the draft id', () => {
    expect(bundle.entry?.map((e) => e.resource?.resourceType)).toEqual(['Encounter', 'QuestionnaireResponse', 'Task']);
    expect(taskEntry?.request?.ifNoneExist).toBe(`identifier=${IDENTIFIER_SYSTEMS.task}|${request.draftId}`);
    expect(task.code?.coding?.[0]).toMatchObject({ system: ESCALATION_SYSTEM, code: 'nurse-callback', display: 'Nurse callback' });
    expect(task.priority).toBe('asap');
    expect(task.for?.reference).toBe('Patient/pat-000001');
    expect(task.encounter?.reference).toBe(encounterEntry?.fullUrl);
    expect(task.requester?.identifier?.value).toBe('agent-sam');
    expect(new Set(bundle.entry?.map((e) => e.fullUrl)).size).toBe(3);
  });

  it('maps the priorities to FHIR (stat, asap, routine) and records the escalation, not a disposition', () => {
    const taskFor = (priority: 'stat' | 'urgent' | 'routine') =>
      buildEncounterTransaction(
        { ...escalated, escalation: { route: 'warm-transfer', priority, suggestedPriority: 'routine', reason: '' } },
        { user: agent, serviceLineName: 'x', callTypeLabel: 'y' },
      ).entry?.[2]?.resource as Task;
    expect(['stat', 'urgent', 'routine'].map((p) => taskFor(p as 'stat').priority)).toEqual(['stat', 'asap', 'routine']);
    const qr = bundle.entry?.[1]?.resource as QuestionnaireResponse;
    expect(qr.item?.some((i) => i.linkId === 'disposition')).toBe(false);
    expect(qr.item?.find((i) => i.linkId === 'escalation')?.answer?.[0]?.valueCoding?.code).toBe('nurse-callback');
    expect((encounterEntry?.resource as Encounter).extension).toEqual([
      { url: ESCALATION_EXTENSION, valueCoding: { system: ESCALATION_SYSTEM, code: 'nurse-callback', display: 'Nurse callback (urgent)' } },
    ]);
    expect((encounterEntry?.resource as Encounter).extension?.some((x) => x.url === DISPOSITION_EXTENSION)).toBe(false);
  });

  it('refuses a lowered priority without a reason, and an override not starting from the engine disposition', () => {
    const lowered = { ...escalated, escalation: { route: 'nurse-callback', priority: 'routine', suggestedPriority: 'urgent', reason: '' } };
    expect(DocumentEncounterRequest.safeParse(lowered).success).toBe(false);
    expect(DocumentEncounterRequest.safeParse({ ...lowered, escalation: { ...lowered.escalation, reason: 'Caller says symptoms are mild' } }).success).toBe(true);
    const wrongFrom = { ...request, override: { from: 'ed-now', to: 'seen-today', reason: 'A reason long enough' } };
    expect(DocumentEncounterRequest.safeParse(wrongFrom).success).toBe(false);
    const short = { ...request, override: { from: 'home-care', to: 'seen-today', reason: 'short' } };
    expect(DocumentEncounterRequest.safeParse(short).success).toBe(false);
  });
});

describe('assignedIds', () => {
  it('reads ids from resources or from response locations', () => {
    expect(
      assignedIds({
        resourceType: 'Bundle',
        type: 'transaction-response',
        entry: [{ response: { status: '201', location: 'Encounter/abc/_history/1' } }, { resource: { resourceType: 'QuestionnaireResponse', id: 'q1', status: 'completed' } }],
      }),
    ).toEqual(['abc', 'q1']);
  });
});

describe('the nurse note', () => {
  it('is documented as its own item of the interview, signed by the nurse who wrote it', () => {
    const noted = buildEncounterTransaction({ ...request, nurseNote: 'Mother anxious; will call back after the next dose.' }, { user: nurse, serviceLineName: 'x', callTypeLabel: 'y' });
    const qr = noted.entry?.[1]?.resource as QuestionnaireResponse;
    expect(qr.item?.find((i) => i.linkId === 'nurse-note')).toEqual({ linkId: 'nurse-note', text: 'Nurse note', answer: [{ valueString: 'Mother anxious; will call back after the next dose.' }] });
    expect(qr.author?.identifier?.value).toBe('nurse-jordan');
    const without = buildEncounterTransaction(request, { user: nurse, serviceLineName: 'x', callTypeLabel: 'y' }).entry?.[1]?.resource as QuestionnaireResponse;
    expect(without.item?.some((i) => i.linkId === 'nurse-note')).toBe(false);
  });

  it('is bounded, and never empty', () => {
    expect(DocumentEncounterRequest.safeParse({ ...request, nurseNote: 'x'.repeat(2001) }).success).toBe(false);
    expect(DocumentEncounterRequest.safeParse({ ...request, nurseNote: '   ' }).success).toBe(false);
    expect(DocumentEncounterRequest.safeParse({ ...request, nurseNote: 'Seen by PCP last week.' }).success).toBe(true);
  });
});
