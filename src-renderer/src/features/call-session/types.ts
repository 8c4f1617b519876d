import type {
  AgeBand,
  CALLER_ROLES,
  PREGNANCY_STATES,
  BookingResult,
  CallInfo,
  Caller,
  CallType,
  ContractError,
  DispositionId,
  DispositionOverride,
  DocumentEncounterResult,
  Escalation,
  EscalationPriority,
  NewPatient,
  NoVisitReason,
  PatientSummary,
  Protocol,
  RecordedAnswer,
  Role,
  SchedulingPreferences,
  SlotHold,
} from '../../../../src-preload/contract';

export { WRAP_UP_CODES, type WrapUpCode } from '../../../../src-preload/contract';
import { disposition } from '../../../../src-preload/contract';
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

/**
 * The branch inputs an interview starts from (the engine's actor input). The optional fields came later: a
 * draft saved without them still resumes, and the engine reads a missing one as unknown (its conditions hold).
 */
export interface InterviewInput {
  readonly ageBand: AgeBand;
  readonly sex: PatientSex;
  readonly afterHours: boolean;
  readonly hoursBecause: string;
  /** Age in completed months (from the chart's date of birth). */
  readonly ageMonths?: number | null;
  readonly pregnancy?: Pregnancy;
  /** Where the patient is now: USPS state code and 5-digit ZIP, and whether the caller said so or the chart. */
  readonly state?: string | null;
  readonly zip?: string | null;
  readonly locationSource?: 'caller' | 'chart' | null;
  /** Wall-clock time 'HH:MM' at the service line's site when the interview starts. */
  readonly localTime?: string | null;
  readonly callerRole?: CallerRole;
}

export type CallerRole = (typeof CALLER_ROLES)[number];
export type Pregnancy = (typeof PREGNANCY_STATES)[number];

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

/**
 * What the agent entered on the scheduling pane, kept in the session (plain data) so nothing is lost when the
 * pane re-renders, the call is held or moved, or a booking conflicts and the offers are refreshed.
 */
export interface SchedulingDraft {
  /** The disposition that set the window (null: a routine request). */
  readonly dispositionId: DispositionId | null;
  /** Null until the visit types load and the suggested one is taken (or the agent picks one). */
  readonly visitTypeId: string | null;
  readonly preferences: SchedulingPreferences;
  /** Reason for the visit, pre-filled from the reason for the call. */
  readonly reason: string;
  readonly sendConfirmation: boolean;
  /** A nurse's reason to book past the disposition's window (empty when not needed). */
  readonly outsideWindowReason: string;
  /** The short reservation of the chosen offer, while the agent confirms it with the caller. */
  readonly hold: SlotHold | null;
  /** Idempotency key of the booking attempt for this hold: made once, reused on every retry. */
  readonly idempotencyKey: string | null;
  /**
   * Set when this draft moves an existing appointment (`schedule.reschedule`) instead of booking a new one.
   * Optional because drafts saved before rescheduling existed do not have it (absent = a new booking).
   */
  readonly reschedule?: RescheduleDraft | null;
}

/** The appointment to move, as the chart knows it. */
export interface RescheduleTarget {
  readonly appointmentId: string;
  /** Pre-selects this visit type (the id the EHR's Appointment carries, when it carries ours). */
  readonly visitTypeId?: string | null;
  /** Else the visit type of that label, when the rules offer it. */
  readonly visitTypeLabel: string;
  /** "Follow-up visit on Mon, Mar 11 9:00 AM with Dr. Dana Kim", for the pane's header. */
  readonly label: string;
}

/** Where a reschedule opened from (the chart is on screen at each of them) and so where closing it returns. */
export type RescheduleReturn = 'idle' | 'reason' | 'disposition' | 'wrapUp';

export interface RescheduleDraft extends RescheduleTarget {
  readonly returnTo: RescheduleReturn;
  /** The booking draft set aside while rescheduling, given back on close so nothing typed there is lost. */
  readonly previous: SchedulingDraft | null;
  /** The new appointment once rescheduled (its confirmation script is shown until the pane is closed). */
  readonly result: BookedAppointment | null;
}

/** A booking that went through (in the EHR, or saved in the outbox to be sent). */
export type BookedAppointment = Extract<BookingResult, { outcome: 'booked' | 'queued' }>;

