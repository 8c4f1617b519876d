import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Protocol } from '../../../../../src-preload/contract';
import { checkSymptoms, compileLexicon, LexiconError, LexiconSchema, type SymptomCheck } from './index';

const LEXICON_FILE = resolve(process.cwd(), 'resources/lexicon/lay-terms.json');
const raw: unknown = JSON.parse(readFileSync(LEXICON_FILE, 'utf8'));
const lexicon = compileLexicon(raw);
const PROTOCOL_DIR = resolve(process.cwd(), 'resources/protocols');
const protocols = readdirSync(PROTOCOL_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  // Other protocols are being added alongside: their own suite validates them; here only valid ones are used.
  .flatMap((f) => {
    const parsed = Protocol.safeParse(JSON.parse(readFileSync(join(PROTOCOL_DIR, f), 'utf8')));
    return parsed.success ? [parsed.data] : [];
  });
const INSTALLED = ['red-flags', 'fever', 'sore-throat', 'chest-pain', 'breathing-difficulty', 'abdominal-pain', 'headache', 'vomiting', 'diarrhea', 'urinary-symptoms'];

const check = (text: string, installedProtocolIds: readonly string[] = INSTALLED): SymptomCheck =>
  checkSymptoms(text, lexicon, { installedProtocolIds, protocols });
const finding = (r: SymptomCheck, id: string) => r.findings.find((f) => f.id === id);
const statusOf = (text: string, id: string) => finding(check(text), id)?.status;
const answerOf = (r: SymptomCheck, key: string) => r.preAnswers.find((a) => `${a.protocolId}/${a.questionId}` === key)?.answer;

describe('the lexicon file', () => {
  it('validates against the schema and says it is demonstration content', () => {
    const parsed = LexiconSchema.safeParse(raw);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data?.notice).toMatch(/demonstration content, not for clinical use/i);
  });

  it('holds 40-80 findings covering the common complaints', () => {
    expect(lexicon.stats.findings).toBeGreaterThanOrEqual(40);
    expect(lexicon.stats.findings).toBeLessThanOrEqual(80);
    for (const id of ['chest-pain', 'breathing-difficulty', 'abdominal-pain', 'headache', 'fever', 'cough', 'sore-throat', 'earache', 'vomiting', 'diarrhea', 'urinary-symptoms', 'blood-in-urine', 'back-pain', 'rash', 'eye-problem', 'dizziness', 'leg-swelling', 'head-injury', 'bite-sting', 'burn', 'cut', 'allergic-swelling', 'pregnancy', 'suicidal-thoughts', 'medication-question', 'constipation', 'nosebleed', 'toothache', 'stroke-signs', 'unresponsive', 'blue-lips']) {
      expect(lexicon.findings.has(id), id).toBe(true);
    }
  });

  it('maps findings only to questions that exist in the installed protocol content', () => {
    const byId = new Map(protocols.map((p) => [p.id, p]));
    for (const key of lexicon.questionFindings.keys()) {
      const [protocolId, questionId] = key.split('/');
      const p = byId.get(protocolId!);
      if (p) expect(p.questions.map((q) => q.id), key).toContain(questionId);
    }
  });

  it('maps every red-flag screen question that a finding can raise', () => {
    const screen = protocols.find((p) => p.kind === 'red-flag-screen')!;
    for (const q of screen.questions) expect(lexicon.questionFindings.has(`${screen.id}/${q.id}`), q.id).toBe(true);
  });

  it('rejects bad lexicon data with readable issues', () => {
    const base = raw as { findings: { id: string }[]; notice: string; questionFindings: Record<string, unknown> };
    const dup = { ...base, findings: [...base.findings, base.findings[0]] };
    expect(() => compileLexicon(dup)).toThrow(/duplicate finding id/);
    expect(() => compileLexicon({ ...base, notice: 'for everyone' })).toThrow(LexiconError);
    expect(() => compileLexicon({ ...base, questionFindings: { 'fever/x': { anyOf: ['no-such-finding'] } } })).toThrow(/unknown finding no-such-finding/);
    expect(() => compileLexicon(null)).toThrow(LexiconError);
  });
});

