import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { Protocol } from '../../../../../src-preload/contract';
import { answerProblem, compileInterview, InterviewCompileError, readInterview, restoreInterview, type InterviewInput } from './index';
import { fever, inputOf, redFlags, resolve, runInterview } from './testing/fixtures';

/** A small symptom protocol built on fever's metadata, with the questions given. */
function protocol(id: string, questions: unknown[], extra: Record<string, unknown> = {}): Protocol {
  return Protocol.parse({
    ...fever,
    id,
    title: id,
    questions,
    fallback: { disposition: 'home-care', because: `${id}: nothing found`, careAdviceIds: [] },
    careAdvice: [{ id: 'rest', title: 'Rest', text: 'Rest.' }, { id: 'watch', title: 'Watch', text: 'Watch closely.' }],
    dispositionAdvice: undefined,
    ...extra,
  });
}
const out = (disposition: string | { officeHours: string; afterHours: string }, because = String(disposition)) => ({ disposition, because, careAdviceIds: [] });

const temperature = {
  id: 'temp',
  type: 'number',
  text: 'Highest temperature?',
  unit: '°F',
  min: 90,
  max: 110,
  decimals: 1,
  bands: [{ atLeast: 104, outcome: out('ed-now', 'very high') }, { atLeast: 100.4, outcome: out({ officeHours: 'seen-today', afterHours: 'seen-within-4-hours' }, 'fever') }],
  ifUnknown: out('seen-within-4-hours', 'could not measure'),
};
const onset = { id: 'onset', type: 'single-choice', text: 'How did it start?', options: [{ id: 'sudden', label: 'Suddenly', outcome: out('call-911', 'thunderclap') }, { id: 'gradual', label: 'Gradually' }] };
const symptoms = {
  id: 'symptoms',
  type: 'multi-choice',
  text: 'Which of these?',
  options: [
    { id: 'rash', label: 'Rash', outcome: out('seen-today', 'rash') },
    { id: 'stiff-neck', label: 'Stiff neck', outcome: { disposition: 'ed-now', because: 'stiff neck', careAdviceIds: ['watch'] } },
    { id: 'tired', label: 'Tired' },
  ],
};
const notes = { id: 'notes', type: 'free-text', text: 'Anything else?', maxLength: 200 };
const last = { id: 'last', type: 'yes-no', text: 'Lasted more than 3 days?', onYes: out('seen-within-3-days') };

const adult = inputOf('adult', false);

function current(protocols: readonly Protocol[], actor: ReturnType<typeof runInterview>) {
  return readInterview(protocols, actor.getSnapshot());
}

