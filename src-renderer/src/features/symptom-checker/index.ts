export { SymptomCheckPanel } from './SymptomCheckPanel';
export type { SymptomCheckPanelProps } from './SymptomCheckPanel';
export { callerWordsFrom } from './callerWordsFrom';
export { lexicon, type LexiconResult } from './lexicon';
export { useSymptomCheck, type SymptomCheckState } from './useSymptomCheck';