/**
 * Where the emergency path was opened from: the stable steps once the call is answered (documenting returns to the
 * pane it came from; a ringing call is answered first, Alt+A then Alt+E).
 */
export type EmergencyReturn = Exclude<WorkflowStep, 'emergency' | 'documenting' | 'ringing'>;

/**
 * The emergency path of this call: opened from any step in one key (Alt+E) or by a red flag the caller's words
 * raised and the caller confirmed. Plain data, kept with the call (drafts, documentation, wrap-up).
 */
export interface EmergencySession {
  /** Idempotency key of its documentation: the interview's when there is one (one encounter per call). */
  readonly draftId: string;
  readonly openedAt: number;
  readonly returnTo: EmergencyReturn;
  /** Why: "Opened by the agent" or the confirmed red flag ("Stroke signs: 'face is drooping'"). */
  readonly because: string;
  /** The address as the caller gave it (the chart's is shown beside it; the caller confirms where they are now). */
  readonly address: string;
  /** Set once the call was connected to emergency services through the softphone. */
  readonly connected: { readonly target: string; readonly label: string; readonly mode: 'consult' | 'transfer'; readonly at: number } | null;
  /** Set when the agent left the path without connecting (an override: always with a reason). */
  readonly leftBecause: string | null;
  /** The red-flag questions the caller confirmed (asked before identification), documented with the emergency. */
  readonly answers: readonly RecordedAnswer[];
  /** Set when emergency services have the caller; the emergency is then documented once the patient is verified. */
  readonly handledAt: number | null;
  /** The red-flag screen the emergency is documented under (its id, version and title). */
  readonly screen: { readonly id: string; readonly version: string; readonly title: string } | null;
}

/**
 * An escalated call's warm transfer to the nurse queue, as far as it got: consulting (the caller on hold, the
 * nurse queue ringing or on the line for the briefing), transferred, or given up (the Task stays a callback).
 */
export interface WarmTransfer {
  readonly status: 'consulting' | 'transferred' | 'cancelled' | 'failed';
  /** The consultation call to the nurse queue (null until it is placed). */
  readonly consultCallId: string | null;
  /** The directory entry called, e.g. "Nurse triage queue". */
  readonly targetLabel: string | null;
  /** Why the last step failed, in words for the agent. */
  readonly error: string | null;
}

/** What the consultation actor answers: the consultation call and who it rings. */
export interface ConsultStarted {
  readonly consultCallId: string;
  readonly targetLabel: string;
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
  /**
   * A patient triaged without a chart (unknown caller, EHR down, no name given): what was entered on the spot.
   * Documented as a new Patient (or the chart the EHR is sure of). Set only while `patient` is null. Optional:
   * sessions saved before it existed have none.
   */
  readonly unidentified?: NewPatient | null;
  /** Who is on the phone when asked (self, parent, caregiver, someone else); recorded with the encounter. */
  readonly caller?: Caller | null;
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
  /** The scheduling pane's draft (null until scheduling is opened). */
  readonly scheduling: SchedulingDraft | null;
  /** The appointment booked on this call, for the wrap-up and the chart. */
  readonly booking: BookedAppointment | null;
  /** What the caller said before identification (typed on the screen-pop step; the reason step starts from it). */
  readonly callerSaid?: string;
  /** The emergency path, once opened on this call (optional: drafts saved before it existed lack it). */
  readonly emergency?: EmergencySession | null;
  /** A nurse's free-text note for the chart (documented with the interview). Optional: older drafts lack it. */
  readonly nurseNote?: string;
  /** The warm transfer of an escalated call (null/absent: none). */
  readonly warmTransfer?: WarmTransfer | null;
  /** Why no visit was booked although the disposition called for one (set on Finish). */
  readonly noVisitReason?: NoVisitReason | null;
}