describe('lay words and synonyms', () => {
  it.each([
    ["can't catch my breath", 'breathing-difficulty'],
    ['she cant catch her breath', 'breathing-difficulty'],
    ['he has been throwing up all night', 'vomiting'],
    ['my son is peeing blood', 'blood-in-urine'],
    ['tummy ache since lunch', 'abdominal-pain'],
    ['pain in my chest', 'chest-pain'],
    ['her throat hurts', 'sore-throat'],
    ['the baby keeps pulling at his ear', 'earache'],
    ['she is burning up', 'fever'],
    ['got stung by a wasp', 'bite-sting'],
    ['her lips are swelling', 'allergic-swelling'],
    ['he says he wants to die', 'suicidal-thoughts'],
    ['his face is drooping', 'stroke-signs'],
    ['she passed out', 'unresponsive'],
    ['lips turning blue', 'blue-lips'],
    ['bloody nose that started an hour ago', 'nosebleed'],
  ])('"%s" -> %s present', (text, id) => {
    expect(statusOf(text, id)).toBe('present');
  });

  it('prefers the longest phrase: "feel like throwing up" is nausea, not vomiting', () => {
    const r = check('I feel like throwing up');
    expect(finding(r, 'nausea')?.status).toBe('present');
    expect(finding(r, 'vomiting')).toBeUndefined();
  });

  it('"not breathing" is a finding, not a negated "breathing"', () => {
    expect(statusOf('he is not breathing', 'not-breathing')).toBe('present');
  });
});

describe('misspellings', () => {
  it.each([
    ['chset pain', 'chest-pain'],
    ['diarrea for two days', 'diarrhea'],
    ['feever last night', 'fever'],
    ['bad headahce', 'headache'],
    ['vomitting', 'vomiting'],
    ['constipatoin', 'constipation'],
  ])('"%s" -> %s, matched by spelling', (text, id) => {
    const f = finding(check(text), id);
    expect(f?.status).toBe('present');
    expect(f?.matchedBy).toBe('spelling');
  });

  it('is bounded: no correction under 4 letters, 1 edit up to 6 letters, 2 beyond', () => {
    expect(finding(check('cgh'), 'cough')).toBeUndefined(); // 3 letters
    expect(finding(check('hdache'), 'headache')).toBeUndefined(); // 6 letters, 2 edits
    expect(finding(check('haedachhe'), 'headache')?.status).toBe('present'); // 9 letters, 2 edits
    expect(finding(check('haedachhhe'), 'headache')).toBeUndefined(); // 3 edits
    expect(finding(check('crying forever'), 'fever')).toBeUndefined(); // 2 edits but 2 letters shorter
  });

  it('never corrects a word into a negation cue: a false denial would hide a symptom', () => {
    expect(statusOf('desired chest pain', 'chest-pain')).toBe('present');
    expect(statusOf('denys chest pain', 'chest-pain')).toBe('present');
  });

  it('never "corrects" ordinary words into symptoms', () => {
    expect(check('she told me to hold on, could you call back').findings).toEqual([]);
    expect(check('the baby is not feeding well').findings.map((f) => f.id)).not.toContain('bleeding');
    expect(check('heeding advice').findings).toEqual([]); // a correction keeps the first letter
    expect(finding(check('beeding from the nose'), 'nosebleed')?.matchedBy).toBe('spelling');
  });
});

describe('abbreviations', () => {
  it('reads SOB, n/v and HA', () => {
    const r = check('SOB, n/v, HA');
    expect(finding(r, 'breathing-difficulty')?.matchedBy).toBe('abbreviation');
    expect(finding(r, 'vomiting')?.status).toBe('present');
    expect(finding(r, 'headache')?.evidence.text).toBe('HA');
  });

  it('takes "HA" as headache only when written in capitals', () => {
    expect(finding(check('ha ha, she is fine'), 'headache')).toBeUndefined();
  });

  it('reads "temp 102" as a temperature reading', () => {
    const t = finding(check('temp 102'), 'temperature');
    expect(t?.value).toMatchObject({ kind: 'temperature', value: 102, unit: 'F', unitInferred: true, celsius: 38.9 });
    expect(t?.evidence.text).toBe('temp 102');
  });
});

