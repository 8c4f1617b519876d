import { describe, expect, it } from 'vitest';
import { Protocol } from '../../../../src-preload/contract';
import feverJson from '../../../../resources/protocols/fever.json';
import redFlagsJson from '../../../../resources/protocols/red-flags.json';
import headacheJson from '../../../../resources/protocols/headache.json';
import { callerWordsFrom } from './callerWordsFrom';
import { checkSymptoms } from './engine';
import { lexicon } from './lexicon';

const redFlags = Protocol.parse(redFlagsJson);
const fever = Protocol.parse(feverJson);
const headache = Protocol.parse(headacheJson);
const installed = [redFlags, fever, headache];

function wordsFor(text: string, run = [redFlags, fever], patient: Parameters<typeof callerWordsFrom>[2] = { ageBand: 'adult', sex: 'female' }) {
  const source = lexicon();
  if (!source.ok) throw new Error(source.message);
  const check = checkSymptoms(text, source.lexicon, { installedProtocolIds: installed.map((p) => p.id), protocols: installed });
  return callerWordsFrom(check, run, patient);
}

describe('callerWordsFrom', () => {
  it('suggests routine when nothing points to an emergency, and keeps only the protocols run', () => {
    const words = wordsFor('fever for four days, bad headache');
    expect(words.suggestedPriority).toBe('routine');
    expect(words.redFlags).toEqual([]);
    expect(words.preAnswers).toContainEqual(expect.objectContaining({ protocolId: 'fever', questionId: 'fever-over-3-days', answer: 'yes' }));
    expect(words.preAnswers.every((a) => a.protocolId === 'fever' || a.protocolId === 'red-flags')).toBe(true);
  });

  it('suggests urgent for a red flag in the words, with the screen questions it maps to', () => {
    const words = wordsFor('fever and he is not breathing');
    expect(words.suggestedPriority).toBe('urgent');
    expect(words.priorityBecause).toMatch(/^Red flag in the caller's words/);
    expect(words.redFlags[0]?.questions).toContainEqual({ protocolId: 'red-flags', questionId: 'not-breathing' });
  });

  it('suggests urgent when the words touch an emergency question of the protocol run', () => {
    const words = wordsFor('fever and a stiff neck');
    expect(words.redFlags).toEqual([]);
    expect(words.suggestedPriority).toBe('urgent');
    expect(words.priorityBecause).toMatch(/emergency question/);
  });

  it('counts an emergency question only when it applies to the patient (a fever is urgent for a young infant)', () => {
    expect(wordsFor('fever since this morning').suggestedPriority).toBe('routine');
    const infant = wordsFor('fever since this morning', [redFlags, fever], { ageBand: 'infant-under-3-months', sex: 'male' });
    expect(infant.suggestedPriority).toBe('urgent');
    // Without a known patient every guard is assumed to hold: err urgent.
    expect(wordsFor('fever since this morning', [redFlags, fever], null).suggestedPriority).toBe('urgent');
  });
});
