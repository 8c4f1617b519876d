export {
  RED_FLAG_PROTOCOL_ID,
  buildDocumentRequest,
  callSessionMachine,
  clinicalScopeOf,
  effectiveDispositionId,
  emptyContext,
  lineStateOf,
  workflowStepOf,
} from './callSessionMachine';
export type { CallSessionInput, CallSessionMachine, CallSessionSnapshot } from './callSessionMachine';
export {
  CallSessionProvider,
  callSessionWithBridge,
  useCallSession,
  useCallSessionActor,
  useCallWorkspaces,
  useCallWorkspacesState,
  useFrontWorkspaceKey,
} from './CallSessionProvider';
export { CallWorkspaces } from './callWorkspaces';
export type { CallWorkspace, CallWorkspacesState, WorkspaceSummary } from './callWorkspaces';
export type { CallSessionActor, CallSessionProviderProps } from './CallSessionProvider';
export * from './selectors';
export { NO_CALLER_WORDS, WRAP_UP_CODES, callsForVisit, isSchedulableDisposition } from './types';
export type {
  BookedAppointment,
  CallReason,
  CallSessionContext,
  CallSessionEvent,
  CallerWords,
  CallerWordsAnswer,
  CareAdviceBlock,
  ClinicalScope,
  ConsultStarted,
  InterviewInput,
  CallerRole,
  Pregnancy,
  InterviewOutcome,
  InterviewSession,
  LineState,
  PatientSex,
  RaisedRedFlag,
  RedFlagScreenResult,
  RescheduleDraft,
  RescheduleReturn,
  RescheduleTarget,
  SchedulingDraft,
  WarmTransfer,
  WorkflowStep,
  WrapUpCode,
} from './types';
