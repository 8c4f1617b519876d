import type {
  AgeBand,
  CallInfo,
  CallType,
  ContractError,
  DispositionId,
  DispositionOverride,
  DocumentEncounterResult,
  Escalation,
  EscalationPriority,
  PatientSummary,
  Protocol,
  RecordedAnswer,
  Role,
} from '../../../../src-preload/contract';

export { WRAP_UP_CODES, type WrapUpCode } from '../../../../src-preload/contract';
import type { WrapUpCode } from '../../../../src-preload/contract';

export type PatientSex = PatientSummary['sex'];

/** What the caller wants, as captured on the reason step. */
export interface CallReason {
  readonly serviceLineId: string;
  readonly callTypeId: string;
  readonly callTypeLabel: string;
  readonly callTypeKind: CallType['kind'];
  readonly reasonForCall: string;
  /** The symptom protocol chosen for a triage call type; null for other call types. */
  readonly protocolId: string | null;
}

/** The branch inputs an interview starts from (the engine's actor input). */
export interface InterviewInput {
  readonly ageBand: AgeBand;
  readonly sex: PatientSex;
  readonly afterHours: boolean;
  readonly hoursBecause: string;
}

export interface CareAdviceBlock {
  readonly id: string;
  readonly title: string;
  readonly text: string;
}

/**
 * A question the symptom checker could answer from what the caller said: offered to the agent to confirm
 * (Enter), never recorded without that confirmation.
 */
export interface CallerWordsAnswer {
  readonly protocolId: string;
  readonly questionId: string;
  readonly answer: 'yes' | 'no';
  /** `from caller's words: "…"`, as the checker explains it. */
  readonly because: string;
}

/** A red flag the caller's words raised, and the red-flag screen questions it maps to (highlighted). */
export interface RaisedRedFlag {
  readonly label: string;
  readonly evidence: string;
  readonly questions: readonly { readonly protocolId: string; readonly questionId: string }[];
}

/** What the symptom checker made of the reason for the call, kept as plain data with the interview. */
export interface CallerWords {
  readonly preAnswers: readonly CallerWordsAnswer[];
  readonly redFlags: readonly RaisedRedFlag[];
  /** The priority an agent's escalation starts from (the agent may raise it; lowering needs a reason). */
  readonly suggestedPriority: EscalationPriority;
  /** Why that priority, in one line. */
  readonly priorityBecause: string;
}

export const NO_CALLER_WORDS: CallerWords = { preAnswers: [], redFlags: [], suggestedPriority: 'routine', priorityBecause: 'Nothing in the caller\'s words suggests urgency.' };

/**
 * What a user may do clinically: a nurse runs the symptom protocol to a disposition; agents (and
 * supervisors, who are not clinicians here) run only the red-flag screen and then escalate to a nurse.
 */
export type ClinicalScope = 'full-protocol' | 'red-flag-screen';

/** Where an interview stands; plain data only, so the whole call session can be persisted and restored. */
export interface InterviewSession {
  /** Idempotency key of the documentation: created once when the interview starts, reused on every retry. */
  readonly draftId: string;
  readonly startedAt: number;
  readonly input: InterviewInput;
  /** Red-flag screen first, then the chosen symptom protocol. */
  readonly protocolIds: readonly string[];
  readonly protocols: readonly Protocol[];
  /** The interview actor's getPersistedSnapshot() after its latest step (JSON-serializable). */
  readonly persistedSnapshot: unknown;
  readonly callerWords: CallerWords;
}

/** An agent's red-flag screen that found nothing: the answers, before the call is escalated to a nurse. */
export interface RedFlagScreenResult {
  readonly answers: readonly RecordedAnswer[];
}

export interface InterviewOutcome {
  readonly answers: readonly RecordedAnswer[];
  readonly disposition: { readonly id: DispositionId; readonly because: string };
  readonly careAdvice: readonly CareAdviceBlock[];
}

