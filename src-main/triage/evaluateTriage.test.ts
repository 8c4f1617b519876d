import { describe, expect, it } from 'vitest';
import { parseVignettes, requestOfVignette } from './blindVignette';
import { type EvaluatedCase, figuresOf, formatFigures } from './evaluateTriage';

const c = (id: string, gold: EvaluatedCase['gold'], got: EvaluatedCase['got'], protocol: string | null): EvaluatedCase => ({ id, split: 'dev', gold, got, protocol });

describe('figuresOf', () => {
  it('counts exact, safe (at or above, routes by their rank), emergencies under-triaged and no disposition', () => {
    const f = figuresOf('dev', [
      c('a', 'call-911', 'call-911', 'chest-pain'),
      c('b', 'ed-now', 'call-911', 'chest-pain'), // over: safe
      c('c', 'ed-now', 'seen-today', 'headache'), // an emergency under-triaged
      c('d', 'call-911', null, null), // no protocol: an emergency missed
      c('e', 'home-care', 'home-care', 'cough-cold'),
      c('f', 'seen-today', 'poison-control', 'poisoning'), // a route as urgent as ed-or-office-now: safe
      c('g', 'pharmacist', 'home-care', 'medication-question'), // under, not an emergency
    ]);
    expect(f).toMatchObject({ cases: 7, exact: 2, safe: 4, emergencies: 4, emergenciesUnderTriaged: 2, noDisposition: 1 });
    expect(f.byProtocol[0]).toEqual({ protocol: '(none)', exact: 0, over: 0, under: 1 });
    expect(f.byProtocol.find((r) => r.protocol === 'chest-pain')).toEqual({ protocol: 'chest-pain', exact: 1, over: 1, under: 0 });
    expect(formatFigures(f)).toContain('emergencies under-triaged  2 / 4');
  });
});

describe('blind vignettes', () => {
  const line = (over: Record<string, unknown>) =>
    JSON.stringify({ id: 'bv-0001', split: 'dev', age: 0, ageMonths: 5, sex: 'female', pregnant: false, postpartumWeeks: null, caller: 'parent', words: 'she is hot', gold: 'seen-today', category: 'fever', why: 'x', source: 'https://example.org/a', ...over });

  it('reads a vignette into a headless request from the words alone (months for babies, who is calling)', () => {
    const [v] = parseVignettes(`${line({})}\n`);
    expect(requestOfVignette(v!)).toMatchObject({ age: { months: 5 }, sex: 'female', say: 'she is hot', callerRole: 'parent' });
  });

  it('refuses a line that is not a vignette, naming the line and the field', () => {
    expect(() => parseVignettes(`${line({})}\n${line({ gold: 'soon' })}`)).toThrow(/line 2: gold/);
  });
});
