/**
 * The guided interview engine: protocols (data, validated by the contract) compiled to one XState v5 machine.
 * Pure TypeScript: no React, no DOM, no Node; it runs in the renderer and headless alike.
 */
export { compileInterview, compileInterviewConfig, type CompileOptions, type InterviewMachine, type InterviewMachineConfig } from './compileInterview';
export { interviewInputProblems, InterviewInputSchema } from './interviewInput';
export { InterviewCompileError, questionKey, DECIDED, CONFIRMED, type PlanOptions } from './interviewPlan';
export { answerDisplay } from './answerRules';
export {
  readInterview,
  answerProblem,
  documentedInterview,
  hoursVerdictText,
  type CurrentQuestion,
  type DocumentedInterview,
  type InterviewSnapshotLike,
  type InterviewStatus,
  type InterviewView,
} from './interviewResult';
export { restoreInterview, type RestoreResult } from './restoreInterview';
export { CONTENT_GUARDS } from './vocabulary';
export type {
  Answer,
  AnswerEntry,
  AnswerValue,
  CallerRole,
  LinkEntry,
  LocationSource,
  Pregnancy,
  CareAdviceBlock,
  Decision,
  InterviewContext,
  InterviewEvent,
  InterviewInput,
  InterviewOutput,
  InterviewSex,
  ProtocolRef,
  ResolvedDisposition,
} from './types';