export type CallSessionEvent =
  | { readonly type: 'CALL.INCOMING'; readonly call: CallInfo }
  | { readonly type: 'CALL.UPDATED'; readonly call: CallInfo }
  | { readonly type: 'ANSWER' }
  | { readonly type: 'HANG_UP' }
  | { readonly type: 'LINE.CONNECTED' }
  | { readonly type: 'LINE.ENDED' }
  | { readonly type: 'CANDIDATE.SELECTED'; readonly patient: PatientSummary | null }
  | { readonly type: 'PATIENT.VERIFIED'; readonly patient: PatientSummary; readonly caller?: Caller }
  /** No chart to verify against: triage now with what the caller gives (the red-flag screen is never delayed). */
  | { readonly type: 'PATIENT.UNIDENTIFIED'; readonly patient: NewPatient; readonly caller: Caller }
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
  /**
   * From the disposition: open scheduling for it (only a schedulable disposition). With `reschedule`: move
   * that appointment instead, from any step where the chart shows a verified patient and nothing is in flight.
   */
  | { readonly type: 'SCHEDULE.OPEN'; readonly reschedule?: RescheduleTarget }
  /** Part of the scheduling draft changed (preferences, reason, hold...). */
  | { readonly type: 'SCHEDULE.UPDATE'; readonly draft: Partial<SchedulingDraft> }
  | { readonly type: 'SCHEDULE.BOOKED'; readonly result: BookedAppointment }
  /** Back to the disposition (the draft is kept for a reopen). */
  | { readonly type: 'SCHEDULE.CLOSE' }
  | { readonly type: 'SKIP_TO_WRAP_UP' }
  /** The caller's words typed before identification (red flags in them are asked at once). */
  | { readonly type: 'CALLER.SAID'; readonly text: string }
  /** The emergency path, from any step: the 911 script, the address, connect to 911. */
  | { readonly type: 'EMERGENCY.OPEN'; readonly because?: string; readonly answers?: readonly RecordedAnswer[] }
  | { readonly type: 'EMERGENCY.ADDRESS'; readonly address: string }
  | { readonly type: 'EMERGENCY.CONNECTED'; readonly target: string; readonly label: string; readonly mode: 'consult' | 'transfer' }
  /** Not an emergency after all: back to where it was opened, with the reason (at least 10 characters). */
  | { readonly type: 'EMERGENCY.LEAVE'; readonly reason: string }
  /**
   * Emergency services have the caller: documented at once when the patient is verified, else after identification
   * (identity can wait until the emergency is handled); then the wrap-up (code "Escalated to 911").
   */
  | { readonly type: 'EMERGENCY.DONE'; readonly screen: { readonly id: string; readonly version: string; readonly title: string } | null }
  /** The nurse typed in the nurse note (kept in the session, so a draft keeps it). */
  | { readonly type: 'NURSE_NOTE.CHANGED'; readonly note: string }
  /** Warm transfer: the nurse is briefed, join the caller to them; or give up (the Task stays a callback); or call again. */
  | { readonly type: 'WARM_TRANSFER.COMPLETE' }
  | { readonly type: 'WARM_TRANSFER.CANCEL' }
  | { readonly type: 'WARM_TRANSFER.RETRY' }
  | { readonly type: 'FINISH'; readonly code: WrapUpCode; readonly noVisitReason?: NoVisitReason | null };

export type WorkflowStep =
  | 'idle'
  | 'ringing'
  | 'identifying'
  | 'reason'
  | 'interview'
  | 'disposition'
  | 'escalation'
  | 'documenting'
  | 'warmTransfer'
  | 'scheduling'
  | 'emergency'
  | 'wrapUp';

export type LineState = 'noCall' | 'ringing' | 'answering' | 'connected' | 'hangingUp' | 'ended';

/**
 * Whether a disposition leads to booking a visit here. 911 and the ED are never booked (the patient goes now);
 * routes (poison control, crisis line, dentist, pharmacist) send the caller elsewhere. Home care may still book
 * a routine visit if the caller wants one (the rules' default window).
 */
export function isSchedulableDisposition(id: DispositionId): boolean {
  const d = disposition(id);
  // Every level of care less urgent than "go to the ED now", on the one ranked scale.
  return d.kind === 'care-level' && d.rank > disposition('ed-now').rank;
}

/**
 * Whether a disposition calls for a visit (be seen within hours or days): schedulable and with a window. Home
 * care may book, but does not call for a visit, so ending without one needs no reason.
 */
export function callsForVisit(id: DispositionId): boolean {
  return isSchedulableDisposition(id) && disposition(id).maxMinutesToCare !== null;
}