export interface CallSessionContext {
  readonly role: Role;
  /** The latest known state of the call this session is about (kept after the call for the summary). */
  readonly call: CallInfo | null;
  readonly lineError: string | null;
  /** The screen-pop candidate the agent has highlighted, not yet verified. */
  readonly candidate: PatientSummary | null;
  /** The patient whose identity was verified (name + date of birth). Kept after wrap-up so the chart stays. */
  readonly patient: PatientSummary | null;
  readonly reason: CallReason | null;
  readonly interview: InterviewSession | null;
  readonly protocolError: ContractError | null;
  readonly outcome: InterviewOutcome | null;
  readonly careAdviceGiven: boolean;
  /** A nurse's override of the engine's disposition (null when none). */
  readonly override: DispositionOverride | null;
  /** Set when an agent's red-flag screen was all no: the call goes to a nurse instead of a disposition. */
  readonly redFlagScreen: RedFlagScreenResult | null;
  /** The escalation the agent chose (set when documenting it). */
  readonly escalation: Escalation | null;
  readonly documentResult: DocumentEncounterResult | null;
  readonly documentError: ContractError | null;
  readonly wrapUpCode: WrapUpCode | null;
}

export type CallSessionEvent =
  | { readonly type: 'CALL.INCOMING'; readonly call: CallInfo }
  | { readonly type: 'CALL.UPDATED'; readonly call: CallInfo }
  | { readonly type: 'ANSWER' }
  | { readonly type: 'HANG_UP' }
  | { readonly type: 'LINE.CONNECTED' }
  | { readonly type: 'LINE.ENDED' }
  | { readonly type: 'CANDIDATE.SELECTED'; readonly patient: PatientSummary | null }
  | { readonly type: 'PATIENT.VERIFIED'; readonly patient: PatientSummary }
  | { readonly type: 'PATIENT.CHANGE' }
  | {
      readonly type: 'REASON.SUBMITTED';
      readonly reason: CallReason;
      readonly interviewInput: InterviewInput | null;
      /** What the symptom checker made of the reason (omitted: nothing). */
      readonly callerWords?: CallerWords;
    }
  | { readonly type: 'INTERVIEW.STEPPED'; readonly persistedSnapshot: unknown }
  | { readonly type: 'INTERVIEW.COMPLETED'; readonly outcome: InterviewOutcome; readonly persistedSnapshot: unknown }
  /** Back from the disposition into the interview, with the interview's snapshot after stepping back. */
  | { readonly type: 'INTERVIEW.REOPEN'; readonly persistedSnapshot: unknown }
  /** An agent's red-flag screen answered all no: the agent's part of the interview is over; escalate. */
  | { readonly type: 'INTERVIEW.RED_FLAGS_CLEARED'; readonly screen: RedFlagScreenResult; readonly persistedSnapshot: unknown }
  /** A nurse overrides the disposition (with a reason), or withdraws the override (null). */
  | { readonly type: 'DISPOSITION.OVERRIDE'; readonly override: DispositionOverride | null }
  /** The agent documents the escalation to a nurse. */
  | { readonly type: 'ESCALATE'; readonly escalation: Escalation }
  /** The chosen protocols cannot run for this patient (e.g. wrong age band): back to the reason step. */
  | { readonly type: 'INTERVIEW.CANNOT_START'; readonly message: string }
  | { readonly type: 'CARE_ADVICE.GIVEN'; readonly given: boolean }
  | { readonly type: 'DOCUMENT' }
  | { readonly type: 'SKIP_TO_WRAP_UP' }
  | { readonly type: 'FINISH'; readonly code: WrapUpCode };

export type WorkflowStep =
  | 'idle'
  | 'ringing'
  | 'identifying'
  | 'reason'
  | 'interview'
  | 'disposition'
  | 'escalation'
  | 'documenting'
  | 'wrapUp';

export type LineState = 'noCall' | 'ringing' | 'answering' | 'connected' | 'hangingUp' | 'ended';
