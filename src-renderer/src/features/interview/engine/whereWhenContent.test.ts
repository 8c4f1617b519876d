import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { Protocol } from '../../../../../src-preload/contract';
import { compileInterview, readInterview, type InterviewInput } from './index';
import { fever, inputOf, library, redFlags } from './testing/fixtures';

// The demonstration content that branches on where the patient is and on the time at the site, driven through
// the engine the UI runs: each branch is taken, skipped (charted "not asked"), and asked when the input is unknown.
const byId = (id: string) => {
  const p = library.find((x) => x.id === id);
  if (!p) throw new Error(`${id} is not installed`);
  return p;
};
const bites = [redFlags, byId('bites-stings')];
const medication = [redFlags, byId('medication-question')];
const poisoning = [redFlags, byId('poisoning')];

/** Answers no until `questionId` is asked (or the interview ends); returns the actor and whether it was asked. */
function runTo(protocols: typeof bites, input: InterviewInput, questionId: string) {
  const actor = createActor(compileInterview(protocols), { input });
  actor.start();
  for (let i = 0; i < 60; i += 1) {
    const view = readInterview(protocols, actor.getSnapshot());
    if (view.status !== 'asking') break;
    if (view.current?.questionId === questionId) return { actor, asked: true };
    actor.send({ type: 'ANSWER', answer: 'no' });
  }
  return { actor, asked: false };
}

function notAsked(protocols: typeof bites, input: InterviewInput, questionId: string): boolean {
  const { actor, asked } = runTo(protocols, input, questionId);
  const answers = readInterview(protocols, actor.getSnapshot()).answers;
  return !asked && answers.some((a) => a.questionId === questionId && a.answer === 'not-asked');
}

describe('location: the Lyme tick-bite question (bites-stings)', () => {
  const TICK = 'tick-attached-where-lyme-is-common';

  it('is asked where Lyme disease is common and decides by the site hours', () => {
    const office = runTo(bites, inputOf('adult', false, 'male', { state: 'CT', zip: '06103', locationSource: 'caller' }), TICK);
    expect(office.asked).toBe(true);
    office.actor.send({ type: 'ANSWER', answer: 'yes' });
    const view = readInterview(bites, office.actor.getSnapshot());
    expect(view.disposition?.id).toBe('seen-today');
    expect(view.disposition?.because).toMatch(/72 hours of removing the tick/);
    expect(view.careAdvice.map((a) => a.id)).toEqual(['lyme-prevention', 'call-back']);

    const night = runTo(bites, inputOf('adult', true, 'male', { state: 'NY' }), TICK);
    night.actor.send({ type: 'ANSWER', answer: 'yes' });
    expect(readInterview(bites, night.actor.getSnapshot()).disposition?.id).toBe('seen-today-or-tomorrow');
  });

  it('is skipped, and charted as not asked, where Lyme disease is uncommon', () => {
    expect(notAsked(bites, inputOf('adult', false, 'male', { state: 'CA', zip: '94110', locationSource: 'chart' }), TICK)).toBe(true);
    expect(notAsked(bites, inputOf('child', false, 'female', { state: 'IL' }), TICK)).toBe(true);
  });

  it('is asked when the location is unknown (the safe side)', () => {
    expect(runTo(bites, inputOf('adult', false), TICK).asked).toBe(true);
    expect(runTo(bites, inputOf('adult', false, 'female', { state: null, zip: null }), TICK).asked).toBe(true);
  });
});

