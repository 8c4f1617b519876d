import { type CallSessionSnapshot, lineStateOf, workflowStepOf } from './callSessionMachine';
import type { CallSessionContext, LineState, WorkflowStep } from './types';

/** Small selectors shared by the panes (stable results, so useSelector's default compare works). */
export const selectStep = (s: CallSessionSnapshot): WorkflowStep => workflowStepOf(s);
export const selectLine = (s: CallSessionSnapshot): LineState => lineStateOf(s);
export const selectCall = (s: CallSessionSnapshot): CallSessionContext['call'] => s.context.call;
export const selectPatient = (s: CallSessionSnapshot): CallSessionContext['patient'] => s.context.patient;
/** The patient entered on the spot when there is no chart (null otherwise). */
export const selectUnidentified = (s: CallSessionSnapshot): NonNullable<CallSessionContext['unidentified']> | null => s.context.unidentified ?? null;
export const selectCaller = (s: CallSessionSnapshot): NonNullable<CallSessionContext['caller']> | null => s.context.caller ?? null;
export const selectCandidate = (s: CallSessionSnapshot): CallSessionContext['candidate'] => s.context.candidate;
export const selectReason = (s: CallSessionSnapshot): CallSessionContext['reason'] => s.context.reason;
export const selectInterview = (s: CallSessionSnapshot): CallSessionContext['interview'] => s.context.interview;
export const selectOutcome = (s: CallSessionSnapshot): CallSessionContext['outcome'] => s.context.outcome;
export const selectRole = (s: CallSessionSnapshot): CallSessionContext['role'] => s.context.role;
/** Interview loading (protocols being fetched) vs running. */
export const selectInterviewLoading = (s: CallSessionSnapshot): boolean =>
  s.matches({ workflow: { interview: 'loading' } });
export const selectScheduling = (s: CallSessionSnapshot): CallSessionContext['scheduling'] => s.context.scheduling;
export const selectBooking = (s: CallSessionSnapshot): CallSessionContext['booking'] => s.context.booking;
