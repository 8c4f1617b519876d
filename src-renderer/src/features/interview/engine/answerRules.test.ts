import { describe, expect, it } from 'vitest';
import { Protocol, type Question } from '../../../../../src-preload/contract';
import { answerDisplay, answerMatches, answerProblemFor, answerSpecOf, recordedValue } from './answerRules';
import { fever } from './testing/fixtures';

const q = (question: unknown): Question => {
  const p = Protocol.parse({ ...fever, questions: [question] });
  return p.questions[0]!;
};
const temperature = q({ id: 't', type: 'number', text: 'Temperature?', unit: '°F', min: 80, max: 115, decimals: 1, bands: [] });
const onset = q({ id: 'o', type: 'single-choice', text: 'Onset?', options: [{ id: 'sudden', label: 'Sudden' }, { id: 'gradual', label: 'Gradual' }] });
const which = q({ id: 'w', type: 'multi-choice', text: 'Which?', options: [{ id: 'a', label: 'Alpha' }, { id: 'b', label: 'Beta' }] });
const notes = q({ id: 'n', type: 'free-text', text: 'Notes?', maxLength: 10 });
const yesNo = fever.questions[0]!;

describe('answerProblemFor', () => {
  it('yes-no takes only yes or no', () => {
    expect(answerProblemFor(answerSpecOf(yesNo), 'yes')).toBeNull();
    expect(answerProblemFor(answerSpecOf(yesNo), 'no')).toBeNull();
    expect(answerProblemFor(answerSpecOf(yesNo), 'unknown')).toBe('This question takes yes or no.');
    expect(answerProblemFor(answerSpecOf(yesNo), { choice: 'x' })).toBe('This question takes yes or no.');
  });

  it('numbers: in range, with at most the allowed decimals; unknown accepted', () => {
    const spec = answerSpecOf(temperature);
    expect(answerProblemFor(spec, { number: 102.5 })).toBeNull();
    expect(answerProblemFor(spec, { number: 80 })).toBeNull();
    expect(answerProblemFor(spec, { number: 115 })).toBeNull();
    expect(answerProblemFor(spec, 'unknown')).toBeNull();
    expect(answerProblemFor(spec, { number: 120 })).toBe('120 is outside 80.0–115.0 °F; check the value and its unit.');
    expect(answerProblemFor(spec, { number: 38.5 })).toMatch(/outside/);
    expect(answerProblemFor(spec, { number: 101.25 })).toBe('Give at most 1 decimal.');
    expect(answerProblemFor(spec, { number: Number.NaN })).toBe('This question takes a number in °F (or unknown).');
    expect(answerProblemFor(spec, 'yes')).toMatch(/a number in °F/);
    expect(answerProblemFor(spec, { number: 100, extra: 1 })).toMatch(/a number/);
  });

  it('choices: known options only, no duplicates; none is a valid multi-choice answer', () => {
    expect(answerProblemFor(answerSpecOf(onset), { choice: 'sudden' })).toBeNull();
    expect(answerProblemFor(answerSpecOf(onset), { choice: 'nope' })).toBe("There is no option 'nope'.");
    expect(answerProblemFor(answerSpecOf(onset), { choices: ['sudden'] })).toMatch(/one of the options/);
    expect(answerProblemFor(answerSpecOf(which), { choices: [] })).toBeNull();
    expect(answerProblemFor(answerSpecOf(which), { choices: ['a', 'b'] })).toBeNull();
    expect(answerProblemFor(answerSpecOf(which), { choices: ['a', 'a'] })).toBe('An option was chosen twice.');
    expect(answerProblemFor(answerSpecOf(which), { choices: ['z'] })).toBe("There is no option 'z'.");
  });

  it('free text: not blank, within maxLength', () => {
    expect(answerProblemFor(answerSpecOf(notes), { text: 'ok' })).toBeNull();
    expect(answerProblemFor(answerSpecOf(notes), { text: '   ' })).toMatch(/Type the answer/);
    expect(answerProblemFor(answerSpecOf(notes), { text: 'x'.repeat(11) })).toBe('Keep it to 10 characters (now 11).');
  });
});

describe('answerMatches, answerDisplay, recordedValue', () => {
  it('bands are [atLeast, below)', () => {
    const band = { kind: 'band', atLeast: 100.4, below: 104 } as const;
    expect(answerMatches(band, { number: 100.4 })).toBe(true);
    expect(answerMatches(band, { number: 103.9 })).toBe(true);
    expect(answerMatches(band, { number: 104 })).toBe(false);
    expect(answerMatches(band, { number: 100.3 })).toBe(false);
    expect(answerMatches(band, 'unknown')).toBe(false);
  });

  it('reads answers back as the chart shows them', () => {
    expect(answerDisplay(temperature, { number: 102 })).toBe('102.0 °F');
    expect(answerDisplay(onset, { choice: 'sudden' })).toBe('Sudden');
    expect(answerDisplay(which, { choices: ['a', 'b'] })).toBe('Alpha, Beta');
    expect(answerDisplay(which, { choices: [] })).toBe('None of these');
    expect(answerDisplay(notes, 'unknown')).toBe('Caller did not know');
    expect(answerDisplay(yesNo, 'not-asked')).toBe('Not asked');
    expect(recordedValue(which, { choices: ['b'] })).toEqual({ choices: [{ id: 'b', label: 'Beta' }] });
    expect(recordedValue(temperature, { number: 99.1 })).toEqual({ number: 99.1, unit: '°F' });
    expect(recordedValue(yesNo, 'yes')).toBeNull();
  });
});
