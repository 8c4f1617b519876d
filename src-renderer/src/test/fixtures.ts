import { testCall } from '../../../src-preload/contract/testing/callInfo';
import type {
  AgentState,
  CallInfo,
  CallLogEntry,
  Chart,
  DemoLineOptions,
  EnvironmentStatus,
  OutboxItem,
  PatientSummary,
  Protocol,
  ScreenPop,
  ServiceLine,
  User,
} from '../../../src-preload/contract';

/** Synthetic test data only: no real people, numbers from the reserved 555-01xx range. */

export const agentUser: User = { id: 'u-agent', displayName: 'Alex Rivera', role: 'agent' };
export const nurseUser: User = { id: 'u-nurse', displayName: 'Noor Haddad', role: 'nurse', credentials: 'RN' };
export const supervisorUser: User = { id: 'u-super', displayName: 'Sam Okafor', role: 'supervisor' };
export const demoIdentities: User[] = [agentUser, nurseUser, supervisorUser];

export const demoEnv: EnvironmentStatus = {
  mode: 'demo',
  host: 'web-host',
  ehr: { label: 'Demo EHR (FHIR R4)', baseUrl: 'http://127.0.0.1/fhir', state: 'connected', message: null, checkedAt: 1 },
  cache: { mode: 'memory-only', message: 'Local cache in memory (development host).' },
  telephony: { label: 'Demo phone line', kind: 'demo-line', ready: true, registration: 'registered', message: null },
};

export const configuredEnv: EnvironmentStatus = { ...demoEnv, mode: 'configured', host: 'electron' };

export const familyMedicine: ServiceLine = {
  id: 'family-medicine',
  name: 'Family Medicine Nurse Line',
  description: 'Adult and pediatric triage for the family medicine clinics.',
  dnis: ['+15555550100'],
  audience: 'all',
  timeZone: 'America/New_York',
  hours: [1, 2, 3, 4, 5].map((day) => ({ day, open: '08:00', close: '17:00' })),
  callTypes: [
    { id: 'symptoms', label: 'Symptoms / triage', kind: 'triage' },
    { id: 'appointment', label: 'Schedule an appointment', kind: 'scheduling' },
    { id: 'refill', label: 'Prescription refill', kind: 'refill' },
  ],
  protocolIds: ['fever', 'cough-cold'],
  knowledge: [{ title: 'Clinic locations', body: 'Main St clinic open weekdays 8-5.' }],
};

export const mariaLopez: PatientSummary = {
  id: 'pat-maria',
  family: 'Lopez',
  given: 'Maria',
  displayName: 'Maria Lopez',
  birthDate: '1985-04-12',
  ageYears: 40,
  sex: 'female',
  language: 'Spanish',
  phones: ['+15555550123'],
  address: { line: ['1 Elm St'], city: 'Springfield', state: 'IL', postalCode: '62701' },
  relationships: ['mother of Mateo Lopez'],
};

export const mateoLopez: PatientSummary = {
  id: 'pat-mateo',
  family: 'Lopez',
  given: 'Mateo',
  displayName: 'Mateo Lopez',
  birthDate: '2018-09-03',
  ageYears: 7,
  sex: 'male',
  language: 'Spanish',
  phones: ['+15555550123'],
  address: { line: ['1 Elm St'], city: 'Springfield', state: 'IL', postalCode: '62701' },
  relationships: ['child of Maria Lopez'],
};

export const janeDoe: PatientSummary = {
  id: 'pat-jane',
  family: 'Doe',
  given: 'Jane',
  displayName: 'Jane Doe',
  birthDate: '1990-01-31',
  ageYears: 35,
  sex: 'female',
  language: 'English',
  phones: ['+15555550199'],
  address: { line: ['9 Oak Ave'], city: 'Shelbyville', state: 'IL', postalCode: '62565' },
  relationships: [],
};

export const CALL_ID = '6f1c1b2a-8d4e-4c1a-9a53-2f7a1d9e0b11';
export const OTHER_CALL_ID = '0b7e2c9d-3a41-4f7e-8c2b-5d6e7f8a9b10';

export function ringingCall(overrides: Partial<CallInfo> = {}): CallInfo {
  return testCall({
    callId: CALL_ID,
    from: { raw: '+15555550123', e164: '+15555550123', displayName: null },
    dialed: { dnis: '+15555550100', serviceLineId: 'family-medicine' },
    ivrChoice: { digit: '1', label: 'Nurse advice' },
    ...overrides,
  });
}

export function activeCall(overrides: Partial<CallInfo> = {}): CallInfo {
  return ringingCall({ state: 'active', answeredAt: 1_700_000_005_000, ...overrides });
}

export function endedCall(overrides: Partial<CallInfo> = {}): CallInfo {
  return activeCall({ state: 'ended', endedAt: 1_700_000_100_000, ...overrides });
}

export function householdScreenPop(callId = CALL_ID): ScreenPop {
  return { callId, matchedBy: 'phone', candidates: [mariaLopez, mateoLopez], lookupMs: 12, error: null };
}

export function chartOf(patient: PatientSummary, encounters: Chart['encounters'] = []): Chart {
  return {
    patient,
    mrn: `MRN-${patient.id}`,
    primaryCare: 'Dr. Casey Morgan',
    coverage: [{ payer: 'Acme Health', plan: 'PPO', memberId: 'ACM123' }],
    encounters,
    fetchedAt: 1,
  };
}

