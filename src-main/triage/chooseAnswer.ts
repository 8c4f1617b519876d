import type { AnswerSource } from '../../src-preload/contract';
import type { SymptomCheck } from '../../src-renderer/src/features/symptom-checker/engine';

/*
 * Where each answer of a headless interview comes from: answers file > caller's words > default "no", with
 * the one safety rule of headless mode (an uncertain red flag is answered "yes"). Pure.
 */

const UNCERTAIN_RED_FLAG_NOTE =
  'uncertain red flag in the caller\'s words and nobody can ask in headless mode, so answered "yes" (when in doubt, escalate)';

/** Red-flag screen questions raised by an uncertain red flag, with the words that raised them. */
export function uncertainRedFlagQuestions(check: SymptomCheck): Map<string, string> {
  const out = new Map<string, string>();
  for (const flag of check.redFlags) {
    if (flag.status !== 'uncertain') continue;
    for (const q of flag.questions) if (!out.has(`${q.protocolId}/${q.questionId}`)) out.set(`${q.protocolId}/${q.questionId}`, flag.evidence.text);
  }
  return out;
}

export interface ChosenAnswer {
  readonly answer: 'yes' | 'no';
  readonly source: AnswerSource;
  readonly note: string;
}

/** Answers file > caller's words (uncertain red flags escalate; then the checker's pre-answers) > default "no". */
export function chooseAnswer(key: string, file: ReadonlyMap<string, 'yes' | 'no'>, uncertain: ReadonlyMap<string, string>, check: SymptomCheck): ChosenAnswer {
  const fromFile = file.get(key);
  if (fromFile) return { answer: fromFile, source: 'answers-file', note: 'from the answers file' };
  const words = uncertain.get(key);
  if (words !== undefined) return { answer: 'yes', source: 'callers-words', note: `"${words}": ${UNCERTAIN_RED_FLAG_NOTE}` };
  const pre = check.preAnswers.find((p) => `${p.protocolId}/${p.questionId}` === key);
  if (pre) return { answer: pre.answer, source: 'callers-words', note: pre.because };
  const withheld = check.withheld.find((w) => `${w.protocolId}/${w.questionId}` === key);
  return { answer: 'no', source: 'default', note: withheld ? `default "no" (the words suggested "no", but ${withheld.reason})` : 'default "no": not in the words or the answers file' };
}

