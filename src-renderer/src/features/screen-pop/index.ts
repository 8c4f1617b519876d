export { ScreenPopPane, FIND_PATIENT_HOTKEY } from './ScreenPopPane';
export { SCREEN_POP_MARK, markScreenPopRendered } from './screenPopMark';
export { checkDob, formatDobTyping, parseDob } from './birthDate';
export { CandidateSummary, ageLabel, sexLabel } from './CandidateSummary';
export type { CandidateSummaryProps } from './CandidateSummary';
export { triageSubjectOf, withEnteredAnswers } from './triageSubject';
export { useScreenPop } from './useScreenPop';
export type { ScreenPopState } from './useScreenPop';
