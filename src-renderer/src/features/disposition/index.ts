export { DOCUMENT_HOTKEY, DispositionPane, OVERRIDE_HOTKEY } from './DispositionPane';
export { DispositionOverrideForm } from './DispositionOverrideForm';
export { NextActions, SCHEDULE_HOTKEY, notSchedulableWhy } from './NextActions';
export { DispositionCard } from './DispositionCard';
export type { DispositionCardProps } from './DispositionCard';
export { CareAdvice } from './CareAdvice';
export type { CareAdviceProps } from './CareAdvice';
export { DocumentResult } from './DocumentResult';
export type { DocumentResultProps } from './DocumentResult';
