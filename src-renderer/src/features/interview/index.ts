export { AnswersSoFar, BACK_HOTKEY, CONFIRM_HOTKEY, InterviewPane, NO_HOTKEY, YES_HOTKEY } from './InterviewPane';
export { outcomeFromView, persistedSnapshotAfterBack } from './interviewSteps';
