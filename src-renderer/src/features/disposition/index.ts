export { DOCUMENT_HOTKEY, DispositionPane } from './DispositionPane';
export { DispositionCard } from './DispositionCard';
export type { DispositionCardProps } from './DispositionCard';
export { CareAdvice } from './CareAdvice';
export type { CareAdviceProps } from './CareAdvice';
export { DocumentResult } from './DocumentResult';
export type { DocumentResultProps } from './DocumentResult';
