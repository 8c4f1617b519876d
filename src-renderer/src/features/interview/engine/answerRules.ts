import type { Question, RecordedAnswer } from '../../../../../src-preload/contract';
import type { AnswerMatch, AnswerSpec, AnswerValue } from './types';

/**
 * Pure rules for answers of every question type: which answers a question accepts (and why not), which
 * answers take which outcome, and how an answer reads back. Shared by the machine's guards and the readers,
 * so the UI's "why refused" and the machine's refusal can never disagree.
 */

export function answerSpecOf(q: Question): AnswerSpec {
  return {
    type: q.type,
    optionIds: q.type === 'single-choice' || q.type === 'multi-choice' ? q.options.map((o) => o.id) : [],
    unit: q.type === 'number' ? q.unit : null,
    min: q.type === 'number' ? q.min : null,
    max: q.type === 'number' ? q.max : null,
    decimals: q.type === 'number' ? q.decimals : null,
    maxLength: q.type === 'free-text' ? q.maxLength : null,
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function decimalsOf(n: number): number {
  for (let d = 0; d <= 10; d += 1) if (Math.abs(n * 10 ** d - Math.round(n * 10 ** d)) < 1e-7) return d;
  return 11;
}

/** Format a number as the question asks for it (fixed decimals). */
export function formatNumber(n: number, decimals: number | null): string {
  return decimals === null ? String(n) : n.toFixed(decimals);
}

const EXPECTS: Record<AnswerSpec['type'], string> = {
  'yes-no': 'yes or no',
  'single-choice': 'one of the options (or unknown)',
  'multi-choice': 'any of the options, or none (or unknown)',
  number: 'a number (or unknown)',
  'free-text': 'some text (or unknown)',
};

/**
 * Why this answer is refused for this question, or null when it is accepted. Values arrive from events, so
 * anything (wrong shape, NaN, duplicates) is checked rather than trusted.
 */
export function answerProblemFor(spec: AnswerSpec, answer: unknown): string | null {
  const expects = `This question takes ${spec.type === 'number' && spec.unit ? `a number in ${spec.unit} (or unknown)` : EXPECTS[spec.type]}.`;
  if (spec.type === 'yes-no') return answer === 'yes' || answer === 'no' ? null : expects;
  if (answer === 'unknown') return null;
  if (!isRecord(answer)) return expects;
  switch (spec.type) {
    case 'single-choice': {
      const keys = Object.keys(answer);
      if (keys.length !== 1 || typeof answer.choice !== 'string') return expects;
      return spec.optionIds.includes(answer.choice) ? null : `There is no option '${answer.choice}'.`;
    }
    case 'multi-choice': {
      const chosen = answer.choices;
      if (Object.keys(answer).length !== 1 || !Array.isArray(chosen) || !chosen.every((c) => typeof c === 'string')) return expects;
      const unknown = (chosen as string[]).find((c) => !spec.optionIds.includes(c));
      if (unknown !== undefined) return `There is no option '${unknown}'.`;
      return new Set(chosen).size === chosen.length ? null : 'An option was chosen twice.';
    }
    case 'number': {
      const n = answer.number;
      if (Object.keys(answer).length !== 1 || typeof n !== 'number' || !Number.isFinite(n)) return expects;
      const unit = spec.unit ? ` ${spec.unit}` : '';
      if (spec.min !== null && spec.max !== null && (n < spec.min || n > spec.max)) {
        return `${n} is outside ${formatNumber(spec.min, spec.decimals)}–${formatNumber(spec.max, spec.decimals)}${unit}; check the value and its unit.`;
      }
      if (spec.decimals !== null && decimalsOf(n) > spec.decimals) {
        return spec.decimals === 0 ? `Give a whole number${unit ? ` of${unit}` : ''}.` : `Give at most ${spec.decimals} decimal${spec.decimals === 1 ? '' : 's'}.`;
      }
      return null;
    }
    case 'free-text': {
      const t = answer.text;
      if (Object.keys(answer).length !== 1 || typeof t !== 'string') return expects;
      if (t.trim() === '') return 'Type the answer, or record that the caller does not know.';
      return spec.maxLength !== null && t.length > spec.maxLength ? `Keep it to ${spec.maxLength} characters (now ${t.length}).` : null;
    }
  }
}

/** Whether an (accepted) answer takes the transition of `match`. */
export function answerMatches(match: AnswerMatch, answer: unknown): boolean {
  switch (match.kind) {
    case 'yes':
      return answer === 'yes';
    case 'unknown':
      return answer === 'unknown';
    case 'choice':
      return isRecord(answer) && answer.choice === match.optionId;
    case 'anyChoice':
      return isRecord(answer) && Array.isArray(answer.choices) && answer.choices.some((c) => match.optionIds.includes(c as string));
    case 'band': {
      if (!isRecord(answer) || typeof answer.number !== 'number') return false;
      const n = answer.number;
      return (match.atLeast === undefined || n >= match.atLeast) && (match.below === undefined || n < match.below);
    }
  }
}

/** The answer as read back and charted: "Yes", "Sudden, worst ever", "102.5 °F", "Caller did not know". */
export function answerDisplay(q: Question | undefined, answer: AnswerValue | 'not-asked'): string {
  if (answer === 'not-asked') return 'Not asked';
  if (answer === 'yes') return 'Yes';
  if (answer === 'no') return 'No';
  if (answer === 'unknown') return 'Caller did not know';
  const label = (id: string) => (q && (q.type === 'single-choice' || q.type === 'multi-choice') ? q.options.find((o) => o.id === id)?.label : undefined) ?? id;
  if ('choice' in answer) return label(answer.choice);
  if ('choices' in answer) return answer.choices.length === 0 ? 'None of these' : answer.choices.map(label).join(', ');
  if ('number' in answer) {
    const unit = q?.type === 'number' ? q.unit : '';
    return `${formatNumber(answer.number, q?.type === 'number' ? q.decimals : null)}${unit ? ` ${unit}` : ''}`;
  }
  return answer.text;
}

/** The chart's value of an answer: chosen options with labels, a number with its unit, or the text. */
export function recordedValue(q: Question | undefined, answer: AnswerValue | 'not-asked'): RecordedAnswer['value'] {
  if (typeof answer === 'string') return null;
  const label = (id: string) => (q && (q.type === 'single-choice' || q.type === 'multi-choice') ? q.options.find((o) => o.id === id)?.label : undefined) ?? id;
  if ('choice' in answer) return { choices: [{ id: answer.choice, label: label(answer.choice) }] };
  if ('choices' in answer) return { choices: answer.choices.map((id) => ({ id, label: label(id) })) };
  if ('number' in answer) return { number: answer.number, unit: q?.type === 'number' ? q.unit : '' };
  return { text: answer.text };
}

/** A plain-JSON copy of an accepted answer (events may carry extra references; context keeps only data). */
export function copyAnswer(answer: AnswerValue): AnswerValue {
  if (typeof answer === 'string') return answer;
  if ('choice' in answer) return { choice: answer.choice };
  if ('choices' in answer) return { choices: [...answer.choices] };
  if ('number' in answer) return { number: answer.number };
  return { text: answer.text };
}