describe('question types', () => {
  const p = protocol('v2', [onset, temperature, symptoms, notes, last]);
  const protocols = [redFlags, p];
  const machine = compileInterview(protocols);
  const noRedFlags = (input: InterviewInput = adult) => {
    const actor = runInterview(machine, input, []);
    while (current(protocols, actor).current?.protocolId === 'red-flags') actor.send({ type: 'ANSWER', answer: 'no' });
    return actor;
  };

  it('shows what the UI needs to ask: type, options with digit keys, unit and range, maxLength', () => {
    const actor = noRedFlags();
    expect(current(protocols, actor).current).toMatchObject({ type: 'single-choice', options: [{ id: 'sudden', label: 'Suddenly', key: '1' }, { id: 'gradual', label: 'Gradually', key: '2' }], unit: null, maxLength: null });
    actor.send({ type: 'ANSWER', answer: { choice: 'gradual' } });
    expect(current(protocols, actor).current).toMatchObject({ type: 'number', options: [], unit: '°F', min: 90, max: 110, decimals: 1 });
  });

  it('ignores answers of the wrong shape or out of range (state unchanged) and says why', () => {
    const actor = noRedFlags();
    actor.send({ type: 'ANSWER', answer: { choice: 'gradual' } });
    const before = actor.getSnapshot();
    for (const answer of ['yes', { number: 130 }, { number: 101.25 }, { choice: 'gradual' }] as const) {
      actor.send({ type: 'ANSWER', answer });
      expect(actor.getSnapshot().value).toBe(before.value);
      expect(actor.getSnapshot().context).toEqual(before.context);
    }
    expect(answerProblem(protocols, actor.getSnapshot(), { number: 130 })).toBe('130 is outside 90.0–110.0 °F; check the value and its unit.');
    expect(answerProblem(protocols, actor.getSnapshot(), { number: 101.5 })).toBeNull();
    expect(answerProblem(protocols, actor.getSnapshot(), 'unknown')).toBeNull();
  });

  it('a choice with an outcome decides; the reason quotes the option', () => {
    const actor = noRedFlags();
    actor.send({ type: 'ANSWER', answer: { choice: 'sudden' } });
    const v = current(protocols, actor);
    expect(v.disposition?.id).toBe('call-911');
    expect(v.disposition?.because).toBe("'Suddenly' to 'How did it start?' · thunderclap");
    expect(v.answers.at(-1)).toMatchObject({ answer: 'value', type: 'single-choice', value: { choices: [{ id: 'sudden', label: 'Suddenly' }] }, display: 'Suddenly' });
  });

  it.each([
    [104, 'ed-now', 'band:0'],
    [100.4, 'seen-today', 'band:1'],
  ])('number bands are checked in order, first match decides (%s °F -> %s)', (n, dispo, reachedBy) => {
    const actor = noRedFlags();
    actor.send({ type: 'ANSWER', answer: { choice: 'gradual' } });
    actor.send({ type: 'ANSWER', answer: { number: n } });
    expect(actor.getSnapshot().context.decision).toMatchObject({ disposition: dispo, reachedBy });
    expect(current(protocols, actor).answers.at(-1)).toMatchObject({ answer: 'value', value: { number: n, unit: '°F' } });
  });

  it("'unknown' decides only where ifUnknown says so; a number below every band moves on", () => {
    const a = noRedFlags();
    a.send({ type: 'ANSWER', answer: { choice: 'gradual' } });
    a.send({ type: 'ANSWER', answer: 'unknown' });
    expect(a.getSnapshot().context.decision).toMatchObject({ disposition: 'seen-within-4-hours', reachedBy: 'unknown' });
    expect(current(protocols, a).disposition?.because).toContain("'Caller did not know' to 'Highest temperature?'");
    const b = noRedFlags();
    b.send({ type: 'ANSWER', answer: 'unknown' }); // onset unknown: no ifUnknown, moves on
    b.send({ type: 'ANSWER', answer: { number: 99 } });
    expect(current(protocols, b).current?.questionId).toBe('symptoms');
  });

  it('multi-choice: none moves on; several decide with the most urgent, and its care advice', () => {
    const toSymptoms = () => {
      const actor = noRedFlags();
      actor.send({ type: 'ANSWER', answer: { choice: 'gradual' } });
      actor.send({ type: 'ANSWER', answer: { number: 99 } });
      return actor;
    };
    const none = toSymptoms();
    none.send({ type: 'ANSWER', answer: { choices: [] } });
    expect(current(protocols, none).current?.questionId).toBe('notes');
    const several = toSymptoms();
    several.send({ type: 'ANSWER', answer: { choices: ['rash', 'stiff-neck', 'tired'] } });
    const v = current(protocols, several);
    expect(v.decision).toMatchObject({ disposition: 'ed-now', reachedBy: 'option:stiff-neck' });
    expect(v.careAdvice.map((a) => a.id)).toEqual(['watch']);
    expect(v.answers.at(-1)?.display).toBe('Rash, Stiff neck, Tired');
  });

  it('free text never decides; the all-no path ends in the fallback', () => {
    const actor = noRedFlags();
    actor.send({ type: 'ANSWER', answer: { choice: 'gradual' } });
    actor.send({ type: 'ANSWER', answer: { number: 99 } });
    actor.send({ type: 'ANSWER', answer: { choices: ['tired'] } });
    actor.send({ type: 'ANSWER', answer: { text: 'Started after a long run' } });
    actor.send({ type: 'ANSWER', answer: 'no' });
    const v = current(protocols, actor);
    expect(v.decision).toMatchObject({ protocolId: 'v2', questionId: null, disposition: 'home-care', reachedBy: 'fallback' });
    expect(v.answers.find((a) => a.questionId === 'notes')).toMatchObject({ type: 'free-text', value: { text: 'Started after a long run' }, display: 'Started after a long run' });
  });

  it('dispositionAdvice adds advice tied to the disposition reached', () => {
    const withAdvice = protocol('v2', [onset, temperature, symptoms, notes, last], { dispositionAdvice: { 'home-care': ['rest'] } });
    const ps = [redFlags, withAdvice];
    const actor = runInterview(compileInterview(ps), adult, []);
    while (actor.getSnapshot().hasTag('question')) {
      const q = current(ps, actor).current!;
      actor.send({ type: 'ANSWER', answer: q.type === 'yes-no' ? 'no' : 'unknown' });
    }
    expect(current(ps, actor).careAdvice.map((a) => a.id)).toEqual([]); // temperature unknown decided first
    const b = runInterview(compileInterview(ps), adult, []);
    while (b.getSnapshot().hasTag('question')) {
      const q = current(ps, b).current!;
      b.send({ type: 'ANSWER', answer: q.type === 'yes-no' ? 'no' : q.type === 'number' ? { number: 98.6 } : q.type === 'multi-choice' ? { choices: [] } : 'unknown' });
    }
    expect(current(ps, b).careAdvice.map((a) => a.id)).toEqual(['rest']);
  });
});

