import type { Role } from '../../../src-preload/contract';
import {
  type CallSessionContext,
  type CallSessionSnapshot,
  type CallerWords,
  type InterviewOutcome,
  NO_CALLER_WORDS,
  callSessionMachine,
  emptyContext,
} from '../features/call-session';
import { activeCall, feverProtocol, mariaLopez, redFlagsProtocol } from './fixtures';

export const DRAFT_ID = '3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a';

export const homeCareOutcome: InterviewOutcome = {
  answers: [
    { protocolId: 'red-flags', questionId: 'not-breathing', text: 'Is the patient struggling to breathe or not breathing?', answer: 'no', source: 'asked', answeredAt: 1 },
    { protocolId: 'fever', questionId: 'stiff-neck', text: 'Does the patient have a stiff neck with the fever?', answer: 'no', source: 'asked', answeredAt: 2 },
    { protocolId: 'fever', questionId: 'fever-3-days', text: 'Has the fever lasted more than 3 days?', answer: 'no', source: 'asked', answeredAt: 3 },
  ],
  disposition: { id: 'home-care', because: 'No to all 3 questions asked · Fever without warning signs' },
  careAdvice: [
    { id: 'fluids', title: 'Fluids', text: 'Drink plenty of fluids.' },
    { id: 'fever-meds', title: 'Fever medicine', text: 'Acetaminophen as directed on the label.' },
  ],
};

/** A call session already at the disposition step of a fever interview (for disposition and wrap-up tests). */
export function sessionAtDisposition(role: Role, outcome: InterviewOutcome = homeCareOutcome): CallSessionSnapshot {
  const context: CallSessionContext = {
    ...emptyContext(role),
    call: activeCall(),
    candidate: mariaLopez,
    patient: mariaLopez,
    reason: {
      serviceLineId: 'family-medicine',
      callTypeId: 'symptoms',
      callTypeLabel: 'Symptoms / triage',
      callTypeKind: 'triage',
      reasonForCall: 'Fever since yesterday',
      protocolId: 'fever',
    },
    interview: {
      draftId: DRAFT_ID,
      startedAt: 1_700_000_010_000,
      input: { ageBand: 'adult', sex: 'female', afterHours: false, hoursBecause: 'open: hours Mon 08:00-17:00' },
      protocolIds: ['red-flags', 'fever'],
      protocols: [redFlagsProtocol, feverProtocol],
      persistedSnapshot: null,
      callerWords: NO_CALLER_WORDS,
    },
    outcome,
  };
  return callSessionMachine.resolveState({ value: { line: 'connected', workflow: 'disposition' }, context });
}

/** A call session whose fever interview has just started (protocols loaded, nothing answered). */
export function sessionAtInterview(
  role: Role,
  input: Partial<NonNullable<CallSessionContext['interview']>['input']> = {},
  callerWords: CallerWords = NO_CALLER_WORDS,
): CallSessionSnapshot {
  const atDisposition = sessionAtDisposition(role);
  const interview = atDisposition.context.interview;
  if (!interview) throw new Error('fixture without interview');
  const context: CallSessionContext = {
    ...atDisposition.context,
    outcome: null,
    interview: { ...interview, input: { ...interview.input, ...input }, callerWords },
  };
  return callSessionMachine.resolveState({ value: { line: 'connected', workflow: { interview: 'running' } }, context });
}

/** A call session with the caller verified, at the reason step. */
export function sessionAtReason(role: Role, patient = mariaLopez): CallSessionSnapshot {
  const context: CallSessionContext = { ...emptyContext(role), call: activeCall(), candidate: patient, patient };
  return callSessionMachine.resolveState({ value: { line: 'connected', workflow: 'reason' }, context });
}

/** An agent's call whose red-flag screen was all no: at the escalation step. */
export function sessionAtEscalation(callerWords: CallerWords = NO_CALLER_WORDS, role: Role = 'agent'): CallSessionSnapshot {
  const atDisposition = sessionAtDisposition(role);
  const interview = atDisposition.context.interview;
  if (!interview) throw new Error('fixture without interview');
  const firstAnswer = homeCareOutcome.answers[0];
  const context: CallSessionContext = {
    ...atDisposition.context,
    outcome: null,
    interview: { ...interview, callerWords },
    redFlagScreen: { answers: firstAnswer ? [firstAnswer] : [] },
  };
  return callSessionMachine.resolveState({ value: { line: 'connected', workflow: 'escalation' }, context });
}