describe('negation and uncertainty', () => {
  it.each([
    ['no fever', 'fever', 'absent'],
    ['denies chest pain', 'chest-pain', 'absent'],
    ['without vomiting', 'vomiting', 'absent'],
    ['no fever or chills', 'chills', 'absent'],
    ['her fever is gone', 'fever', 'absent'],
    ['not sure if she has a fever', 'fever', 'uncertain'],
    ['maybe some diarrhea', 'diarrhea', 'uncertain'],
    ["doesn't know if he threw up", 'vomiting', 'uncertain'],
  ])('"%s" -> %s %s', (text, id, status) => {
    expect(statusOf(text, id)).toBe(status);
  });

  it('ends the scope at "but": "no fever but chest pain"', () => {
    const r = check('no fever but chest pain');
    expect(finding(r, 'fever')?.status).toBe('absent');
    expect(finding(r, 'chest-pain')?.status).toBe('present');
  });

  it('ends the scope at punctuation: "no fever, cough"', () => {
    const r = check('no fever, cough for a week');
    expect(finding(r, 'fever')?.status).toBe('absent');
    expect(finding(r, 'cough')?.status).toBe('present');
  });

  it('ends a negation at a new affirmation: "no fever and has chest pain"', () => {
    const r = check('no fever and she has chest pain');
    expect(finding(r, 'fever')?.status).toBe('absent');
    expect(finding(r, 'chest-pain')?.status).toBe('present');
    expect(r.redFlags.map((f) => f.findingId)).toEqual(['chest-pain']);
  });

  it('keeps the negation when the affirmation word is part of the cue: "denies having chest pain"', () => {
    expect(statusOf('denies having chest pain', 'chest-pain')).toBe('absent');
    expect(statusOf('never had a fever', 'fever')).toBe('absent');
    expect(statusOf("doesn't seem to have a fever", 'fever')).toBe('absent');
    expect(statusOf('no cough and no fever', 'fever')).toBe('absent');
  });

  it('does not end an uncertainty at "has": "not sure if she has a fever"', () => {
    expect(statusOf('not sure if she has a fever or chills', 'chills')).toBe('uncertain');
  });

  it('records the cue that set the status', () => {
    const f = finding(check('denies chest pain'), 'chest-pain');
    expect(f?.mentions[0]?.cue?.text).toBe('denies');
  });

  it('makes a finding said both ways uncertain, so the agent asks', () => {
    expect(statusOf('no fever. well actually she has a fever', 'fever')).toBe('uncertain');
  });

  it('lets a present mention win over an uncertain one', () => {
    expect(statusOf('maybe a fever. she has a fever now', 'fever')).toBe('present');
  });
});

describe('durations', () => {
  it.each([
    ['fever for 3 days', 72, 'for 3 days'],
    ['cough since yesterday', 24, 'since yesterday'],
    ['sore throat two weeks', 336, 'two weeks'],
    ['vomiting for a couple of days', 48, 'for a couple of days'],
    ['headache 5 hrs', 5, '5 hrs'],
    ['rash started 2 days ago', 48, '2 days ago'],
  ])('"%s" -> %d hours', (text, hours, said) => {
    const r = check(text);
    expect(r.durations[0]?.hours).toBe(hours);
    expect(r.durations[0]?.text).toBe(said);
    expect(r.findings[0]?.duration?.hours).toBe(hours);
  });

  it('keeps "since Monday" with an unknown length', () => {
    expect(check('diarrhea since Monday').durations[0]).toMatchObject({ since: 'Monday', hours: null });
  });

  it('does not read a frequency or an age as a duration', () => {
    expect(check('throwing up twice a day').durations).toEqual([]);
    expect(check('my 3 year old has a fever').durations).toEqual([]);
  });

  it('attaches a duration to the findings of the clause before it', () => {
    expect(finding(check('She has a fever. It started 4 days ago'), 'fever')?.duration?.hours).toBe(96);
  });
});

describe('temperatures', () => {
  it('reads Fahrenheit', () => {
    const r = check('fever of 101.5 degrees F');
    expect(finding(r, 'temperature')?.value).toMatchObject({ value: 101.5, unit: 'F', unitInferred: false, celsius: 38.6 });
    expect(finding(r, 'fever')?.status).toBe('present');
  });

  it('reads Celsius', () => {
    const r = check('temperature 38.9 C');
    expect(finding(r, 'temperature')?.value).toMatchObject({ value: 38.9, unit: 'C', fahrenheit: 102 });
    expect(finding(r, 'fever')?.status).toBe('present');
  });

  it('infers the unit from the range, and a normal reading is not a fever', () => {
    expect(finding(check('temp was 39.2'), 'temperature')?.value).toMatchObject({ unit: 'C', unitInferred: true });
    const normal = check('temp 98.6');
    expect(finding(normal, 'temperature')?.value?.celsius).toBe(37);
    expect(finding(normal, 'fever')).toBeUndefined();
  });

  it('ignores numbers that are not temperatures', () => {
    expect(finding(check('she is 102 years old'), 'temperature')).toBeUndefined();
    expect(finding(check('fever for 3 days'), 'temperature')).toBeUndefined();
  });
});

