import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGE_BANDS, disposition, isLinkOutcome, Protocol, questionOutcomes, type Question } from '../../../../../src-preload/contract';
import { orderingViolations } from './orderingViolations';
import { allInputs, applicableQuestions, fever, planOf, rankOf, redFlags, soreThroat, symptomProtocols } from './testing/fixtures';

/** A yes-no question's disposition rule (the v1 content these checks were written for). */
function yesRule(q: Question) {
  if (q.type !== 'yes-no' || isLinkOutcome(q.onYes)) return null;
  return q.onYes.disposition;
}

const DIR = resolve(process.cwd(), 'resources/protocols');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
const parsed = files.map((file) => ({ file, result: Protocol.safeParse(JSON.parse(readFileSync(join(DIR, file), 'utf8'))) }));
const protocols = parsed.flatMap(({ result }) => (result.success ? [result.data] : []));

describe('resources/protocols content', () => {
  it('holds the demonstration protocols', () => {
    expect(files).toEqual(expect.arrayContaining(['fever.json', 'red-flags.json', 'sore-throat.json']));
  });

  it.each(parsed.map((p) => [p.file, p.result] as const))('%s parses with the contract Protocol schema', (file, result) => {
    expect(result.error?.issues ?? []).toEqual([]);
    expect(result.data?.id).toBe(file.replace(/\.json$/, ''));
  });

  it.each(protocols.map((p) => [p.id, p] as const))('%s carries the demonstration metadata', (_id, p) => {
    expect(p.disclaimer).toBe('Demonstration content, not for clinical use');
    expect(p.author).toBe('Careline demo content team');
    expect(p.reviewer).toBe('Not clinically reviewed (demonstration)');
    expect(p.status).toBe('active');
    expect(p.sources.length).toBeGreaterThan(0);
    for (const s of p.sources) expect(s.url).toMatch(/^https:\/\//);
  });

  it.each(protocols.map((p) => [p.id, p] as const))('%s: every care advice block is used, and every one used exists', (_id, p) => {
    const used = new Set([
      ...p.questions.flatMap((q) => questionOutcomes(q).flatMap(({ outcome }) => (isLinkOutcome(outcome) ? [] : outcome.careAdviceIds))),
      ...(p.fallback?.careAdviceIds ?? []),
      ...Object.values(p.dispositionAdvice ?? {}).flatMap((ids) => ids ?? []),
    ]);
    expect([...used].sort()).toEqual(p.careAdvice.map((a) => a.id).sort());
  });

  it.each(protocols.map((p) => [p.id, p] as const))('%s: every question applies to some age band of its audience', (_id, p) => {
    for (const q of p.questions) {
      const bands = AGE_BANDS.filter((b) => p.audience.ageBands.includes(b) && q.enableWhen.every((g) => g.type !== 'ageBand' || g.params.in.includes(b)));
      expect(bands, q.id).not.toEqual([]);
    }
  });

  it.each(protocols.map((p) => [p.id, p] as const))("%s: 'answered' guards only test for an earlier no (an earlier yes ends the interview)", (_id, p) => {
    for (const q of p.questions) for (const g of q.enableWhen) if (g.type === 'answered') expect(g.params.is, q.id).toBe(false);
  });

  it('the schema refuses a fallback that names unknown care advice (contract refinement)', () => {
    const bad = { ...fever, fallback: { ...fever.fallback!, careAdviceIds: ['fluids', 'no-such-advice'] } };
    const result = Protocol.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual(['unknown care advice no-such-advice']);
  });

  it('the red-flag screen: 6-10 questions, all call-911 or ed-now, no fallback', () => {
    expect(redFlags.kind).toBe('red-flag-screen');
    expect(redFlags.fallback).toBeNull();
    expect(redFlags.questions.length).toBeGreaterThanOrEqual(6);
    // Short on purpose: every caller hears all of it.
    expect(redFlags.questions.length).toBeLessThanOrEqual(10);
    for (const q of redFlags.questions) {
      const rule = yesRule(q);
      expect(rule, `${q.id} is a yes-no question with a disposition`).not.toBeNull();
      for (const afterHours of [false, true]) {
        expect(disposition(typeof rule === 'string' ? rule : afterHours ? rule!.afterHours : rule!.officeHours).rank, q.id).toBeLessThanOrEqual(1);
      }
    }
  });

  it('fever: 10-14 questions for all ages, a home-care fallback and office/after-hours splits', () => {
    expect(fever.kind).toBe('symptom');
    expect(fever.audience.ageBands).toEqual([...AGE_BANDS]);
    expect(fever.questions.length).toBeGreaterThanOrEqual(10);
    expect(fever.questions.length).toBeLessThanOrEqual(14);
    expect(fever.fallback?.disposition).toBe('home-care');
    expect(fever.questions.filter((q) => typeof yesRule(q) === 'object' && yesRule(q) !== null).length).toBeGreaterThanOrEqual(3);
    expect(fever.questions.find((q) => q.id === 'infant-temperature')).toMatchObject({ type: 'number', unit: '°F' });
    const advice = fever.careAdvice.map((a) => a.text).join(' ');
    expect(advice).toMatch(/ask before giving any medicine to a baby under 3 months/i);
  });

  it('sore throat: a smaller symptom protocol with at least one office/after-hours split', () => {
    expect(soreThroat.kind).toBe('symptom');
    expect(soreThroat.questions.length).toBeLessThanOrEqual(9);
    expect(soreThroat.questions.some((q) => typeof yesRule(q) === 'object' && yesRule(q) !== null)).toBe(true);
  });

  // First yes wins, so a question may only be followed by questions that are no more urgent, for every patient
  // and both hours verdicts; otherwise a caller with both would be under-triaged. Checked exhaustively here and
  // again dynamically (fast-check) in interviewProperties.test.ts.
  it('every installed symptom protocol is covered by the ordering and path tests', () => {
    const symptomFiles = protocols.filter((p) => p.kind === 'symptom').map((p) => p.id).sort();
    expect(symptomProtocols.map((p) => p.id).sort()).toEqual(symptomFiles);
    expect(symptomFiles).toEqual(expect.arrayContaining(['fever', 'sore-throat']));
  });

  // First yes wins: within a protocol, no question's most urgent outcome may be less urgent than a later
  // question's, under either hours verdict, unless the question says why (orderException).
  it.each(protocols.map((p) => [p.id, p] as const))('%s: first-yes-wins ordering holds (or is excepted with a reason)', (_id, p) => {
    expect(orderingViolations(p)).toEqual([]);
  });

  it('the ordering check finds a violation and honours orderException', () => {
    const swapped = { ...fever, questions: [...fever.questions].reverse() };
    const found = orderingViolations(swapped);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatch(/is less urgent than later question/);
    const excepted = { ...swapped, questions: swapped.questions.map((q) => ({ ...q, orderException: 'test: intended' })) };
    expect(orderingViolations(excepted)).toEqual([]);
  });

  it.each(symptomProtocols.map((p) => [p.id, p] as const))('red flags + %s: applicable questions are ordered most to least urgent for every input', (_id, symptom) => {
    for (const input of allInputs(planOf([redFlags, symptom]))) {
      const ranks = applicableQuestions([redFlags, symptom], input, () => false).map((q) => [q.key, rankOf(q, input.afterHours)] as const);
      for (let i = 1; i < ranks.length; i += 1) {
        const [prevKey, prev] = ranks[i - 1]!;
        const [key, rank] = ranks[i]!;
        expect(rank, `${key} (rank ${rank}) after ${prevKey} (rank ${prev}) for ${JSON.stringify(input)}`).toBeGreaterThanOrEqual(prev);
      }
    }
  });
});
