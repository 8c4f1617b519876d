import type { AnswerSource } from '../../src-preload/contract';
import type { AnswerValue, CurrentQuestion } from '../../src-renderer/src/features/interview/engine';
import type { SymptomCheck } from '../../src-renderer/src/features/symptom-checker/engine';
import type { FileAnswer } from './answersFile';

/*
 * Where each answer of a headless interview comes from: answers file > caller's words > default, with the
 * one safety rule of headless mode (an uncertain red flag is answered "yes"). The default is "no" for a
 * yes-no question and "unknown" for the others (the caller was not asked), which never decides on its own
 * except where the content says what an unknown value means (`ifUnknown`, e.g. an infant's temperature). Pure.
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
  readonly answer: AnswerValue;
  readonly source: AnswerSource;
  readonly note: string;
}

export type AskedQuestion = Pick<CurrentQuestion, 'protocolId' | 'questionId' | 'type' | 'unit'>;

/** An answers-file value as the engine's answer for this question type. */
export function fileAnswerFor(question: AskedQuestion, value: FileAnswer): AnswerValue {
  if (value === 'yes' || value === 'no' || value === 'unknown') return value;
  if (typeof value === 'number') return { number: value };
  if (Array.isArray(value)) return { choices: [...value] };
  const text = String(value);
  if (question.type === 'single-choice') return { choice: text };
  if (question.type === 'multi-choice') return { choices: [text] };
  if (question.type === 'number' && text.trim() !== '' && Number.isFinite(Number(text))) return { number: Number(text) };
  return { text };
}

/** A temperature the caller gave ("temp 102", "38.9 C"), in the unit of a °F / °C number question. */
function temperatureFromWords(question: AskedQuestion, check: SymptomCheck): ChosenAnswer | null {
  if (question.type !== 'number') return null;
  const unit = question.unit?.replace(/\s/g, '').toUpperCase();
  if (unit !== '°F' && unit !== '°C' && unit !== 'F' && unit !== 'C') return null;
  const finding = check.findings.find((f) => f.status === 'present' && f.value?.kind === 'temperature');
  if (!finding?.value) return null;
  const value = unit.endsWith('F') ? finding.value.fahrenheit : finding.value.celsius;
  const inferred = finding.value.unitInferred ? ', unit inferred from the value' : '';
  return { answer: { number: Math.round(value * 10) / 10 }, source: 'callers-words', note: `from caller's words: "${finding.evidence.text}"${inferred}` };
}

/** Answers file > caller's words (uncertain red flags escalate; then the checker's pre-answers) > default. */
export function chooseAnswer(
  question: AskedQuestion,
  file: ReadonlyMap<string, FileAnswer>,
  uncertain: ReadonlyMap<string, string>,
  check: SymptomCheck,
): ChosenAnswer {
  const key = `${question.protocolId}/${question.questionId}`;
  const fromFile = file.get(key);
  if (fromFile !== undefined) return { answer: fileAnswerFor(question, fromFile), source: 'answers-file', note: 'from the answers file' };
  const words = uncertain.get(key);
  if (words !== undefined && question.type === 'yes-no') return { answer: 'yes', source: 'callers-words', note: `"${words}": ${UNCERTAIN_RED_FLAG_NOTE}` };
  const temperature = temperatureFromWords(question, check);
  if (temperature) return temperature;
  const pre = question.type === 'yes-no' ? check.preAnswers.find((p) => `${p.protocolId}/${p.questionId}` === key) : undefined;
  if (pre) return { answer: pre.answer, source: 'callers-words', note: pre.because };
  if (question.type !== 'yes-no') return { answer: 'unknown', source: 'default', note: 'default "unknown": not in the words or the answers file' };
  const withheld = check.withheld.find((w) => `${w.protocolId}/${w.questionId}` === key);
  return { answer: 'no', source: 'default', note: withheld ? `default "no" (the words suggested "no", but ${withheld.reason})` : 'default "no": not in the words or the answers file' };
}