describe('red flags', () => {
  it('raises a red flag with the red-flag question it maps to', () => {
    const r = check('he has crushing chest pain and is sweating');
    expect(r.redFlags).toEqual([
      expect.objectContaining({ findingId: 'chest-pain', status: 'present', questions: [expect.objectContaining({ protocolId: 'red-flags', questionId: 'chest-pain' })] }),
    ]);
    expect(r.redFlags[0]?.questions[0]?.questionText).toMatch(/chest pain/i);
  });

  it('raises uncertain red flags too, and not denied ones', () => {
    expect(check('not sure if her lips are blue').redFlags.map((f) => [f.findingId, f.status])).toEqual([['blue-lips', 'uncertain']]);
    expect(check('denies chest pain').redFlags).toEqual([]);
  });

  it('raises red flags from misspelled words', () => {
    expect(check('chset pain').redFlags.map((f) => f.findingId)).toEqual(['chest-pain']);
  });
});

describe('ranking', () => {
  it('ranks by score and explains which findings matched', () => {
    const r = check('tummy ache and throwing up since this morning');
    expect(r.protocols.map((p) => p.protocolId)).toEqual(['abdominal-pain', 'vomiting']);
    expect(r.protocols[0]).toMatchObject({ score: 1.3 });
    expect(r.protocols[0]?.because.map((b) => [b.findingId, b.evidence.text])).toEqual([
      ['abdominal-pain', 'tummy ache'],
      ['vomiting', 'throwing up'],
    ]);
    expect(r.protocols[0]?.explanation).toContain('"tummy ache"');
  });

  it('skips protocols that are not installed', () => {
    const r = check('tummy ache and throwing up', ['red-flags', 'fever', 'sore-throat', 'vomiting']);
    expect(r.protocols.map((p) => p.protocolId)).toEqual(['vomiting']);
  });

  it('counts uncertain findings at half weight and absent ones not at all', () => {
    expect(check('not sure if she has a fever').protocols[0]).toMatchObject({ protocolId: 'fever', score: 0.5 });
    expect(check('no fever').protocols).toEqual([]);
  });

  it('never ranks the red-flag screen: it always runs', () => {
    expect(check('not breathing, blue lips').protocols.map((p) => p.protocolId)).not.toContain('red-flags');
  });
});

