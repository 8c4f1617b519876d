// The checker against the ten protocols added in issue 3 §4 (eye problems ... sinus pain): typical lay phrasings
// choose the right protocol, statements of suicidal intent raise a red flag at once, and the vignette cases for these
// protocols are well formed and point at content that exists.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DISPOSITION_IDS, Protocol } from '../../../../../src-preload/contract';
import { checkSymptoms, compileLexicon, type SymptomCheck } from './index';

const lexicon = compileLexicon(JSON.parse(readFileSync(resolve(process.cwd(), 'resources/lexicon/lay-terms.json'), 'utf8')));
const PROTOCOL_DIR = resolve(process.cwd(), 'resources/protocols');
const protocols = readdirSync(PROTOCOL_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => Protocol.parse(JSON.parse(readFileSync(join(PROTOCOL_DIR, f), 'utf8'))));
const installed = protocols.map((p) => p.id);
const byId = new Map(protocols.map((p) => [p.id, p]));

/** The disposition a "yes" to a yes-no question leads to (undefined for other question types and links). */
function yesDisposition(protocolId: string, questionId: string): unknown {
  const q = byId.get(protocolId)?.questions.find((x) => x.id === questionId);
  return q?.type === 'yes-no' && 'disposition' in q.onYes ? q.onYes.disposition : undefined;
}

const NEW_PROTOCOLS = [
  'eye-problems',
  'bites-stings',
  'pregnancy-problems',
  'mental-health-crisis',
  'medication-question',
  'poisoning',
  'extremity-injury',
  'fainting',
  'high-blood-pressure',
  'sinus-pain',
];

const check = (text: string): SymptomCheck => checkSymptoms(text, lexicon, { installedProtocolIds: installed, protocols });
const topProtocol = (text: string) => check(text).protocols[0]?.protocolId;
const answerOf = (r: SymptomCheck, key: string) => r.preAnswers.find((a) => `${a.protocolId}/${a.questionId}` === key)?.answer;

describe('the new protocols are installed and wired to the lexicon', () => {
  it.each(NEW_PROTOCOLS)('%s is installed', (id) => {
    expect(byId.get(id)?.kind).toBe('symptom');
  });

  it('every finding a protocol question names exists in the lexicon', () => {
    for (const p of protocols) {
      for (const q of p.questions) for (const f of q.findings ?? []) expect(lexicon.findings.has(f), `${p.id}/${q.id} -> ${f}`).toBe(true);
    }
  });

  it('every protocol a lexicon finding points to is installed (a typo would silently never rank)', () => {
    for (const f of lexicon.findings.values()) for (const link of f.protocols) expect(installed, `${f.id} -> ${link.id}`).toContain(link.id);
  });

  it.each(NEW_PROTOCOLS)('%s can be chosen from the caller\'s words: some finding points to it', (id) => {
    expect([...lexicon.findings.values()].some((f) => f.protocols.some((l) => l.id === id && l.weight === 1))).toBe(true);
  });
});

describe('typical lay phrasings rank the new protocol first', () => {
  it.each([
    ['my eye is red and goopy', 'eye-problems'],
    ['pink eye, both eyes crusty this morning', 'eye-problems'],
    ['got something in my eye and it wont stop watering', 'eye-problems'],
    ['got bit by a dog', 'bites-stings'],
    ['my son was bitten by a stray cat', 'bites-stings'],
    ['found a tick on her leg', 'bites-stings'],
    ["I'm 30 weeks pregnant and my water broke", 'pregnancy-problems'],
    ['the baby isnt moving as much today', 'pregnancy-problems'],
    ['took too many of my pills', 'poisoning'],
    ['my toddler swallowed a button battery', 'poisoning'],
    ['he drank some antifreeze', 'poisoning'],
    ['I want to kill myself', 'mental-health-crisis'],
    ['having a panic attack and cant stop crying', 'mental-health-crisis'],
    ['I missed a dose of my antibiotic, should I double up', 'medication-question'],
    ['can i take ibuprofen with my other medicine, is there an interaction', 'medication-question'],
    ["feel like I'm going to pass out", 'fainting'],
    ['she almost fainted in church', 'fainting'],
    ['twisted my ankle', 'extremity-injury'],
    ['I think he broke his wrist', 'extremity-injury'],
    ['bp is 190 over 110', 'high-blood-pressure'],
    ['my blood pressure is really high today', 'high-blood-pressure'],
    ['sinus pressure', 'sinus-pain'],
    ['sinus infection, my cheeks and forehead hurt', 'sinus-pain'],
  ])('"%s" -> %s', (text, protocolId) => {
    expect(topProtocol(text)).toBe(protocolId);
  });

  it('reads misspellings of the new terms', () => {
    expect(topProtocol('i twsited my ankle')).toBe('extremity-injury'); // a transposition is one edit
    expect(topProtocol('sinus presure')).toBe('sinus-pain');
    expect(topProtocol('my son has been having suicidel thoughts')).toBe('mental-health-crisis');
    expect(topProtocol('my toddler got into my pils')).toBe('poisoning');
  });

  it('does not read ordinary words as the new findings', () => {
    for (const text of [
      'she fell off her bike',
      'her arm is in a sling',
      "she can't come to the phone right now",
      'I am so tired today',
      'it does not matter, thank you',
      'he is at the pool with his friends',
      'a thick cough',
    ]) {
      const ids = check(text).findings.map((f) => f.id);
      for (const id of ['bite-sting', 'mental-distress', 'harm-plan', 'eye-discharge', 'swallowed-poison']) expect(ids, text).not.toContain(id);
    }
  });
});

