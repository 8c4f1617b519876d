import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runHeadlessTriage, type HeadlessTriageRequest, type HeadlessTriageResult, type TriagedResult, type TriageContent } from './headlessTriage';
import { loadTriageContent } from './loadTriageContent';

const content = loadTriageContent(resolve(__dirname, '../../resources'));
const MONDAY_OFFICE = '2026-11-23T10:15';
const SUNDAY_NIGHT = '2026-11-22T22:30';

function triage(request: Partial<HeadlessTriageRequest> & Pick<HeadlessTriageRequest, 'say'>, with_: TriageContent = content): HeadlessTriageResult {
  return runHeadlessTriage({ age: { years: 30 }, sex: 'female', at: MONDAY_OFFICE, ...request }, with_);
}

function triaged(result: HeadlessTriageResult): TriagedResult {
  if (result.outcome !== 'triaged') throw new Error(`expected a triage, got ${JSON.stringify(result)}`);
  return result;
}

const question = (r: TriagedResult, key: string) => r.questions.find((q) => q.key === key);

describe('runHeadlessTriage', () => {
  it('answers from the caller\'s words, then the default "no", and says where each answer came from', () => {
    const r = triaged(triage({ say: 'fever for 4 days' }));
    expect(r.protocol.id).toBe('fever');
    expect(r.interview.map((p) => p.id)).toEqual(['red-flags', 'fever']);
    expect(question(r, 'fever/fever-over-3-days')).toMatchObject({ answer: 'yes', source: 'callers-words' });
    expect(question(r, 'fever/fever-over-3-days')?.note).toBe('from caller\'s words: "fever"');
    expect(question(r, 'red-flags/not-breathing')).toMatchObject({ answer: 'no', source: 'default' });
    expect(question(r, 'red-flags/infant-limp')).toMatchObject({ answer: 'not-asked', source: null });
    expect(r.disposition).toMatchObject({ id: 'seen-today', label: 'Be seen today' });
    expect(r.disposition.because).toContain('office hours');
    expect(r.careAdvice.length).toBeGreaterThan(0);
  });

  it('lets the answers file win over the words, by full key or by a unique question id', () => {
    const full = triaged(triage({ say: 'fever for 4 days', answers: { 'fever/fever-over-3-days': 'no' } }));
    expect(question(full, 'fever/fever-over-3-days')).toMatchObject({ answer: 'no', source: 'answers-file' });
    expect(full.disposition.id).toBe('home-care');
    const plain = triaged(triage({ say: 'fever', answers: { 'weak-immune-system': 'yes' } }));
    expect(question(plain, 'fever/weak-immune-system')).toMatchObject({ answer: 'yes', source: 'answers-file' });
    expect(plain.disposition.id).toBe('ed-now');
  });

  it('answers a red-flag question "yes" when the words raise it uncertain, since nobody can ask', () => {
    const r = triaged(triage({ age: { years: 58 }, sex: 'male', say: 'headache, not sure if her face is drooping' }));
    expect(question(r, 'red-flags/stroke-signs')).toMatchObject({ answer: 'yes', source: 'callers-words' });
    expect(question(r, 'red-flags/stroke-signs')?.note).toMatch(/uncertain red flag.*headless/);
    expect(r.redFlags).toEqual([expect.objectContaining({ findingId: 'stroke-signs', status: 'uncertain', questions: ['red-flags/stroke-signs'] })]);
    expect(r.disposition.id).toBe('call-911');
  });

  it('takes afterHours from the service line hours at the site-local time', () => {
    const office = triaged(triage({ say: 'fever for 4 days' }));
    const night = triaged(triage({ say: 'fever for 4 days', at: SUNDAY_NIGHT }));
    expect(office.time).toMatchObject({ local: MONDAY_OFFICE, afterHours: false, instant: '2026-11-23T15:15:00.000Z' });
    expect(night.time).toMatchObject({ local: SUNDAY_NIGHT, afterHours: true });
    expect(night.time.hoursBecause).toContain('no hours on Sun');
    expect(night.disposition.id).toBe('seen-today-or-tomorrow');
    expect(night.disposition.because).toContain('after hours');
  });

  it('accepts an instant for "now" and reports it as site-local time', () => {
    const r = triaged(triage({ say: 'cough', at: new Date('2026-11-23T15:15:00Z') }));
    expect(r.time.local).toBe(MONDAY_OFFICE);
  });

  it('picks the pediatric line under 18 and the adult line otherwise, unless --line says', () => {
    expect(triaged(triage({ age: { years: 17 }, say: 'cough' })).serviceLine.id).toBe('pediatrics');
    expect(triaged(triage({ age: { years: 18 }, say: 'cough' })).serviceLine.id).toBe('adult-primary-care');
    expect(triaged(triage({ say: 'cough', lineId: 'after-hours-nurse' })).serviceLine.id).toBe('after-hours-nurse');
    expect(triage({ say: 'cough', lineId: 'nope' })).toEqual({ outcome: 'invalid-request', problems: [expect.stringContaining('unknown service line "nope"')] });
  });

  it('takes ages in months: a 2-month-old with a fever goes to the ED now', () => {
    const r = triaged(triage({ age: { months: 2 }, say: 'temp 38.2' }));
    expect(r.patient).toMatchObject({ ageBand: 'infant-under-3-months', ageMonths: 2, ageYears: 0 });
    expect(r.passThrough).toMatchObject({ ageMonths: 2, localTime: MONDAY_OFFICE });
    expect(question(r, 'fever/young-infant-fever')).toMatchObject({ answer: 'yes', source: 'callers-words' });
    expect(r.disposition.id).toBe('ed-now');
  });

  it('keeps the zip code and its state, and refuses a zip that is not 5 digits', () => {
    const r = triaged(triage({ say: 'cough', zip: '10001' }));
    expect(r.location).toEqual({ zip: '10001', state: 'NY' });
    expect(r.passThrough).toMatchObject({ zip: '10001', state: 'NY' });
    expect(triage({ say: 'cough', zip: '1000' })).toMatchObject({ outcome: 'invalid-request', problems: [expect.stringContaining('5 digits')] });
  });

  it('says so when no protocol matches, and still shows red flags raised', () => {
    const none = triage({ say: 'my cat is fine' });
    expect(none).toMatchObject({ outcome: 'no-protocol', findings: [], redFlags: [] });
    // Without the protocols an overdose goes to (poisoning, medication question, mental health crisis), nothing matches, yet the red flag shows.
    const withoutOverdoseProtocols: TriageContent = { ...content, protocols: content.protocols.filter((p) => !['poisoning', 'medication-question', 'mental-health-crisis'].includes(p.id)) };
    expect(triaged(triage({ say: 'he took too many pills' })).protocol.id).toBe('poisoning');
    const flagged = triage({ say: 'he took too many pills' }, withoutOverdoseProtocols);
    expect(flagged.outcome).toBe('no-protocol');
    if (flagged.outcome !== 'no-protocol') return;
    expect(flagged.redFlags.map((f) => f.findingId)).toEqual(['overdose']);
    expect(flagged.message).toMatch(/Red flags were raised.*escalate to a nurse now/);
  });

  it('ranks only protocols written for the patient\'s age band', () => {
    const adultFeverOnly: TriageContent = {
      ...content,
      protocols: content.protocols.map((p) => (p.id === 'fever' ? { ...p, audience: { ageBands: ['adult'], label: 'Adults' } } : p)),
    };
    expect(triaged(triage({ say: 'fever' }, adultFeverOnly)).protocol.id).toBe('fever');
    const baby = triaged(triage({ age: { months: 5 }, say: 'fever' }, adultFeverOnly));
    expect(baby.protocol.id).not.toBe('fever');
    expect(triaged(triage({ age: { months: 5 }, say: 'fever' })).protocol.id).toBe('fever');
  });

  it('refuses unknown or badly answered questions in the answers file, naming them', () => {
    const r = triage({ say: 'fever', answers: { 'fever/nope': 'yes', typo: 'no', 'fever/weak-immune-system': true } });
    expect(r.outcome).toBe('invalid-request');
    if (r.outcome !== 'invalid-request') return;
    expect(r.problems).toEqual([
      'unknown question "fever/nope": no installed protocol asks it',
      'unknown question "typo": no installed protocol asks it',
      'answer for "fever/weak-immune-system" must be "yes", "no", "unknown", an option id, a list of option ids, a number or text, not true',
    ]);
    // A value of the right kind that does not fit its question is refused by the engine when the question is reached.
    const maybe = triage({ say: 'fever', answers: { 'fever/weak-immune-system': 'maybe' } });
    expect(maybe.outcome).toBe('invalid-request');
    if (maybe.outcome !== 'invalid-request') return;
    expect(maybe.problems).toHaveLength(1);
    expect(maybe.problems[0]).toMatch(/^answer refused: fever\/weak-immune-system: .*yes.*no.* \(from the answers file\)$/);
  });

  it('warns about answers for a protocol that was not chosen instead of using them', () => {
    const r = triaged(triage({ say: 'fever', answers: { 'chest-pain/heartburn-pattern': 'yes' } }));
    expect(r.warnings).toEqual(['answers not used (they belong to a protocol not chosen here): chest-pain/heartburn-pattern']);
  });

  it('refuses bad ages, times and empty words with messages to act on', () => {
    const r = runHeadlessTriage({ age: { years: 200 }, sex: 'male', say: ' ', at: '2026-13-01T10:00' }, content);
    expect(r).toEqual({
      outcome: 'invalid-request',
      problems: ['--age must be a whole number from 0 to 130, not 200', '--at 2026-13-01T10:00 is not a real date and time', '--say needs the words the caller used'],
    });
  });

  it('is deterministic', () => {
    const request = { say: 'chset pain and sweaty, not sure if he passed out', age: { years: 64 }, sex: 'male', at: SUNDAY_NIGHT, zip: '60614' } as const;
    expect(triage(request)).toEqual(triage(request));
  });
});