describe('conditions', () => {
  const gated = (enableWhen: unknown[]) => protocol('gated', [{ id: 'gate', type: 'yes-no', text: 'Gate?', enableWhen, onYes: out('seen-today') }, last]);
  const asked = (enableWhen: unknown[], input: InterviewInput) => {
    const ps = [gated(enableWhen)];
    const actor = createActor(compileInterview(ps), { input });
    actor.start();
    return actor.getSnapshot().value === 'gated/gate';
  };

  it.each([
    [{ type: 'ageMonths', params: { atLeast: 6, below: 24 } }, { ageMonths: 6 }, { ageMonths: 24 }],
    [{ type: 'pregnancy', params: { in: ['pregnant'] } }, { pregnancy: 'pregnant' }, { pregnancy: 'not-pregnant' }],
    [{ type: 'state', params: { in: ['NY', 'NJ'] } }, { state: 'ny' }, { state: 'CA' }],
    [{ type: 'zip', params: { prefixes: ['100', '112'] } }, { zip: '11201' }, { zip: '20001' }],
    [{ type: 'timeOfDay', params: { from: '22:00', to: '06:00' } }, { localTime: '23:30' }, { localTime: '12:00' }],
    [{ type: 'timeOfDay', params: { from: '22:00', to: '06:00' } }, { localTime: '05:59' }, { localTime: '06:00' }],
    [{ type: 'callerRole', params: { in: ['parent', 'caregiver'] } }, { callerRole: 'parent' }, { callerRole: 'self' }],
  ] as const)('%j holds for %j, not for %j, and holds when the input is unknown', (condition, yes, no) => {
    expect(asked([condition], inputOf('child', false, 'female', yes as Partial<InterviewInput>))).toBe(true);
    expect(asked([condition], inputOf('child', false, 'female', no as Partial<InterviewInput>))).toBe(false);
    if (condition.type !== 'callerRole') expect(asked([condition], inputOf('child', false))).toBe(true);
  });

  it('choice and number conditions read earlier answers (unknown holds)', () => {
    const p = protocol('branch', [
      onset,
      { ...temperature, bands: [], ifUnknown: undefined },
      { id: 'after-gradual', type: 'yes-no', text: 'G?', enableWhen: [{ type: 'choice', params: { questionId: 'onset', in: ['gradual'] } }], onYes: out('seen-today') },
      { id: 'if-hot', type: 'yes-no', text: 'H?', enableWhen: [{ type: 'number', params: { questionId: 'temp', atLeast: 100.4 } }], onYes: out('seen-today') },
      last,
    ]);
    const machine = compileInterview([p]);
    const path = (answers: Parameters<typeof runInterview>[2]) => runInterview(machine, adult, answers).getSnapshot().value;
    expect(path([{ choice: 'gradual' }, { number: 101 }])).toBe('branch/after-gradual');
    expect(path([{ choice: 'gradual' }, { number: 99 }, 'no'])).toBe('branch/last');
    expect(path(['unknown', 'unknown'])).toBe('branch/after-gradual');
    expect(path(['unknown', 'unknown', 'no'])).toBe('branch/if-hot');
  });

  it('the schema refuses conditions on questions that are not earlier or not of the right type', () => {
    const bad = (enableWhen: unknown[]) => Protocol.safeParse({ ...fever, questions: [onset, { id: 'x', type: 'yes-no', text: 'X?', enableWhen, onYes: out('seen-today') }] }).error?.issues.map((i) => i.message);
    expect(bad([{ type: 'choice', params: { questionId: 'onset', in: ['nope'] } }])).toEqual(['onset has no option nope']);
    expect(bad([{ type: 'number', params: { questionId: 'onset', atLeast: 1 } }])).toEqual(["'number' needs a number question; onset is single-choice"]);
    expect(bad([{ type: 'choice', params: { questionId: 'later', in: ['a'] } }])).toEqual(['refers to later, which is not asked before it']);
    expect(bad([{ type: 'timeOfDay', params: { from: '25:00', to: '06:00' } }])).toEqual(['expected a 24-hour time HH:MM']);
  });
});

