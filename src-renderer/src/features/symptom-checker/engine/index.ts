/**
 * The symptom checker: what the caller said (as the agent typed it) -> findings, red flags, ranked protocols
 * and pre-answers. Pure TypeScript: no React, no DOM, no Node; it runs in the renderer and headless alike.
 * The lexicon (resources/lexicon/*.json) is demonstration content, not for clinical use.
 */
export { checkSymptoms, MAX_INPUT_CHARS, type CheckSymptomsOptions } from './checkSymptoms';
export { compileLexicon, LexiconError, type CompiledLexicon } from './compileLexicon';
export { LexiconSchema, LexiconFindingSchema, QuestionFindingsSchema, type LexiconData, type LexiconFinding, type QuestionFindings } from './lexiconSchema';
export type {
  Duration,
  DurationUnit,
  Evidence,
  Finding,
  FindingStatus,
  MatchKind,
  Mention,
  PreAnswer,
  ProtocolReason,
  QuestionRef,
  RankedProtocol,
  RedFlag,
  SymptomCheck,
  TemperatureValue,
  WithheldAnswer,
} from './types';
