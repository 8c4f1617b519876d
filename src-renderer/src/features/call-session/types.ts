import type {
  AgeBand,
  CallInfo,
  CallType,
  ContractError,
  DispositionId,
  DocumentEncounterResult,
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
  | { readonly type: 'REASON.SUBMITTED'; readonly reason: CallReason; readonly interviewInput: InterviewInput | null }
  | { readonly type: 'INTERVIEW.STEPPED'; readonly persistedSnapshot: unknown }
  | { readonly type: 'INTERVIEW.COMPLETED'; readonly outcome: InterviewOutcome; readonly persistedSnapshot: unknown }
  /** Back from the disposition into the interview, with the interview's snapshot after stepping back. */
  | { readonly type: 'INTERVIEW.REOPEN'; readonly persistedSnapshot: unknown }
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
  | 'documenting'
  | 'wrapUp';

export type LineState = 'noCall' | 'ringing' | 'answering' | 'connected' | 'hangingUp' | 'ended';