describe('statements of suicidal intent', () => {
  it.each([
    'I want to kill myself',
    'she says she wants to die',
    "he doesn't want to live anymore",
    "I don't want to be alive",
    "I'd be better off dead",
    'my daughter is thinking about suicide',
    'not sure if he is suicidal',
  ])('"%s" raises a red flag at once, pointing the agent to the red-flag question', (text) => {
    const flag = check(text).redFlags.find((f) => f.findingId === 'suicidal-thoughts');
    expect(flag).toBeDefined();
    expect(flag?.questions.map((q) => `${q.protocolId}/${q.questionId}`)).toEqual(['red-flags/harm-with-plan']);
  });

  it('a plan, means or attempt raises its own red flag, and with suicidal thoughts answers the red-flag question "yes"', () => {
    const r = check('I want to kill myself and I have a gun');
    expect(r.redFlags.map((f) => f.findingId)).toEqual(expect.arrayContaining(['suicidal-thoughts', 'harm-plan']));
    expect(answerOf(r, 'red-flags/harm-with-plan')).toBe('yes');
    expect(answerOf(r, 'mental-health-crisis/plan-and-means-or-danger-to-others')).toBe('yes');
  });

  it('thoughts alone leave the red-flag question for the agent to ask (never "no"), and point the protocol to the crisis line', () => {
    const r = check('I want to kill myself');
    expect(answerOf(r, 'red-flags/harm-with-plan')).toBeUndefined();
    expect(answerOf(r, 'mental-health-crisis/thoughts-of-suicide')).toBe('yes');
    expect(yesDisposition('mental-health-crisis', 'thoughts-of-suicide')).toBe('crisis-line');
  });

  it('a denial is never read as a "no" to the red-flag question', () => {
    const r = check('denies suicidal thoughts, no plan');
    expect(r.preAnswers.filter((a) => a.protocolId === 'red-flags' && a.answer === 'no')).toEqual([]);
  });

  it('an overdose taken to die goes to 911 through the attempt question', () => {
    const r = check('he took a bottle of pills to kill himself');
    expect(r.protocols[0]?.protocolId).toBe('mental-health-crisis');
    expect(answerOf(r, 'mental-health-crisis/attempt-or-overdose')).toBe('yes');
  });
});

describe('emergencies in the new protocols are read from the words', () => {
  it.each([
    ['my 2 year old swallowed a button battery', 'poisoning/button-battery-or-magnets', 'ed-now'],
    ['bitten by a rattlesnake', 'bites-stings/snake-bite', 'call-911'],
    ['splashed bleach in my eye', 'eye-problems/chemical-in-eye', 'ed-now'],
    ["I'm 34 weeks and the baby stopped moving", 'pregnancy-problems/baby-moving-less', 'ed-now'],
    ['blood pressure is high and I have blurry vision', 'high-blood-pressure/crisis-signs', 'call-911'],
  ])('"%s" answers %s "yes" (%s)', (text, key, dispositionId) => {
    expect(answerOf(check(text), key)).toBe('yes');
    const [protocolId, questionId] = key.split('/');
    expect(yesDisposition(protocolId!, questionId!)).toBe(dispositionId);
  });

  it('a swallowed button battery and a snake bite raise red flags', () => {
    expect(check('swallowed a coin battery').redFlags.map((f) => f.findingId)).toEqual(['button-battery']);
    expect(check('snake bite on his ankle').redFlags.map((f) => f.findingId)).toContain('snake-bite');
  });
});

const Vignette = z
  .object({
    id: z.string().regex(/^[a-z]+-\d{2}$/),
    title: z.string().min(1),
    age: z.number().int().min(0).max(120).optional(),
    ageMonths: z.number().int().min(0).max(216).optional(),
    sex: z.enum(['male', 'female']),
    say: z.string().min(1),
    at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/).optional(),
    answers: z.record(z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/), z.enum(['yes', 'no'])).optional(),
    expect: z.object({ protocol: z.string(), disposition: z.enum(DISPOSITION_IDS) }).strict(),
  })
  .strict()
  .refine((v) => (v.age === undefined) !== (v.ageMonths === undefined), 'give age or ageMonths, not both');

describe('tests/vignettes/cases/new-protocols.json', () => {
  const raw: unknown = JSON.parse(readFileSync(resolve(process.cwd(), 'tests/vignettes/cases/new-protocols.json'), 'utf8'));
  const cases = z.array(Vignette).parse(raw);

  it('holds at least 2 cases per new protocol, with unique ids', () => {
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    for (const id of NEW_PROTOCOLS) expect(cases.filter((c) => c.expect.protocol === id).length, id).toBeGreaterThanOrEqual(2);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s: answers name real questions, and the checker chooses the expected protocol', (_id, c) => {
    for (const key of Object.keys(c.answers ?? {})) {
      const [protocolId, questionId] = key.split('/');
      expect(byId.get(protocolId!)?.questions.map((q) => q.id), key).toContain(questionId);
    }
    expect(topProtocol(c.say)).toBe(c.expect.protocol);
  });
});