describe('links', () => {
  const chest = protocol('chest', [{ id: 'crushing', type: 'yes-no', text: 'Crushing pain?', onYes: out('call-911', 'heart attack pattern') }, last], {
    audience: { ageBands: ['adolescent', 'adult', 'older-adult'], label: 'Adolescents and adults' },
  });
  const linking = protocol('cough', [
    { id: 'chest-pain', type: 'yes-no', text: 'Chest pain with the cough?', onYes: { goTo: 'chest', because: 'chest pain is the main problem', atLeast: 'seen-today' } },
    last,
  ]);
  const library = [redFlags, chest, linking];
  const find = (id: string) => library.find((p) => p.id === id);

  it('are resolved at compile time; a link continues with the linked protocol and its floor counts', () => {
    const ps = [linking];
    const machine = compileInterview(ps, { resolve: find });
    const actor = runInterview(machine, adult, ['yes']);
    expect(actor.getSnapshot().value).toBe('chest/crushing');
    actor.send({ type: 'ANSWER', answer: 'no' });
    actor.send({ type: 'ANSWER', answer: 'no' });
    const v = readInterview(ps, actor.getSnapshot());
    // The linked protocol's fallback is home care; the link's floor raises it.
    expect(v.decision).toMatchObject({ protocolId: 'chest', questionId: null, disposition: 'seen-today' });
    expect(v.disposition?.because).toMatch(/^Yes to 'Chest pain with the cough\?' → chest: chest pain is the main problem · No to all 3 questions asked/);
    actor.send({ type: 'BACK' });
    actor.send({ type: 'BACK' });
    actor.send({ type: 'BACK' });
    expect(actor.getSnapshot().value).toBe('cough/chest-pain');
    expect(actor.getSnapshot().context.links).toEqual([]);
  });

  it('escalate instead of following a link to a protocol not written for the patient', () => {
    const actor = runInterview(compileInterview([linking], { resolve: find }), inputOf('child', true), ['yes']);
    const v = readInterview([linking], actor.getSnapshot());
    expect(v.decision).toMatchObject({ disposition: 'seen-within-4-hours', reachedBy: 'link-audience:chest' });
    expect(v.disposition?.because).toMatch(/chest is not written for age band child .* so it was not followed; escalated/);
  });

  it('refuse missing targets, links to red-flag screens and cycles with a message for the author', () => {
    expect(() => compileInterview([linking])).toThrow(new InterviewCompileError("cough/chest-pain links to 'chest', which is not installed"));
    const toRedFlags = protocol('a', [{ id: 'q', type: 'yes-no', text: 'Q?', onYes: { goTo: 'red-flags', because: 'x' } }]);
    expect(() => compileInterview([toRedFlags], { resolve: find })).toThrow(/links to red-flag screen 'red-flags'/);
    const a = protocol('a', [{ id: 'q', type: 'yes-no', text: 'Q?', onYes: { goTo: 'b', because: 'x' } }]);
    const b = protocol('b', [{ id: 'q', type: 'yes-no', text: 'Q?', onYes: { goTo: 'a', because: 'x' } }]);
    expect(() => compileInterview([a], { resolve: (id) => (id === 'b' ? b : undefined) })).toThrow('cyclic link: a -> b -> a');
    expect(Protocol.safeParse({ ...a, questions: [{ id: 'q', type: 'yes-no', text: 'Q?', onYes: { goTo: 'a', because: 'x' } }] }).error?.issues[0]?.message).toBe('links to its own protocol a');
  });

  it('may jump forward to a protocol of the list, never back to one asked before', () => {
    expect(() => compileInterview([redFlags, chest, linking], { resolve: find })).toThrow("cough/chest-pain links to 'chest', which this interview already asks before it");
    const forward = compileInterview([redFlags, linking, chest], { resolve: find });
    const actor = runInterview(forward, adult, []);
    while (String(actor.getSnapshot().value).startsWith('red-flags/')) actor.send({ type: 'ANSWER', answer: 'no' });
    actor.send({ type: 'ANSWER', answer: 'yes' });
    expect(actor.getSnapshot().value).toBe('chest/crushing');
  });

  it('the installed vomiting protocol links to abdominal pain', () => {
    const vomiting = resolve('vomiting')!;
    const machine = compileInterview([redFlags, vomiting], { resolve });
    expect(Object.keys(machine.config.states ?? {})).toContain('abdominal-pain/severe-constant-pain');
  });
});