describe('time of day: a must-not-miss dose due overnight (medication-question)', () => {
  const OVERNIGHT = 'must-not-miss-dose-due-overnight';

  it('is asked from 22:00 to 07:00 at the site and sends the patient for the dose tonight', () => {
    for (const localTime of ['22:00', '23:30', '00:00', '06:59']) {
      expect(runTo(medication, inputOf('adult', true, 'female', { localTime }), OVERNIGHT).asked, localTime).toBe(true);
    }
    const { actor } = runTo(medication, inputOf('older-adult', true, 'male', { localTime: '23:40' }), OVERNIGHT);
    actor.send({ type: 'ANSWER', answer: 'yes' });
    const view = readInterview(medication, actor.getSnapshot());
    expect(view.disposition?.id).toBe('seen-within-4-hours');
    expect(view.disposition?.because).toMatch(/^Yes to 'Is a dose of a medicine that must not be missed/);
    expect(view.careAdvice.map((a) => a.id)).toEqual(['overnight-supply', 'call-back']);
  });

  it('is skipped in the daytime, when the pharmacy and the prescriber can arrange the supply', () => {
    for (const localTime of ['07:00', '12:00', '21:59']) {
      expect(notAsked(medication, inputOf('adult', false, 'female', { localTime }), OVERNIGHT), localTime).toBe(true);
    }
  });

  it('is asked when the site time is unknown (a draft saved before the time was passed)', () => {
    expect(runTo(medication, inputOf('adult', false), OVERNIGHT).asked).toBe(true);
  });
});

describe('care advice chosen by age band', () => {
  function fallbackAdvice(ageBand: InterviewInput['ageBand']): string[] {
    const protocols = [redFlags, fever];
    const actor = createActor(compileInterview(protocols), { input: inputOf(ageBand, false, 'male') });
    actor.start();
    while (actor.getSnapshot().hasTag('question')) actor.send({ type: 'ANSWER', answer: 'no' });
    return readInterview(protocols, actor.getSnapshot()).careAdvice.map((a) => a.id);
  }

  it('an adult gets the adult fever medicine advice, never the one written for babies and children', () => {
    expect(fallbackAdvice('adult')).toEqual(['fluids', 'fever-medicine-adults', 'comfort', 'call-back']);
    expect(fallbackAdvice('older-adult')).toContain('fever-medicine-adults');
  });

  it('a child or a teen gets the advice dosed for their age, not the adult one', () => {
    expect(fallbackAdvice('child')).toEqual(['fluids', 'fever-medicine-children', 'comfort', 'call-back']);
    expect(fallbackAdvice('adolescent')).not.toContain('fever-medicine-adults');
  });

  it('every installed block limited to some bands is shown to exactly those bands', () => {
    const limited = library.flatMap((p) => p.careAdvice.filter((a) => a.ageBands).map((a) => ({ protocol: p.id, ...a })));
    expect(limited.length).toBeGreaterThanOrEqual(8);
    // Wherever a protocol offers band-specific advice, every band it is written for gets one version of it.
    for (const p of library) {
      const groups = new Map<string, string[]>();
      for (const a of p.careAdvice) {
        if (!a.ageBands) continue;
        const base = a.id.replace(/-(children|adults)$/, '');
        groups.set(base, [...(groups.get(base) ?? []), ...a.ageBands]);
      }
      for (const [base, bands] of groups) expect([...bands].sort(), `${p.id}/${base}`).toEqual([...p.audience.ageBands].sort());
    }
  });
});

describe('local care advice (onlyWhen): the NYC Poison Center', () => {
  function poisonAdvice(extra: Partial<InterviewInput>): string[] {
    const actor = createActor(compileInterview(poisoning), { input: inputOf('child', false, 'male', extra) });
    actor.start();
    while (actor.getSnapshot().hasTag('question')) actor.send({ type: 'ANSWER', answer: 'no' });
    const view = readInterview(poisoning, actor.getSnapshot());
    expect(view.disposition?.id).toBe('poison-control');
    return view.careAdvice.map((a) => a.id);
  }

  it('is offered with the national number when the patient is known to be in New York City', () => {
    expect(poisonAdvice({ state: 'NY', zip: '10001', locationSource: 'chart' })).toEqual(['poison-control-call', 'nyc-poison-center', 'first-aid', 'prevention']);
    expect(poisonAdvice({ zip: '11372' })).toContain('nyc-poison-center');
  });

  it('is not offered elsewhere, nor on a guess when the location is unknown: the national number covers everyone', () => {
    for (const where of [{ state: 'NY', zip: '13202' }, { state: 'CA', zip: '94110' }, { state: 'NY', zip: null }, {}]) {
      const advice = poisonAdvice(where);
      expect(advice, JSON.stringify(where)).not.toContain('nyc-poison-center');
      expect(advice).toContain('poison-control-call');
    }
  });

  it('only the setting of the call may limit advice, never an answer', () => {
    const withAdvice = (onlyWhen: unknown) =>
      Protocol.safeParse({ ...byId('poisoning'), careAdvice: [...byId('poisoning').careAdvice, { id: 'x', title: 't', text: 't', onlyWhen }] }).success;
    expect(withAdvice([{ type: 'state', params: { in: ['NY'] } }])).toBe(true);
    expect(withAdvice([{ type: 'answered', params: { questionId: 'severe-signs', is: false } }])).toBe(false);
  });
});