export const demoLineOptions: DemoLineOptions = {
  lines: [
    { dnis: '+15555550100', serviceLineId: 'family-medicine', label: 'Family Medicine Nurse Line' },
    { dnis: '+15555550101', serviceLineId: 'pediatrics', label: 'Pediatrics After Hours' },
  ],
  callers: [
    { patientId: 'pat-maria', phone: '+15555550123', label: 'Lopez household (2 patients)' },
    { patientId: 'pat-jane', phone: '+15555550199', label: 'Jane Doe' },
  ],
  ivrChoices: [
    { digit: '1', label: 'Nurse advice' },
    { digit: '2', label: 'Appointments' },
  ],
};

export function outboxItem(overrides: Partial<OutboxItem> = {}): OutboxItem {
  return {
    id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    label: 'Encounter · Fever (adult) · 14:02',
    patientId: 'pat-maria',
    state: 'pending',
    attempts: 1,
    lastError: 'EHR unreachable',
    nextAttemptAt: null,
    createdAt: 1,
    encounterId: null,
    ...overrides,
  };
}

const provenance = {
  status: 'active' as const,
  disclaimer: 'Demonstration content only. Not for clinical use.',
  effectiveDate: '2025-01-01',
  author: 'Careline test fixtures',
  reviewer: 'Careline test fixtures',
  sources: [{ title: 'Test source', url: 'https://example.org/source' }],
};

export const redFlagsProtocol: Protocol = {
  id: 'red-flags',
  version: '1.0.0',
  kind: 'red-flag-screen',
  title: 'Red flag screen',
  audience: { ageBands: ['infant-under-3-months', 'infant', 'child', 'adolescent', 'adult', 'older-adult'], label: 'All ages' },
  questions: [
    {
      id: 'not-breathing',
      type: 'yes-no',
      text: 'Is the patient struggling to breathe or not breathing?',
      help: 'Gasping, blue lips, cannot speak.',
      enableWhen: [],
      onYes: { disposition: 'call-911', because: 'Severe difficulty breathing', careAdviceIds: [] },
    },
  ],
  fallback: null,
  careAdvice: [],
  ...provenance,
};

export const feverProtocol: Protocol = {
  id: 'fever',
  version: '1.2.0',
  kind: 'symptom',
  title: 'Fever (adult)',
  audience: { ageBands: ['adolescent', 'adult', 'older-adult'], label: 'Adults' },
  questions: [
    {
      id: 'stiff-neck',
      type: 'yes-no',
      text: 'Does the patient have a stiff neck with the fever?',
      enableWhen: [],
      // So the symptom checker can suggest this answer from the caller's words.
      findings: ['stiff-neck'],
      onYes: { disposition: 'ed-now', because: 'Fever with stiff neck', careAdviceIds: [] },
    },
    {
      id: 'fever-3-days',
      type: 'yes-no',
      text: 'Has the fever lasted more than 3 days?',
      enableWhen: [],
      onYes: { disposition: 'seen-today', because: 'Fever more than 3 days', careAdviceIds: ['fluids'] },
    },
  ],
  fallback: { disposition: 'home-care', because: 'Fever without warning signs', careAdviceIds: ['fluids', 'fever-meds'] },
  careAdvice: [
    { id: 'fluids', title: 'Fluids', text: 'Drink plenty of fluids.' },
    { id: 'fever-meds', title: 'Fever medicine', text: 'Acetaminophen as directed on the label.' },
  ],
  ...provenance,
};

export const coughProtocol: Protocol = { ...feverProtocol, id: 'cough-cold', title: 'Cough', version: '1.0.0' };

/**
 * A format-v2 protocol: a number question with bands (°F), a single choice, and a link to the fever protocol
 * ("go to Fever") with a floor.
 */
export const feelingHotProtocol: Protocol = {
  id: 'feeling-hot',
  version: '2.0.0',
  kind: 'symptom',
  title: 'Feeling hot',
  audience: { ageBands: ['adolescent', 'adult', 'older-adult'], label: 'Adults' },
  questions: [
    {
      id: 'temperature',
      type: 'number',
      text: 'What is the highest temperature measured?',
      enableWhen: [],
      unit: '°F',
      min: 90,
      max: 110,
      decimals: 1,
      bands: [{ atLeast: 104, outcome: { disposition: 'ed-now', because: 'Very high fever', careAdviceIds: [] } }],
    },
    {
      id: 'onset',
      type: 'single-choice',
      text: 'How did it start?',
      enableWhen: [],
      options: [
        { id: 'with-fever', label: 'With a fever', outcome: { goTo: 'fever', because: 'A fever: the fever protocol applies', atLeast: 'seen-within-2-weeks' } },
        { id: 'heat', label: 'After time in the heat' },
      ],
    },
  ],
  fallback: { disposition: 'home-care', because: 'No warning signs', careAdviceIds: [] },
  careAdvice: [],
  ...provenance,
};

export function agentState(overrides: Partial<AgentState> = {}): AgentState {
  return {
    state: 'available',
    since: Date.now(),
    awayReason: null,
    afterCallWorkEndsAt: null,
    awayReasons: ['Break', 'Lunch', 'Meeting'],
    pending: null,
    ...overrides,
  };
}

export function callLogEntry(overrides: Partial<CallLogEntry> = {}): CallLogEntry {
  return {
    callId: CALL_ID,
    direction: 'inbound',
    party: '+15555550123',
    dnis: '+15555550100',
    serviceLineId: 'family-medicine',
    ringAt: 1_700_000_000_000,
    answeredAt: 1_700_000_005_000,
    endedAt: 1_700_000_100_000,
    endReason: 'Caller hung up',
    wrapUpCode: 'resolved',
    patientId: 'pat-maria',
    quality: null,
    ...overrides,
  };
}