describe('snapshots', () => {
  it('a v1 persisted snapshot (no v2 input fields, links or reachedBy) still restores', () => {
    const ps = [redFlags, fever];
    const machine = compileInterview(ps);
    const actor = runInterview(machine, inputOf('adult', false), ['no', 'no']);
    const stored = JSON.parse(JSON.stringify(actor.getPersistedSnapshot())) as { context: Record<string, unknown> };
    for (const key of ['ageMonths', 'pregnancy', 'state', 'zip', 'localTime', 'callerRole', 'locationSource', 'links']) delete stored.context[key];
    const restored = restoreInterview(ps, stored, machine);
    expect(restored.ok).toBe(true);
  });

  it('v2 inputs and answer values survive a restore', () => {
    const p = protocol('v2', [onset, temperature, symptoms, notes, last]);
    const machine = compileInterview([p]);
    const input = inputOf('adult', true, 'female', { ageMonths: 400, pregnancy: 'pregnant', state: 'NY', zip: '10001', locationSource: 'caller', localTime: '22:15', callerRole: 'caregiver' });
    const actor = runInterview(machine, input, [{ choice: 'gradual' }, { number: 99.5 }, { choices: ['tired'] }, { text: 'ok' }]);
    const restored = restoreInterview([p], JSON.parse(JSON.stringify(actor.getPersistedSnapshot())), machine);
    if (!restored.ok) throw new Error(restored.reason);
    const resumed = createActor(machine, { snapshot: restored.snapshot, input });
    resumed.start();
    expect(readInterview([p], resumed.getSnapshot())).toEqual(readInterview([p], actor.getSnapshot()));
    expect(resumed.getSnapshot().context).toMatchObject({ pregnancy: 'pregnant', state: 'NY', locationSource: 'caller', callerRole: 'caregiver' });
  });
});
