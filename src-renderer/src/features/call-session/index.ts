export {
  RED_FLAG_PROTOCOL_ID,
  buildDocumentRequest,
  callSessionMachine,
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
} from './CallSessionProvider';
export type { CallSessionActor, CallSessionProviderProps } from './CallSessionProvider';
export * from './selectors';
export { WRAP_UP_CODES } from './types';
export type {
  CallReason,
  CallSessionContext,
  CallSessionEvent,
  CareAdviceBlock,
  InterviewInput,
  InterviewOutcome,
  InterviewSession,
  LineState,
  PatientSex,
  WorkflowStep,
  WrapUpCode,
} from './types';