describe('pre-answers and their safety rules', () => {
  it('pre-answers "yes" from a present finding, quoting the caller', () => {
    const r = check('fever for 4 days');
    expect(r.preAnswers).toContainEqual(expect.objectContaining({ protocolId: 'fever', questionId: 'fever-over-3-days', answer: 'yes', because: 'from caller\'s words: "fever"' }));
  });

  it('pre-answers "yes" to a red-flag question for the agent to confirm', () => {
    expect(answerOf(check('chest pain'), 'red-flags/chest-pain')).toBe('yes');
  });

  it('never pre-answers a red-flag question "no" from a denial', () => {
    const r = check('denies chest pain, not breathing hard, no blue lips');
    expect(r.preAnswers.filter((a) => a.protocolId === 'red-flags' && a.answer === 'no')).toEqual([]);
    expect(r.withheld).toContainEqual(expect.objectContaining({ questionId: 'chest-pain', wouldBe: 'no' }));
  });

  it('never pre-answers "no" when a "yes" would mean 911 or the ED now', () => {
    const r = check('no fever');
    expect(answerOf(r, 'fever/young-infant-fever')).toBeUndefined();
    expect(r.withheld).toContainEqual(expect.objectContaining({ questionId: 'young-infant-fever', reason: expect.stringMatching(/911 or the ED/) }));
  });

  it('pre-answers "no" for a clearly absent, non-emergency finding', () => {
    expect(answerOf(check('fever, not pregnant'), 'fever/pregnant-or-postpartum')).toBe('no');
  });

  it('never pre-answers from uncertain findings', () => {
    const r = check('not sure if she is pregnant, maybe a fever, possibly chest pain');
    expect(r.preAnswers).toEqual([]);
  });

  it('answers an "X or Y" question "no" only when every part is denied', () => {
    expect(answerOf(check('fever, no ear pain'), 'fever/pain-pointing-to-a-source')).toBeUndefined();
    expect(answerOf(check('fever, no ear pain or burning when she pees or side pain'), 'fever/pain-pointing-to-a-source')).toBe('no');
  });

  it('answers a duration question only "yes", and only past its threshold', () => {
    expect(answerOf(check('fever for 2 days'), 'fever/fever-over-3-days')).toBeUndefined();
    expect(answerOf(check('fever for 2 weeks'), 'fever/fever-over-3-days')).toBe('yes');
  });

  it('does not pre-answer "no" without the protocol content (urgency unknown)', () => {
    const r = checkSymptoms('not pregnant', lexicon, { installedProtocolIds: INSTALLED });
    expect(r.preAnswers).toEqual([]);
    expect(r.withheld[0]?.reason).toMatch(/urgency is unknown/);
  });

  it('the contract accepts an optional `findings` list on a question, with finding-id syntax', () => {
    const fever = protocols.find((p) => p.id === 'fever')!;
    const withIds = (findings: unknown) => ({ ...fever, questions: fever.questions.map((q, i) => (i === 0 ? { ...q, findings } : q)) });
    expect(Protocol.safeParse(withIds(['fever', 'temperature'])).success).toBe(true);
    expect(Protocol.safeParse(withIds(['Not An Id'])).success).toBe(false);
    expect(Protocol.safeParse(fever).success).toBe(true);
  });

  it('honours a question\'s own `findings` field in protocol content', () => {
    const soreThroat = protocols.find((p) => p.id === 'sore-throat')!;
    const withFindings = { ...soreThroat, questions: soreThroat.questions.map((q) => (q.id === 'signs-of-strep' ? { ...q, findings: ['swollen-glands'] } : q)) };
    const r = checkSymptoms('sore throat and swollen glands', lexicon, { installedProtocolIds: INSTALLED, protocols: [withFindings] });
    expect(answerOf(r, 'sore-throat/signs-of-strep')).toBe('yes');
  });

  it('skips protocols that are not installed', () => {
    expect(check('chest pain', ['fever']).preAnswers).toEqual([]);
  });
});

describe('properties', () => {
  const fragments = ['chest pain', 'no', 'not sure if', 'fever', 'temp', '102', '38.9 C', 'for 3 days', 'since yesterday', 'but', ',', '.', 'SOB', 'n/v', 'HA', 'chset', 'diarrea', "can't", 'catch my breath', '*', '/', "'", '  ', '\n', 'é', '😀', 'a couple of', 'degrees', 'F'];
  const phrase = fc.array(fc.oneof(fc.constantFrom(...fragments), fc.string(), fc.string({ unit: 'grapheme', maxLength: 6 })), { maxLength: 30 }).map((parts) => parts.join(' '));

  it('never throws, and every evidence span indexes into the input text', () => {
    fc.assert(
      fc.property(phrase, (text) => {
        const r = checkSymptoms(text, lexicon, { installedProtocolIds: INSTALLED, protocols });
        const spans = [
          ...r.findings.flatMap((f) => [f.evidence, ...f.mentions.flatMap((m) => (m.cue ? [m.evidence, m.cue] : [m.evidence])), ...(f.duration ? [f.duration] : [])]),
          ...r.redFlags.map((f) => f.evidence),
          ...r.protocols.flatMap((p) => p.because.map((b) => b.evidence)),
          ...r.preAnswers.flatMap((a) => a.evidence),
          ...r.durations,
        ];
        for (const s of spans) {
          expect(s.start).toBeGreaterThanOrEqual(0);
          expect(s.end).toBeLessThanOrEqual(text.length);
          expect(s.start).toBeLessThan(s.end);
          expect(text.slice(s.start, s.end)).toBe(s.text);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('is deterministic, and never pre-answers from uncertain findings or answers a red flag "no"', () => {
    fc.assert(
      fc.property(phrase, (text) => {
        const a = checkSymptoms(text, lexicon, { installedProtocolIds: INSTALLED, protocols });
        expect(checkSymptoms(text, lexicon, { installedProtocolIds: INSTALLED, protocols })).toEqual(a);
        const status = new Map(a.findings.map((f) => [f.id, f.status]));
        for (const p of a.preAnswers) {
          for (const id of p.findingIds) expect(status.get(id)).toBe(p.answer === 'yes' ? 'present' : 'absent');
          if (p.answer === 'no') {
            expect(p.protocolId).not.toBe('red-flags');
            for (const id of p.findingIds) expect(lexicon.findings.get(id)?.redFlag).toBe(false);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
